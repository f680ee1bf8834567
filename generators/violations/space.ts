/**
 * The violation space of each violation kind, drawn with fast-check (issue 17): not one fixed value per kind but
 * an arbitrary over the values that break the constraint — every forbidden character at the start, in the middle
 * and at the end; leading, trailing and surrounding spaces; every other JSON type; out of range near, far,
 * negative and huge; lengths just over and far over; enum near-misses; formats with a structural part missing,
 * empty or doubled. Offsets from a bound are integers from 0 up, so fast-check shrinks a counterexample toward the
 * boundary itself (min−1, max+1). The invalid-case generator keeps only bodies that break exactly the labelled
 * constraint (generators/invalid.ts), so a drawn value that would also break another constraint is dropped there.
 */
import fc from 'fast-check';
import type { CompiledOperation, Constraint, ViolationKind } from '../../src/model/compiled.js';
import type { FieldSpec, FieldType } from '../../src/model/spec.js';
import { charAllowed, fillerChar, outsideChars } from '../fields/chars.js';

/** Turns the valid value at the constraint's location into a violating one (undefined: not expressible here). */
export type Violate = (valid: unknown) => unknown;

/** Control characters tried as forbidden characters, besides the field's own list (C0 edges, TAB, LF, CR, DEL). */
const CONTROL = ['\u0000', '\t', '\n', '\r', '\u000b', '\u001b', '\u001f', '\u007f'];
/** Characters tried outside a charset besides the spec's own examples: markup, quoting, separators, non-ASCII. */
const MORE_OUTSIDE = ['"', "'", '\\', '&', '%', '$', '*', '?', '|', '=', '+', ',', ';', '~', '`', '中', 'ü', '😀'];

const codePoints = (s: string): string[] => [...s];

/** A string of exactly n characters the field allows. */
function filled(field: FieldSpec, n: number): string {
  return fillerChar(field).repeat(Math.max(0, n));
}

/** The valid string to edit, or a filler string of the field's minimum length (at least one character). */
function baseString(field: FieldSpec, valid: unknown): string {
  return typeof valid === 'string' && valid.length > 0 ? valid : filled(field, Math.max(1, field.length?.min ?? 1));
}

type Position = 'start' | 'middle' | 'end';

/** Replaces the character at a position (keeps the length, so no length constraint moves). */
function replaceAt(s: string, at: Position, ch: string): string {
  const chars = codePoints(s);
  if (chars.length === 0) {
    return ch;
  }
  const i = at === 'start' ? 0 : at === 'end' ? chars.length - 1 : Math.floor(chars.length / 2);
  chars[i] = ch;
  return chars.join('');
}

/** Offsets 0…far from a bound: 0 first (the bound itself, where shrinking ends), biased toward small values. */
function offset(far: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: Math.max(0, far) });
}

function typesOf(field: FieldSpec): readonly FieldType[] {
  return Array.isArray(field.type) ? field.type : [field.type as FieldType];
}

/** Whether `value` has one of the field's JSON types (integers are numbers; null where the field is nullable). */
function ofFieldType(field: FieldSpec, value: unknown): boolean {
  const types = typesOf(field);
  if (value === null) {
    return types.includes('null') || field.nullable === true;
  }
  if (Array.isArray(value)) {
    return types.includes('array');
  }
  if (typeof value === 'number') {
    return types.includes('number') || (Number.isInteger(value) && types.includes('integer'));
  }
  return types.includes(typeof value as FieldType);
}

/**
 * Values of every other JSON type: null, booleans, integers and fractions, strings (the number or boolean as text
 * first: the near miss a lenient parser accepts), arrays and objects (empty, and wrapping the valid value).
 */
function wrongType(field: FieldSpec): fc.Arbitrary<Violate> {
  const near = (valid: unknown): unknown[] => [
    typeof valid === 'number' || typeof valid === 'boolean' ? String(valid) : undefined,
    typeof valid === 'string' && valid !== '' && Number.isFinite(Number(valid)) ? Number(valid) : undefined,
  ];
  const candidates: ((valid: unknown) => unknown)[] = [
    (v) => near(v)[0] ?? near(v)[1] ?? '1',
    () => null,
    () => true,
    () => false,
    () => 12345,
    () => 0,
    () => -1,
    () => 1.5,
    () => 2 ** 53,
    () => '',
    () => 'x',
    () => 'true',
    (v) => [v],
    () => [],
    (v) => ({ value: v }),
    () => ({}),
  ];
  return fc.constantFrom(...candidates).map((make) => (valid: unknown) => {
    const out = make(valid);
    return out === undefined || ofFieldType(field, out) ? undefined : out;
  });
}

