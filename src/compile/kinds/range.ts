import type { KindKeyword, KindModule } from './kind.js';
import { bounds, inBounds } from './kind.js';

/** `range`: a number's minimum and maximum. */
export const rangeKind: KindModule = {
  schema(field) {
    const out: KindKeyword[] = [];
    if (field.range?.min !== undefined) {
      out.push({ on: 'number', keyword: { minimum: field.range.min } });
    }
    if (field.range?.max !== undefined) {
      out.push({ on: 'number', keyword: { maximum: field.range.max } });
    }
    return out;
  },
  holds(field) {
    const min = field.range?.min;
    const max = field.range?.max;
    return (value) => typeof value !== 'number' || inBounds(value, min, max);
  },
  violations: (field) => [
    ...(field.range?.min !== undefined ? (['range_below'] as const) : []),
    ...(field.range?.max !== undefined ? (['range_above'] as const) : []),
  ],
  describe: (field) => `value ${bounds(field.range?.min, field.range?.max, '')}`,
};
