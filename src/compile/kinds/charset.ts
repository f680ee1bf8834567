import type { CharsetBlock } from '../../model/spec.js';
import { charsetPattern } from '../patterns.js';
import type { KindModule } from './kind.js';
import { always, regex } from './kind.js';

const byBlock = new WeakMap<CharsetBlock, RegExp>();
function charsetRegex(block: CharsetBlock): RegExp {
  let r = byBlock.get(block);
  if (!r) {
    r = regex(charsetPattern(block));
    byBlock.set(block, r);
  }
  return r;
}

/** `charset`: the characters a string may hold (an allowed class, forbidden characters, or both). */
export const charsetKind: KindModule = {
  schema: (field) => (field.charset ? [{ on: 'string', keyword: { pattern: charsetPattern(field.charset) } }] : []),
  holds(field) {
    if (!field.charset) {
      return always;
    }
    const r = charsetRegex(field.charset);
    return (value) => typeof value !== 'string' || r.test(value);
  },
  violations: () => ['forbidden_char'],
  describe(field, part) {
    const allowed = field.charset?.allowed ? `only [${field.charset.allowed}]` : '';
    const forbidden = field.charset?.forbidden?.length ? `none of ${JSON.stringify(field.charset.forbidden)}` : '';
    return `characters: ${[allowed, forbidden].filter(Boolean).join(', ')}${part ? ` (${part})` : ''}`;
  },
};