function lengthAbove(c: Constraint, field: FieldSpec): fc.Arbitrary<Violate> {
  if (c.kind === 'count') {
    const max = field.count?.max ?? 0;
    return offset(Math.max(8, max * 2)).map((d) => (valid: unknown) => {
      const items = Array.isArray(valid) && valid.length > 0 ? valid : undefined;
      return items ? Array.from({ length: max + 1 + d }, (_, i) => items[i % items.length]) : undefined;
    });
  }
  const max = field.length?.max ?? 0;
  // Just over, far over, up to four times the maximum (at least 64 more): a service may cut at another length.
  return offset(Math.max(64, max * 3)).map((d) => (valid: unknown) => {
    const n = max + 1 + d;
    const s = typeof valid === 'string' ? codePoints(valid).slice(0, n).join('') : '';
    return s + filled(field, n - codePoints(s).length);
  });
}

function lengthBelow(c: Constraint, field: FieldSpec): fc.Arbitrary<Violate> {
  if (c.kind === 'count') {
    const min = field.count?.min ?? 1;
    return offset(min - 1).map((d) => (valid: unknown) => (Array.isArray(valid) ? valid.slice(0, min - 1 - d) : []));
  }
  const min = field.length?.min ?? 1;
  const trim = field.trim ? (field.trim.chars ?? [' ']) : [];
  return offset(min - 1).map((d) => (valid: unknown) => {
    const n = min - 1 - d;
    const prefix = typeof valid === 'string' ? codePoints(valid).slice(0, n) : [];
    // A prefix ending in a trim character would break the trim rule too: filler instead.
    const last = prefix.at(-1);
    return prefix.length === n && (last === undefined || !trim.includes(last)) ? prefix.join('') : filled(field, n);
  });
}

/** Below the minimum (near, far, negative) or above the maximum (near, far, huge), integers or fractions. */
function outOfRange(field: FieldSpec, side: 'below' | 'above'): fc.Arbitrary<Violate> {
  const bound = side === 'below' ? (field.range?.min ?? 0) : (field.range?.max ?? 0);
  const sign = side === 'below' ? -1 : 1;
  const integer = !typesOf(field).includes('number');
  const span = Math.max(10, Math.abs(bound) * 2);
  const huge = [2 ** 31, 2 ** 32, 2 ** 53 - 1].map((h) => sign * h).filter((h) => sign * (h - bound) > 0);
  const near = offset(span).map((d) => bound + sign * (1 + d));
  const far = fc.constantFrom(...(huge.length > 0 ? huge : [bound + sign * 1_000_000]));
  const fraction = fc.integer({ min: 1, max: 9 }).map((k) => bound + sign * (k / 10));
  const values = integer
    ? fc.oneof({ arbitrary: near, weight: 4 }, { arbitrary: far, weight: 1 })
    : fc.oneof({ arbitrary: near, weight: 4 }, { arbitrary: far, weight: 1 }, { arbitrary: fraction, weight: 2 });
  return values.map((v) => () => v);
}

/** Values of every enum-constrained field of the operation: documented values of another field are near misses. */
function documentedElsewhere(op: CompiledOperation, field: FieldSpec): unknown[] {
  const out = new Set<unknown>();
  for (const other of op.constraints) {
    if (other.kind === 'enum' && other.field !== field) {
      for (const v of other.field?.enum?.values ?? []) {
        out.add(v);
      }
    }
  }
  return [...out];
}

/**
 * Values the enum does not list: the spec's own examples, a listed value padded, cut or lengthened, another
 * field's documented values; for numbers, neighbours and gaps of the listed values.
 */
