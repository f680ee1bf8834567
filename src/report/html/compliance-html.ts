/**
 * reports/compliance.html: one self-contained page (inline CSS and script, no request to anywhere: a
 * Content-Security-Policy forbids every fetch and every script but its own) with the run's overview — verdict
 * counts per operation and per document as SVG charts, the run's facts, the changes since a baseline first,
 * a trend per operation — and the documents themselves, each parameter row or sentence a constraint cites
 * marked by its verdict (the page's script finds them by the citation's section and quoted words, and shows a
 * constraint's evidence when its row is selected).
 * @see ../../../../shared/DESIGN.md "Reports": "a self-contained HTML report that shows each document with its
 *   sentences marked by verdict"
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DocumentCoverage } from '../../coverage/index.js';
import type { ComplianceReport, ConstraintVerdict } from '../../model/verdict.js';
import type { ComplianceDiff, VerdictChange } from '../baseline.js';
import type { ReportDocument } from './documents.js';
import { htmlEscape } from './html-escape.js';
import { type OperationTrend, trendChart } from './trend.js';
import { type ChartRow, verdictChart } from './verdict-chart.js';
import { countVerdicts, verdictLabels, verdictOrder } from './verdict-order.js';

/** The bound the page stays under for the documents of this project and a standard run (test: html-size). */
export const complianceHtmlBudgetBytes = 2_000_000;

export interface ComplianceHtmlOptions {
  readonly documents: readonly ReportDocument[];
  readonly diff?: ComplianceDiff | undefined;
  readonly trend?: readonly OperationTrend[] | undefined;
  /**
   * The seeds' rows and sentences (src/coverage): each is marked with the constraints resting on it, or as
   * uncovered with its recorded reason. Without them, a seed's table row no constraint's quote finds is uncovered.
   */
  readonly units?: readonly DocumentCoverage[] | undefined;
  /** Why the documents are missing, shown instead of them (e.g. the folder was not found). */
  readonly documentsNote?: string | undefined;
}

const style = readFileSync(new URL('./page-style.css', import.meta.url), 'utf8');
const script = readFileSync(new URL('./page-script.js', import.meta.url), 'utf8');
// The policy names the page's own script by its hash: it runs, and nothing a document carried could.
const scriptHash = createHash('sha256').update(script).digest('base64');

/** The whole page. */
export function renderComplianceHtml(report: ComplianceReport, options: ComplianceHtmlOptions): string {
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:`;
  const run = report.run;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conformance of ${htmlEscape(run.target)} — ${htmlEscape(run.startedAt)}</title>
<style>${style}</style></head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header><h1>Conformance of <span data-fact="target">${htmlEscape(run.target)}</span></h1>${facts(report)}</header>
<div class="layout">
<nav aria-label="Views">${navigation(report, options)}</nav>
<main id="main" tabindex="-1">
${overview(report, options)}
${constraintsView()}
${documentsView(report, options)}
</main>
<aside id="detail" aria-live="polite" aria-label="Selected passage"><p class="hint">Select a marked row or sentence (click, or Tab to it and press Enter) to see its constraints and evidence. Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous failing or warning passage, <kbd>Esc</kbd> close.</p></aside>
</div>
<script type="application/json" id="report-data">${pageData(report, options)}</script>
<script>${script}</script>
</body></html>
`;
}

function facts(report: ComplianceReport): string {
  const run = report.run;
  const rows: [string, string, string][] = [
    ['target', 'target', run.target],
    ['revision', 'revision', run.revision],
    ['profile', 'profile', run.profile],
    ['depth', 'depth', run.depth],
    ['seed', 'seed', String(run.seed)],
    ['duration', 'duration', `${(run.durationMs / 1000).toFixed(1)} s`],
    ['started', 'startedAt', run.startedAt],
    ['run id', 'runId', run.runId],
  ];
  return `<dl class="facts">${rows.map(([label, key, value]) => `<div><dt>${label}</dt><dd data-fact="${key}">${htmlEscape(value)}</dd></div>`).join('')}</dl>`;
}

function navigation(report: ComplianceReport, options: ComplianceHtmlOptions): string {
  const byDoc = groupBy(report.constraints, (c) => c.citation.doc);
  const docLinks = options.documents
    .map((d) => {
      const counts = countVerdicts((byDoc.get(d.name) ?? []).map((c) => c.verdict));
      const badges = (['fail', 'warning'] as const)
        .filter((v) => counts[v] > 0)
        .map((v) => ` <span class="badge v-${v}" title="${counts[v]} ${verdictLabels[v]}">${counts[v]}</span>`)
        .join('');
      return `<li><a href="#doc=${encodeURIComponent(d.name)}" data-doc-link="${htmlEscape(d.name)}"><span class="doc-name">${htmlEscape(d.name.replace(/_[0-9a-f]{16}\.txt$/, ''))}</span> ${htmlEscape(d.title)}${badges}</a></li>`;
    })
    .join('');
  return `<ul><li><a href="#overview">Overview</a></li><li><a href="#constraints">All constraints</a></li></ul>
<h2>Documents</h2><ul class="docs">${docLinks}</ul>`;
}

