/**
 * The one-screen summary printed at the end of a run: verdict counts, one line per operation, the
 * changes since the baseline, up to ten failures as STYLE.md §3.4 blocks, and where the reports are.
 * Returns text; the CLI prints it (noConsole keeps this module quiet).
 */
import type { ComplianceReport, ConstraintVerdict } from '../model/verdict.js';
import type { ComplianceDiff } from './baseline.js';
import { renderFailureBlock } from './failure-block.js';
import { scrubSecrets } from './scrub-secrets.js';
import { groupByOperation } from './verdict-label.js';

export interface SummaryOptions {
  /** ANSI colours (the CLI decides from the TTY and NO_COLOR). */
  readonly color: boolean;
  /** Report files written, listed at the end. */
  readonly files?: readonly string[];
  /** How many failure blocks to show (default 10). */
  readonly maxFailures?: number;
  /** Secrets of the run: replaced by `***` (texts are redacted upstream; this is the second pass). */
  readonly secrets?: readonly string[];
}

const ansi = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
type Style = keyof typeof ansi;

/** The end-of-run summary, ending with a newline. */
export function renderSummary(
  report: ComplianceReport,
  diff: ComplianceDiff | undefined,
  options: SummaryOptions,
): string {
  const paint = (style: Style, text: string): string =>
    options.color ? `\u001b[${ansi[style]}m${text}\u001b[0m` : text;
  const s = report.summary;
  const lines = [
    paint('bold', `Compliance: ${s.total} constraints`) +
      `  ${paint('green', `${s.pass} pass`)}  ${paint('red', `${s.fail} fail`)}  ` +
      `${paint('yellow', `${s.warning} warn`)}  ${s.differs} differ  ${s.not_checked} not checked`,
    ...operationLines(report.constraints),
    paint(
      'dim',
      "  (a constraint is one rule of the documents, counted once; vitest's and Allure's totals count test cases —" +
        ' examples, properties, boundaries, negative blocks — so they differ; "not checked" rows say why in compliance.md)',
    ),
  ];
  if (diff !== undefined) {
    lines.push('', ...diffLines(diff, paint));
  }
  const failing = report.constraints.filter((r) => r.verdict === 'fail');
  const shown = failing.slice(0, options.maxFailures ?? 10);
  for (const row of shown) {
    const [head = '', ...rest] = renderFailureBlock(row);
    lines.push('', paint('red', head), ...rest);
  }
  if (failing.length > shown.length) {
    lines.push('', paint('dim', `… and ${failing.length - shown.length} more failing constraints (see compliance.md)`));
  }
  if (options.files !== undefined && options.files.length > 0) {
    lines.push('', 'Reports:', ...options.files.map((f) => `  ${f}`));
  }
  return scrubSecrets(`${lines.join('\n')}\n`, options.secrets ?? []);
}

/** `ims.dataimage  42 pass  1 fail  3 warn  0 differ  0 not checked`, operation names padded to one column. */
function operationLines(rows: readonly ConstraintVerdict[]): string[] {
  const groups = [...groupByOperation(rows)];
  const width = Math.max(0, ...groups.map(([op]) => op.length));
  return groups.map(([op, group]) => {
    const count = (v: ConstraintVerdict['verdict']): number => group.filter((r) => r.verdict === v).length;
    return `  ${op.padEnd(width)}  ${count('pass')} pass  ${count('fail')} fail  ${count('warning')} warn  ${count('differs')} differ  ${count('not_checked')} not checked`;
  });
}

function diffLines(diff: ComplianceDiff, paint: (style: Style, text: string) => string): string[] {
  const head =
    `Since ${diff.baseline.runId}: ${diff.newlyFailing.length} newly failing, ${diff.newlyPassing.length} newly passing, ` +
    `${diff.newWarnings.length} new warnings, ${diff.added.length} added, ${diff.removed.length} removed`;
  return [
    head,
    ...diff.newlyFailing.map((c) => paint('red', `  ✖ ${c.constraintId} (${c.from ?? 'new'} → fail)`)),
    ...diff.newlyPassing.map((c) => paint('green', `  ✔ ${c.constraintId} (${c.from ?? 'new'} → pass)`)),
  ];
}
