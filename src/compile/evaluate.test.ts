import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pointer, valueAtPointer } from '../json/pointer.js';
import { isPlainObject } from '../json/value.js';
import type { FieldSpec, OperationSpec } from '../model/spec.js';
import { placesOf, type Step } from './evaluate/walk.js';
import { breaksOnly, evaluateRequest, evaluateResponse, requestValid, selectVariant } from './evaluate.js';
import { compileConstraints } from './operation-constraints.js';

/** The places as plain rows, for comparison. */
function rows(steps: readonly Step[], root: unknown) {
  const p = placesOf(steps, root);
  return Array.from({ length: p.count }, (_, i) =>
    p.missing[i] ? { missing: true, items: p.items[i] } : { value: p.values[i], items: p.items[i] },
  );
}

describe('placesOf: the one walker', () => {
  test('a key path reaches its value', () => {
    expect(rows(['a', 'b'], { a: { b: 1 } })).toEqual([{ value: 1, items: [] }]);
    expect(rows(['a'], { a: null })).toEqual([{ value: null, items: [] }]);
  });
  test('the empty path reaches the root, whatever it is', () => {
    expect(rows([], 'text')).toEqual([{ value: 'text', items: [] }]);
    expect(rows([], undefined)).toEqual([{ value: undefined, items: [] }]);
  });
  test('a key missing at the last step is a missing place (for required); earlier, nothing', () => {
    expect(rows(['a', 'b'], { a: {} })).toEqual([{ missing: true, items: [] }]);
    expect(rows(['a', 'b'], {})).toEqual([]);
    expect(rows(['toString'], {})).toEqual([{ missing: true, items: [] }]);
  });
  test('a key step into a value that is not an object reaches nothing', () => {
    for (const parent of ['s', 1, null, true, [{ b: 1 }]]) {
      expect(rows(['a', 'b'], { a: parent })).toEqual([]);
    }
    expect(rows(['a'], [{ a: 1 }])).toEqual([]);
  });
  test('a wildcard fans out over array items, with their indexes; non-objects and missing keys per item', () => {
    expect(rows(['list', undefined, 'k'], { list: [{ k: 'x' }, {}, 's', { k: null }] })).toEqual([
      { value: 'x', items: [0] },
      { missing: true, items: [1] },
      { value: null, items: [3] },
    ]);
  });
  test('nested wildcards give every index on the way, in document order', () => {
    expect(rows(['grid', undefined, undefined], { grid: [[1, 2], [], [3]] })).toEqual([
      { value: 1, items: [0, 0] },
      { value: 2, items: [0, 1] },
      { value: 3, items: [2, 0] },
    ]);
  });
  test('a wildcard on an empty array or on a non-array reaches nothing', () => {
    expect(rows(['list', undefined], { list: [] })).toEqual([]);
    expect(rows(['list', undefined], { list: { 0: 'a' } })).toEqual([]);
    expect(rows(['list', undefined], { list: 'ab' })).toEqual([]);
  });
  test('each place is what its pointer (RFC 6901) names, and every pointer the path covers is a place', () => {
    const key = fc.constantFrom('a', 'b', 'a/b');
    const body = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, 1, 's'),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    const steps = fc.array(fc.option(key, { nil: undefined }), { maxLength: 3 });
    fc.assert(
      fc.property(steps, body, (path, root) => {
        const p = placesOf(path, root);
        const found = new Set<string>();
        for (let i = 0; i < p.count; i++) {
          const items = [...(p.items[i] ?? [])];
          const at = pointer(path.map((s) => (s === undefined ? (items.shift() as number) : s)));
          expect(valueAtPointer(root, at)).toEqual(
            p.missing[i] ? { present: false, value: undefined } : { present: true, value: p.values[i] },
          );
          found.add(at);
        }
        // Every array item and present value the path covers, found by expanding the wildcards with valueAtPointer.
        let prefixes: string[] = [''];
        for (const [i, s] of path.entries()) {
          const last = i === path.length - 1;
          prefixes = prefixes.flatMap((pre) => {
            const here = valueAtPointer(root, pre).value;
            if (s === undefined) {
              return Array.isArray(here) ? here.map((_, k) => `${pre}/${k}`) : [];
            }
            return isPlainObject(here) && (last || Object.hasOwn(here, s)) ? [`${pre}${pointer([s])}`] : [];
          });
        }
        expect(found).toEqual(new Set(prefixes));
      }),
    );
  });
  test('a reused list is refilled, not appended to', () => {
    const out = placesOf(['a', undefined], { a: [1, 2, 3] });
    expect(placesOf(['a'], { a: 9 }, out).count).toBe(1);
    expect(out.values[0]).toBe(9);
  });
});

