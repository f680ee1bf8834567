import type { FieldSpec } from '../../src/model/spec.js';

const CANDIDATES = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_. ';
/** Characters tried when a violation needs one outside a field's charset: markup, control, non-ASCII. */
const OUTSIDE = ['<', '>', '\r', '@', '#', '/', '!', '中', 'é', '\u0000', ':', '.', ' '];

const classCache = new Map<string, RegExp>();
function inClass(allowed: string, ch: string): boolean {
  let r = classCache.get(allowed);
  if (!r) {
    r = new RegExp(`^[${allowed}]$`, 'u');
    classCache.set(allowed, r);
  }
  return r.test(ch);
}

/** Whether a single character is allowed by the field's charset block (any character when it has none). */
export function charAllowed(field: FieldSpec, ch: string): boolean {
  const cs = field.charset;
  if (cs?.forbidden?.includes(ch)) {
    return false;
  }
  return cs?.allowed === undefined || inClass(cs.allowed, ch);
}

/** Characters a valid value of the field may be built from (letters and digits first), never empty. */
export function safeChars(field: FieldSpec): string[] {
  return [...safeCharsOf(field)];
}

const safeCache = new WeakMap<FieldSpec, readonly string[]>();
function safeCharsOf(field: FieldSpec): readonly string[] {
  let chars = safeCache.get(field);
  if (!chars) {
    const found = [...CANDIDATES].filter((ch) => charAllowed(field, ch));
    chars = found.length > 0 ? found : ['a'];
    safeCache.set(field, chars);
  }
  return chars;
}

const fillerCache = new WeakMap<FieldSpec, string>();
/** A filler character: the first allowed letter or digit, never a trim character. */
export function fillerChar(field: FieldSpec): string {
  let filler = fillerCache.get(field);
  if (filler === undefined) {
    const trim = field.trim?.chars ?? [' '];
    filler = safeCharsOf(field).find((c) => /[a-z0-9]/i.test(c) && !trim.includes(c)) ?? 'a';
    fillerCache.set(field, filler);
  }
  return filler;
}

/** Characters outside the field's charset (the spec's own examples first), for forbidden_char violations. */
export function outsideChars(field: FieldSpec): string[] {
  const cs = field.charset;
  const mine = [...(cs?.forbidden ?? []), ...(cs?.examplesOutside ?? [])];
  return [...new Set([...mine, ...OUTSIDE])].filter((ch) => !charAllowed(field, ch));
}
