/**
 * Errata as readings. Where the documents contradict each other, a constraint block states the reading the suite
 * enforces and `readings:` lists the others, each with its citation. A value valid under every reading must be
 * accepted and one invalid under every reading refused (ordinary pass/fail); only a value valid under one reading and
 * invalid under another (the disputed zone) makes a warning, a failure under `--profile strict`.
 * @see ../shared/DESIGN.md "Verdicts": "a case valid under every reading must be accepted, one invalid under every
 * reading must be refused"
 */

import { isPlainObject } from '../json/value.js';
import type { Constraint, ConstraintKind, ConstraintReading } from '../model/compiled.js';
import type { Citation, FieldSpec, OperationSpec, Reading, ResolvedCitation } from '../model/spec.js';
import { selectVariant } from './evaluate/variants.js';
import { fieldConstraintHolds } from './evaluate.js';

/** How a value fares under the readings of a constraint. */
export type ReadingVerdict = 'valid' | 'invalid' | 'disputed';

const BOUNDED = new Set<ConstraintKind>(['length', 'range', 'count']);

/** The readings of a constraint, normalised (block readings for block kinds, field readings for type/required). */
export function readingsOf(
  kind: ConstraintKind,
  field: FieldSpec | undefined,
  block: { readonly readings?: readonly Reading[] } | undefined,
  cite: (c: Citation) => ResolvedCitation,
): ConstraintReading[] {
  if (kind === 'type' || kind === 'required') {
    // A reading that renames the field (`key`) changes both its existence and the value its type is judged on.
    return (field?.readings ?? [])
      .filter((r) => r.key !== undefined || (kind === 'type' ? r.type !== undefined : r.required !== undefined))
      .map((r) => ({
        citation: cite(r.cite),
        ...(kind === 'type' && r.type !== undefined ? { type: r.type } : {}),
        ...(kind === 'required' && r.required !== undefined ? { required: r.required } : {}),
        ...(r.key !== undefined ? { key: r.key } : {}),
      }));
  }
  return (block?.readings ?? []).map(({ cite: c, ...rest }) => ({ citation: cite(c), ...rest }));
}

/** The readings that apply to a body variant (all of them when the case has no variant). */
function applicable(c: Constraint, variant: string | undefined): readonly ConstraintReading[] {
  return (c.readings ?? []).filter((r) => !r.variants || variant === undefined || r.variants.includes(variant));
}

/** The field as one reading states it. */
export function fieldUnder(kind: ConstraintKind, field: FieldSpec, r: ConstraintReading): FieldSpec {
  switch (kind) {
    case 'length':
    case 'range':
    case 'count': {
      const block = field[kind];
      return block ? { ...field, [kind]: { ...block, min: r.min, max: r.max } } : field;
    }
    case 'enum':
      return field.enum && r.values ? { ...field, enum: { ...field.enum, values: r.values } } : field;
    case 'charset':
      return field.charset && r.allowed !== undefined
        ? { ...field, charset: { ...field.charset, allowed: r.allowed } }
        : field;
    case 'type': {
      // A type reading states the whole set of types: null belongs to it only when listed (the table's String
      // against an example's null).
      if (r.type === undefined) {
        return field;
      }
      const types = Array.isArray(r.type) ? r.type : [r.type];
      return { ...field, type: r.type, nullable: types.includes('null') };
    }
    default:
      return field;
  }
}

/** A value in the object that holds the judged field, by key (for readings that rename the field). */
export type SiblingLookup = (key: string) => { present: boolean; value: unknown };

