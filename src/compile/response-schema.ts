import type { EnvelopeSpec, FieldSpec, OperationSpec } from '../model/spec.js';
import { fieldSchema } from './field-schema.js';

/** Finds a shared envelope by name (`ims-error`), as the loader keeps definitions. */
export type EnvelopeLookup = (name: string) => EnvelopeSpec | undefined;

/**
 * JSON Schema of an error envelope: its body. With `anyKeyOf` (EVS: "error indicates a general error, for example,
 * badRequest or itemNotFound"), the named keys are examples, not a closed list: the body is an object in which some
 * top-level key holds the documented {message, code}, the named keys (when present) hold it, and other keys are
 * free (`not: {additionalProperties: {not: inner}}` is JSON Schema for "some property value matches inner").
 */
export function envelopeSchema(envelope: EnvelopeSpec): Record<string, unknown> {
  const schema = fieldSchema(envelope.body);
  if (envelope.anyKeyOf && envelope.anyKeyOf.length > 0) {
    const inner = Object.values(envelope.body.fields ?? {})[0] as FieldSpec | undefined;
    const innerSchema = inner ? fieldSchema(inner) : { type: 'object' };
    return {
      type: 'object',
      minProperties: 1,
      properties: Object.fromEntries(envelope.anyKeyOf.map((k) => [k, innerSchema])),
      not: { additionalProperties: { not: innerSchema } },
    };
  }
  return schema;
}

/** JSON Schemas of every documented response body, keyed by status; error statuses use their envelope. */
export function compileResponseSchemas(spec: OperationSpec, envelopes: EnvelopeLookup): Map<number, object> {
  const out = new Map<number, object>();
  for (const [status, response] of Object.entries(spec.responses)) {
    if (response.body) {
      out.set(Number(status), fieldSchema(response.body));
    } else if (response.envelope) {
      const envelope = envelopes(response.envelope);
      if (!envelope) {
        throw new Error(`${spec.id}: response ${status} names unknown envelope "${response.envelope}"`);
      }
      out.set(Number(status), envelopeSchema(envelope));
    }
  }
  return out;
}
