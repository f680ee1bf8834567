/**
 * JSON pointers (RFC 6901), the one escaping helper of the spec loader (STYLE.md §3 item 3: pointers
 * everywhere, never dot-paths).
 */

/** Escapes one reference token: `~` → `~0`, `/` → `~1`. */
export function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Builds a pointer from unescaped segments: `['a', 'b/c']` → `/a/b~1c`; `[]` → `` (the root). */
export function pointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapeSegment(String(s))}`).join('');
}

/** Splits a pointer into unescaped segments; `` is the root (and `/` the key "" of the root). */
export function segmentsOf(ptr: string): string[] {
  if (ptr === '') {
    return [];
  }
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}
