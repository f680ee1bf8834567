import { splitPattern } from '../patterns.js';
import type { KindKeyword, KindModule } from './kind.js';
import { always, regex } from './kind.js';

/** `format`: a documented pattern (`bucket:file`), or a split value's separator (`key.value`). */
export const formatKind: KindModule = {
  schema(field) {
    const out: KindKeyword[] = [];
    if (field.format) {
      out.push({ on: 'string', keyword: { pattern: field.format.pattern } });
    }
    if (field.split) {
      out.push({ on: 'string', keyword: { pattern: splitPattern(field.split) } });
    }
    return out;
  },
  holds(field) {
    if (field.format) {
      const r = regex(field.format.pattern);
      return (value) => typeof value !== 'string' || r.test(value);
    }
    const split = field.split;
    if (!split) {
      return always;
    }
    return (value) => typeof value !== 'string' || value.includes(split.separator);
  },
  violations: () => ['bad_format'],
  describe: (field) => `format ${field.format?.description ?? ''}`,
};
