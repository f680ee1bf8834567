import { describe, expect, test } from 'vitest';
import type { ComplianceReport } from '../model/verdict.js';
import { diffCompliance } from './baseline.js';
import { buildCompliance } from './compliance.js';
import { renderComplianceMarkdown } from './compliance-md.js';
import { fixtureConstraints, fixtureRecords, fixtureRun } from './report-fixtures.js';

const report = buildCompliance(fixtureConstraints, fixtureRecords, fixtureRun);
const previous: ComplianceReport = {
  ...report,
  run: { ...fixtureRun, runId: 'nightly-2025-05-31' },
  constraints: report.constraints
    .filter((r) => r.constraintId !== 'ims.quickimport.volume_type.enum')
    .map((r) => (r.constraintId === 'ims.dataimage.min_disk.range' ? { ...r, verdict: 'pass' as const } : r)),
};

describe('renderComplianceMarkdown', () => {
  const md = renderComplianceMarkdown(report);

  test('every constraint has a table row under its operation', () => {
    for (const row of report.constraints) {
      const line = md.split('\n').find((l) => l.startsWith('|') && l.includes(`\`${row.constraintId}\``));
      expect(line, row.constraintId).toBeDefined();
      const heading = md.lastIndexOf('\n## ', md.indexOf(line ?? ''));
      expect(md.slice(heading + 4, md.indexOf('\n', heading + 1))).toBe(row.operationId);
    }
    expect(md).toContain('| constraint | verdict | cases | document | first counterexample |');
  });

  test('verdict labels, counts, citation and first counterexample', () => {
    expect(md).toContain('| ❌ fail | 3 (2 failed) |');
    expect(md).toContain('| ✅ pass | 1 |');
    expect(md).toContain('⚠️ warning (rests on erratum min-disk-data-image)');
    expect(md).toContain('⏸ not checked (no case exercised this constraint)');
    expect(md).toContain('000_e6aba1037ae22d43.txt, Request parameters: "Value range: 40 GB to 2048 GB"');
    expect(md).toContain('/min_disk = 39 (range_below; documented range 40–2048) → 202 {"job_id":"ff8080828a"}');
  });

  test('the summary explains its totals and links to the failures', () => {
    const summary = md.slice(md.indexOf('## Summary'), md.indexOf('\n## ', md.indexOf('## Summary') + 3));
    expect(summary).toContain('JUnit and Allure count test cases');
    expect(summary).toContain('[2 failures in full](#failures)');
    expect(md).toContain('\n## Failures\n');
  });

  test('the failures section renders each failing constraint as a §3.4 block', () => {
    const failures = md.slice(md.indexOf('## Failures'));
    expect(failures).toContain('✖ ims.dataimage.min_disk.range — invalid request accepted');
    expect(failures).toContain('✖ ims.quickimport.volume_type.enum — unexpected field echoed');
    expect(failures).toContain('  Reproduce: ims-conformance run --only ims.dataimage.min_disk.range');
    expect(failures).not.toContain('ims.quickimport.min_disk.range');
  });

  test('no changes section without a diff', () => {
    expect(md).not.toContain('Changes since baseline');
  });

  test('the changes section comes first after the title', () => {
    const withDiff = renderComplianceMarkdown(report, diffCompliance(previous, report));
    const headings = withDiff.split('\n').filter((l) => l.startsWith('#'));
    expect(headings.slice(0, 3)).toEqual([
      '# IMS conformance — compliance report',
      '## Changes since baseline',
      '## Run',
    ]);
    const changes = withDiff.slice(withDiff.indexOf('## Changes'), withDiff.indexOf('## Run'));
    expect(changes).toContain('Baseline: run `nightly-2025-05-31`');
    expect(changes).toContain('**❌ Newly failing (2)**');
    expect(changes).toContain('- `ims.dataimage.min_disk.range`: pass → fail');
    expect(changes).toContain('- `ims.quickimport.volume_type.enum`: absent → fail');
    expect(changes).toContain('**➕ Constraints added (1)**');
    expect(changes).not.toContain('Newly passing');
  });

  test('an unchanged run says so', () => {
    expect(renderComplianceMarkdown(report, diffCompliance(report, report))).toContain('No verdict changed.');
  });

  test('pipes and newlines in cells do not break the table', () => {
    const first = report.constraints[0];
    if (first === undefined) {
      throw new Error('empty fixture');
    }
    const odd = { ...first, description: 'a|b\nc' };
    const out = renderComplianceMarkdown({ ...report, constraints: [odd] });
    const line = out.split('\n').find((l) => l.includes(`\`${first.constraintId}\``));
    expect(line).toContain('a\\|b<br>c');
    // 5 columns: 6 unescaped pipes.
    expect(line?.replace(/\\\|/g, '').split('|')).toHaveLength(7);
  });
});

describe('renderComplianceMarkdown with documented differences', () => {
  const difference = {
    profile: 'glance',
    reason: 'Glance has no min_disk range',
    citation: 'Glance api-ref, min_disk',
  };
  const withDiff = buildCompliance(
    fixtureConstraints,
    fixtureRecords,
    { ...fixtureRun, profile: 'glance' },
    new Map([['ims.dataimage.min_disk.range', difference]]),
  );
  const md = renderComplianceMarkdown(withDiff);

  test('a differs row shows its reason and citation, in its table and in its own section, not under failures', () => {
    expect(md).toContain('≠ differs (Glance has no min_disk range — Glance api-ref, min_disk)');
    expect(md).toContain('## Documented differences (profile glance)');
    expect(md).toContain(
      '| `ims.dataimage.min_disk.range` | Glance has no min_disk range | Glance api-ref, min_disk |',
    );
    expect(md.slice(md.indexOf('## Failures'))).not.toContain('ims.dataimage.min_disk.range');
    expect(md).toContain('| ≠ differs | ⏸ not checked |');
  });
});

describe('server errors', () => {
  test('every 5xx of the run gets its own section with request, response and constraint', () => {
    const records = [
      ...fixtureRecords,
      {
        caseId: 'ims.dataimage:malformed:[]',
        operationId: 'ims.dataimage',
        constraintIds: ['ims.dataimage.min_disk.range'],
        findings: [],
        serverError: {
          caseId: 'ims.dataimage:malformed:[]',
          constraintId: 'ims.dataimage.status',
          request: 'body "[]" as application/json',
          method: 'POST',
          url: 'http://127.0.0.1:1/v1/cloudimages/dataimages/action',
          status: 500,
          body: '{"message":"Internal Server Error"}',
          curl: "curl -X POST http://127.0.0.1:1/v1/cloudimages/dataimages/action -d '[]'",
        },
      },
    ];
    const withErrors = buildCompliance(fixtureConstraints, records, fixtureRun);
    expect(withErrors.serverErrors).toHaveLength(1);
    const text = renderComplianceMarkdown(withErrors);
    expect(text).toContain('[1 server errors (5xx)](#server-errors-5xx)');
    const section = text.slice(text.indexOf('## Server errors (5xx)\n\nThe target answered 1 request(s)'));
    expect(section.length).toBeLessThan(text.length);
    expect(section).toContain('### 1. 500 to POST http://127.0.0.1:1/v1/cloudimages/dataimages/action');
    expect(section).toContain('`ims.dataimage.status`');
    expect(section).toContain('{"message":"Internal Server Error"}');
    expect(section).toContain("reproduce: curl -X POST http://127.0.0.1:1/v1/cloudimages/dataimages/action -d '[]'");
    // Without a 5xx there is no such section.
    expect(renderComplianceMarkdown(report)).not.toContain('Server errors');
  });
});
