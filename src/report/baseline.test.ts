import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { ComplianceReport, ConstraintVerdict, VerdictValue } from '../model/verdict.js';
import { diffCompliance, exitCodeFor, loadBaseline } from './baseline.js';
import { buildCompliance } from './compliance.js';
import { fixtureConstraints, fixtureRecords, fixtureRun } from './report-fixtures.js';

const current = buildCompliance(fixtureConstraints, fixtureRecords, fixtureRun);

/** The current report with some verdicts changed, some rows dropped and one extra row. */
function previousWith(verdicts: Record<string, VerdictValue>, drop: readonly string[] = []): ComplianceReport {
  const first = current.constraints[0];
  if (first === undefined) {
    throw new Error('fixture report is empty');
  }
  const extra: ConstraintVerdict = { ...first, constraintId: 'ims.dataimage.os_version.enum', verdict: 'pass' };
  const rows = [...current.constraints, extra]
    .filter((r) => !drop.includes(r.constraintId))
    .map((r) => ({ ...r, verdict: verdicts[r.constraintId] ?? r.verdict }));
  return { ...current, run: { ...fixtureRun, runId: 'nightly-2025-05-31' }, constraints: rows };
}

describe('diffCompliance', () => {
  test('no change against itself', () => {
    const diff = diffCompliance(current, current);
    expect(diff).toMatchObject({ newlyFailing: [], newlyPassing: [], newWarnings: [], added: [], removed: [] });
  });

  test('newly failing, newly passing, new warnings, added, removed', () => {
    const previous = previousWith(
      {
        'ims.dataimage.min_disk.range': 'pass',
        'ims.dataimage.name.length': 'fail',
        'ims.quickimport.min_disk.range': 'pass',
      },
      ['ims.quickimport.volume_type.enum'],
    );
    const diff = diffCompliance(previous, current);
    expect(diff.baseline.runId).toBe('nightly-2025-05-31');
    expect(diff.newlyFailing).toEqual([
      { constraintId: 'ims.dataimage.min_disk.range', operationId: 'ims.dataimage', from: 'pass', to: 'fail' },
      { constraintId: 'ims.quickimport.volume_type.enum', operationId: 'ims.quickimport', to: 'fail' },
    ]);
    expect(diff.newlyPassing).toEqual([
      { constraintId: 'ims.dataimage.name.length', operationId: 'ims.dataimage', from: 'fail', to: 'pass' },
    ]);
    expect(diff.newWarnings).toEqual([
      { constraintId: 'ims.quickimport.min_disk.range', operationId: 'ims.quickimport', from: 'pass', to: 'warning' },
    ]);
    expect(diff.added.map((c) => c.constraintId)).toEqual(['ims.quickimport.volume_type.enum']);
    expect(diff.removed).toEqual([
      { constraintId: 'ims.dataimage.os_version.enum', operationId: 'ims.dataimage', from: 'pass' },
    ]);
  });
});

describe('exitCodeFor', () => {
  const same = diffCompliance(current, current);
  const worse = diffCompliance(previousWith({ 'ims.dataimage.min_disk.range': 'pass' }), current);
  const passing = buildCompliance(fixtureConstraints, [], fixtureRun);
  test.for([
    { name: 'any: a failing constraint fails', report: current, diff: same, failOn: 'any', want: 1 },
    { name: 'new: old failures only pass', report: current, diff: same, failOn: 'new', want: 0 },
    { name: 'new: a newly failing constraint fails', report: current, diff: worse, failOn: 'new', want: 1 },
    { name: 'new without baseline: like any', report: current, diff: undefined, failOn: 'new', want: 1 },
    { name: 'no failure: 0', report: passing, diff: undefined, failOn: 'any', want: 0 },
  ] as const)('$name', ({ report, diff, failOn, want }) => {
    expect(exitCodeFor(report, diff, failOn)).toBe(want);
  });
});

describe('loadBaseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-baseline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads a compliance.json back', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(current));
    expect(loadBaseline(file)).toEqual({ value: current, diagnostics: [] });
  });

  test.for([
    { name: 'missing file', text: undefined, code: 'REPORT_BASELINE_MISSING', says: 'baseline file not found' },
    { name: 'not JSON', text: '{"run":', code: 'REPORT_BASELINE_INVALID', says: 'not JSON' },
    { name: 'no run', text: '{"constraints":[]}', code: 'REPORT_BASELINE_INVALID', says: '/run/runId' },
    {
      name: 'bad verdict',
      text: '{"run":{"runId":"r"},"constraints":[{"constraintId":"a","operationId":"b","verdict":"ok"}]}',
      code: 'REPORT_BASELINE_INVALID',
      says: '/constraints/0/verdict',
    },
  ])('$name', ({ name, text, code, says }) => {
    const file = join(dir, `${name.replace(/ /g, '-')}.json`);
    if (text !== undefined) {
      writeFileSync(file, text);
    }
    const result = loadBaseline(file);
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code, file });
    expect(result.diagnostics[0]?.message).toContain(says);
  });
});

describe('diffCompliance with a scope', () => {
  test('baseline rows out of scope (not selected by --only) are not "removed"', () => {
    const previous = buildCompliance(fixtureConstraints, fixtureRecords, fixtureRun);
    const current = {
      ...previous,
      constraints: previous.constraints.filter((r) => r.operationId === 'ims.dataimage'),
    };
    expect(diffCompliance(previous, current).removed.length).toBeGreaterThan(0);
    expect(diffCompliance(previous, current, (r) => r.operationId === 'ims.dataimage').removed).toEqual([]);
  });
});
