import type { ConstraintKind } from '../model/compiled.js';
import type { FieldSpec } from '../model/spec.js';
import { isFieldKind, KINDS } from './kinds/index.js';

/** One line saying what a field constraint demands, for reports ("length 1–128", "one of Windows, Linux"). */
export function describeConstraint(kind: ConstraintKind, field: FieldSpec | undefined, part?: string): string {
  if (!field || !isFieldKind(kind)) {
    return kind;
  }
  return KINDS[kind].describe(field, part);
}
