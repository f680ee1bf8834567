import { expect, test } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { type PositionMode, positionOf } from './positions.js';

// Lines and columns counted by hand (1-based).
const text = ['a:', '  200: ok', '  list:', '    - x', '    - { y: 1 }', '  empty:', '  "b/c": 2', ''].join('\n');

const lineCounter = new LineCounter();
const doc = parseDocument(text, { lineCounter });
const source = { contents: doc.contents, lineCounter };

test.for<[string, PositionMode, number, number]>([
  // An unquoted numeric key is still found by its JSON key "200".
  ['/a/200', 'value', 2, 8],
  ['/a/200', 'key', 2, 3],
  ['/a/list/1/y', 'value', 5, 12],
  // A collection is named by its key, not by its first item.
  ['/a/list', 'value', 3, 3],
  // A key with no value stands for its value.
  ['/a/empty', 'value', 6, 3],
  // Escaped pointer segment.
  ['/a/b~1c', 'value', 7, 10],
  // Missing keys: the deepest existing node, by its key.
  ['/a/list/1/missing', 'value', 5, 7],
  ['/a/nope/deeper', 'value', 1, 1],
  ['/a/list/7', 'value', 3, 3],
  ['', 'value', 1, 1],
])('%s (%s) is at %i:%i', ([ptr, mode, line, column]) => {
  expect(positionOf(source, ptr, mode)).toEqual({ line, column });
});
