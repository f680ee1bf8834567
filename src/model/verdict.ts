/**
 * What checks produce and reports read (types only): findings per case, verdicts per constraint.
 * @see ../shared/STYLE.md §3.4 (finding shape) and DESIGN.md "Reports"
 */
import type { ResolvedCitation } from './spec.js';

export type Severity = 'failure' | 'warning';

/**
 * A documented difference of another implementation (a profile such as `glance`): the constraint is reported
 * `differs` with this reason and citation, never as a pass and never as a failure.
 */
export interface ProfileDifference {
  /** The profile that names the difference, e.g. `glance`. */
  readonly profile: string;
  /** How the other implementation differs, one sentence. */
  readonly reason: string;
  /** Where that is documented: a document and section, or a URL, with the quoted words. */
  readonly citation: string;
}

/** One observation of a check about one case. A passing check produces no finding. */
export interface Finding {
  readonly checkId: string;
  readonly constraintId: string;
  /**
   * `not_checked` means the check could not decide (its `message` says why); never counted as a pass.
   * `differs`: a failure or warning about a constraint the run's profile documents as different (`difference`).
   */
  readonly severity: Severity | 'not_checked' | 'differs';
  /** One line: what went wrong, e.g. "invalid request accepted". */
  readonly title: string;
  /** Details: Received / Documented lines. */
  readonly message: string;
  readonly received?: string;
  readonly documented?: string;
  /** JSON pointer (RFC 6901) into the request or response the finding is about. */
  readonly pointer?: string;
  readonly citation: ResolvedCitation;
  /** The erratum that turned a failure into a warning. */
  readonly erratum?: string;
  /** The profile difference that turned a failure or warning into `differs`. */
  readonly difference?: ProfileDifference;
  readonly caseId: string;
}

/** `differs`: the run's profile documents that the target differs here (never a pass, never a failure). */
export type VerdictValue = 'pass' | 'fail' | 'warning' | 'differs' | 'not_checked';

/** The first (minimal) counterexample of a failing constraint, enough to reproduce it. */
export interface Counterexample {
  readonly caseId: string;
  /** Human summary of the request, e.g. "/min_disk = 39 (range_below; documented range 40–2048)". */
  readonly request: string;
  readonly received: string;
  readonly documented: string;
  /** The command that replays it, e.g. `ims-conformance run --only <id> --seed 1234 --path "17:3"`. */
  readonly command: string;
  /** A curl line with secrets redacted as ***. */
  readonly curl?: string;
}

/** One row of compliance.json: a documented constraint and what the run found about it. */
export interface ConstraintVerdict {
  readonly constraintId: string;
  readonly operationId: string;
  readonly kind: string;
  readonly description: string;
  readonly verdict: VerdictValue;
  /** Why not checked, which erratum made it a warning, or (differs) the difference's reason and citation. */
  readonly reason?: string;
  readonly cases: number;
  readonly failures: number;
  readonly warnings: number;
  readonly citation: ResolvedCitation;
  readonly erratum?: string;
  /** The profile's documented difference (verdict `differs`). */
  readonly difference?: ProfileDifference;
  /** Cases whose findings about the constraint the profile turned into `differs`. */
  readonly differing?: number;
  readonly counterexample?: Counterexample;
  /** Check ids that produced findings for this constraint. */
  readonly checks: readonly string[];
}

/** A 5xx answer the run received: never hidden, each gets its own section in compliance.md. */
export interface ServerErrorObservation {
  readonly caseId: string;
  /** The constraint the case exercised (the operation's status constraint for a valid request). */
  readonly constraintId: string;
  /** Human summary of the request (the case label). */
  readonly request: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** The response body, cut at a documented size (src/report/cut-text.ts). */
  readonly body: string;
  readonly curl?: string;
}

/** A record a suite appends for every case it ran: the raw material of compliance.json. */
export interface CaseRecord {
  readonly caseId: string;
  readonly operationId: string;
  /** Constraint ids the case exercised (for counting cases per constraint). */
  readonly constraintIds: readonly string[];
  readonly findings: readonly Finding[];
  readonly counterexample?: Counterexample;
  /** Set when the target answered the case with a 5xx. */
  readonly serverError?: ServerErrorObservation;
}

export interface RunInfo {
  readonly runId: string;
  readonly target: string;
  readonly revision: string;
  readonly profile: string;
  readonly depth: string;
  readonly seed: number;
  readonly startedAt: string;
  readonly durationMs: number;
}

/** Why a run's target could not be used at all (unreachable, credentials refused, no longer answering). */
export interface TargetUnusable {
  readonly service: 'ims' | 'evs';
  /** The base URL that failed. */
  readonly endpoint: string;
  readonly kind: 'unreachable' | 'credentials' | 'throttled';
  /** What came back, one line, redacted: `no answer (connection: ECONNREFUSED …)`, `HTTP 401 {…}`. */
  readonly what: string;
  readonly when: 'preflight' | 'during the run';
}

export interface ComplianceReport {
  readonly run: RunInfo;
  /** Set when the target was unusable: the rows are no verdict on the documents, and --baseline refuses the report. */
  readonly unusable?: TargetUnusable;
  readonly summary: Readonly<Record<VerdictValue, number>> & { readonly total: number };
  readonly constraints: readonly ConstraintVerdict[];
  /** Every 5xx answer of the run, in record order (absent when there was none). */
  readonly serverErrors?: readonly ServerErrorObservation[];
}
