/**
 * One compiled operation as an OpenAPI 3.1 Operation Object. The compiled schemas are JSON Schema 2020-12,
 * which is OpenAPI 3.1's own schema dialect, so they are used as they are.
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import { fieldSchema } from '../compile/field-schema.js';
import { describeReadings, widestFieldDeep, widestSpec } from '../compile/readings.js';
import { compileRequestSchema } from '../compile/request-schema.js';
import type { CompiledOperation } from '../model/compiled.js';

type Json = Record<string, unknown>;

/** Registers a shared schema (an error envelope) under components and returns a `$ref` to it. */
export type SchemaRegistry = (name: string, schema: object) => Json;

/** What every constraint of the operation rests on, for `x-constraints`: id, kind, description, citation. */
export function constraintExtension(op: CompiledOperation): Json[] {
  return op.constraints.map((c) => ({
    id: c.id,
    kind: c.kind,
    description: c.description,
    citation: { doc: c.citation.doc, section: c.citation.section, quote: c.citation.quote },
    ...(c.erratum !== undefined ? { erratum: c.erratum } : {}),
    // The dispute described: every reading the documents allow, the enforced one first, each with its citation.
    ...(c.readings && c.readings.length > 0 ? { readings: describeReadings(c) } : {}),
  }));
}

function pathParameters(op: CompiledOperation): Json[] {
  return Object.entries(op.spec.pathParams ?? {}).map(([name, field]) => ({
    name,
    in: 'path',
    required: true,
    description: field.description ?? field.cite.quote,
    schema: fieldSchema(field),
  }));
}

function requestBody(op: CompiledOperation): Json | undefined {
  const request = op.spec.request;
  if (request === undefined || op.requestSchema === undefined) {
    return undefined;
  }
  // The schema admits every reading of an erratum (name 1–255 where one table says 1–128).
  const schema = compileRequestSchema(widestSpec(op.spec)) ?? op.requestSchema;
  return { required: true, content: { [request.contentType]: { schema } } };
}

function responses(op: CompiledOperation, register: SchemaRegistry): Json {
  const out: Json = {};
  for (const [status, response] of Object.entries(op.spec.responses)) {
    // A documented body admits every reading of its errata (min_disk 0 where the response table says 1–1024).
    const schema = response.body ? fieldSchema(widestFieldDeep(response.body)) : op.responseSchemas.get(Number(status));
    const entry: Json = { description: response.description };
    if (schema !== undefined) {
      const ref = response.envelope !== undefined ? register(response.envelope, schema) : schema;
      entry.content = { [response.contentType ?? 'application/json']: { schema: ref } };
    }
    if (response.erratum !== undefined) {
      entry['x-erratum'] = response.erratum;
    }
    out[status] = entry;
  }
  return out;
}

/** The Operation Object: operationId is the spec id, `x-constraints` lists every constraint with its citation. */
export function operationObject(op: CompiledOperation, register: SchemaRegistry): Json {
  const params = pathParameters(op);
  const body = requestBody(op);
  return {
    operationId: op.id,
    summary: op.spec.title,
    description: `Transcribed from ${op.document}${op.revision !== undefined ? ` (revision ${op.revision})` : ''}.`,
    tags: [op.spec.service],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(body !== undefined ? { requestBody: body } : {}),
    responses: responses(op, register),
    'x-document': op.document,
    ...(op.revision !== undefined ? { 'x-revision': op.revision } : {}),
    ...(op.spec.async !== undefined ? { 'x-async-job': op.spec.async } : {}),
    'x-constraints': constraintExtension(op),
    'x-errata': op.errata.map((e) => ({ id: e.id, title: e.title, enforced: e.enforced, severity: e.severity })),
  };
}
