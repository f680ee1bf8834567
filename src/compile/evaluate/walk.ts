/**
 * The one walker of the evaluator: the places a compiled constraint's path reaches in a JSON value. A path is a
 * list of steps (src/model/compiled.ts `PathStep`): an object key, or every item of an array (`/tags/*`).
 */

import { isPlainObject } from '../../json/value.js';

/** A path step as the walker reads it: the object key, or undefined for "every array item". */
export type Step = string | undefined;

/**
 * The places a path reaches, place `i` < `count` being: a present value (`values[i]`), or a key missing at the last
 * step (`missing[i]`: the absent instance a `required` constraint flags); with the index of each array item passed
 * on the way (`items[i]`). Columns rather than one object per place, and refilled rather than rebuilt: the walk
 * runs per group of constraints and body, two to three bodies per generated case, and objects per place made the
 * garbage collector the evaluator's top line.
 */
export class Places {
  count = 0;
  readonly values: unknown[] = [];
  readonly missing: boolean[] = [];
  readonly items: (readonly number[])[] = [];

  add(value: unknown, missing: boolean, items: readonly number[]): void {
    const i = this.count++;
    this.values[i] = value;
    this.missing[i] = missing;
    this.items[i] = items;
  }
}

/**
 * Every place `steps` reach from `root`, in document order (array items in index order), written into `out` (its
 * earlier places dropped). A key missing before the last step, or a step into a value that is not an object (key)
 * or not an array (item), reaches nothing: the constraints of that parent judge it. Key steps are followed in a
 * loop, recursing only at item steps.
 */
export function placesOf(steps: readonly Step[], root: unknown, out: Places = new Places()): Places {
  out.count = 0;
  visit(steps, root, 0, itemsNow, out);
  return out;
}

/** The item indexes of the place being visited (pushed and popped in balance; copied into each place). */
const itemsNow: number[] = [];
const NO_ITEMS: readonly number[] = [];

function visit(steps: readonly Step[], node: unknown, from: number, items: number[], out: Places): void {
  const n = steps.length;
  let cur = node;
  for (let i = from; i < n; i++) {
    const key = steps[i];
    if (key === undefined) {
      if (Array.isArray(cur)) {
        for (let k = 0; k < cur.length; k++) {
          items.push(k);
          visit(steps, cur[k], i + 1, items, out);
          items.pop();
        }
      }
      return;
    }
    if (!isPlainObject(cur)) {
      return;
    }
    if (!Object.hasOwn(cur, key)) {
      if (i === n - 1) {
        out.add(undefined, true, copy(items));
      }
      return;
    }
    cur = cur[key];
  }
  out.add(cur, false, copy(items));
}

/** A copy of the item indexes (the shared empty list on key-only paths: most constraints, no allocation). */
function copy(items: readonly number[]): readonly number[] {
  return items.length === 0 ? NO_ITEMS : [...items];
}
