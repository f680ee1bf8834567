import { describe, expect, test } from 'vitest';
import type { ComplianceReport } from '../../model/verdict.js';
import { diffCompliance } from '../baseline.js';
import { buildCompliance } from '../compliance.js';
import { fixtureConstraints, fixtureRecords, fixtureRun } from '../report-fixtures.js';
import { complianceHtml } from '../write.js';
import { complianceHtmlBudgetBytes, renderComplianceHtml } from './compliance-html.js';
import { docsFolder } from './docs-folder.js';
import type { ReportDocument } from './documents.js';
import { operationTrends } from './trend.js';

const report = buildCompliance(fixtureConstraints, fixtureRecords, fixtureRun);
const doc: ReportDocument = {
  name: '000_e6aba1037ae22d43.txt',
  kind: 'seed',
  title: 'Creating a Data Disk Image',
  html: '<table><tbody><tr><td>min_disk</td><td><p>Value range: 40 GB to 2048 GB</p></td></tr></tbody></table>',
};

/** The JSON the page's script reads. */
function pageData(html: string): { constraints: { id: string; verdict: string; change?: string }[] } {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m?.[1] ?? 'null');
}

function pageDataUnits(html: string): unknown {
  return JSON.parse(/id="report-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}').units;
}

describe('renderComplianceHtml', () => {
  const html = renderComplianceHtml(report, { documents: [doc] });

  test('self-contained: a policy that forbids every load, no external reference, one inline script', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-`);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link\b|<img\b|@import/);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  test('the totals and the per-operation counts are those of the report', () => {
    for (const [verdict, n] of Object.entries(report.summary)) {
      if (verdict !== 'total') {
        expect(html).toContain(`data-total="${verdict}">${n}<`);
      }
    }
    const failing = report.constraints.filter((c) => c.operationId === 'ims.dataimage' && c.verdict === 'fail').length;
    expect(failing).toBeGreaterThan(0);
    expect(html).toContain(`<td data-op="ims.dataimage" data-verdict="fail">${failing}</td>`);
    expect(html).toContain('data-fact="seed">1234<');
  });

  test("the page's data lists every constraint with its verdict; the document is embedded", () => {
    expect(pageData(html).constraints.map((c) => [c.id, c.verdict])).toEqual(
      report.constraints.map((c) => [c.constraintId, c.verdict]),
    );
    expect(html).toContain(`data-doc="${doc.name}"`);
    expect(html).toContain(doc.html);
  });

  test('a quote holding </script> cannot end the data element', () => {
    const first = report.constraints[0];
    if (first === undefined) {
      throw new Error('fixture has constraints');
    }
    const hostile: ComplianceReport = {
      ...report,
      constraints: [{ ...first, citation: { ...first.citation, quote: '</script><script>alert(1)</script>' } }],
    };
    const page = renderComplianceHtml(hostile, { documents: [] });
    expect(page.match(/<script\b/g)).toHaveLength(2);
    expect(pageData(page).constraints).toHaveLength(1);
  });

  test('with a baseline: the changes come first and the newly failing constraint is flagged in the data', () => {
    const before = buildCompliance(fixtureConstraints, [], fixtureRun);
    const diff = diffCompliance(before, report);
    const page = renderComplianceHtml(report, { documents: [doc], diff });
    const newly = diff.newlyFailing.map((c) => c.constraintId);
    expect(newly.length).toBeGreaterThan(0);
    expect(page.indexOf('Newly failing')).toBeLessThan(page.indexOf('By operation'));
    for (const id of newly) {
      expect(page).toContain(`<li data-change="newly_failing"><a href="#c=${encodeURIComponent(id)}">`);
      expect(pageData(page).constraints.find((c) => c.id === id)?.change).toBe('newly_failing');
    }
  });

  test('with earlier runs: a trend per operation, one column per run', () => {
    const earlier = {
      ...buildCompliance(fixtureConstraints, [], fixtureRun),
      run: { ...fixtureRun, runId: 'old', startedAt: '2025-05-31T01:00:00.000Z' },
    };
    const trend = operationTrends([earlier], report);
    expect(trend.map((t) => [t.operationId, t.points.map((p) => p.runId)])).toEqual([
      ['ims.dataimage', ['old', fixtureRun.runId]],
      ['ims.quickimport', ['old', fixtureRun.runId]],
    ]);
    const page = renderComplianceHtml(report, { documents: [], trend });
    expect(page).toContain('Trend per operation (2 runs, oldest first)');
    expect(page.match(/<svg class="trend"/g)).toHaveLength(2);
  });

  test("with the coverage index: units something rests on (this run's ids only) and uncovered ones with their reason", () => {
    const unit = { kind: 'row' as const, section: 'Request parameters', line: 1, normative: true, errata: [] };
    const units = [
      {
        document: doc.name,
        kind: 'seed' as const,
        units: [
          {
            ...unit,
            id: 'a',
            text: 'min_disk | Yes | Integer',
            constraints: ['ims.dataimage.min_disk.range', 'ims.other.x'],
          },
          { ...unit, id: 'b', text: 'cmk_id | No | String', constraints: [], uncovered: 'KMS is outside the API' },
          { ...unit, id: 'c', text: 'tags | No', constraints: [] },
          { ...unit, id: 'd', text: 'Parameter | Type', constraints: [], normative: false },
          { ...unit, id: 'e', text: 'only an unselected constraint', constraints: ['ims.other.x'] },
        ],
      },
    ];
    const page = renderComplianceHtml(report, { documents: [doc], units });
    const data = JSON.parse(/id="report-data">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? 'null') as { units: unknown };
    expect(data.units).toEqual([
      {
        doc: doc.name,
        text: 'min_disk | Yes | Integer',
        section: 'Request parameters',
        ids: ['ims.dataimage.min_disk.range'],
      },
      {
        doc: doc.name,
        text: 'cmk_id | No | String',
        section: 'Request parameters',
        ids: [],
        uncovered: 'KMS is outside the API',
      },
      { doc: doc.name, text: 'tags | No', section: 'Request parameters', ids: [], uncovered: null },
    ]);
    expect(pageDataUnits(renderComplianceHtml(report, { documents: [doc] }))).toBeNull();
  });

  test('without documents the page says why', () => {
    const page = renderComplianceHtml(report, { documents: [], documentsNote: 'not found in /nowhere' });
    expect(page).toContain('<p class="note">not found in /nowhere</p>');
  });
});

describe.skipIf(docsFolder() === undefined && process.env.CI !== 'true')('with the real documents', () => {
  test('every seed and each cited reference page is embedded, and the page stays under its size bound', () => {
    const page = complianceHtml(report, { secrets: [] });
    for (const seed of ['000', '001', '002', '003', '004']) {
      expect(page).toMatch(new RegExp(`data-doc="${seed}_[0-9a-f]{16}\\.txt" data-kind="seed"`));
    }
    expect(page).not.toContain('data-kind="reference"'); // the fixtures cite no reference page
    expect(Buffer.byteLength(page)).toBeLessThan(complianceHtmlBudgetBytes);
  });
});