/** Whether the constraint holds for a value under the enforced reading (`r` undefined) or under reading `r`. */
function holdsUnder(
  c: Constraint,
  r: ConstraintReading | undefined,
  at: { present: boolean; value: unknown },
  sibling: SiblingLookup | undefined,
): boolean {
  const field = c.field;
  if (!field) {
    return true;
  }
  // Under a reading that names the field otherwise, the value judged is the one under that name.
  const { present, value } = r?.key !== undefined && sibling ? sibling(r.key) : at;
  const required = r ? (r.required ?? field.required) : field.required;
  if (c.kind === 'required') {
    return present || required !== true;
  }
  if (!present) {
    // A required field missing under the name another reading gives it breaks that reading whatever the constraint:
    // its existence and its type are one question there (extra_specs: 5 with no extra_spec is wrong under both).
    return r?.key === undefined || required !== true;
  }
  if (c.kind === 'default') {
    if (r?.oneOfEnum) {
      return (field.enum?.values ?? []).some((v) => v === value);
    }
    const expected = r && r.value !== undefined ? r.value : field.default?.value;
    return value === expected;
  }
  return fieldConstraintHolds(c.kind, r ? fieldUnder(c.kind, field, r) : field, value);
}

/**
 * How a value fares under every reading of a constraint: `valid` or `invalid` under all of them, or `disputed`.
 * A constraint without readings has one reading, its own. For `default` the value is the one the service applied.
 */
export function judgeUnderReadings(
  c: Constraint,
  value: unknown,
  options: { present?: boolean; variant?: string; sibling?: SiblingLookup } = {},
): ReadingVerdict {
  const at = { present: options.present ?? value !== undefined, value };
  const enforced = holdsUnder(c, undefined, at, undefined);
  for (const r of applicable(c, options.variant)) {
    if (holdsUnder(c, r, at, options.sibling) !== enforced) {
      return 'disputed';
    }
  }
  return enforced ? 'valid' : 'invalid';
}

/** Every place a constraint's path reaches in a body (each item of an array step), present or not. */
function placesOf(body: unknown, path: Constraint['path']): { present: boolean; value: unknown }[] {
  let places: { present: boolean; value: unknown }[] = [{ present: true, value: body }];
  for (const step of path) {
    places = places.flatMap(({ present, value }) => {
      if (!present) {
        return [];
      }
      if ('key' in step) {
        return isPlainObject(value) ? [{ present: Object.hasOwn(value, step.key), value: value[step.key] }] : [];
      }
      return Array.isArray(value) ? value.map((v) => ({ present: true, value: v })) : [];
    });
  }
  return places;
}

/**
 * The erratum whose disputed zone a request body is in (some value valid under one reading of it and invalid under
 * another), or undefined. A document example is sent as it is: when another reading refuses it (000's description
 * "Data disk 1 of Fedora" where the row says "only letters and digits"), a refusal must only warn.
 */
export function disputedBy(spec: OperationSpec, constraints: readonly Constraint[], body: unknown): string | undefined {
  const variant = selectVariant(spec, body);
  for (const c of constraints) {
    const applies = !c.variants || (variant !== undefined && c.variants.includes(variant));
    if (c.side !== 'request' || c.kind === 'default' || c.part || !c.erratum || !hasReadings(c) || !applies) {
      continue;
    }
    for (const at of placesOf(body, c.path)) {
      if (judgeUnderReadings(c, at.value, { present: at.present, ...(variant ? { variant } : {}) }) === 'disputed') {
        return c.erratum;
      }
    }
  }
  return undefined;
}

/** Whether the constraint's checks judge per value (it has readings) rather than warn on every finding. */
export function hasReadings(c: Constraint): boolean {
  return (c.readings?.length ?? 0) > 0;
}

/** The bounds a generator should try for a bounded constraint: every reading's min and max. */
export function readingBounds(c: Constraint, variant?: string): { min?: number; max?: number }[] {
  if (!BOUNDED.has(c.kind)) {
    return [];
  }
  return applicable(c, variant).map((r) => ({
    ...(r.min !== undefined ? { min: r.min } : {}),
    ...(r.max !== undefined ? { max: r.max } : {}),
  }));
}

type Bounded = {
  readonly cite: Citation;
  readonly min?: number;
  readonly max?: number;
  readonly readings?: readonly Reading[];
};

