import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../errors.js';
import { loadSpecs } from './load.js';
import { metaSchemaValidator } from './validate.js';

describe('the repository specs/ folder', () => {
  const { value, diagnostics } = loadSpecs();

  test('loads with zero diagnostics', () => {
    // Printed in full on failure: the message is what a spec author needs.
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(value?.operations.length).toBeGreaterThan(0);
  });

  test('every operation has a unique id and all of its examples, parsed', () => {
    const ids = value?.operations.map((op) => op.spec.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of value?.operations ?? []) {
      expect(op.examples.map((e) => e.spec)).toEqual(op.spec.examples ?? []);
      for (const example of op.examples) {
        expect(example.json).toEqual(JSON.parse(example.text));
      }
    }
  });

  test('no $ref survives resolution', () => {
    expect(JSON.stringify(value?.operations.map((op) => op.spec))).not.toContain('"$ref"');
    expect(JSON.stringify([...(value?.definitions.values() ?? [])])).not.toContain('"$ref"');
  });
});

// A small valid tree written at test time, so that merge and position assertions do not move when the
// real specs are edited. Lines are numbered in the comments for the position checks.
const opYaml = `id: ims.t
service: ims
title: T
document: 000_e6aba1037ae22d43.txt
method: POST
path: /v1/t
success: 200
request:
  contentType: application/json
  fields:
    name:
      $ref: ../shared/names.yaml#/definitions/image_name
      required: true
      cite: { section: Request parameters, quote: "the name" }
    tags:
      type: array
      cite: { section: Request parameters, quote: "tags" }
      items:
        $ref: ../shared/names.yaml#/definitions/base
      erratum: shared-one
responses:
  "200":
    description: OK.
    cite: { section: Returned Value, quote: "Normal 200" }
examples:
  - name: request
    kind: request
    file: specs/examples/t/request.json
    cite: { section: Example requests, quote: "x" }
errata:
  - id: own-one
    title: Own
    sources: [{ section: A, quote: "a" }, { section: B, quote: "b" }]
    enforced: a
    severity: warning
`;

const namesYaml = `document: ims-image_attributes.rst
definitions:
  base:
    type: string
    cite: { section: Image Attributes, quote: "base" }
    length: { min: 1, max: 128, cite: { section: Image Attributes, quote: "1 to 128" } }
  image_name:
    $ref: "#/definitions/base"
    description: the image name
errata:
  - id: shared-one
    title: Shared
    sources: [{ section: A, quote: "a" }]
    enforced: a
    severity: failure
`;

describe('a valid tree with nested refs', () => {
  let dir = '';
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'spec-load-'));
    write('specs/ims/t.yaml', opYaml);
    write('specs/shared/names.yaml', namesYaml);
    write('specs/examples/t/request.json', '{"name": "n1"}\n');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const load = () => loadSpecs({ root: join(dir, 'specs') });

  test('loads cleanly', () => {
    expect(load().diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  test('merges refs shallowly, siblings winning, through a nested ref', () => {
    const op = load().value?.operations[0];
    expect(op?.spec.request?.fields.name).toEqual({
      type: 'string',
      cite: { section: 'Request parameters', quote: 'the name' },
      // The shared definition's citation names its file's document; the sibling cite is the operation's own.
      length: {
        min: 1,
        max: 128,
        cite: { section: 'Image Attributes', quote: '1 to 128', doc: 'ims-image_attributes.rst' },
      },
      description: 'the image name',
      required: true,
    });
    expect(op?.spec.request?.fields.tags?.items?.type).toBe('string');
  });

  test('keeps shared definitions by file stem, resolved', () => {
    const names = load().value?.definitions.get('names');
    expect(names?.definitions.image_name).toMatchObject({ type: 'string', description: 'the image name' });
  });

  test('collects the errata of every file', () => {
    expect(load().value?.errata.map((e) => e.id)).toEqual(['own-one', 'shared-one']);
  });

  test('reads examples relative to the parent of the spec root', () => {
    const examples = load().value?.operations[0]?.examples;
    expect(examples?.map((e) => [e.spec.name, e.json, e.text])).toEqual([
      ['request', { name: 'n1' }, '{"name": "n1"}\n'],
    ]);
  });

  test.for([
    // [pointer, line, column]: scalars at their value, collections at their key.
    ['/request/fields/name/required', 13, 17],
    ['/request/fields/name', 11, 5],
    ['/request/fields/tags/items', 18, 7],
    // Merged from the ref: the referring field (its key), not the shared file.
    ['/request/fields/name/length/max', 11, 5],
    ['/request/fields/tags/items/type', 18, 7],
    ['/responses/200/description', 23, 18],
    ['/errata/0/sources/1/quote', 33, 64],
  ] as const)('locates %s at %i:%i', ([ptr, line, column]) => {
    const op = load().value?.operations[0];
    expect(op?.locate(ptr)).toEqual({ file: op?.file, line, column });
  });
});

test('the meta-schema is compiled once per process', () => {
  expect(metaSchemaValidator()).toBe(metaSchemaValidator());
});
