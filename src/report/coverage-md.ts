/**
 * The "Document coverage" section of compliance.md: per seed and indexed reference page, the parameter rows and normative sentences with
 * constraints resting on them, those uncovered with a recorded reason, those with neither, and how many covered
 * units this run checked; then every erratum with readings, each reading with its citation.
 * @see src/coverage/index.ts, `ims-conformance coverage --units` for the unit-by-unit list
 */
import type { CoverageTotals } from '../coverage/index.js';
import { escapeCell } from './markdown.js';

/** An erratum's readings as compliance.md lists them: the constraint and one line per reading, enforced first. */
export interface ErratumReadings {
  readonly erratum: string;
  readonly constraintId: string;
  readonly readings: readonly string[];
}

export interface CoverageSection {
  readonly totals: readonly CoverageTotals[];
  readonly readings: readonly ErratumReadings[];
}

/** The section's Markdown (no trailing newline). */
export function renderCoverageMarkdown(section: CoverageSection): string {
  const lines = [
    '## Document coverage',
    '',
    'Per seed, then per reference page a seed links to or a spec cites: rows / normative sentences with constraints',
    'resting on them, uncovered with a recorded reason, with neither (`ims-conformance coverage --units` lists every',
    'unit), and covered units this run checked.',
    '',
    '| document | rows covered | rows: reason | rows: none | sentences covered | sentences: reason | sentences: none | checked |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...section.totals.map(
      (t) =>
        `| ${t.document} | ${t.rows.covered} | ${t.rows.reasoned} | ${t.rows.missing} | ${t.sentences.covered} | ${t.sentences.reasoned} | ${t.sentences.missing} | ${t.checked ?? '-'} |`,
    ),
  ];
  if (section.readings.length > 0) {
    lines.push(
      '',
      '### Errata and their readings',
      '',
      'A value valid under every reading must be accepted, one invalid under every reading refused; only a value in',
      'between warns (fails under `--profile strict`).',
      '',
      '| erratum | constraint | readings (enforced first) |',
      '| --- | --- | --- |',
      ...section.readings.map(
        (r) =>
          `| ${escapeCell(r.erratum)} | \`${r.constraintId}\` | ${r.readings.map((x) => escapeCell(x)).join('<br>')} |`,
      ),
    );
  }
  return lines.join('\n');
}
