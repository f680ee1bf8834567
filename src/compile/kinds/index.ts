/**
 * The kinds of field constraint, listed once. `FieldKind` is derived from the list and `KINDS` must hold a module
 * for each (`satisfies`), so adding a kind to the list makes TypeScript point at the module to write; the
 * compiler's walk, the evaluator, the JSON Schema and the report lines all go through `KINDS`.
 */

import type { FieldKind } from '../../model/kinds.js';
import { additionalKind } from './additional.js';
import { charsetKind } from './charset.js';
import { countKind } from './count.js';
import { defaultKind } from './default.js';
import { echoKind } from './echo.js';
import { enumKind } from './enum.js';
import { formatKind } from './format.js';
import type { KindModule } from './kind.js';
import { lengthKind } from './length.js';
import { rangeKind } from './range.js';
import { requiredKind } from './required.js';
import { trimKind } from './trim.js';
import { typeKind } from './type.js';

export { BLOCK_KINDS, FIELD_KINDS, type FieldKind } from '../../model/kinds.js';
export type { KindKeyword, KindModule } from './kind.js';

/** The kinds a present value is judged by (the others are judged elsewhere: presence, defaults, echoes). */
export const VALUE_KINDS = [
  'type',
  'length',
  'range',
  'enum',
  'charset',
  'trim',
  'format',
  'count',
] as const satisfies readonly FieldKind[];

export const KINDS = {
  type: typeKind,
  required: requiredKind,
  length: lengthKind,
  range: rangeKind,
  enum: enumKind,
  charset: charsetKind,
  trim: trimKind,
  format: formatKind,
  count: countKind,
  default: defaultKind,
  echo: echoKind,
  additional: additionalKind,
} as const satisfies Record<FieldKind, KindModule>;

/** Whether a constraint kind is a field kind (rules and exchange-level kinds are not). */
export function isFieldKind(kind: string): kind is FieldKind {
  return Object.hasOwn(KINDS, kind);
}
