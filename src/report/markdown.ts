/** Markdown helpers: safe table cells and code fences that survive any content. */

/** A GFM table cell: HTML-significant characters escaped, `|` escaped, line breaks as `<br>`. */
export function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, '<br>');
}

/** A fenced code block whose fence is longer than any backtick run inside `body`. */
export function fence(body: string, info = 'text'): string {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return `${marks}${info}\n${body}\n${marks}`;
}
