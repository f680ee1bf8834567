import { describe, expect, test } from 'vitest';
import type { CaseRecord, ConstraintVerdict } from '../model/verdict.js';
import { buildCompliance, INTERRUPTED_REASON, markInterrupted, UNJUDGED_RESPONSE } from './compliance.js';
import {
  fixtureConstraints,
  fixtureFinding,
  fixtureRecords,
  fixtureRun,
  minDiskCounterexample,
} from './report-fixtures.js';

function row(rows: readonly ConstraintVerdict[], id: string): ConstraintVerdict {
  const found = rows.find((r) => r.constraintId === id);
  if (found === undefined) {
    throw new Error(`no row ${id}`);
  }
  return found;
}

describe('buildCompliance', () => {
  const report = buildCompliance(fixtureConstraints, fixtureRecords, fixtureRun);

  test('one row per constraint plus the unknown one, sorted by operation then id', () => {
    expect(report.constraints.map((r) => r.constraintId)).toEqual([
      'ims.dataimage.min_disk.range',
      'ims.dataimage.name.length',
      'ims.dataimage.tags.exclusive',
      'ims.quickimport.image_url.format',
      'ims.quickimport.min_disk.range',
      'ims.quickimport.os_type.enum',
      'ims.quickimport.volume_type.enum',
    ]);
  });

  test('verdicts, reasons and counts', () => {
    const rows = report.constraints;
    expect(row(rows, 'ims.dataimage.min_disk.range')).toMatchObject({
      verdict: 'fail',
      reason: 'invalid request accepted',
      cases: 3,
      failures: 2,
      warnings: 0,
      checks: ['error-envelope', 'status'],
    });
    expect(row(rows, 'ims.dataimage.name.length')).toMatchObject({ verdict: 'pass', cases: 1, checks: [] });
    expect(row(rows, 'ims.dataimage.tags.exclusive')).toMatchObject({
      verdict: 'not_checked',
      reason: 'no case exercised this constraint',
      cases: 0,
    });
    expect(row(rows, 'ims.quickimport.min_disk.range')).toMatchObject({
      verdict: 'warning',
      reason: 'rests on erratum min-disk-data-image',
      erratum: 'min-disk-data-image',
      warnings: 1,
    });
    expect(row(rows, 'ims.quickimport.os_type.enum')).toMatchObject({
      verdict: 'not_checked',
      reason: 'the target ignores os_type for system images',
    });
    expect(row(rows, 'ims.quickimport.image_url.format')).toMatchObject({
      verdict: 'not_checked',
      reason: 'the response has no body to validate',
    });
    expect(report.summary).toEqual({ pass: 1, fail: 2, warning: 1, differs: 0, not_checked: 3, total: 7 });
  });

  test('the first failing record gives the (minimal) counterexample', () => {
    expect(row(report.constraints, 'ims.dataimage.min_disk.range').counterexample).toEqual(minDiskCounterexample);
    expect(row(report.constraints, 'ims.dataimage.name.length').counterexample).toBeUndefined();
  });

  test('a finding about an unknown constraint is kept under a synthetic row', () => {
    const unknown = row(report.constraints, 'ims.quickimport.volume_type.enum');
    expect(unknown).toMatchObject({
      operationId: 'ims.quickimport',
      kind: 'enum',
      verdict: 'fail',
      reason: 'unexpected field echoed',
      cases: 1,
      failures: 1,
      checks: ['echo'],
    });
    expect(unknown.description).toContain('not in the compiled specs');
    expect(unknown.counterexample).toMatchObject({ caseId: 'ims.quickimport#6', command: '(not recorded)' });
  });

  test('a record counts once even with several findings, and counts by finding alone', () => {
    const records: CaseRecord[] = [
      {
        caseId: 'c1',
        operationId: 'ims.dataimage',
        constraintIds: [],
        findings: [
          fixtureFinding('ims.dataimage.name.length', 'warning', 'c1', { erratum: 'e' }),
          fixtureFinding('ims.dataimage.name.length', 'warning', 'c1', { erratum: 'e', checkId: 'echo' }),
        ],
      },
    ];
    const r = row(buildCompliance(fixtureConstraints, records, fixtureRun).constraints, 'ims.dataimage.name.length');
    expect(r).toMatchObject({ verdict: 'warning', cases: 1, warnings: 1, checks: ['echo', 'status'] });
  });

  test("a case with two findings: each row shows its own Received/Documented, not the case's first finding", () => {
    const records: CaseRecord[] = [
      {
        caseId: 'c2',
        operationId: 'ims.dataimage',
        constraintIds: ['ims.dataimage.min_disk.range', 'ims.dataimage.name.length'],
        findings: [
          fixtureFinding('ims.dataimage.min_disk.range', 'failure', 'c2', {
            received: '/min_disk: 39',
            documented: '40–2048',
          }),
          fixtureFinding('ims.dataimage.name.length', 'failure', 'c2', {
            received: '/name is missing',
            documented: 'length 1–128',
          }),
        ],
        counterexample: { ...minDiskCounterexample, caseId: 'c2', received: '/min_disk: 39', documented: '40–2048' },
      },
    ];
    const rows = buildCompliance(fixtureConstraints, records, fixtureRun).constraints;
    expect(row(rows, 'ims.dataimage.min_disk.range').counterexample).toMatchObject({
      received: '/min_disk: 39',
      documented: '40–2048',
    });
    expect(row(rows, 'ims.dataimage.name.length').counterexample).toMatchObject({
      caseId: 'c2',
      received: '/name is missing',
      documented: 'length 1–128',
      command: minDiskCounterexample.command,
    });
  });

  test('no records: every constraint listed, none passes', () => {
    const empty = buildCompliance(fixtureConstraints, [], fixtureRun);
    expect(empty.constraints).toHaveLength(fixtureConstraints.length);
    expect(empty.summary).toEqual({ pass: 0, fail: 0, warning: 0, differs: 0, not_checked: 6, total: 6 });
  });
});

