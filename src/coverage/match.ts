/**
 * Whether a citation's quoted words come from a document unit. Quotes are copied by hand (table cells joined with
 * "|", several sentences at once, emphasis dropped), so both sides are reduced to lower-case word sequences and a
 * unit matches when one quoted fragment of at least three words (two in a row of the same parameter) occurs in it, or the unit occurs in the quote.
 */
import type { DocUnit } from './units.js';

/** Lower-case words separated by single spaces, padded so that containment respects word edges. */
export function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, ' ')
    .trim()} `;
}

const fragmentCache = new Map<string, readonly string[]>();

/** The quote's fragments: cells and sentences of two words or more, as word sequences. */
function fragments(quote: string): readonly string[] {
  let out = fragmentCache.get(quote);
  if (!out) {
    out = quote
      .split(/\s*\|\s*|(?<=[.!?:])\s+/)
      .map(words)
      .filter((w) => w.trim().split(' ').length >= 2);
    fragmentCache.set(quote, out);
  }
  return out;
}

/** The name in a table row's first cell, as a constraint id segment would spell it. */
export function rowName(unit: DocUnit): string | undefined {
  if (unit.kind !== 'row') {
    return undefined;
  }
  const first = unit.text.split(' | ')[0]?.trim().split(' ')[0];
  return first?.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase();
}

/**
 * Whether `quote` rests on `unit`. A row must also be about the same parameter (its name is a segment of the
 * constraint id, or the quote starts with it), so that "The default value is bare." does not tie a request row to a response one.
 */
export function quoteMatches(quote: string, unit: DocUnit, idSegments: readonly string[] = []): boolean {
  const text = words(unit.text);
  const q = words(quote);
  // A sentence needs three quoted words in a row; a row two ("Reserved field"), since its name must match as well.
  const least = unit.kind === 'row' ? 2 : 3;
  const hit =
    fragments(quote).some((f) => f.trim().split(' ').length >= least && text.includes(f)) ||
    (text.trim().split(' ').length >= 3 && q.includes(text));
  if (!hit || unit.kind !== 'row') {
    return hit;
  }
  const name = rowName(unit);
  if (name === undefined || /^\d+$/.test(name)) {
    return true;
  }
  // The quote may start with the name as printed ("os-vol-tenant-attr:tenant_id | …"), which words() splits.
  const printed = words(unit.text.split(' | ')[0]?.trim().split(' ')[0] ?? '');
  return idSegments.includes(name) || q.startsWith(` ${name} `) || (printed.trim() !== '' && q.startsWith(printed));
}
