/**
 * The STYLE.md §3.4 rendering of a failing (or warning) constraint: title line, Received/Documented,
 * Request, Document with the quoted words, Reproduce with the command and the curl line.
 * Plain text; callers add colour or a code fence.
 */
import type { ConstraintVerdict } from '../model/verdict.js';

const reproduceIndent = ' '.repeat('  Reproduce: '.length);

/** The lines of one constraint's block, e.g. `✖ ims.dataimage.min_disk.range — invalid request accepted`. */
export function renderFailureBlock(row: ConstraintVerdict): string[] {
  const mark = row.verdict === 'fail' ? '✖' : '⚠';
  const title = row.verdict === 'fail' ? (row.reason ?? row.description) : row.description;
  const lines = [`${mark} ${row.constraintId} — ${oneLine(title)}`];
  const ce = row.counterexample;
  if (ce === undefined) {
    lines.push(`  Received: (no counterexample recorded; ${row.failures} of ${row.cases} cases failed)`);
  } else {
    lines.push(`  Received: ${oneLine(ce.received)}        Documented: ${oneLine(ce.documented)}`);
    lines.push(`  Request: ${oneLine(ce.request)}`);
  }
  const { doc, section, quote } = row.citation;
  lines.push(`  Document: ${doc}, ${oneLine(section)}: "${oneLine(quote)}"`);
  if (row.verdict === 'warning' && row.erratum !== undefined) {
    lines.push(`  Erratum: ${row.erratum} (a warning, not a failure, unless the profile is strict)`);
  }
  if (ce !== undefined) {
    lines.push(`  Reproduce: ${oneLine(ce.command)}`);
    if (ce.curl !== undefined) {
      lines.push(`${reproduceIndent}${oneLine(ce.curl)}`);
    }
  }
  return lines;
}

/** Line breaks inside a value would break the block's layout: fold them into spaces. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
