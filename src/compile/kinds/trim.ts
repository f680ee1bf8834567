import type { TrimBlock } from '../../model/spec.js';
import { trimPattern } from '../patterns.js';
import type { KindModule } from './kind.js';
import { always, regex } from './kind.js';

const byBlock = new WeakMap<TrimBlock, RegExp>();
function trimRegex(block: TrimBlock): RegExp {
  let r = byBlock.get(block);
  if (!r) {
    r = regex(trimPattern(block));
    byBlock.set(block, r);
  }
  return r;
}

/** `trim`: no leading or trailing trim character (default: space). */
export const trimKind: KindModule = {
  schema: (field) => (field.trim ? [{ on: 'string', keyword: { pattern: trimPattern(field.trim) } }] : []),
  holds(field) {
    if (!field.trim) {
      return always;
    }
    const r = trimRegex(field.trim);
    return (value) => typeof value !== 'string' || r.test(value);
  },
  violations: () => ['forbidden_char'],
  describe: (field) => `no leading or trailing ${JSON.stringify((field.trim?.chars ?? [' ']).join(''))}`,
};
