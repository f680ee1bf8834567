import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileSchema } from '../src/compile/ajv.js';
import { evaluateRequest } from '../src/compile/evaluate.js';
import { valueAtPointer } from '../src/json/pointer.js';
import { compiledSpecs } from '../src/run/specs.js';
import { boundaryCases } from './boundaries.js';
import { invalidCaseArbitrary, validCaseArbitrary } from './invalid.js';

const specs = compiledSpecs();
const ctx = { fixtures: {} };
const withRequest = specs.operations.filter((op) => op.requestSchema);
const violations = withRequest.flatMap((op) =>
  op.constraints.flatMap((c) => c.violations.map((kind) => ({ name: `${c.id} ${kind}`, op, c, kind }))),
);

describe('valid requests', () => {
  test("send only documented values or the target's own: container_format bare, no cmk_id without a KMS key", () => {
    const create = specs.operations.find((o) => o.id === 'ims.imagecreate');
    const data = specs.operations.find((o) => o.id === 'ims.dataimage');
    if (!create || !data) {
      throw new Error('specs missing');
    }
    const full = { fixtures: {}, complete: true };
    for (const c of fc.sample(validCaseArbitrary(create, full), { numRuns: 40, seed: 3 })) {
      expect((c.body as { container_format?: unknown }).container_format).toBe('bare');
    }
    for (const c of fc.sample(validCaseArbitrary(data, full), { numRuns: 40, seed: 3 })) {
      expect(c.body).not.toHaveProperty('cmk_id');
    }
    const keyed = { fixtures: { 'kms.cmk_id': 'key-1' }, complete: true };
    for (const c of fc.sample(validCaseArbitrary(data, keyed), { numRuns: 10, seed: 3 })) {
      expect((c.body as { cmk_id?: unknown }).cmk_id).toBe('key-1');
    }
  });

  test.for(withRequest.map((op) => ({ name: op.id, op })))(
    '$name: every case passes the schema and every rule',
    ({ op }) => {
      const validate = compileSchema(op.requestSchema as object);
      fc.assert(
        fc.property(validCaseArbitrary(op, ctx), (c) => {
          expect(evaluateRequest(op.spec, op.constraints, c.body)).toEqual([]);
          expect(validate(c.body), JSON.stringify(validate.errors)).toBe(true);
        }),
        { numRuns: 60, seed: 7 },
      );
    },
  );
});

describe('invalid requests break exactly their labelled constraint', () => {
  test('every request constraint with a violation kind can be broken', () => {
    expect(violations.length).toBeGreaterThan(100);
  });
  test.for(violations)('$name', ({ op, c, kind }) => {
    const validate = compileSchema(op.requestSchema as object);
    fc.assert(
      fc.property(invalidCaseArbitrary(op, c, kind, ctx), (generated) => {
        expect(generated.constraintId).toBe(c.id);
        const broken = evaluateRequest(op.spec, op.constraints, generated.body).map((v) => v.constraintId);
        expect(broken).toEqual([c.id]);
        // The JSON Schema agrees: the body is invalid (except rules the schema cannot state).
        expect(validate(generated.body)).toBe(false);
      }),
      { numRuns: 8, seed: 11 },
    );
  });
});

describe('boundaries', () => {
  test.for(withRequest.map((op) => ({ name: op.id, op })))('$name: min/max accepted, min-1/max+1 refused', ({ op }) => {
    for (const c of boundaryCases(op, ctx)) {
      const broken = evaluateRequest(op.spec, op.constraints, c.body).map((v) => v.constraintId);
      expect(broken, c.label).toEqual(c.expect === 'accept' ? [] : [c.constraintId]);
    }
  });
  test("quick import min_disk boundaries: 1–1024 on a system body, both readings' edges on a data body", () => {
    const op = specs.operations.find((o) => o.id === 'ims.quickimport');
    const cases = boundaryCases(op as NonNullable<typeof op>, ctx).filter(
      (c) => c.constraintId === 'ims.quickimport.min_disk.range',
    );
    const row = (c: (typeof cases)[number]) =>
      `${(c.body as { min_disk: number }).min_disk} ${c.expect}${c.disputed ? ' disputed' : ''}`;
    const system = cases.filter((c) => c.variant === 'system').map(row);
    const data = cases.filter((c) => c.variant === 'data').map(row);
    // 001's system table alone: no erratum, so ordinary pass/fail.
    expect(system).toEqual(expect.arrayContaining(['1 accept', '1024 accept', '0 reject', '1025 reject']));
    // Data: 1–1024 (001) vs 40–2048 (000): 40 and 1024 must be accepted, 0 and 2049 refused, the rest disputed.
    expect(data.sort()).toEqual(
      [
        '0 reject',
        '1 accept disputed',
        '1024 accept',
        '1025 reject disputed',
        '2048 reject disputed',
        '2049 reject',
        '39 accept disputed',
        '40 accept',
      ].sort(),
    );
  });
});

describe('a run name keeps its prefix in negative cases', () => {
  const prefix = 'imsc-0a1b2c3d-';
  const named = violations.filter(
    ({ c, kind }) =>
      c.field?.fixture === 'run_name' && ['length_above', 'forbidden_char'].includes(kind) && c.kind !== 'count',
  );
  test('there are such cases (image names of every create, the EVS image_name)', () => {
    expect(named.length).toBeGreaterThan(4);
  });
  test.for(named)(
    '$name starts with imsc-<run>-, so the orphan sweep finds what a lax service creates',
    ({ op, c, kind }) => {
      const cases = fc.sample(invalidCaseArbitrary(op, c, kind, { fixtures: {}, namePrefix: prefix }), {
        numRuns: 10,
        seed: 3,
      });
      expect(cases.length).toBeGreaterThan(0);
      for (const generated of cases) {
        const { value } = valueAtPointer(generated.body, c.pointer);
        expect(value, generated.label).toMatch(/^imsc-0a1b2c3d-/);
      }
    },
  );
});
