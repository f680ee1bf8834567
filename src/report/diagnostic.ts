/**
 * Problems the report layer finds in its inputs (records, baseline). Never thrown: returned beside the
 * value, and only the CLI turns them into output or an exit code (STYLE.md §3).
 * The codes belong in src/errors.ts `ErrorCodes` once that list takes a REPORT_ area.
 */

export const ReportCodes = {
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

export type ReportCode = (typeof ReportCodes)[keyof typeof ReportCodes];

/** One problem in one input file; `line` is 1-based when the problem sits on a line. */
export interface ReportDiagnostic {
  readonly code: ReportCode;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
}

/** `file:line: CODE: message`, the compiler format of STYLE.md §3.1 (without a column). */
export function formatReportDiagnostic(d: ReportDiagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  return `${where}: ${d.code}: ${d.message}`;
}