function enumMiss(op: CompiledOperation, field: FieldSpec): fc.Arbitrary<Violate> {
  const values = field.enum?.values ?? [];
  const listed = new Set<unknown>(values);
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const strings = values.filter((v): v is string => typeof v === 'string');
  const candidates: unknown[] = [...(field.enum?.examplesOutside ?? [])];
  if (numbers.length > 0) {
    const lo = Math.min(...numbers);
    const hi = Math.max(...numbers);
    candidates.push(hi + 1, lo - 1, hi + 100, -hi - 1);
    for (let n = lo + 1; n < hi && candidates.length < 24; n++) {
      candidates.push(n);
    }
  }
  for (const s of strings) {
    candidates.push(` ${s}`, `${s} `, ` ${s} `, `${s}-not-documented`, s.slice(0, -1), `${s}${s.at(-1) ?? 'x'}`, '');
  }
  const sameType = (v: unknown) =>
    numbers.length > 0 ? typeof v === 'number' : strings.length > 0 ? typeof v === 'string' : true;
  const own = [...new Set(candidates)].filter((v) => !listed.has(v) && sameType(v));
  const elsewhere = documentedElsewhere(op, field).filter((v) => !listed.has(v) && sameType(v) && !own.includes(v));
  // Near misses of the field's own values first (and three times as often); another field's values after them.
  const arbs = [
    ...(own.length > 0 ? [{ arbitrary: fc.constantFrom(...own), weight: 3 }] : []),
    ...(elsewhere.length > 0 ? [{ arbitrary: fc.constantFrom(...elsewhere), weight: 1 }] : []),
  ];
  return arbs.length > 0 ? fc.oneof(...arbs).map((v) => () => v) : fc.constant(() => undefined);
}

/** Case variants of a listed value that the enum does not list: lower, upper, capitalised, swapped, one letter. */
function enumCase(field: FieldSpec): fc.Arbitrary<Violate> {
  const values = field.enum?.values ?? [];
  const strings = values.filter((v): v is string => typeof v === 'string' && v.toLowerCase() !== v.toUpperCase());
  const variants = (s: string): string[] => {
    const chars = codePoints(s);
    const letter = chars.findIndex((ch) => ch.toLowerCase() !== ch.toUpperCase());
    const flip = (ch: string) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase());
    return [
      s.toLowerCase(),
      s.toUpperCase(),
      s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
      chars.map(flip).join(''),
      letter < 0 ? s : chars.map((ch, i) => (i === letter ? flip(ch) : ch)).join(''),
    ];
  };
  const misses = [...new Set(strings.flatMap(variants))].filter((v) => !values.includes(v));
  return misses.length > 0 ? fc.constantFrom(...misses).map((v) => () => v) : fc.constant(() => undefined);
}

/** A character outside the charset (the spec's own first, then control characters and the rest) at a position. */
function forbiddenChar(field: FieldSpec): fc.Arbitrary<Violate> {
  const chars = [...new Set([...outsideChars(field), ...CONTROL, ...MORE_OUTSIDE])].filter(
    (ch) => !charAllowed(field, ch),
  );
  if (chars.length === 0) {
    return fc.constant(() => undefined);
  }
  return fc.record({ ch: fc.constantFrom(...chars), at: fc.constantFrom<Position>('middle', 'start', 'end') }).map(
    ({ ch, at }) =>
      (valid: unknown) =>
        replaceAt(baseString(field, valid), at, ch),
  );
}

/** Leading, trailing or surrounding trim characters (one to three of them), where the charset allows them. */
function untrimmed(field: FieldSpec): fc.Arbitrary<Violate> {
  const chars = (field.trim?.chars ?? [' ']).filter((ch) => charAllowed(field, ch));
  if (chars.length === 0) {
    return fc.constant(() => undefined);
  }
  return fc
    .record({
      ch: fc.constantFrom(...chars),
      where: fc.constantFrom('leading', 'trailing', 'both'),
      n: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ ch, where, n }) => (valid: unknown) => {
      // Replaces characters rather than adding them, so the length stays what it was.
      const chars2 = codePoints(baseString(field, valid));
      const k = Math.min(n, chars2.length);
      for (let i = 0; i < k; i++) {
        if (where !== 'trailing') {
          chars2[i] = ch;
        }
        if (where !== 'leading') {
          chars2[chars2.length - 1 - i] = ch;
        }
      }
      return chars2.join('');
    });
}

