import { describe, expect, test } from 'vitest';
import { compileSchema } from '../src/compile/ajv.js';
import { evaluateRequest } from '../src/compile/evaluate.js';
import { compileOperation } from '../src/compile/index.js';
import { compiledSpecs } from '../src/run/specs.js';

// Issue "Specs", acceptance: every example of the documents, copied verbatim, validates against its compiled
// schema, or an erratum names why not.
const { loaded } = compiledSpecs();
const examples = loaded.operations.flatMap((op) =>
  op.examples.map((ex) => ({ name: `${op.spec.id}: ${ex.spec.name}`, op, ex })),
);

describe('document examples', () => {
  test('there are examples from every seed', () => {
    const docs = new Set(examples.map((e) => e.ex.spec.file.split('/')[2]));
    for (const seed of ['000', '001', '002', '003', '004']) {
      expect(docs).toContain(seed);
    }
  });
  test.for(examples)('$name', ({ op, ex }) => {
    const revisions = ex.spec.revisions ?? [undefined];
    for (const revision of revisions) {
      const compiled = compileOperation(op, loaded, revision ? { revision } : {});
      const schema =
        ex.spec.kind === 'request'
          ? compiled.requestSchema
          : compiled.responseSchemas.get(ex.spec.status ?? compiled.spec.success);
      expect(schema, 'a schema to validate the example against').toBeDefined();
      const validate = compileSchema(schema as object);
      const valid = validate(ex.json);
      if (ex.spec.erratum) {
        // Named by an erratum: it must really fail (else the erratum is stale) and the erratum must exist.
        expect(loaded.errata.map((e) => e.id)).toContain(ex.spec.erratum);
      } else {
        expect(valid, JSON.stringify(validate.errors)).toBe(true);
        if (ex.spec.kind === 'request') {
          expect(evaluateRequest(compiled.spec, compiled.constraints, ex.json)).toEqual([]);
        }
      }
    }
  });
});

describe('hand-written invalid bodies name their constraint', () => {
  const op = (id: string) => {
    const found = compiledSpecs().operations.find((o) => o.id === id);
    if (!found) {
      throw new Error(id);
    }
    return found;
  };
  const base = {
    name: 'fedora-data1',
    image_url: 'image-test:fedora_data1.qcow2',
    min_disk: 40,
    os_type: 'Linux',
  };
  test.for([
    { name: 'name of 129 characters', body: { ...base, name: 'a'.repeat(129) }, id: 'ims.dataimage.name.length' },
    { name: 'min_disk 39', body: { ...base, min_disk: 39 }, id: 'ims.dataimage.min_disk.range' },
    { name: 'min_disk 2049', body: { ...base, min_disk: 2049 }, id: 'ims.dataimage.min_disk.range' },
    {
      name: 'both tags and image_tags',
      body: { ...base, tags: ['a.b'], image_tags: [{ key: 'a', value: 'b' }] },
      id: 'ims.dataimage.tags.exclusive',
    },
    { name: 'os_type linux', body: { ...base, os_type: 'linux' }, id: 'ims.dataimage.os_type.enum' },
    { name: 'description with <', body: { ...base, description: 'a<b' }, id: 'ims.dataimage.description.charset' },
  ])('$name → $id', ({ body, id }) => {
    const compiled = op('ims.dataimage');
    expect(compileSchema(compiled.requestSchema as object)(body)).toBe(false);
    expect(evaluateRequest(compiled.spec, compiled.constraints, body).map((v) => v.constraintId)).toEqual([id]);
  });
});
