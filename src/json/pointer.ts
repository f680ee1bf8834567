/**
 * JSON pointers (RFC 6901), the one module that builds, splits and follows them: spec loader positions, the
 * compiler's request schema and constraint pointers, the evaluator, checks, flows, target-config errors and
 * generators all use these (STYLE.md §3 item 3: pointers everywhere, never dot-paths; one escaping helper).
 * @see https://www.rfc-editor.org/rfc/rfc6901
 */
import { isPlainObject } from './value.js';

/** Escapes one reference token (RFC 6901 §3): `~` → `~0`, then `/` → `~1`. */
export function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Unescapes one reference token (RFC 6901 §4): `~1` → `/`, then `~0` → `~` (so `~01` is `~1`, not `/`). */
export function unescapeSegment(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Builds a pointer from unescaped segments: `['a', 'b/c']` → `/a/b~1c`; `[]` → `` (the root). */
export function pointer(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    out += `/${escapeSegment(String(s))}`;
  }
  return out;
}

/**
 * Splits a pointer into unescaped segments: `` is the root (`[]`), `/` the key "" of the root. A pointer that is
 * neither empty nor starts with `/` is not a JSON pointer (RFC 6901 §3) and throws: callers pass pointers from
 * specs the meta-schema checked, or built with `pointer()`.
 */
export function segmentsOf(ptr: string): string[] {
  if (ptr === '') {
    return [];
  }
  if (!ptr.startsWith('/')) {
    throw new Error(`not a JSON pointer (RFC 6901 §3: empty or starting with "/"): ${JSON.stringify(ptr)}`);
  }
  return ptr.slice(1).split('/').map(unescapeSegment);
}

const segmentsCache = new Map<string, readonly string[]>();
/** Pointers kept at most: the specs have a few dozen; ajv error paths of large answers must not grow it forever. */
const CACHE_LIMIT = 4096;
/**
 * `segmentsOf`, split once per pointer and kept: for the few pointers of the specs (variant discriminators, rule
 * conditions, async job ids) read once or more per generated body. The result is shared: do not change it.
 */
export function cachedSegmentsOf(ptr: string): readonly string[] {
  let segs = segmentsCache.get(ptr);
  if (!segs) {
    segs = segmentsOf(ptr);
    if (segmentsCache.size >= CACHE_LIMIT) {
      segmentsCache.clear();
    }
    segmentsCache.set(ptr, segs);
  }
  return segs;
}

/** The array index a reference token names (RFC 6901 §4: `0` or digits without a leading zero), or undefined. */
function arrayIndex(token: string, length: number): number | undefined {
  if (!/^(?:0|[1-9][0-9]*)$/.test(token)) {
    return undefined;
  }
  const i = Number(token);
  return i < length ? i : undefined;
}

/** A value found at a pointer, or `present: false` when a segment names nothing. */
export interface PointerValue {
  readonly present: boolean;
  readonly value: unknown;
}

const ABSENT: PointerValue = { present: false, value: undefined };

/**
 * The value at a pointer (RFC 6901 §4): object members by own key, array items by index; absent when a segment
 * names no member or item (`-` and indexes past the end included) or the value there is neither object nor array.
 */
export function valueAtPointer(root: unknown, ptr: string): PointerValue {
  let value = root;
  for (const key of cachedSegmentsOf(ptr)) {
    if (isPlainObject(value)) {
      if (!Object.hasOwn(value, key)) {
        return ABSENT;
      }
      value = value[key];
    } else if (Array.isArray(value)) {
      const i = arrayIndex(key, value.length);
      if (i === undefined) {
        return ABSENT;
      }
      value = value[i];
    } else {
      return ABSENT;
    }
  }
  return { present: true, value };
}
