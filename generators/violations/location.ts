import { isPlainObject } from '../../src/json/value.js';
import type { PathStep } from '../../src/model/compiled.js';

/** What to do at the end of a path: replace the value (given the current one) or delete the key. */
export type Edit = { readonly set: (current: unknown) => unknown } | { readonly remove: true };

/**
 * A copy of `root` with the edit applied at `path` (the first array item for `item` steps). Missing steps are
 * created with `fill` (a valid value of the target field) so that an optional field can be broken too.
 */
export function editAt(root: unknown, path: readonly PathStep[], edit: Edit, fill: unknown): unknown {
  const [step, ...rest] = path;
  if (!step) {
    return 'set' in edit ? edit.set(root) : undefined;
  }
  if ('key' in step) {
    const obj = isPlainObject(root) ? { ...root } : {};
    if (rest.length === 0 && 'remove' in edit) {
      delete obj[step.key];
      return obj;
    }
    const present = Object.hasOwn(obj, step.key);
    const next = present ? obj[step.key] : rest.length === 0 ? fill : rest[0] && 'item' in rest[0] ? [] : {};
    obj[step.key] = editAt(next, rest, edit, fill);
    return obj;
  }
  const arr = Array.isArray(root) ? [...root] : [];
  if (arr.length === 0) {
    arr.push(rest.length === 0 ? fill : {});
  }
  arr[0] = editAt(arr[0], rest, edit, fill);
  return arr;
}
