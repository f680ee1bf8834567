import fc from 'fast-check';
import { undisputedField } from '../../src/compile/readings.js';
import type { FieldSpec, FieldType, SplitBlock } from '../../src/model/spec.js';
import type { GenerationContext } from '../case.js';
import { contextKey, memo } from '../memo.js';
import { stringArbitraryKeyed } from './string.js';

/** Upper bound of generated arrays and unbounded strings, to keep requests small; boundaries test the limits. */
export const SMALL = 4;

export function primaryType(field: FieldSpec): FieldType {
  return (Array.isArray(field.type) ? field.type[0] : field.type) as FieldType;
}

/** Arbitrary of the properties of an object: required ones always, optional ones present or absent. */
export function recordArbitrary(
  fields: Readonly<Record<string, FieldSpec>>,
  ctx: GenerationContext,
): fc.Arbitrary<Record<string, unknown>> {
  return recordArbitraryKeyed(fields, ctx, contextKey(ctx));
}

function recordArbitraryKeyed(
  fields: Readonly<Record<string, FieldSpec>>,
  ctx: GenerationContext,
  key: string,
): fc.Arbitrary<Record<string, unknown>> {
  return memo(key, ['record', fields], () => buildRecord(fields, ctx, key));
}

function buildRecord(
  fields: Readonly<Record<string, FieldSpec>>,
  ctx: GenerationContext,
  key: string,
): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    // A valid request sends only documented values or the target's own (issue 16): an optional field whose value
    // must come from the target (cmk_id: a KMS key of the account) is left out when the target gives none.
    if (!field.required && field.fixture && field.fixture !== 'run_name' && ctx.fixtures[field.fixture] === undefined) {
      continue;
    }
    model[name] = fieldArbitraryKeyed(field, ctx, key);
    if (field.required || ctx.complete) {
      requiredKeys.push(name);
    }
  }
  // A run names everything it creates with its prefix, so cleanup can find it (issue 18, point 3): an optional name
  // left out is put back as `<prefix>unnamed` (the mandatory-fields-only case strips it again). A map, so the random
  // draws — and every other value of a seed's cases — stay what they were.
  const names = ctx.namePrefix
    ? Object.keys(model).filter((n) => fields[n]?.fixture === 'run_name' && !requiredKeys.includes(n))
    : [];
  if (names.length > 0) {
    const filled = `${ctx.namePrefix}unnamed`;
    return fc
      .record(model, { requiredKeys })
      .map((r) => (names.every((n) => n in r) ? r : { ...Object.fromEntries(names.map((n) => [n, filled])), ...r }));
  }
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

/**
 * Arbitrary of valid values of one field: every documented constraint respected (type, length, range, enum,
 * charset, trim, format, split parts, item count, nested fields). Fixture fields take the target's value.
 */
export function fieldArbitrary(field: FieldSpec, ctx: GenerationContext): fc.Arbitrary<unknown> {
  return fieldArbitraryKeyed(field, ctx, contextKey(ctx));
}

/** fieldArbitrary with the context's key already computed (built once per field and context content). */
export function fieldArbitraryKeyed(field: FieldSpec, ctx: GenerationContext, key: string): fc.Arbitrary<unknown> {
  return memo(key, ['field', field], () => buildField(field, ctx, key));
}

function buildField(documented: FieldSpec, ctx: GenerationContext, key: string): fc.Arbitrary<unknown> {
  // Where an erratum lists readings, a valid value is one every reading allows (never in the disputed zone).
  const field = undisputedField(documented);
  if (field.fixture && ctx.fixtures[field.fixture] !== undefined) {
    return fc.constant(ctx.fixtures[field.fixture]);
  }
  if (field.enum) {
    return fc.constantFrom(...field.enum.values);
  }
  // A field whose value list the documents do not give: only the values they name (002 container_format: bare).
  if (field.knownValues && field.knownValues.values.length > 0) {
    return fc.constantFrom(...field.knownValues.values);
  }
  switch (primaryType(field)) {
    case 'string':
      return stringArbitraryKeyed(field, ctx, key);
    case 'integer': {
      const min = field.range?.min ?? 0;
      return fc.integer({ min, max: field.range?.max ?? min + 100_000 });
    }
    case 'number': {
      const min = field.range?.min ?? 0;
      return fc.double({ min, max: field.range?.max ?? min + 100_000, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const item = field.items ? fieldArbitraryKeyed(field.items, ctx, key) : fc.string({ maxLength: SMALL });
      const minLength = field.count?.min ?? 0;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(field.count?.max ?? SMALL, SMALL)) });
    }
    case 'object':
      return recordArbitraryKeyed(field.fields ?? {}, ctx, key);
    default:
      return fc.constant(null);
  }
}

/**
 * Arbitrary of a valid value at a constraint's location: the field itself, or for a split part (an IMS tag's
 * `key`) the whole string the part lives in, so that the part can be edited in place.
 */
export function leafArbitrary(
  field: FieldSpec,
  part: { readonly split: SplitBlock } | undefined,
  ctx: GenerationContext,
): fc.Arbitrary<unknown> {
  if (!part) {
    return fieldArbitrary(field, ctx);
  }
  const key = contextKey(ctx);
  return memo(key, ['split', part.split], () =>
    fieldArbitraryKeyed({ type: 'string', split: part.split, cite: part.split.cite }, ctx, key),
  );
}
