import type { KindKeyword, KindModule } from './kind.js';
import { always, bounds, codePointLength, inBounds } from './kind.js';

/** `length`: a string's length in code points. */
export const lengthKind: KindModule = {
  schema(field) {
    const out: KindKeyword[] = [];
    if (field.length?.min !== undefined) {
      out.push({ on: 'string', keyword: { minLength: field.length.min } });
    }
    if (field.length?.max !== undefined) {
      out.push({ on: 'string', keyword: { maxLength: field.length.max } });
    }
    return out;
  },
  holds(field) {
    const min = field.length?.min;
    const max = field.length?.max;
    if (min === undefined && max === undefined) {
      return always;
    }
    return (value) => typeof value !== 'string' || inBounds(codePointLength(value), min, max);
  },
  violations: (field) => [
    ...((field.length?.min ?? 0) > 0 ? (['length_below'] as const) : []),
    ...(field.length?.max !== undefined ? (['length_above'] as const) : []),
  ],
  describe: (field, part) =>
    `length ${bounds(field.length?.min, field.length?.max, ' characters')}${part ? ` (${part})` : ''}`,
};
