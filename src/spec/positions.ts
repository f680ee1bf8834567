/**
 * Maps a JSON pointer into a parsed YAML document to a 1-based line and column, so that every spec
 * diagnostic can say `file:line:column` (STYLE.md §3 item 1).
 */
import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import { segmentsOf } from '../json/pointer.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A parsed document with the line counter its parse filled in. */
export interface PositionSource {
  readonly contents: unknown;
  readonly lineCounter: LineCounter;
}

/**
 * `value`: the node the pointer names. `key`: the key of the map entry it names (for unknown keys,
 * where the key itself is the mistake).
 */
export type PositionMode = 'value' | 'key';

/**
 * Position of the node at `ptr`: a scalar's own position; a map or sequence that is a map entry's
 * value is pointed at by its key, because a block map's range starts at its first child, which would
 * blame the wrong line. When the pointer goes further than the document (a missing key, or keys merged
 * in from a `$ref`), the answer is the deepest node that exists, named the same way.
 */
export function positionOf(source: PositionSource, ptr: string, mode: PositionMode = 'value'): Position {
  const segments = segmentsOf(ptr);
  let node: unknown = source.contents;
  // The key node of the entry `node` is the value of; null for the root and for sequence items.
  let keyNode: Node | null = null;
  for (const [i, segment] of segments.entries()) {
    const child = childOf(node, segment);
    if (child === undefined) {
      return offsetPosition(source, keyNode ?? node);
    }
    if (mode === 'key' && i === segments.length - 1 && child.key !== null) {
      return offsetPosition(source, child.key);
    }
    // An entry with no value (`key:` then nothing) has an empty null scalar at the end of the line: its
    // key stands for it.
    node = child.value === null || isEmpty(child.value) ? child.key : child.value;
    keyNode = child.key;
  }
  // A collection is named by its key (`range:`), not by its first child where its range starts.
  if ((isMap(node) || isSeq(node)) && keyNode !== null) {
    return offsetPosition(source, keyNode);
  }
  return offsetPosition(source, node);
}

interface Child {
  readonly key: Node | null;
  readonly value: Node | null;
}

function childOf(node: unknown, segment: string): Child | undefined {
  if (isMap(node)) {
    // Compare as strings: `200:` unquoted is the number 200 in YAML but the key "200" in JSON.
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
    if (pair === undefined || !isPair(pair)) {
      return undefined;
    }
    return { key: pair.key as Node, value: (pair.value as Node | null) ?? null };
  }
  if (isSeq(node) && /^(0|[1-9][0-9]*)$/.test(segment)) {
    const item = node.items[Number(segment)];
    return item === undefined ? undefined : { key: null, value: (item as Node | null) ?? null };
  }
  return undefined;
}

function isEmpty(node: Node): boolean {
  return isScalar(node) && node.value === null && node.range != null && node.range[0] === node.range[1];
}

function offsetPosition(source: PositionSource, node: unknown): Position {
  const range = (node as { range?: readonly number[] } | null)?.range;
  const offset = range?.[0] ?? 0;
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}