describe('buildCompliance with a profile difference', () => {
  const difference = {
    profile: 'glance',
    reason: 'Glance has no min_disk range',
    citation: 'Glance api-ref, min_disk',
  };
  const report = buildCompliance(
    fixtureConstraints,
    fixtureRecords.map((r) => ({
      ...r,
      findings: r.findings.map((f) =>
        f.constraintId === 'ims.dataimage.min_disk.range' ? { ...f, severity: 'differs' as const, difference } : f,
      ),
    })),
    fixtureRun,
    new Map([['ims.dataimage.min_disk.range', difference]]),
  );

  test('the marked row is differs with reason and citation, counted apart, never pass or fail', () => {
    expect(row(report.constraints, 'ims.dataimage.min_disk.range')).toMatchObject({
      verdict: 'differs',
      reason: 'Glance has no min_disk range — Glance api-ref, min_disk',
      difference,
      differing: 2,
      failures: 0,
    });
    expect(report.summary).toMatchObject({ differs: 1, fail: 1, pass: 1 });
  });
});

describe('an interrupted run', () => {
  test('keeps every observed verdict; rows no case reached say interrupted', () => {
    const marked = markInterrupted(buildCompliance(fixtureConstraints, fixtureRecords, fixtureRun));
    expect(row(marked.constraints, 'ims.dataimage.min_disk.range').verdict).toBe('fail');
    expect(row(marked.constraints, 'ims.dataimage.name.length').verdict).toBe('pass');
    expect(row(marked.constraints, 'ims.dataimage.tags.exclusive')).toMatchObject({
      verdict: 'not_checked',
      reason: INTERRUPTED_REASON,
    });
    // A row not checked by design keeps its own reason.
    expect(row(marked.constraints, 'ims.quickimport.os_type.enum').reason).toBe(
      'the target ignores os_type for system images',
    );
  });
});

describe('a response rule no answer could judge', () => {
  test('is not checked with that reason, not "no case exercised this constraint"', () => {
    const info = {
      id: 'ims.imageget.response.200.checksum.type',
      operationId: 'ims.imageget',
      kind: 'type' as const,
      description: 'a string',
      citation: { doc: 'ims-image_attributes.rst', section: 'Image Attributes', quote: 'checksum' },
    };
    const [r] = buildCompliance([info], [], fixtureRun).constraints;
    expect(r).toMatchObject({ verdict: 'not_checked', reason: UNJUDGED_RESPONSE });
  });
});
