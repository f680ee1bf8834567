import type { Constraint } from '../../model/compiled.js';
import type { FieldSpec } from '../../model/spec.js';
import { isFieldKind, KINDS, VALUE_KINDS } from '../kinds/index.js';
import { always } from '../kinds/kind.js';

/**
 * The predicate of one field kind on one field, built once by its kind module (src/compile/kinds) and kept per
 * field object: the evaluator's constraints, the extra-property rule and the errata readings all judge values
 * through it, so each rule has one interpreter.
 */
const holdsCache = new WeakMap<FieldSpec, Map<string, (value: unknown) => boolean>>();

/** The kind's predicate on a field (kinds that are not field kinds: always true). */
export function holdsOf(kind: Constraint['kind'], field: FieldSpec | undefined): (value: unknown) => boolean {
  if (!field || !isFieldKind(kind)) {
    return always;
  }
  let byKind = holdsCache.get(field);
  if (!byKind) {
    byKind = new Map();
    holdsCache.set(field, byKind);
  }
  let holds = byKind.get(kind);
  if (!holds) {
    holds = KINDS[kind].holds(field);
    byKind.set(kind, holds);
  }
  return holds;
}

/** Whether one field-level constraint of `kind` holds for a present value (other kinds: true). */
export function fieldConstraintHolds(kind: Constraint['kind'], field: FieldSpec, value: unknown): boolean {
  return holdsOf(kind, field)(value);
}

/** Whether a value satisfies every value kind of a field (the rule for an extra property's value). */
export function fieldHolds(field: FieldSpec, value: unknown): boolean {
  for (const k of VALUE_KINDS) {
    if (!holdsOf(k, field)(value)) {
      return false;
    }
  }
  return true;
}
