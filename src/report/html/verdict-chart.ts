/**
 * Horizontal stacked bars of verdict counts, one bar per row (operation or document), as plain inline SVG: no
 * chart library, nothing to load, prints as vectors, and each segment carries a `<title>` a screen reader and a
 * mouse can read. Bars are scaled to the largest row so rows compare at a glance.
 */
import { htmlEscape } from './html-escape.js';
import { type ShownVerdict, verdictColours, verdictLabels, verdictOrder } from './verdict-order.js';

export interface ChartRow {
  readonly label: string;
  readonly counts: Readonly<Record<ShownVerdict, number>>;
}

const labelWidth = 300;
const barWidth = 420;
const rowHeight = 22;

/** An `<svg>` element; `caption` becomes its accessible title. */
export function verdictChart(rows: readonly ChartRow[], caption: string): string {
  const max = Math.max(1, ...rows.map((r) => total(r.counts)));
  const height = rows.length * rowHeight + 4;
  const bars = rows.map((row, k) => {
    const y = k * rowHeight + 2;
    let x = labelWidth;
    let segments = '';
    for (const v of verdictOrder) {
      const n = row.counts[v];
      if (n === 0) {
        continue;
      }
      const w = Math.max(2, (n / max) * barWidth);
      segments += `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${verdictColours[v]}"><title>${htmlEscape(`${row.label}: ${n} ${verdictLabels[v]}`)}</title></rect>`;
      x += w;
    }
    const sum = total(row.counts);
    return `<text x="${labelWidth - 8}" y="${y + 12}" text-anchor="end">${htmlEscape(row.label)}</text>${segments}<text x="${(x + 6).toFixed(1)}" y="${y + 12}" class="n">${sum}</text>`;
  });
  return `<svg class="chart" role="img" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="100%" preserveAspectRatio="xMinYMin meet"><title>${htmlEscape(caption)}</title>${bars.join('')}</svg>`;
}

function total(counts: Readonly<Record<ShownVerdict, number>>): number {
  return verdictOrder.reduce((sum, v) => sum + counts[v], 0);
}
