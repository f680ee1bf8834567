/**
 * One pass over the case records: per constraint id, what the run observed (counts, first failing
 * record, check ids). Records come in generation order, so the first failing record is the minimal one.
 */
import type { CaseRecord, Finding } from '../model/verdict.js';
import type { ConstraintTally } from './verdict-rules.js';

/** A tally plus what a report row needs beyond the verdict. */
export interface ConstraintObservation extends ConstraintTally {
  readonly constraintId: string;
  /** Operation of the first record that touched the constraint. */
  readonly operationId: string;
  /** The first record with a failure finding, and that finding. */
  readonly firstFailure?: { readonly record: CaseRecord; readonly finding: Finding };
  /** The first finding of any severity (citation of a constraint the specs do not know). */
  readonly firstFinding?: Finding;
  /** Check ids with findings about the constraint: one entry per (constraintId, checkId). */
  readonly checks: readonly string[];
}

interface MutableObservation {
  constraintId: string;
  operationId: string;
  cases: number;
  failures: number;
  warnings: number;
  undecided: number;
  differing: number;
  firstFailureTitle?: string;
  firstWarningTitle?: string;
  warningErrata: string[];
  undecidedReasons: string[];
  firstFailure?: { readonly record: CaseRecord; readonly finding: Finding };
  firstFinding?: Finding;
  checks: Set<string>;
}

/** Observations keyed by constraint id, for every id a record lists or a finding names. */
export function tallyRecords(records: readonly CaseRecord[]): ReadonlyMap<string, ConstraintObservation> {
  const byId = new Map<string, MutableObservation>();
  for (const record of records) {
    const ids = new Set([...record.constraintIds, ...record.findings.map((f) => f.constraintId)]);
    for (const id of ids) {
      let obs = byId.get(id);
      if (obs === undefined) {
        obs = newObservation(id, record.operationId);
        byId.set(id, obs);
      }
      observe(obs, record, id);
    }
  }
  const out = new Map<string, ConstraintObservation>();
  for (const [id, obs] of byId) {
    out.set(id, { ...obs, checks: [...obs.checks].sort(compareText) });
  }
  return out;
}

function newObservation(constraintId: string, operationId: string): MutableObservation {
  return {
    constraintId,
    operationId,
    cases: 0,
    failures: 0,
    warnings: 0,
    undecided: 0,
    differing: 0,
    warningErrata: [],
    undecidedReasons: [],
    checks: new Set(),
  };
}

function observe(obs: MutableObservation, record: CaseRecord, id: string): void {
  const findings = record.findings.filter((f) => f.constraintId === id);
  obs.cases += 1;
  for (const f of findings) {
    obs.checks.add(f.checkId);
    obs.firstFinding ??= f;
  }
  const failure = findings.find((f) => f.severity === 'failure');
  if (failure !== undefined) {
    obs.failures += 1;
    obs.firstFailure ??= { record, finding: failure };
    obs.firstFailureTitle ??= failure.title;
  }
  const warnings = findings.filter((f) => f.severity === 'warning');
  const firstWarning = warnings[0];
  if (firstWarning !== undefined) {
    obs.warnings += 1;
    obs.firstWarningTitle ??= firstWarning.title;
    for (const w of warnings) {
      pushUnique(obs.warningErrata, w.erratum);
    }
  }
  if (findings.some((f) => f.severity === 'differs')) {
    obs.differing += 1;
  }
  const undecided = findings.filter((f) => f.severity === 'not_checked');
  if (undecided.length > 0) {
    obs.undecided += 1;
    for (const u of undecided) {
      pushUnique(obs.undecidedReasons, u.message);
    }
  }
}

function pushUnique(list: string[], value: string | undefined): void {
  if (value !== undefined && value !== '' && !list.includes(value)) {
    list.push(value);
  }
}

/** Code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
