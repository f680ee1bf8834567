import { segmentsOf } from '../json/pointer.js';
import type { OperationSpec, RuleSpec, VariantSpec } from '../model/spec.js';
import { fieldSchema, objectSchema } from './field-schema.js';

type Schema = Record<string, unknown>;

/** A schema that holds when the value at `pointer` is present and one of `values` (nested properties). */
function valueAt(pointer: string, inner: Schema): Schema {
  const segments = segmentsOf(pointer);
  let schema = inner;
  for (const key of segments.reverse()) {
    schema = { type: 'object', properties: { [key]: schema }, required: [key] };
  }
  return schema;
}

function absentAt(pointer: string): Schema {
  const segments = segmentsOf(pointer);
  const last = segments.pop() ?? '';
  let schema: Schema = { not: { type: 'object', required: [last] } };
  for (const key of segments.reverse()) {
    schema = { anyOf: [{ not: { type: 'object', required: [key] } }, { properties: { [key]: schema } }] };
  }
  return schema;
}

/** Schema of "the variant/rule condition holds". */
export function whenSchema(when: VariantSpec['when'] | NonNullable<RuleSpec['when']>): Schema {
  const present = valueAt(when.pointer, { enum: [...when.in] });
  return when.absent ? { anyOf: [present, absentAt(when.pointer)] } : present;
}

function requiredAt(pointers: readonly string[]): Schema[] {
  return pointers.map((p) => {
    const segments = segmentsOf(p);
    const last = segments.pop() ?? '';
    return valueAt(`/${segments.join('/')}`.replace(/^\/$/, ''), { type: 'object', required: [last] });
  });
}

function ruleSchema(rule: RuleSpec): Schema | undefined {
  if (rule.kind === 'exclusive' && rule.fields && rule.fields.length > 1) {
    const [a, ...rest] = rule.fields;
    const pairs = rest.map((b) => ({ required: [a, b] }));
    return { not: pairs.length === 1 ? pairs[0] : { anyOf: pairs } };
  }
  if (rule.kind === 'condition' && rule.when && rule.then) {
    const then: Schema[] = [...requiredAt(rule.then.required ?? [])];
    for (const schema of requiredAt(rule.then.forbidden ?? [])) {
      then.push({ not: schema });
    }
    return then.length > 0 ? { if: whenSchema(rule.when), then: { allOf: then } } : undefined;
  }
  return undefined;
}

/**
 * JSON Schema (draft 2020-12) of the request body: shared fields, one `if/then` per variant (and at least one
 * variant must be selected), cross-field rules, and the extra-property rule as `unevaluatedProperties` so that it
 * sees the variant fields too.
 * @see specs/ims/quick-import.yaml for variants, specs/ims/image-create.yaml for the extra-property rule
 */
export function compileRequestSchema(spec: OperationSpec): Schema | undefined {
  const request = spec.request;
  if (!request) {
    return undefined;
  }
  const schema: Schema = objectSchema(request.fields, 'allow');
  const allOf: Schema[] = [];
  const variants = Object.values(request.variants ?? {});
  for (const v of variants) {
    allOf.push({ if: whenSchema(v.when), then: objectSchema(v.fields, 'allow') });
  }
  if (variants.length > 0) {
    allOf.push({ anyOf: variants.map((v) => whenSchema(v.when)) });
  }
  for (const rule of request.rules ?? []) {
    const s = ruleSchema(rule);
    if (s) {
      allOf.push(s);
    }
  }
  if (allOf.length > 0) {
    schema.allOf = allOf;
  }
  if (request.additional === 'forbid') {
    schema.unevaluatedProperties = false;
  } else if (request.additional !== undefined && request.additional !== 'allow') {
    schema.unevaluatedProperties = fieldSchema(request.additional);
  }
  return schema;
}
