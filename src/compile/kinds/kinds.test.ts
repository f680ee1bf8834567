import { describe, expect, test } from 'vitest';
import { FIELD_KINDS } from '../../model/kinds.js';
import type { FieldSpec } from '../../model/spec.js';
import { KINDS } from './index.js';

const cite = { section: 's', quote: 'q' };
const name: FieldSpec = {
  type: 'string',
  cite,
  length: { min: 1, max: 5, cite },
  charset: { allowed: 'a-z ', cite },
  trim: { cite },
};
const size: FieldSpec = { type: 'integer', cite, range: { min: 40, max: 2048, cite } };
const os: FieldSpec = { type: 'string', cite, enum: { values: ['Windows', 'Linux'], cite } };
const url: FieldSpec = {
  type: 'string',
  cite,
  format: { pattern: '^[^:]+:.+$', description: 'bucket:file', example: 'b:f', cite },
};
const list: FieldSpec = { type: 'array', cite, items: { type: 'string', cite }, count: { min: 1, max: 2, cite } };

describe('constraint kinds (one module each, listed once)', () => {
  test('every kind of the vocabulary has a module with the four faces', () => {
    for (const kind of FIELD_KINDS) {
      const m = KINDS[kind];
      expect(typeof m.schema, kind).toBe('function');
      expect(typeof m.holds, kind).toBe('function');
      expect(typeof m.violations, kind).toBe('function');
      expect(typeof m.describe, kind).toBe('function');
    }
  });

  test.for([
    // kind, field, a value that holds, one that does not
    ['type', size, 40, '40'],
    ['length', name, 'abcde', 'abcdef'],
    ['length', name, 'ab', ''],
    ['charset', name, 'ab c', 'ab<c'],
    ['trim', name, 'a b', 'ab '],
    ['range', size, 2048, 2049],
    ['range', size, 40, 39],
    ['enum', os, 'Linux', 'linux'],
    ['format', url, 'b:f', 'bf'],
    ['count', list, ['a'], []],
  ] as const)('%s: holds for %j, not for %j', ([kind, field, ok, bad]) => {
    const holds = KINDS[kind].holds(field);
    expect(holds(ok)).toBe(true);
    expect(holds(bad)).toBe(false);
  });

  test('a value of another JSON type is left to the type kind', () => {
    expect(KINDS.length.holds(name)(12)).toBe(true);
    expect(KINDS.range.holds(size)('x')).toBe(true);
    expect(KINDS.enum.holds(os)(3)).toBe(true);
  });

  test('length counts code points, not UTF-16 units', () => {
    expect(KINDS.length.holds({ type: 'string', cite, length: { max: 5, cite } })('😀😀😀😀😀')).toBe(true);
  });

  test('violations follow the blocks: no length_below when the minimum is 0, enum_case only for letters', () => {
    expect(KINDS.length.violations(name)).toEqual(['length_below', 'length_above']);
    expect(KINDS.length.violations({ ...name, length: { max: 5, cite } })).toEqual(['length_above']);
    expect(KINDS.enum.violations(os)).toEqual(['enum_miss', 'enum_case']);
    expect(KINDS.enum.violations({ ...os, enum: { values: [1, 2], cite } })).toEqual(['enum_miss']);
    expect(KINDS.range.violations(size)).toEqual(['range_below', 'range_above']);
    expect(KINDS.default.violations(size)).toEqual([]);
  });

  test('schema keywords, on the JSON type they apply to', () => {
    expect(KINDS.length.schema(name)).toEqual([
      { on: 'string', keyword: { minLength: 1 } },
      { on: 'string', keyword: { maxLength: 5 } },
    ]);
    expect(KINDS.range.schema(size)).toEqual([
      { on: 'number', keyword: { minimum: 40 } },
      { on: 'number', keyword: { maximum: 2048 } },
    ]);
    expect(KINDS.enum.schema(os)).toEqual([{ on: 'any', keyword: { enum: ['Windows', 'Linux'] } }]);
    expect(KINDS.count.schema(list)).toEqual([
      { on: 'array', keyword: { minItems: 1 } },
      { on: 'array', keyword: { maxItems: 2 } },
    ]);
  });

  test('one line per kind for the reports', () => {
    expect(KINDS.length.describe(name, 'key')).toBe('length 1–5 characters (key)');
    expect(KINDS.range.describe(size)).toBe('value 40–2048');
    expect(KINDS.enum.describe(os)).toBe('one of Windows, Linux');
    expect(KINDS.type.describe({ ...size, nullable: true })).toBe('of type integer or null');
  });
});
