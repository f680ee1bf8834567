import type { FieldSpec, FieldType } from '../model/spec.js';
import { FIELD_KINDS, KINDS, type KindKeyword } from './kinds/index.js';

type Schema = Record<string, unknown>;

function typeKeyword(field: FieldSpec): Schema {
  const types: FieldType[] = Array.isArray(field.type) ? [...field.type] : [field.type as FieldType];
  if (field.nullable && !types.includes('null')) {
    types.push('null');
  }
  return { type: types.length === 1 ? types[0] : types };
}

/** The keywords every kind adds to a field's schema (src/compile/kinds), in the kinds' order. */
function kindKeywords(field: FieldSpec): readonly KindKeyword[] {
  return FIELD_KINDS.flatMap((kind) => KINDS[kind].schema(field));
}

/** Keywords that only apply to one JSON type, wrapped so that a union type keeps strict mode happy. */
function keywordsOn(keywords: readonly KindKeyword[], on: KindKeyword['on']): Schema[] {
  return keywords.filter((k) => k.on === on).map((k) => ({ ...k.keyword }));
}

/** JSON Schema (draft 2020-12) of an object with the given fields and extra-property rule. */
export function objectSchema(
  fields: Readonly<Record<string, FieldSpec>>,
  additional: FieldSpec['additional'],
  extraRequired: readonly string[] = [],
): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [...extraRequired];
  for (const [name, field] of Object.entries(fields)) {
    properties[name] = fieldSchema(field);
    if (field.required) {
      required.push(name);
    }
  }
  const schema: Schema = { type: 'object', properties };
  if (required.length > 0) {
    schema.required = [...new Set(required)];
  }
  if (additional === 'forbid') {
    schema.additionalProperties = false;
  } else if (additional !== undefined && additional !== 'allow') {
    schema.additionalProperties = fieldSchema(additional);
  }
  return schema;
}

/**
 * JSON Schema of one field. A field of one JSON type gets its keywords directly; a field typed with several
 * (an erratum between revisions, e.g. EVS `error` String vs Object) gets each type's keywords under an
 * `if: {type}` guard so ajv's strict mode accepts them.
 */
export function fieldSchema(field: FieldSpec): Schema {
  const schema: Schema = typeKeyword(field);
  const keywords = kindKeywords(field);
  const byType: [string, Schema[]][] = [
    ['string', keywordsOn(keywords, 'string')],
    ['number', keywordsOn(keywords, 'number')],
    ['array', [...(field.items ? [{ items: fieldSchema(field.items) }] : []), ...keywordsOn(keywords, 'array')]],
  ];
  if (field.fields || (field.additional !== undefined && field.additional !== 'allow')) {
    byType.push(['object', [objectSchema(field.fields ?? {}, field.additional)]]);
  }
  const single = typeof schema.type === 'string';
  const guarded: Schema[] = [];
  for (const [type, keywords] of byType) {
    if (keywords.length === 0) {
      continue;
    }
    if (single) {
      // Several patterns cannot share one object: the second and later go under allOf.
      for (const k of keywords) {
        if ('pattern' in k && 'pattern' in schema) {
          guarded.push(k);
        } else {
          Object.assign(schema, k);
        }
      }
    } else {
      // An integer-or-string field (a widened erratum) guards its range with the union's own integer type.
      const types = schema.type as readonly string[];
      const on = type === 'number' && !types.includes('number') && types.includes('integer') ? 'integer' : type;
      guarded.push({ if: { type: on }, then: { allOf: keywords.map((k) => ({ type: on, ...k })) } });
    }
  }
  for (const k of keywordsOn(keywords, 'any')) {
    Object.assign(schema, k);
  }
  if (guarded.length > 0) {
    schema.allOf = single ? guarded.map((k) => ({ type: schema.type, ...k })) : guarded;
  }
  return schema;
}