/**
 * A value with a structural part missing, empty or doubled: the separators of a split value or of the documented
 * example (`bucket:file` → `bucketfile`, `:file`, `bucket:`, `bucket::file`, `bucket:file:file`).
 */
function badFormat(field: FieldSpec): fc.Arbitrary<Violate> {
  const edits = ['no separator', 'empty first', 'empty last', 'only separator', 'doubled separator', 'doubled part'];
  return fc.constantFrom(...edits).map((edit) => (valid: unknown) => {
    const s = typeof valid === 'string' ? valid : (field.format?.example ?? '');
    const sep = field.split?.separator ?? s.match(/[^\p{L}\p{N}_-]/u)?.[0];
    if (sep === undefined || !s.includes(sep)) {
      return edit === 'no separator' ? s.replace(/[^\p{L}\p{N}_-]/gu, '') || 'no-format' : undefined;
    }
    const at = s.indexOf(sep);
    const head = s.slice(0, at);
    const tail = s.slice(at + sep.length);
    switch (edit) {
      case 'no separator':
        return s.split(sep).join('') || filled(field, 3);
      case 'empty first':
        return `${sep}${tail}`;
      case 'empty last':
        return `${head}${sep}`;
      case 'only separator':
        return sep;
      case 'doubled separator':
        return `${head}${sep}${sep}${tail}`;
      default:
        return `${head}${sep}${tail}${sep}${tail}`;
    }
  });
}

/**
 * The arbitrary of violations of `kind` against constraint `c` (a field-level constraint; rules, extra properties
 * and missing fields are built by generators/invalid.ts). `fc.constant(() => undefined)` when the kind cannot be
 * expressed for the field.
 */
export function violationArbitrary(op: CompiledOperation, c: Constraint, kind: ViolationKind): fc.Arbitrary<Violate> {
  const field = c.field;
  if (!field) {
    return fc.constant(() => undefined);
  }
  switch (kind) {
    case 'wrong_type':
      return wrongType(field);
    case 'length_above':
      return lengthAbove(c, field);
    case 'length_below':
      return lengthBelow(c, field);
    case 'range_below':
      return outOfRange(field, 'below');
    case 'range_above':
      return outOfRange(field, 'above');
    case 'enum_miss':
      return enumMiss(op, field);
    case 'enum_case':
      return enumCase(field);
    case 'forbidden_char':
      return c.kind === 'trim' ? untrimmed(field) : forbiddenChar(field);
    case 'bad_format':
      return badFormat(field);
    default:
      return fc.constant(() => undefined);
  }
}

/**
 * Values of an extra property: every JSON type, and where the document types extra properties (Glance's string
 * properties of at most 255 characters), strings just over and far over their length.
 */
export function extraPropertyArbitrary(extra: 'forbid' | FieldSpec | undefined): fc.Arbitrary<unknown> {
  const others: unknown[] = [12345, 0, -1, 1.5, true, false, null, [], ['x'], {}, { nested: 'x' }];
  if (typeof extra !== 'object') {
    return fc.constantFrom<unknown>('x', ...others);
  }
  const max = extra.length?.max;
  const wrong = others.filter((v) => !ofFieldType(extra, v));
  const long =
    max === undefined ? [] : [offset(Math.max(64, max * 3)).map((d) => filled(extra, max + 1 + d) as unknown)];
  return fc.oneof(...long, fc.constantFrom(...(wrong.length > 0 ? wrong : ['x'])));
}

/** A named, fixed point of a kind's violation space. */
export interface Edge {
  readonly name: string;
  readonly violate: Violate;
}

const constant =
  (v: unknown): Violate =>
  () =>
    v;

/**
 * The fixed points of each kind's space that every run sends, whatever its depth and seed (next to min−1 and max+1
 * of the boundaries): null for a wrong type, each character the document names as forbidden (or its own examples
 * outside the charset), a leading and a trailing trim character, far and huge out-of-range values, a length far
 * over, the spec's own examples outside an enum and a padded value, all lower and all upper case, a format with
 * its first or last part empty, extra properties of another type or just over their length. A service that refuses
 * only the one value a random draw happens to send is caught at every seed.
 */