function overview(report: ComplianceReport, options: ComplianceHtmlOptions): string {
  const totals = countVerdicts(report.constraints.map((c) => c.verdict));
  const totalList = verdictOrder
    .map((v) => `<li class="v-${v}"><span class="count" data-total="${v}">${totals[v]}</span> ${verdictLabels[v]}</li>`)
    .join('');
  const byOp = groupBy(report.constraints, (c) => c.operationId);
  const byDoc = groupBy(report.constraints, (c) => c.citation.doc);
  const opRows = [...byOp].map(([label, rows]) => ({ label, counts: countVerdicts(rows.map((r) => r.verdict)) }));
  const docRows = [...byDoc].map(([label, rows]) => ({ label, counts: countVerdicts(rows.map((r) => r.verdict)) }));
  return `<section id="view-overview" class="view" data-view="overview" aria-labelledby="overview-title">
<h2 id="overview-title">Overview</h2>
${options.diff === undefined ? '' : changes(options.diff, report)}
<ul class="totals" aria-label="Constraints by verdict">${totalList}<li class="all"><span class="count" data-total="total">${report.constraints.length}</span> constraints</li></ul>
<h3>By operation</h3>
${verdictChart(opRows, 'Verdicts per operation')}
${countsTable(opRows, 'op', 'Operation')}
<h3>By document</h3>
${verdictChart(docRows, 'Verdicts per cited document')}
${countsTable(docRows, 'doc', 'Document')}
${options.trend === undefined || options.trend.length === 0 ? '' : trendSection(options.trend)}
</section>`;
}

