import { describe, expect, test } from 'vitest';
import type { ComplianceReport } from '../model/verdict.js';
import { diffCompliance } from './baseline.js';
import { buildCompliance } from './compliance.js';
import { fixtureConstraints, fixtureRecords, fixtureRun } from './report-fixtures.js';
import { renderSummary } from './summary.js';

const report = buildCompliance(fixtureConstraints, fixtureRecords, fixtureRun);

describe('renderSummary', () => {
  test('counts, one line per operation, failure blocks and report files (no colour)', () => {
    const text = renderSummary(report, undefined, { color: false, files: ['reports/compliance.md'] });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Compliance: 7 constraints  1 pass  2 fail  1 warn  0 differ  3 not checked');
    expect(lines[1]).toBe('  ims.dataimage    1 pass  1 fail  0 warn  0 differ  1 not checked');
    expect(lines[2]).toBe('  ims.quickimport  0 pass  1 fail  1 warn  0 differ  2 not checked');
    // The totals are explained: constraints are not tests, and no abbreviation is left unexplained.
    expect(lines[3]).toContain("vitest's and Allure's totals count test cases");
    expect(text).not.toContain('n/c');
    expect(text).toContain('✖ ims.dataimage.min_disk.range — invalid request accepted');
    expect(text).toContain('  Reproduce: ims-conformance run --only ims.dataimage.min_disk.range');
    expect(text).toContain('Reports:\n  reports/compliance.md\n');
    expect(text).not.toContain('\u001b[');
  });

  test('at most maxFailures blocks, then a count of the rest', () => {
    const text = renderSummary(report, undefined, { color: false, maxFailures: 1 });
    expect(text.match(/^✖ /gm)).toHaveLength(1);
    expect(text).toContain('… and 1 more failing constraints (see compliance.md)');
  });

  test('the ten-failure default', () => {
    const first = report.constraints[0];
    if (first === undefined) {
      throw new Error('empty fixture');
    }
    const many: ComplianceReport = {
      ...report,
      constraints: Array.from({ length: 12 }, (_, i) => ({ ...first, constraintId: `ims.dataimage.f${i}.range` })),
    };
    const text = renderSummary(many, undefined, { color: false });
    expect(text.match(/^✖ /gm)).toHaveLength(10);
    expect(text).toContain('… and 2 more failing constraints');
  });

  test('changes since the baseline', () => {
    const previous: ComplianceReport = {
      ...report,
      run: { ...fixtureRun, runId: 'nightly-2025-05-31' },
      constraints: report.constraints.map((r) =>
        r.constraintId === 'ims.dataimage.min_disk.range' ? { ...r, verdict: 'pass' as const } : r,
      ),
    };
    const text = renderSummary(report, diffCompliance(previous, report), { color: false });
    expect(text).toContain(
      'Since nightly-2025-05-31: 1 newly failing, 0 newly passing, 0 new warnings, 0 added, 0 removed',
    );
    expect(text).toContain('  ✖ ims.dataimage.min_disk.range (pass → fail)');
  });

  test('secrets are scrubbed from the summary too', () => {
    const text = renderSummary(report, undefined, { color: false, secrets: ['ff8080828a'] });
    expect(text).toContain('Received: 202 {"job_id":"***"}');
    expect(text).not.toContain('ff8080828a');
  });

  test('colour on: ANSI codes around the failure title', () => {
    const text = renderSummary(report, undefined, { color: true });
    expect(text).toContain('\u001b[31m✖ ims.dataimage.min_disk.range — invalid request accepted\u001b[0m');
  });
});
