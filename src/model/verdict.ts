/**
 * What checks produce and reports read (types only): findings per case, verdicts per constraint.
 * @see ../shared/STYLE.md §3.4 (finding shape) and DESIGN.md "Reports"
 */
import type { ResolvedCitation } from './spec.js';

export type Severity = 'failure' | 'warning';

/** One observation of a check about one case. A passing check produces no finding. */
export interface Finding {
  readonly checkId: string;
  readonly constraintId: string;
  /** `not_checked` means the check could not decide (its `message` says why); never counted as a pass. */
  readonly severity: Severity | 'not_checked';
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
  readonly caseId: string;
}

export type VerdictValue = 'pass' | 'fail' | 'warning' | 'not_checked';

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
  /** Why not checked, or which erratum made it a warning. */
  readonly reason?: string;
  readonly cases: number;
  readonly failures: number;
  readonly warnings: number;
  readonly citation: ResolvedCitation;
  readonly erratum?: string;
  readonly counterexample?: Counterexample;
  /** Check ids that produced findings for this constraint. */
  readonly checks: readonly string[];
}

/** A record a suite appends for every case it ran: the raw material of compliance.json. */
export interface CaseRecord {
  readonly caseId: string;
  readonly operationId: string;
  /** Constraint ids the case exercised (for counting cases per constraint). */
  readonly constraintIds: readonly string[];
  readonly findings: readonly Finding[];
  readonly counterexample?: Counterexample;
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

export interface ComplianceReport {
  readonly run: RunInfo;
  readonly summary: Readonly<Record<VerdictValue, number>> & { readonly total: number };
  readonly constraints: readonly ConstraintVerdict[];
}