function countsTable(rows: readonly ChartRow[], key: 'op' | 'doc', heading: string): string {
  const head = verdictOrder.map((v) => `<th scope="col">${verdictLabels[v]}</th>`).join('');
  const body = rows
    .map((r) => {
      const cells = verdictOrder
        .map((v) => `<td data-${key}="${htmlEscape(r.label)}" data-verdict="${v}">${r.counts[v]}</td>`)
        .join('');
      const link =
        key === 'doc'
          ? `<a href="#doc=${encodeURIComponent(r.label)}">${htmlEscape(r.label)}</a>`
          : `<a href="#constraints" data-filter-op="${htmlEscape(r.label)}">${htmlEscape(r.label)}</a>`;
      return `<tr><th scope="row">${link}</th>${cells}</tr>`;
    })
    .join('');
  return `<table class="counts" id="${key}-counts"><thead><tr><th scope="col">${heading}</th>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function changes(diff: ComplianceDiff, report: ComplianceReport): string {
  const byId = new Map(report.constraints.map((c) => [c.constraintId, c]));
  const list = (title: string, kind: string, items: readonly VerdictChange[]): string => {
    if (items.length === 0) {
      return `<h4>${title}: none</h4>`;
    }
    const lis = items
      .map((ch) => {
        const row = byId.get(ch.constraintId);
        const where =
          row === undefined ? '' : ` — ${htmlEscape(row.citation.doc)}, ${htmlEscape(row.citation.section)}`;
        return `<li data-change="${kind}"><a href="#c=${encodeURIComponent(ch.constraintId)}"><code>${htmlEscape(ch.constraintId)}</code></a> ${htmlEscape(ch.from ?? 'new')} → ${htmlEscape(ch.to ?? 'removed')}${where}</li>`;
      })
      .join('');
    return `<h4>${title}: ${items.length}</h4><ul class="changes">${lis}</ul>`;
  };
  return `<section class="diff" aria-labelledby="diff-title"><h3 id="diff-title">Changes since run ${htmlEscape(diff.baseline.runId)} (${htmlEscape(diff.baseline.startedAt)})</h3>
${list('Newly failing', 'newly_failing', diff.newlyFailing)}${list('New warnings', 'new_warning', diff.newWarnings)}${list('Newly passing', 'newly_passing', diff.newlyPassing)}</section>`;
}

function trendSection(trend: readonly OperationTrend[]): string {
  const rows = trend
    .map((t) => {
      const last = t.points.at(-1);
      const now = last === undefined ? '' : verdictOrder.map((v) => `${last.counts[v]} ${verdictLabels[v]}`).join(', ');
      return `<tr><th scope="row">${htmlEscape(t.operationId)}</th><td>${trendChart(t)}</td><td>${htmlEscape(now)}</td></tr>`;
    })
    .join('');
  return `<h3>Trend per operation (${trend[0]?.points.length ?? 0} runs, oldest first)</h3><table class="trend-table"><thead><tr><th scope="col">Operation</th><th scope="col">Runs</th><th scope="col">This run</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function constraintsView(): string {
  return `<section id="view-constraints" class="view" data-view="constraints" aria-labelledby="constraints-title">
<h2 id="constraints-title">All constraints</h2>
<table class="constraints"><thead><tr><th scope="col">Verdict</th><th scope="col">Constraint</th><th scope="col">Cases</th><th scope="col">Document, section</th></tr></thead><tbody></tbody></table>
</section>`;
}

function documentsView(report: ComplianceReport, options: ComplianceHtmlOptions): string {
  const operations = [...new Set(report.constraints.map((c) => c.operationId))].sort();
  const verdictBoxes = [...verdictOrder, 'uncovered' as const]
    .map(
      (v) =>
        `<label class="v-${v}"><input type="checkbox" name="verdict" value="${v}" checked> ${verdictLabels[v]}</label>`,
    )
    .join(' ');
  const opOptions = operations.map((op) => `<option value="${htmlEscape(op)}">${htmlEscape(op)}</option>`).join('');
  const filters = `<form class="filters" aria-label="Filters"><fieldset><legend>Verdicts</legend>${verdictBoxes}</fieldset>
<label>Operation <select name="operation"><option value="">all operations</option>${opOptions}</select></label></form>`;
  const docs =
    options.documents.length === 0
      ? `<p class="note">${htmlEscape(options.documentsNote ?? 'No documents were available when this report was written.')}</p>`
      : options.documents
          .map(
            (d, k) =>
              `<article class="doc view" data-view="doc" data-doc="${htmlEscape(d.name)}" data-kind="${d.kind}" aria-labelledby="doc-title-${k}">
<p class="doc-file" id="doc-title-${k}">${d.kind === 'seed' ? 'Seed' : 'Reference page'} <code>${htmlEscape(d.name)}</code></p>
<div class="unlocated" hidden></div>
<div class="doc-body">${d.html}</div></article>`,
          )
          .join('\n');
  return `<div class="docs-filters">${filters}</div>${docs}`;
}

/** The data the script needs, as JSON that cannot close its `<script>` element. */
function pageData(report: ComplianceReport, options: ComplianceHtmlOptions): string {
  const changeOf = new Map<string, string>();
  for (const [kind, items] of [
    ['newly_failing', options.diff?.newlyFailing ?? []],
    ['new_warning', options.diff?.newWarnings ?? []],
    ['newly_passing', options.diff?.newlyPassing ?? []],
  ] as const) {
    for (const item of items) {
      changeOf.set(item.constraintId, kind);
    }
  }
  const constraints = report.constraints.map((c) => compact(c, changeOf.get(c.constraintId)));
  const known = new Set(report.constraints.map((c) => c.constraintId));
  // Only what a mark needs: units something rests on (ids of this run's constraints) and normative ones without.
  const units = (options.units ?? []).flatMap((d) =>
    d.units
      .map((u) => ({ ...u, ids: u.constraints.filter((id) => known.has(id)) }))
      .filter((u) => u.ids.length > 0 || (u.normative && u.constraints.length === 0))
      .map((u) => ({
        doc: d.document,
        text: u.text,
        section: u.section,
        ids: u.ids,
        ...(u.constraints.length === 0 ? { uncovered: u.uncovered ?? null } : {}),
      })),
  );
  const data = {
    verdictOrder,
    verdictLabels,
    run: report.run,
    constraints,
    baseline: options.diff?.baseline.runId ?? null,
    units: options.units === undefined ? null : units,
  };
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function compact(c: ConstraintVerdict, change: string | undefined): Record<string, unknown> {
  return {
    id: c.constraintId,
    op: c.operationId,
    verdict: c.verdict,
    description: c.description,
    cases: c.cases,
    citation: c.citation,
    ...(c.reason === undefined ? {} : { reason: c.reason }),
    ...(c.erratum === undefined ? {} : { erratum: c.erratum }),
    ...(c.counterexample === undefined ? {} : { evidence: c.counterexample }),
    ...(change === undefined ? {} : { change }),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) {
      out.set(k, [item]);
    } else {
      list.push(item);
    }
  }
  return out;
}