function narrowBounds<B extends Bounded>(block: B, variant: string | undefined): B {
  let { min, max } = block;
  for (const r of block.readings ?? []) {
    if (r.variants && variant !== undefined && !r.variants.includes(variant)) {
      continue;
    }
    if (r.min !== undefined) {
      min = min === undefined ? r.min : Math.max(min, r.min);
    }
    if (r.max !== undefined) {
      max = max === undefined ? r.max : Math.min(max, r.max);
    }
  }
  return { ...block, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

function widenBounds<B extends Bounded>(block: B): B {
  let { min, max } = block;
  for (const r of block.readings ?? []) {
    min = min === undefined || r.min === undefined ? undefined : Math.min(min, r.min);
    max = max === undefined || r.max === undefined ? undefined : Math.max(max, r.max);
  }
  const { min: _min, max: _max, ...rest } = block;
  return { ...rest, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) } as B;
}

/**
 * The field narrowed to what every reading allows (bounds intersected, enum values common to all readings): what a
 * valid request sends, so that a valid case is never in the disputed zone.
 */
export function undisputedField(field: FieldSpec, variant?: string): FieldSpec {
  if (
    !field.length?.readings &&
    !field.range?.readings &&
    !field.count?.readings &&
    !field.enum?.readings &&
    !field.charset?.readings
  ) {
    return field;
  }
  const out: { -readonly [K in keyof FieldSpec]: FieldSpec[K] } = { ...field };
  if (field.length?.readings) {
    out.length = narrowBounds(field.length, variant);
  }
  if (field.range?.readings) {
    out.range = narrowBounds(field.range, variant);
  }
  if (field.count?.readings) {
    out.count = narrowBounds(field.count, variant);
  }
  if (field.charset?.readings) {
    // The narrowest class, when one is contained in every other (003's class without the Han script of 004's).
    const classes = [field.charset.allowed, ...field.charset.readings.map((r) => r.allowed)].filter(
      (a): a is string => a !== undefined,
    );
    const narrowest = classes.find((a) => classes.every((b) => b.includes(a)));
    out.charset = narrowest === undefined ? field.charset : { ...field.charset, allowed: narrowest };
  }
  if (field.enum?.readings) {
    const common = field.enum.values.filter((v) =>
      (field.enum?.readings ?? []).every(
        (r) =>
          !r.values || (r.variants && variant !== undefined && !r.variants.includes(variant)) || r.values.includes(v),
      ),
    );
    out.enum = { ...field.enum, values: common.length > 0 ? common : field.enum.values };
  }
  return out;
}

/**
 * The field widened to what some reading allows (bounds of the union, enum values of every reading, every reading's
 * type, optional when a reading makes it so): a schema for tools that must accept every reading (the OpenAPI export).
 */
export function widestField(field: FieldSpec): FieldSpec {
  const out: { -readonly [K in keyof FieldSpec]: FieldSpec[K] } = { ...field };
  if (field.length?.readings) {
    out.length = widenBounds(field.length);
  }
  if (field.range?.readings) {
    out.range = widenBounds(field.range);
  }
  if (field.count?.readings) {
    out.count = widenBounds(field.count);
  }
  if (field.enum?.readings) {
    const all = new Set(field.enum.values);
    for (const r of field.enum.readings) {
      for (const v of r.values ?? []) {
        all.add(v);
      }
    }
    out.enum = { ...field.enum, values: [...all] };
  }
  if (field.charset?.readings) {
    const classes = [field.charset.allowed, ...field.charset.readings.map((r) => r.allowed)].filter(
      (a): a is string => a !== undefined,
    );
    const widest = classes.find((a) => classes.every((b) => a.includes(b)));
    out.charset = widest === undefined ? field.charset : { ...field.charset, allowed: widest };
  }
  for (const r of field.readings ?? []) {
    if (r.required === false || r.key !== undefined) {
      out.required = false;
    }
    if (r.type !== undefined) {
      const types = new Set([
        ...(Array.isArray(out.type) ? out.type : [out.type]),
        ...(Array.isArray(r.type) ? r.type : [r.type]),
      ]);
      out.type = types.size === 1 ? ([...types][0] as FieldSpec['type']) : [...types];
    }
  }
  return out;
}

/** One line per reading, the enforced one first: what compliance.md and the coverage report print under an erratum. */
export function describeReadings(c: Constraint): string[] {
  const field = c.field;
  const own = describe(c.kind, field, undefined);
  return [
    `${own} (enforced; ${c.citation.doc}, ${c.citation.section}: "${c.citation.quote}")`,
    ...(c.readings ?? []).map(
      (r) =>
        `${describe(c.kind, field, r)}${r.variants ? ` [${r.variants.join(', ')}]` : ''} (${r.citation.doc}, ${r.citation.section}: "${r.citation.quote}")`,
    ),
  ];
}

function describe(kind: ConstraintKind, field: FieldSpec | undefined, r: ConstraintReading | undefined): string {
  switch (kind) {
    case 'length':
    case 'range':
    case 'count': {
      const b = r ?? field?.[kind];
      return `${kind} ${b?.min ?? '…'}–${b?.max ?? '…'}`;
    }
    case 'enum':
      return `one of ${(r?.values ?? field?.enum?.values ?? []).join(', ')}`;
    case 'echo':
      return r?.value !== undefined ? `always ${JSON.stringify(r.value)}, whatever was sent` : 'echoes the request';
    case 'default':
      return r?.oneOfEnum
        ? "default: one of the field's documented values"
        : `default ${JSON.stringify(r?.value ?? field?.default?.value)}`;
    case 'charset': {
      const allowed = r?.allowed ?? field?.charset?.allowed;
      const forbidden = (field?.charset?.forbidden ?? []).map((ch) => JSON.stringify(ch)).join(' ');
      return [allowed === undefined ? 'any characters' : `characters [${allowed}]`, forbidden && `but ${forbidden}`]
        .filter(Boolean)
        .join(' ');
    }
    case 'type': {
      // A type reading lists its null; the enforced field states it with `nullable`.
      const listed = r?.type ?? field?.type;
      const types = [...(Array.isArray(listed) ? listed : [listed]), ...(!r?.type && field?.nullable ? ['null'] : [])];
      return `type ${types.join(' or ')}${r?.key !== undefined ? `, named ${r.key}` : ''}`;
    }
    case 'required':
      return `${(r ? (r.required ?? field?.required) : field?.required) ? 'required' : 'optional'}${r?.key !== undefined ? `, named ${r.key}` : ''}`;
    default:
      return kind;
  }
}

/** A field and everything under it widened to every reading (see widestField). */
export function widestFieldDeep(field: FieldSpec): FieldSpec {
  const out: { -readonly [K in keyof FieldSpec]: FieldSpec[K] } = { ...widestField(field) };
  if (field.items) {
    out.items = widestFieldDeep(field.items);
  }
  if (field.fields) {
    const fields: Record<string, FieldSpec> = Object.fromEntries(
      Object.entries(field.fields).map(([k, f]) => [k, widestFieldDeep(f)]),
    );
    // A field another reading names otherwise is admitted under that name too (extra_spec beside extra_specs).
    for (const f of Object.values(field.fields)) {
      for (const r of f.readings ?? []) {
        if (r.key !== undefined && fields[r.key] === undefined) {
          const { readings: _readings, erratum: _erratum, ...plain } = widestFieldDeep(f);
          fields[r.key] = { ...plain, required: false, cite: r.cite };
        }
      }
    }
    out.fields = fields;
  }
  return out;
}

/**
 * The operation with every field widened to what some reading allows: the schemas an export hands to tools that
 * must accept every reading (a 201 of POST /v2/images with min_disk 0 is valid under the request row's reading).
 */
export function widestSpec(spec: OperationSpec): OperationSpec {
  const fields = (f: Readonly<Record<string, FieldSpec>>) =>
    Object.fromEntries(Object.entries(f).map(([k, v]) => [k, widestFieldDeep(v)]));
  const request = spec.request;
  return {
    ...spec,
    ...(request
      ? {
          request: {
            ...request,
            fields: fields(request.fields),
            ...(request.variants
              ? {
                  variants: Object.fromEntries(
                    Object.entries(request.variants).map(([k, v]) => [k, { ...v, fields: fields(v.fields) }]),
                  ),
                }
              : {}),
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(spec.responses).map(([k, r]) => [k, r.body ? { ...r, body: widestFieldDeep(r.body) } : r]),
    ),
  };
}
