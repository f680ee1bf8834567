import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, test } from 'vitest';
import { compiledSpecs } from '../run/specs.js';
import { exportOpenApi } from './export.js';

type Json = Record<string, unknown>;

function operationIds(doc: Json): string[] {
  const paths = doc.paths as Record<string, Record<string, { operationId: string }>>;
  return Object.values(paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
}

describe.for(['003', '004'])('exportOpenApi, revision %s', (revision) => {
  const specs = compiledSpecs({ revision });
  const docs = exportOpenApi(specs, { revision });

  test.for(['ims', 'evs'] as const)('the %s document is valid OpenAPI 3.1', async (service) => {
    const doc = docs[service];
    expect(doc.openapi).toBe('3.1.0');
    // swagger-parser dereferences in place: validate a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  test('every operation appears once, under its service, with its method and path', () => {
    const all = [...operationIds(docs.ims), ...operationIds(docs.evs)].sort();
    expect(all).toEqual(specs.operations.map((o) => o.id).sort());
    for (const op of specs.operations) {
      const paths = docs[op.spec.service].paths as Record<string, Record<string, Json>>;
      expect(paths[op.spec.path]?.[op.spec.method.toLowerCase()]?.operationId).toBe(op.id);
    }
  });

  test('x-constraints carries every constraint id with its citation; the EVS revision is the chosen one', () => {
    const paths = docs.evs.paths as Record<string, Record<string, Json>>;
    const upload = paths['/v2/{project_id}/volumes/{volume_id}/action']?.post;
    expect(upload?.['x-revision']).toBe(revision);
    const constraints = upload?.['x-constraints'] as { id: string; citation: { doc: string; quote: string } }[];
    const compiled = specs.operations.find((o) => o.id === 'evs.uploadimage');
    expect(constraints.map((c) => c.id)).toEqual(compiled?.constraints.map((c) => c.id));
    expect(constraints.every((c) => c.citation.doc.length > 0 && c.citation.quote.length > 0)).toBe(true);
  });
});

test('path parameters, request bodies, security schemes and shared error envelopes', () => {
  const { ims, evs } = exportOpenApi(compiledSpecs());
  const paths = ims.paths as Record<string, Record<string, Json>>;
  const get = paths['/v2/images/{image_id}']?.get;
  expect(get?.parameters).toEqual([expect.objectContaining({ name: 'image_id', in: 'path', required: true })]);
  expect(paths['/v2/images/{image_id}']?.delete?.operationId).toBe('ims.imagedelete');
  expect(paths['/v2/images']?.post?.requestBody).toMatchObject({ required: true });
  const components = ims.components as { securitySchemes: Json; schemas: Json };
  expect(components.securitySchemes.token).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Auth-Token' });
  expect(components.securitySchemes.aksk).toBeDefined();
  expect(components.schemas['ims-error']).toBeDefined();
  expect(JSON.stringify(paths['/v2/images']?.post?.responses)).toContain('#/components/schemas/ims-error');
  expect(evs.servers).toEqual([expect.objectContaining({ url: 'https://evs.{region}.myhuaweicloud.com' })]);
});

test('the validator is not a rubber stamp: a broken document is refused', async () => {
  const { ims } = exportOpenApi(compiledSpecs());
  const broken = { ...structuredClone(ims), info: undefined };
  await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
});

test('the export admits every reading of an erratum and describes the dispute', async () => {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const specs = compiledSpecs({ revision: '004' });
  const doc = exportOpenApi(specs, { revision: '004' }).ims;
  const post = (doc.paths as Record<string, Record<string, Json>>)['/v2/images']?.post as Json;
  const created = (post.responses as Record<string, Json>)['201'] as Json;
  const schema = ((created.content as Json)['application/json'] as Json).schema as Json;
  const ajv = new Ajv2020({ strict: false });
  const body = (min_disk: number) => ({ ...example201, min_disk });
  // 002's response table says 1–1024; the request row (optional, no default) lets an image carry 0.
  expect(ajv.validate(schema, body(0))).toBe(true);
  expect(ajv.validate(schema, body(1025))).toBe(false);
  const request = ((post.requestBody as Json).content as Json)['application/json'] as Json;
  const name = ((request.schema as Json).properties as Record<string, Json>).name;
  expect(name?.maxLength).toBe(255);
  const constraints = post['x-constraints'] as { id: string; readings?: string[] }[];
  const nameLength = constraints.find((c) => c.id === 'ims.imagecreate.name.length');
  expect(nameLength?.readings?.[0]).toMatch(/^length 1–255 \(enforced/);
  expect(nameLength?.readings?.[1]).toMatch(/^length 1–128 /);
});

test("the EVS export's 202 admits both readings of error (003), description and the extra_specs name", async () => {
  const { readFileSync } = await import('node:fs');
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ strict: false });
  const example = JSON.parse(readFileSync('specs/examples/003/response-202.json', 'utf8')) as Json;
  const upload = example['os-volume_upload_image'] as Json;
  const { extra_specs: specsValue, ...bare } = upload.volume_type as Json;
  const schemaOf = (revision: string) => {
    const evs = exportOpenApi(compiledSpecs({ revision }), { revision }).evs;
    const item = (evs.paths as Record<string, Record<string, Json>>)['/v2/{project_id}/volumes/{volume_id}/action']
      ?.post as Json;
    const accepted = (item.responses as Record<string, Json>)['202'] as Json;
    return ((accepted.content as Json)['application/json'] as Json).schema as Json;
  };
  const with_ = (volumeType: Json, extra: Json = {}) => ({
    ...example,
    ...extra,
    'os-volume_upload_image': { ...upload, volume_type: volumeType },
  });
  const s003 = schemaOf('003');
  // The example's "None" (table: Integer), extra_spec (the row's name), error as a string (003's table).
  expect(ajv.validate(s003, with_({ ...bare, extra_spec: specsValue }, { error: 'failed' }))).toBe(true);
  expect(ajv.validate(s003, with_({ ...bare, description: 3, extra_specs: specsValue }))).toBe(true);
  // Wrong under every reading: error null, a boolean description.
  expect(ajv.validate(s003, with_({ ...bare, extra_specs: specsValue }, { error: null }))).toBe(false);
  expect(ajv.validate(s003, with_({ ...bare, description: true, extra_specs: specsValue }))).toBe(false);
  // 004 has one reading of error.
  expect(ajv.validate(schemaOf('004'), with_({ ...bare, extra_specs: specsValue }, { error: 'failed' }))).toBe(false);
});

const example201 = {
  schema: '/v2/schemas/image',
  created_at: '2016-06-02T07:49:48Z',
  __image_source_type: 'uds',
  container_format: 'bare',
  __image_size: '0',
  file: '/v2/images/4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba86/file',
  updated_at: '2016-06-02T07:49:49Z',
  protected: false,
  id: '4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba86',
  __isregistered: 'true',
  min_ram: 1024,
  owner: 'b912fb4a4c464b568ecfca1071b21b10',
  __os_type: 'Linux',
  __imagetype: 'private',
  visibility: 'private',
  virtual_env_type: 'FusionCompute',
  tags: ['test', 'image'],
  __platform: 'Ubuntu',
  __os_bit: '64',
  __os_version: 'Ubuntu 14.04 server 64bit',
  name: 'test',
  self: '/v2/images/4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba86',
  disk_format: 'vhd',
  status: 'queued',
};
