import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cachedSegmentsOf, escapeSegment, pointer, segmentsOf, unescapeSegment, valueAtPointer } from './pointer.js';

// RFC 6901 §5: the example document and what each pointer evaluates to.
const rfcDocument = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
};

describe('RFC 6901 §5 examples', () => {
  test.for([
    ['', rfcDocument],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
  ] as const)('%s', ([ptr, want]) => {
    expect(valueAtPointer(rfcDocument, ptr)).toEqual({ present: true, value: want });
  });
});

describe('segmentsOf / pointer', () => {
  test('unescapes ~1 before ~0 (RFC 6901 §4: "~01" is "~1", not "/")', () => {
    expect(segmentsOf('/~01')).toEqual(['~1']);
    expect(unescapeSegment('~01')).toBe('~1');
    expect(escapeSegment('~1')).toBe('~01');
  });
  test('the root and the empty key', () => {
    expect(segmentsOf('')).toEqual([]);
    expect(segmentsOf('/')).toEqual(['']);
    expect(segmentsOf('//')).toEqual(['', '']);
    expect(pointer([])).toBe('');
    expect(pointer([''])).toBe('/');
  });
  test('numbers are written as their decimal token', () => {
    expect(pointer(['tags', 0, 'key'])).toBe('/tags/0/key');
  });
  test('a string that is neither empty nor starts with / is not a pointer', () => {
    expect(() => segmentsOf('name')).toThrow(/not a JSON pointer/);
    expect(() => cachedSegmentsOf('#/a')).toThrow(/not a JSON pointer/);
  });
  test('pointer and segmentsOf are inverse for any keys (with / and ~ in them)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '/', '~', '0', '1', '') })), (segs) => {
        expect(segmentsOf(pointer(segs))).toEqual(segs);
      }),
    );
  });
  test('cachedSegmentsOf gives the same segments as segmentsOf', () => {
    expect(cachedSegmentsOf('/a~1b/c')).toEqual(['a/b', 'c']);
    expect(cachedSegmentsOf('/a~1b/c')).toBe(cachedSegmentsOf('/a~1b/c'));
  });
});

describe('valueAtPointer: absent places', () => {
  const body = { a: { b: null }, list: [{ k: 'x' }], n: 1 };
  test.for([
    ['/missing', 'no such member'],
    ['/a/b/c', 'below null'],
    ['/n/0', 'below a number'],
    ['/list/1', 'index past the end'],
    ['/list/-', '"-" (the item after the last) names nothing'],
    ['/list/01', 'leading zero is not an index'],
    ['/list/k', 'a key of an array'],
    ['/toString', 'inherited, not own'],
  ] as const)('%s (%s)', ([ptr]) => {
    expect(valueAtPointer(body, ptr)).toEqual({ present: false, value: undefined });
  });
  test('a present null is present', () => {
    expect(valueAtPointer(body, '/a/b')).toEqual({ present: true, value: null });
    expect(valueAtPointer(body, '/list/0/k')).toEqual({ present: true, value: 'x' });
  });
});
