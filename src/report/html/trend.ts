/**
 * A trend per operation from a folder of earlier compliance.json files (one per night, any names): verdict
 * counts per run in start order, the current run last, drawn as small stacked columns in plain SVG.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes } from '../../errors.js';
import type { ComplianceReport } from '../../model/verdict.js';
import { loadBaseline } from '../baseline.js';
import type { ReportDiagnostic } from '../diagnostic.js';
import { htmlEscape } from './html-escape.js';
import { countVerdicts, type ShownVerdict, verdictColours, verdictLabels, verdictOrder } from './verdict-order.js';

export interface TrendPoint {
  readonly runId: string;
  readonly startedAt: string;
  readonly counts: Readonly<Record<ShownVerdict, number>>;
}

export interface OperationTrend {
  readonly operationId: string;
  readonly points: readonly TrendPoint[];
}

/** The earlier reports under `dir` (every `*.json` that is a compliance report; others are diagnostics). */
export function loadTrendReports(dir: string): { reports: ComplianceReport[]; diagnostics: ReportDiagnostic[] } {
  const reports: ComplianceReport[] = [];
  const diagnostics: ReportDiagnostic[] = [];
  const files = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : [];
  if (files.length === 0) {
    const message = `${existsSync(dir) ? 'no .json file in the folder' : 'no such folder'}; no trend is drawn (pass a folder of earlier compliance.json files)`;
    diagnostics.push({ code: ErrorCodes.REPORT_NO_HISTORY, message, file: dir });
  }
  for (const name of files.sort()) {
    const loaded = loadBaseline(join(dir, name));
    if (loaded.value === undefined) {
      diagnostics.push(...loaded.diagnostics);
    } else {
      reports.push(loaded.value);
    }
  }
  return { reports, diagnostics };
}

/** Per operation of the current report: its counts in each earlier run (by start time), then now. */
export function operationTrends(earlier: readonly ComplianceReport[], current: ComplianceReport): OperationTrend[] {
  const runs = [...earlier.filter((r) => r.run.runId !== current.run.runId), current].sort((a, b) =>
    a.run.startedAt < b.run.startedAt ? -1 : a.run.startedAt > b.run.startedAt ? 1 : 0,
  );
  const operations = [...new Set(current.constraints.map((c) => c.operationId))].sort();
  return operations.map((operationId) => ({
    operationId,
    points: runs.map((r) => ({
      runId: r.run.runId,
      startedAt: r.run.startedAt,
      counts: countVerdicts(r.constraints.filter((c) => c.operationId === operationId).map((c) => c.verdict)),
    })),
  }));
}

/** One small SVG per operation: a column per run, stacked by verdict, the run's id and date in each title. */
export function trendChart(trend: OperationTrend): string {
  const column = 14;
  const height = 40;
  const max = Math.max(1, ...trend.points.map((p) => verdictOrder.reduce((s, v) => s + p.counts[v], 0)));
  const columns = trend.points.map((p, k) => {
    let y = height;
    let rects = '';
    for (const v of [...verdictOrder].reverse()) {
      const h = (p.counts[v] / max) * height;
      if (h === 0) {
        continue;
      }
      y -= h;
      rects += `<rect x="${k * column}" y="${y.toFixed(1)}" width="${column - 3}" height="${h.toFixed(1)}" fill="${verdictColours[v]}"/>`;
    }
    const summary = verdictOrder.map((v) => `${p.counts[v]} ${verdictLabels[v]}`).join(', ');
    return `<g><title>${htmlEscape(`${p.runId} (${p.startedAt}): ${summary}`)}</title>${rects}</g>`;
  });
  const width = Math.max(column, trend.points.length * column);
  return `<svg class="trend" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${htmlEscape(`${trend.operationId}: verdicts over ${trend.points.length} runs`)}</title>${columns.join('')}</svg>`;
}
