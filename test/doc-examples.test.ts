import { describe, expect, test } from 'vitest';
import { compileSchema } from '../src/compile/ajv.js';
import { evaluateRequest } from '../src/compile/evaluate.js';
import { compileOperation } from '../src/compile/index.js';
import { widestSpec } from '../src/compile/readings.js';
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
        // Named by an erratum: the example is in its disputed zone. It fails the enforced reading (the compiled
        // schema; else the erratum is stale) and validates under another (the schema admitting every reading; else
        // the example is wrong under every reading and needs no erratum, only a failure).
        expect(loaded.errata.map((e) => e.id)).toContain(ex.spec.erratum);
        expect(valid, `${ex.spec.erratum} names an example the enforced reading accepts`).toBe(false);
        const widest = compileOperation(
          { ...op, spec: widestSpec(compiled.spec) },
          loaded,
          revision ? { revision } : {},
        );
        const admitted =
          ex.spec.kind === 'request'
            ? widest.requestSchema
            : widest.responseSchemas.get(ex.spec.status ?? widest.spec.success);
        const validateWidest = compileSchema(admitted as object);
        expect(validateWidest(ex.json), JSON.stringify(validateWidest.errors)).toBe(true);
        const carriers = compiled.constraints.filter((c) => c.erratum === ex.spec.erratum);
        expect(
          carriers.some((c) => (c.readings?.length ?? 0) > 0),
          `${ex.spec.erratum} lists its readings`,
        ).toBe(true);
      } else {
        // An example kept out of the valid cases (unsent) still validates: its reason lies outside the body.
        if (ex.spec.unsent) {
          expect(loaded.errata.map((e) => e.id)).toContain(ex.spec.unsent.erratum);
        }
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
