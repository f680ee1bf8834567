/**
 * The previous run's compliance.json as a baseline: what changed since, and whether the run fails.
 * @see ../../../shared/DESIGN.md "nightly compliance runs … shows what changed since last night"
 */
import { readFileSync } from 'node:fs';
import { ErrorCodes, ExitCodes } from '../errors.js';
import { isPlainObject } from '../json/value.js';
import type { ComplianceReport, ConstraintVerdict, RunInfo, VerdictValue } from '../model/verdict.js';
import type { ReportDiagnostic } from './diagnostic.js';
import { compareText } from './tally.js';

/** One constraint whose verdict changed; `from` is absent for an added constraint, `to` for a removed one. */
export interface VerdictChange {
  readonly constraintId: string;
  readonly operationId: string;
  readonly from?: VerdictValue;
  readonly to?: VerdictValue;
}

export interface ComplianceDiff {
  /** The run the baseline came from. */
  readonly baseline: RunInfo;
  /** `fail` now, anything else (or absent) before: an added constraint that fails is newly failing. */
  readonly newlyFailing: readonly VerdictChange[];
  /** `pass` now, listed before with another verdict. */
  readonly newlyPassing: readonly VerdictChange[];
  /** `warning` now, anything else (or absent) before. */
  readonly newWarnings: readonly VerdictChange[];
  readonly added: readonly VerdictChange[];
  readonly removed: readonly VerdictChange[];
}

export interface LoadBaselineResult {
  readonly value?: ComplianceReport;
  readonly diagnostics: readonly ReportDiagnostic[];
}

export type FailOn = 'any' | 'new';

/** The baseline report in `file`, or a diagnostic: missing (first run), unreadable, not JSON, wrong shape. */
export function loadBaseline(file: string): LoadBaselineResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return fail(
      missing ? ErrorCodes.REPORT_BASELINE_MISSING : ErrorCodes.REPORT_BASELINE_INVALID,
      missing
        ? "baseline file not found (give a previous run's compliance.json, or leave --baseline out on a first run)"
        : `cannot read: ${String(error)}`,
      file,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(ErrorCodes.REPORT_BASELINE_INVALID, `not JSON: ${(error as Error).message}`, file);
  }
  const problem = shapeProblem(value);
  if (problem !== undefined) {
    return fail(ErrorCodes.REPORT_BASELINE_INVALID, `not a compliance report: ${problem}`, file);
  }
  const report = value as ComplianceReport;
  if (report.unusable !== undefined) {
    // Issue 18, point 4: a wrong-token night must not become the next night's baseline (every row would look new).
    const u = report.unusable;
    return fail(
      ErrorCodes.REPORT_BASELINE_UNUSABLE,
      `run ${report.run.runId} could not use its target (${u.service} ${u.endpoint}: ${u.what}); its report is no ` +
        'baseline: pass the compliance.json of an earlier run that reached the target',
      file,
    );
  }
  return { value: report, diagnostics: [] };
}

function fail(code: ReportDiagnostic['code'], message: string, file: string): LoadBaselineResult {
  return { diagnostics: [{ code, message, file }] };
}

const verdicts: readonly unknown[] = ['pass', 'fail', 'warning', 'differs', 'not_checked'];

/** The first thing wrong with `value` as a ComplianceReport (the parts a diff reads), as a pointer. */
function shapeProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) {
    return '/ must be an object';
  }
  if (!isPlainObject(value.run) || typeof value.run.runId !== 'string') {
    return '/run/runId must be a string';
  }
  if (!Array.isArray(value.constraints)) {
    return '/constraints must be an array';
  }
  for (const [i, row] of value.constraints.entries()) {
    if (!isPlainObject(row) || typeof row.constraintId !== 'string' || typeof row.operationId !== 'string') {
      return `/constraints/${i} must have string constraintId and operationId`;
    }
    if (!verdicts.includes(row.verdict)) {
      return `/constraints/${i}/verdict must be one of pass, fail, warning, differs, not_checked`;
    }
  }
  return undefined;
}

/**
 * What changed between two runs, each list sorted by operation then constraint id. `inScope` leaves out the
 * baseline's rows this run did not select (`--only`): they were not run, so they are not "removed".
 */
export function diffCompliance(
  previous: ComplianceReport,
  current: ComplianceReport,
  inScope: (row: ConstraintVerdict) => boolean = () => true,
): ComplianceDiff {
  const before = new Map(previous.constraints.filter(inScope).map((r) => [r.constraintId, r]));
  const now = new Map(current.constraints.map((r) => [r.constraintId, r]));
  const newlyFailing: VerdictChange[] = [];
  const newlyPassing: VerdictChange[] = [];
  const newWarnings: VerdictChange[] = [];
  const added: VerdictChange[] = [];
  const removed: VerdictChange[] = [];
  for (const row of current.constraints) {
    const old = before.get(row.constraintId);
    const change = changeOf(row, old, row);
    if (old === undefined) {
      added.push(change);
    }
    if (row.verdict === 'fail' && old?.verdict !== 'fail') {
      newlyFailing.push(change);
    }
    if (row.verdict === 'pass' && old !== undefined && old.verdict !== 'pass') {
      newlyPassing.push(change);
    }
    if (row.verdict === 'warning' && old?.verdict !== 'warning') {
      newWarnings.push(change);
    }
  }
  for (const row of before.values()) {
    if (!now.has(row.constraintId)) {
      removed.push(changeOf(row, row, undefined));
    }
  }
  return {
    baseline: previous.run,
    newlyFailing: sorted(newlyFailing),
    newlyPassing: sorted(newlyPassing),
    newWarnings: sorted(newWarnings),
    added: sorted(added),
    removed: sorted(removed),
  };
}

function changeOf(
  row: ConstraintVerdict,
  from: ConstraintVerdict | undefined,
  to: ConstraintVerdict | undefined,
): VerdictChange {
  return {
    constraintId: row.constraintId,
    operationId: row.operationId,
    ...(from === undefined ? {} : { from: from.verdict }),
    ...(to === undefined ? {} : { to: to.verdict }),
  };
}

function sorted(changes: VerdictChange[]): VerdictChange[] {
  return changes.sort(
    (a, b) => compareText(a.operationId, b.operationId) || compareText(a.constraintId, b.constraintId),
  );
}

/**
 * 1 when the run should fail CI: `any` fails on any failing constraint; `new` only on constraints
 * failing since the baseline (without a baseline every failure is new). Warnings never fail a run.
 */
export function exitCodeFor(
  report: ComplianceReport,
  diff: ComplianceDiff | undefined,
  failOn: FailOn,
): typeof ExitCodes.OK | typeof ExitCodes.FAILED {
  const failed =
    failOn === 'new' && diff !== undefined
      ? diff.newlyFailing.length > 0
      : report.constraints.some((r) => r.verdict === 'fail');
  return failed ? ExitCodes.FAILED : ExitCodes.OK;
}
