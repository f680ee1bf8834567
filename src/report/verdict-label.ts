/** How a verdict reads in the reports, and rows grouped per operation (shared by markdown and terminal). */
import type { ConstraintVerdict, VerdictValue } from '../model/verdict.js';

const marks: Readonly<Record<VerdictValue, string>> = {
  pass: '✅',
  fail: '❌',
  warning: '⚠️',
  differs: '≠',
  not_checked: '⏸',
};

/** The emoji of a verdict. */
export function verdictMark(verdict: VerdictValue): string {
  return marks[verdict];
}

/** `✅ pass`, `❌ fail`, `⚠️ warning (rests on erratum x)`, `≠ differs (reason — citation)`, `⏸ not checked (reason)`. */
export function verdictLabel(row: Pick<ConstraintVerdict, 'verdict' | 'reason'>): string {
  switch (row.verdict) {
    case 'pass':
      return '✅ pass';
    case 'fail':
      return '❌ fail';
    case 'warning':
      return row.reason === undefined ? '⚠️ warning' : `⚠️ warning (${row.reason})`;
    case 'differs':
      return row.reason === undefined ? '≠ differs' : `≠ differs (${row.reason})`;
    case 'not_checked':
      return row.reason === undefined ? '⏸ not checked' : `⏸ not checked (${row.reason})`;
  }
}

/** Rows per operation, in the order operations first appear (the report is already sorted). */
export function groupByOperation(
  rows: readonly ConstraintVerdict[],
): ReadonlyMap<string, readonly ConstraintVerdict[]> {
  const groups = new Map<string, ConstraintVerdict[]>();
  for (const row of rows) {
    const group = groups.get(row.operationId);
    if (group === undefined) {
      groups.set(row.operationId, [row]);
    } else {
      group.push(row);
    }
  }
  return groups;
}
