/**
 * compliance.json: one row per constraint of the compiled specs, with its verdict, counts and first
 * (minimal) counterexample, plus a row for every constraint id a finding names that the specs do not know.
 * @see ../../../shared/DESIGN.md "Reports"
 */
import type { ConstraintInfo } from '../model/compiled.js';
import type {
  CaseRecord,
  ComplianceReport,
  ConstraintVerdict,
  Counterexample,
  ProfileDifference,
  RunInfo,
  VerdictValue,
} from '../model/verdict.js';
import { type ConstraintObservation, compareText, tallyRecords } from './tally.js';
import { decideVerdict, NOT_EXERCISED } from './verdict-rules.js';

const nothingObserved: Omit<ConstraintObservation, 'constraintId' | 'operationId'> = {
  cases: 0,
  failures: 0,
  warnings: 0,
  undecided: 0,
  differing: 0,
  warningErrata: [],
  undecidedReasons: [],
  checks: [],
};

/**
 * The compliance report of a run: every constraint listed (even if no case touched it), sorted by
 * operation then id; a fail row's `reason` is the title of its first failure finding. `differences` are the run
 * profile's documented differences by constraint id: those rows are `differs` with the reason and citation.
 */
export function buildCompliance(
  constraints: readonly ConstraintInfo[],
  records: readonly CaseRecord[],
  run: RunInfo,
  differences: ReadonlyMap<string, ProfileDifference> = new Map(),
): ComplianceReport {
  const observations = tallyRecords(records);
  const known = new Set(constraints.map((c) => c.id));
  const rows: ConstraintVerdict[] = constraints.map((c) =>
    toRow(
      c,
      observations.get(c.id) ?? { ...nothingObserved, constraintId: c.id, operationId: c.operationId },
      differences.get(c.id),
    ),
  );
  for (const obs of observations.values()) {
    if (!known.has(obs.constraintId) && obs.firstFinding !== undefined) {
      rows.push(unknownRow(obs));
    }
  }
  rows.sort((a, b) => compareText(a.operationId, b.operationId) || compareText(a.constraintId, b.constraintId));
  const serverErrors = records.flatMap((r) => (r.serverError ? [r.serverError] : []));
  return {
    run,
    summary: summarize(rows),
    constraints: rows,
    ...(serverErrors.length > 0 ? { serverErrors } : {}),
  };
}

type RowFacts = Omit<ConstraintInfo, 'kind'> & { readonly kind: string };

function toRow(c: RowFacts, obs: ConstraintObservation, difference?: ProfileDifference): ConstraintVerdict {
  const ruled = decideVerdict(difference === undefined ? c : { ...c, difference }, obs);
  // A response rule is judged only on an answer that has its field (or, for `required`, the object holding it):
  // say so, rather than blame the cases.
  const decided =
    ruled.reason === NOT_EXERCISED && c.id.includes('.response.') ? { ...ruled, reason: UNJUDGED_RESPONSE } : ruled;
  const erratum = decided.erratum ?? c.erratum;
  const counterexample = firstCounterexample(obs);
  return {
    constraintId: c.id,
    operationId: c.operationId,
    kind: c.kind,
    description: c.description,
    verdict: decided.verdict,
    ...(decided.reason === undefined ? {} : { reason: decided.reason }),
    cases: obs.cases,
    failures: obs.failures,
    warnings: obs.warnings,
    citation: c.citation,
    ...(erratum === undefined ? {} : { erratum }),
    ...(difference === undefined ? {} : { difference, differing: obs.differing }),
    ...(counterexample === undefined ? {} : { counterexample }),
    checks: obs.checks,
  };
}

/** A finding about a constraint id the compiled specs do not have: kept, never dropped. */
function unknownRow(obs: ConstraintObservation): ConstraintVerdict {
  // Only called with a first finding; the fallback keeps the types honest.
  const finding = obs.firstFinding;
  const citation = finding?.citation ?? { doc: 'unknown', section: 'unknown', quote: '' };
  return toRow(
    {
      id: obs.constraintId,
      operationId: obs.operationId,
      // The last id segment is the kind (STYLE.md §2: <service>.<operation>.<field>.<kind>).
      kind: obs.constraintId.split('.').at(-1) ?? 'unknown',
      description: `not in the compiled specs (named by check ${obs.checks.join(', ')})`,
      citation,
    },
    obs,
  );
}

/**
 * The first failing record's counterexample (the minimal one), with the Received/Documented of this constraint's
 * own finding: a case with two findings shows each row its own evidence, not the case's first finding.
 */
function firstCounterexample(obs: ConstraintObservation): Counterexample | undefined {
  const first = obs.firstFailure;
  if (first === undefined) {
    return undefined;
  }
  if (first.record.counterexample !== undefined) {
    return {
      ...first.record.counterexample,
      received: first.finding.received ?? first.finding.message,
      documented: first.finding.documented ?? first.record.counterexample.documented,
    };
  }
  return {
    caseId: first.record.caseId,
    request: first.finding.pointer ?? '(request not recorded)',
    // Without a recorded exchange, the finding's own Received/Documented text is the best evidence.
    received: first.finding.received ?? first.finding.message,
    documented: first.finding.documented ?? '—',
    command: '(not recorded)',
  };
}

function summarize(rows: readonly ConstraintVerdict[]): ComplianceReport['summary'] {
  const counts: Record<VerdictValue, number> = { pass: 0, fail: 0, warning: 0, differs: 0, not_checked: 0 };
  for (const row of rows) {
    counts[row.verdict] += 1;
  }
  return { ...counts, total: rows.length };
}

/** Why a response rule no answer could judge is not checked. */
export const UNJUDGED_RESPONSE =
  'no answer judged it: none of that status carried the field (or the object holding it) as JSON';

/** Why a row of an interrupted run has no verdict (DESIGN.md "Verdicts": not checked — interrupted). */
export const INTERRUPTED_REASON = 'not checked (interrupted): the run was stopped before a case exercised it';

/**
 * The report of a run stopped by Ctrl-C: every verdict observed before the interrupt is kept; a row no case reached
 * says it was interrupted rather than "no case exercised this constraint" (which would blame the suite).
 */
export function markInterrupted(report: ComplianceReport): ComplianceReport {
  return {
    ...report,
    constraints: report.constraints.map((r) =>
      r.verdict === 'not_checked' && r.cases === 0 && (r.reason === NOT_EXERCISED || r.reason === UNJUDGED_RESPONSE)
        ? { ...r, reason: INTERRUPTED_REASON }
        : r,
    ),
  };
}