const cite = { doc: 't.txt', section: 's', quote: 'q' };
const str = (extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'string', cite, ...extra });
const spec: OperationSpec = {
  id: 't.op',
  service: 'ims',
  title: 'a test operation',
  document: 't.txt',
  method: 'POST',
  path: '/t',
  success: 200,
  responses: {
    '200': {
      cite,
      description: 'ok',
      body: {
        type: 'object',
        cite,
        fields: { id: str({ required: true }), n: { type: 'integer', cite, range: { min: 0, cite } } },
      },
    },
  },
  request: {
    contentType: 'application/json',
    additional: 'forbid',
    fields: {
      name: str({ required: true, length: { min: 1, max: 3, cite } }),
      size: { type: 'integer', cite, range: { min: 1, max: 10, cite } },
      meta: { type: 'object', cite, fields: { a: str({ required: true }) }, additional: 'forbid' },
      list: {
        type: 'array',
        cite,
        items: { type: 'object', cite, fields: { k: str({ required: true, enum: { values: ['x', 'y'], cite } }) } },
      },
      grid: {
        type: 'array',
        cite,
        items: { type: 'array', cite, items: { type: 'integer', cite, range: { max: 9, cite } } },
      },
      kind: str({ enum: { values: ['A', 'B'], cite } }),
    },
    variants: { b: { cite, when: { pointer: '/kind', in: ['B'] }, fields: { b_only: str({ required: true }) } } },
    rules: [
      { id: 't.op.list.exclusive', kind: 'exclusive', cite, fields: ['list', 'grid'] },
      {
        id: 't.op.size.condition',
        kind: 'condition',
        cite,
        when: { pointer: '/kind', in: ['A'] },
        then: { forbidden: ['/size'] },
      },
    ],
  },
};
const constraints = compileConstraints(spec);
const broken = (body: unknown) => evaluateRequest(spec, constraints, body).map((v) => [v.constraintId, v.pointer]);

