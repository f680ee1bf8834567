import type { KindKeyword, KindModule } from './kind.js';
import { bounds, inBounds } from './kind.js';

/** `count`: the number of items of an array. */
export const countKind: KindModule = {
  schema(field) {
    const out: KindKeyword[] = [];
    if (field.count?.min !== undefined) {
      out.push({ on: 'array', keyword: { minItems: field.count.min } });
    }
    if (field.count?.max !== undefined) {
      out.push({ on: 'array', keyword: { maxItems: field.count.max } });
    }
    return out;
  },
  holds(field) {
    const min = field.count?.min;
    const max = field.count?.max;
    return (value) => !Array.isArray(value) || inBounds(value.length, min, max);
  },
  violations: (field) => [
    ...((field.count?.min ?? 0) > 0 ? (['length_below'] as const) : []),
    ...(field.count?.max !== undefined ? (['length_above'] as const) : []),
  ],
  describe: (field) => bounds(field.count?.min, field.count?.max, ' items'),
};
