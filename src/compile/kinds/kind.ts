import type { ViolationKind } from '../../model/compiled.js';
import type { FieldSpec } from '../../model/spec.js';

/** A JSON Schema keyword object (`{ minLength: 1 }`), and the JSON type it applies to. */
export interface KindKeyword {
  readonly on: 'string' | 'number' | 'array' | 'any';
  readonly keyword: Readonly<Record<string, unknown>>;
}

/**
 * Everything the engine knows about one kind of field constraint (ajv's vocabulary shape): the JSON Schema
 * keywords it adds, the predicate a present value must satisfy, the violations a generator can produce against
 * it, and the one line reports show. Listed once in ./index.ts; a kind missing there is a compile error.
 */
export interface KindModule {
  /** JSON Schema keywords of the field for this kind (empty: the kind has no keyword of its own). */
  schema(field: FieldSpec): readonly KindKeyword[];
  /** The predicate a present value must satisfy (built once per field: bounds, values and regexes looked up once). */
  holds(field: FieldSpec): (value: unknown) => boolean;
  /** The violations a request generator can produce against the kind on this field. */
  violations(field: FieldSpec): readonly ViolationKind[];
  /** One line for reports: "length 1–128 characters", "one of Windows, Linux". `part` names a split part. */
  describe(field: FieldSpec, part?: string): string;
}

export const always = (): boolean => true;

const regexCache = new Map<string, RegExp>();
/** A compiled regex per source (the specs reuse few patterns). */
export function regex(source: string): RegExp {
  let r = regexCache.get(source);
  if (!r) {
    r = new RegExp(source, 'u');
    regexCache.set(source, r);
  }
  return r;
}

/** Length in code points (what `[...s].length` counts: a lone surrogate is one), without building an array. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const hi = s.charCodeAt(i);
    if (hi >= 0xd800 && hi <= 0xdbff) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** "1–128", "at least 1", "at most 255", with a unit. */
export function bounds(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined) {
    return `${min}–${max}${unit}`;
  }
  return min !== undefined ? `at least ${min}${unit}` : `at most ${max}${unit}`;
}

export const inBounds = (n: number, min: number | undefined, max: number | undefined): boolean =>
  (min === undefined || n >= min) && (max === undefined || n <= max);

/** No keyword, always holds, no violation: the kinds whose meaning lives elsewhere (required, default, echo). */
export const NOTHING = { schema: () => [], holds: () => always, violations: () => [] } as const;
