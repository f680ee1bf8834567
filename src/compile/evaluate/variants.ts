import { valueAtPointer } from '../../json/pointer.js';
import type { OperationSpec, RuleSpec, VariantSpec } from '../../model/spec.js';

/** Whether a variant (or rule) condition holds for a body: the value at its pointer is one of `in`, or absent. */
export function whenHolds(when: VariantSpec['when'] | NonNullable<RuleSpec['when']>, body: unknown): boolean {
  const at = valueAtPointer(body, when.pointer);
  return at.present ? (when.in as readonly unknown[]).includes(at.value) : when.absent === true;
}

/** The first of `variants` whose condition a body meets, or undefined. */
export function firstVariant(
  variants: readonly (readonly [string, VariantSpec['when']])[],
  body: unknown,
): string | undefined {
  for (const [name, when] of variants) {
    if (whenHolds(when, body)) {
      return name;
    }
  }
  return undefined;
}

/** The body variant a request selects, or undefined when none does (or the operation has none). */
export function selectVariant(spec: OperationSpec, body: unknown): string | undefined {
  for (const [name, v] of Object.entries(spec.request?.variants ?? {})) {
    if (whenHolds(v.when, body)) {
      return name;
    }
  }
  return undefined;
}

/** The variants of an operation's request body with their conditions, in spec order. */
export function variantConditions(spec: OperationSpec): (readonly [string, VariantSpec['when']])[] {
  return Object.entries(spec.request?.variants ?? {}).map(([name, v]) => [name, v.when] as const);
}
