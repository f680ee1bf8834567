/**
 * The project's error vocabulary: one code list, one base class, one diagnostic format.
 *
 * Loaders never throw for a user's mistake: they return `{ value, diagnostics }` and only the CLI or a
 * test boundary turns diagnostics into an exit code (STYLE.md §3). The classes exist for callers that
 * want to stop at the first bad input (e.g. a suite that cannot run without specs).
 *
 * @see ../shared/STYLE.md §3 "Error messages"
 */

/** Every error code, SCREAMING_SNAKE with an area prefix (STYLE.md §2). */
export const ErrorCodes = {
  /** The file is not well-formed YAML (includes duplicate keys). */
  SPEC_YAML_SYNTAX: 'SPEC_YAML_SYNTAX',
  /** The file violates specs/spec.schema.json (wrong type, missing key, bad enum value…). */
  SPEC_SCHEMA: 'SPEC_SCHEMA',
  /** A key the meta-schema does not know (usually a typo). */
  SPEC_UNKNOWN_KEY: 'SPEC_UNKNOWN_KEY',
  /** A `$ref` names a file or a definition that does not exist. */
  SPEC_DANGLING_REF: 'SPEC_DANGLING_REF',
  /** A chain of `$ref`s leads back to itself. */
  SPEC_REF_CYCLE: 'SPEC_REF_CYCLE',
  /** Two constraints (across all specs) have the same id. */
  SPEC_DUPLICATE_ID: 'SPEC_DUPLICATE_ID',
  /** An `erratum:` key names an erratum defined neither in the same spec nor in a shared file. */
  SPEC_DANGLING_ERRATUM: 'SPEC_DANGLING_ERRATUM',
  /** An example's `file` does not exist. */
  SPEC_MISSING_EXAMPLE: 'SPEC_MISSING_EXAMPLE',
  /** An example file exists but is not JSON. */
  SPEC_BAD_EXAMPLE: 'SPEC_BAD_EXAMPLE',
  /** `charset.allowed` or `format.pattern` does not compile as a unicode-mode JS regex. */
  SPEC_BAD_REGEX: 'SPEC_BAD_REGEX',
  /** The spec folder (or a file in it) cannot be read. */
  SPEC_IO: 'SPEC_IO',
  /** A profile file (profiles/<name>.yaml) has a bad key, value or an unknown constraint id. */
  PROFILE_BAD_KEY: 'PROFILE_BAD_KEY',
  /** A target config key is unknown or has a bad value. */
  TARGET_BAD_KEY: 'TARGET_BAD_KEY',
  /** The target endpoint does not answer. */
  TARGET_UNREACHABLE: 'TARGET_UNREACHABLE',
  /** A creating request was about to go out without permission (`--allow-create`, `--max-creates`). */
  RUN_CREATE_REFUSED: 'RUN_CREATE_REFUSED',
  /** The last line of a records file is cut off (a worker died mid-write); the line is skipped. */
  REPORT_TORN_LINE: 'REPORT_TORN_LINE',
  /** A records line is not JSON or not a CaseRecord; the line is skipped. */
  REPORT_BAD_RECORD: 'REPORT_BAD_RECORD',
  /** The records folder is missing or holds no `.jsonl` file. */
  REPORT_NO_RECORDS: 'REPORT_NO_RECORDS',
  /** There is no baseline file (the first run): every constraint counts as new. */
  REPORT_BASELINE_MISSING: 'REPORT_BASELINE_MISSING',
  /** The baseline was written by a run whose target was unusable: it says nothing about the documents. */
  REPORT_BASELINE_UNUSABLE: 'REPORT_BASELINE_UNUSABLE',
  /** The baseline file cannot be read, is not JSON, or is not a compliance report. */
  REPORT_BASELINE_INVALID: 'REPORT_BASELINE_INVALID',
  /** The --history folder is missing or holds no `.json` file: compliance.html draws no trend. */
  REPORT_NO_HISTORY: 'REPORT_NO_HISTORY',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * The CLI's exit codes (README "Exit codes"; STYLE.md §3 item 6). A target that cannot be used is not a verdict on
 * the documents (DESIGN.md "Verdicts": "the run says so and exits with its own code").
 */
export const ExitCodes = {
  /** Every checked constraint passes (or the command did what it was asked). */
  OK: 0,
  /** Checks failed (with `--fail-on new`: a constraint newly failing); cleanup left resources; a mutant survived. */
  FAILED: 1,
  /** Usage or configuration error: bad flag, target, profile, baseline or spec. */
  USAGE: 2,
  /** The target is unusable (unreachable, credentials refused, stopped answering): no verdict on the documents. */
  TARGET_UNUSABLE: 3,
  /** Interrupted by Ctrl-C: 128 + SIGINT, what a shell reports for a command stopped that way. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes];

/** One problem at one place in one file; `line` and `column` are 1-based. */
export interface Diagnostic {
  readonly code: ErrorCode;
  readonly message: string;
  /** Path relative to the working directory, e.g. `specs/ims/quick-import.yaml`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON pointer (RFC 6901) of the node in the file, when there is one. */
  readonly pointer?: string;
}

/** Where an error happened; every part optional (an unreachable target has no line). */
export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly pointer?: string;
}

/** Base of every error this project throws on purpose (a user's mistake, not a bug). */
export class ConformanceError extends Error {
  override name = 'ConformanceError';
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly pointer?: string;

  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}) {
    super(message);
    this.code = code;
    // Assigned one by one: under exactOptionalPropertyTypes an absent location part stays absent.
    if (location.file !== undefined) {
      this.file = location.file;
    }
    if (location.line !== undefined) {
      this.line = location.line;
    }
    if (location.column !== undefined) {
      this.column = location.column;
    }
    if (location.pointer !== undefined) {
      this.pointer = location.pointer;
    }
  }
}

/** A spec folder that does not load; carries every diagnostic of the run, the first one as its own location. */
export class SpecError extends ConformanceError {
  override name = 'SpecError';
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const first = diagnostics[0];
    super(first?.code ?? ErrorCodes.SPEC_SCHEMA, diagnostics.map(formatDiagnostic).join('\n'), first ?? {});
    this.diagnostics = diagnostics;
  }
}

/** Renders a diagnostic in compiler format: `file:line:column: CODE: message` (STYLE.md §3 item 1). */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.code}: ${d.message}`;
}
