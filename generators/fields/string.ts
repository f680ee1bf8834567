import fc from 'fast-check';
import type { FieldSpec } from '../../src/model/spec.js';
import type { GenerationContext } from '../case.js';
import { contextKey, memo } from '../memo.js';
import { fillerChar, safeChars } from './chars.js';

/** Longest random string generated for an unbounded or long field; boundaries cover the documented maximum. */
const RANDOM_MAX = 40;

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** Replaces leading/trailing trim characters (spaces) so the value respects a `trim` block. */
export function fixEdges(field: FieldSpec, value: string): string {
  if (!field.trim || value.length === 0) {
    return value;
  }
  const trim = field.trim.chars ?? [' '];
  const first = String.fromCodePoint(value.codePointAt(0) as number);
  const n = value.length;
  const pair = n > 1 && isLow(value.charCodeAt(n - 1)) && isHigh(value.charCodeAt(n - 2));
  const last = pair ? value.slice(-2) : value.slice(-1);
  if (!trim.includes(first) && !trim.includes(last)) {
    return value; // nothing to replace (the common case): no array of characters built
  }
  const filler = fillerChar(field);
  const chars = [...value];
  if (trim.includes(chars[0] ?? '')) {
    chars[0] = filler;
  }
  if (trim.includes(chars.at(-1) ?? '')) {
    chars[chars.length - 1] = filler;
  }
  return chars.join('');
}

/** Arbitrary of valid strings: split parts, format, or characters of the charset within the length bounds. */
export function stringArbitrary(field: FieldSpec, ctx: GenerationContext): fc.Arbitrary<string> {
  return stringArbitraryKeyed(field, ctx, contextKey(ctx));
}

/** stringArbitrary with the context's key already computed (built once per field and context content). */
export function stringArbitraryKeyed(field: FieldSpec, ctx: GenerationContext, key: string): fc.Arbitrary<string> {
  return memo(key, ['string', field], () => buildString(field, ctx, key));
}

function buildString(field: FieldSpec, ctx: GenerationContext, key: string): fc.Arbitrary<string> {
  if (field.split) {
    const { separator, parts } = field.split;
    const arbs = Object.values(parts).map((p) => stringArbitraryKeyed(p, ctx, key));
    return fc.tuple(...arbs).map((values) => values.join(separator));
  }
  if (field.format) {
    // The documented example: a random match of a structural pattern (`bucket:file`) would name things the service
    // refuses for reasons outside these documents (OBS bucket naming); a target's fixture replaces it anyway.
    return fc.constant(field.format.example);
  }
  const min = field.length?.min ?? 0;
  const max = Math.max(min, Math.min(field.length?.max ?? RANDOM_MAX, min + RANDOM_MAX));
  const prefix = field.fixture === 'run_name' ? (ctx.namePrefix ?? '') : '';
  const unit = fc.constantFrom(...safeChars(field));
  const body = fc.string({
    unit,
    minLength: Math.max(0, min - prefix.length),
    maxLength: Math.max(0, max - prefix.length),
  });
  return body.map((s) => {
    const value = prefix + s;
    return value.length === 0 && min > 0 ? fillerChar(field).repeat(min) : fixEdges(field, value);
  });
}
