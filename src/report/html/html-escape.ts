/** Text safe inside HTML elements and double-quoted attributes. */
export function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