describe('evaluateRequest: what a body breaks, where', () => {
  test('a valid body breaks nothing', () => {
    const body = { name: 'abc', size: 10, meta: { a: '' }, list: [{ k: 'x' }], kind: 'B', b_only: '' };
    expect(evaluateRequest(spec, constraints, body)).toEqual([]);
    expect(requestValid(spec, constraints, body)).toBe(true);
  });
  test('a missing required field, with its pointer and message', () => {
    expect(evaluateRequest(spec, constraints, {})).toEqual([
      { constraintId: 't.op.name.required', pointer: '/name', message: 'is missing' },
    ]);
    expect(requestValid(spec, constraints, {})).toBe(false);
  });
  test('a wrong type is not also a length or range violation', () => {
    expect(broken({ name: 5 })).toEqual([['t.op.name.type', '/name']]);
    expect(broken({ name: 'a', size: '5' })).toEqual([['t.op.size.type', '/size']]);
  });
  test('bounds: length and range on both sides', () => {
    expect(broken({ name: '' })).toEqual([['t.op.name.length', '/name']]);
    expect(broken({ name: 'abcd', size: 0 })).toEqual([
      ['t.op.name.length', '/name'],
      ['t.op.size.range', '/size'],
    ]);
    expect(broken({ name: 'abc', size: 11 })).toEqual([['t.op.size.range', '/size']]);
  });
  test('items under a wildcard are judged one by one, each at its own index', () => {
    expect(broken({ name: 'a', list: [{ k: 'x' }, {}, { k: 'z' }, 'no'] })).toEqual([
      ['t.op.list.item.type', '/list/3'],
      ['t.op.list.item.k.required', '/list/1/k'],
      ['t.op.list.item.k.enum', '/list/2/k'],
    ]);
  });
  test('nested wildcards: every item of every item, in document order', () => {
    expect(broken({ name: 'a', grid: [[1, 10], [], [11, 'x']] })).toEqual([
      ['t.op.grid.item.item.type', '/grid/2/1'],
      ['t.op.grid.item.item.range', '/grid/0/1'],
      ['t.op.grid.item.item.range', '/grid/2/0'],
    ]);
    expect(broken({ name: 'a', grid: 'x' })).toEqual([['t.op.grid.type', '/grid']]);
  });
  test('a missing parent is judged by the parent only', () => {
    expect(broken({ name: 'a', meta: {} })).toEqual([['t.op.meta.a.required', '/meta/a']]);
    expect(broken({ name: 'a', meta: 'x' })).toEqual([['t.op.meta.type', '/meta']]);
  });
  test('extra properties, with their key escaped in the pointer (RFC 6901)', () => {
    expect(broken({ name: 'a', meta: { a: 's', 'x/y~': 1 } })).toEqual([['t.op.meta.additional', '/meta/x~1y~0']]);
    expect(broken({ name: 'a', extra: 1 })).toEqual([['t.op.additional', '/extra']]);
  });
  test('variant fields apply to the variant the body selects only', () => {
    expect(selectVariant(spec, { kind: 'B' })).toBe('b');
    expect(broken({ name: 'a', kind: 'B' })).toEqual([['t.op.b_only.required', '/b_only']]);
    expect(broken({ name: 'a', kind: 'A', b_only: 's' })).toEqual([['t.op.additional', '/b_only']]);
    expect(broken({ name: 'a', kind: 'C' })).toEqual([['t.op.kind.enum', '/kind']]);
  });
  test('cross-field rules: exclusive fields, a condition', () => {
    expect(evaluateRequest(spec, constraints, { name: 'a', list: [], grid: [] })).toEqual([
      { constraintId: 't.op.list.exclusive', pointer: '', message: 'has list and grid; at most one is allowed' },
    ]);
    expect(evaluateRequest(spec, constraints, { name: 'a', kind: 'A', size: 2 })).toEqual([
      { constraintId: 't.op.size.condition', pointer: '/size', message: '/size is not allowed when /kind is "A"' },
    ]);
    expect(broken({ name: 'a', kind: 'B', b_only: 's', size: 2 })).toEqual([]);
  });
  test('a body that is not an object breaks the root only', () => {
    expect(broken([])).toEqual([]);
    expect(broken(null)).toEqual([]);
  });
});

describe('breaksOnly and requestValid agree with evaluateRequest', () => {
  test.for([
    [{ name: '' }, 't.op.name.length', true],
    [{ name: '', size: 0 }, 't.op.name.length', false],
    [{ name: 'a' }, 't.op.name.length', false],
    [{ name: 'a', list: [{ k: 'z' }, { k: 'q' }] }, 't.op.list.item.k.enum', true],
    [{ name: 'a', list: [{ k: 'z' }, {}] }, 't.op.list.item.k.enum', false],
  ] as const)('%j breaks only %s: %s', ([body, id, want]) => {
    expect(breaksOnly(spec, constraints, body, id)).toBe(want);
    const ids = new Set(evaluateRequest(spec, constraints, body).map((v) => v.constraintId));
    expect(ids.size === 1 && ids.has(id)).toBe(want);
    expect(requestValid(spec, constraints, body)).toBe(ids.size === 0);
  });
});

describe('evaluateResponse', () => {
  test('the constraints of the answered status only', () => {
    expect(evaluateResponse(spec, constraints, 200, { n: -1 }).map((v) => [v.constraintId, v.pointer])).toEqual([
      ['t.op.response.200.id.required', '/id'],
      ['t.op.response.200.n.range', '/n'],
    ]);
    expect(evaluateResponse(spec, constraints, 200, { id: 'i', n: 0 })).toEqual([]);
    expect(evaluateResponse(spec, constraints, 201, { n: -1 })).toEqual([]);
  });
});