export function edgeViolations(c: Constraint, kind: ViolationKind): readonly Edge[] {
  const field = c.field;
  if (!field) {
    return [];
  }
  switch (kind) {
    case 'wrong_type':
      return ofFieldType(field, null) ? [] : [{ name: 'null', violate: constant(null) }];
    case 'forbidden_char': {
      if (c.kind === 'trim') {
        const ch = (field.trim?.chars ?? [' ']).find((x) => charAllowed(field, x));
        if (ch === undefined) {
          return [];
        }
        return (['leading', 'trailing'] as const).map((where) => ({
          name: `${where} ${JSON.stringify(ch)}`,
          violate: (valid: unknown) => replaceAt(baseString(field, valid), where === 'leading' ? 'start' : 'end', ch),
        }));
      }
      const named = [...(field.charset?.forbidden ?? []), ...(field.charset?.examplesOutside ?? [])];
      return [...new Set(named)]
        .filter((ch) => !charAllowed(field, ch))
        .slice(0, 4)
        .map((ch) => ({
          name: JSON.stringify(ch),
          violate: (valid: unknown) => replaceAt(baseString(field, valid), 'middle', ch),
        }));
    }
    case 'range_below':
    case 'range_above': {
      const below = kind === 'range_below';
      const bound = below ? (field.range?.min ?? 0) : (field.range?.max ?? 0);
      const sign = below ? -1 : 1;
      return [
        { name: `${below ? 'far below' : 'far above'}`, violate: constant(bound + sign * 1000) },
        { name: `${below ? '-2^31' : '2^31'}`, violate: constant(sign * 2 ** 31) },
      ].filter((e) => sign * ((e.violate(undefined) as number) - bound) > 0);
    }
    case 'length_above': {
      if (c.kind === 'count') {
        return [];
      }
      const max = field.length?.max ?? 0;
      return [{ name: 'far over', violate: constant(filled(field, Math.max(max * 2, max + 64))) }];
    }
    case 'enum_miss': {
      // The spec's own examples of values outside the enum (002 visibility: "public"), then a padded value.
      const own = (field.enum?.examplesOutside ?? []).slice(0, 3).map((v) => ({
        name: JSON.stringify(v),
        violate: constant(v),
      }));
      const first = field.enum?.values.find((v): v is string => typeof v === 'string');
      return first === undefined ? own : [...own, { name: 'padded', violate: constant(`${first} `) }];
    }
    case 'enum_case': {
      // All lower and all upper case of the first listed value with letters (the rest of the space is drawn).
      const values = field.enum?.values ?? [];
      const first = values.find((v): v is string => typeof v === 'string' && v.toLowerCase() !== v.toUpperCase());
      if (first === undefined) {
        return [];
      }
      return [first.toLowerCase(), first.toUpperCase()]
        .filter((v) => !values.includes(v))
        .map((v) => ({ name: v === first.toLowerCase() ? 'lower case' : 'upper case', violate: constant(v) }));
    }
    case 'bad_format':
      return (['empty first', 'empty last'] as const).map((name) => ({
        name,
        violate: (valid: unknown) => {
          const s = typeof valid === 'string' ? valid : (field.format?.example ?? '');
          const sep = field.split?.separator ?? s.match(/[^\p{L}\p{N}_-]/u)?.[0];
          if (sep === undefined || !s.includes(sep)) {
            return undefined;
          }
          const i = s.indexOf(sep);
          return name === 'empty first' ? s.slice(i) : s.slice(0, i + sep.length);
        },
      }));
    default:
      return [];
  }
}

/**
 * Fixed extra-property values every run sends (besides random draws of every type): a number, an object and,
 * where extra properties are strings of bounded length, a string just over it.
 */
export function extraPropertyEdges(
  extra: 'forbid' | FieldSpec | undefined,
): readonly { name: string; value: unknown }[] {
  const max = typeof extra === 'object' ? extra.length?.max : undefined;
  const otherType = [
    { name: 'number', value: 12345 as unknown },
    { name: 'object', value: { nested: 'x' } as unknown },
  ].filter((e) => typeof extra !== 'object' || !ofFieldType(extra, e.value));
  const justOver =
    max !== undefined && typeof extra === 'object' ? [{ name: 'just over', value: filled(extra, max + 1) }] : [];
  return [...otherType, ...justOver];
}
