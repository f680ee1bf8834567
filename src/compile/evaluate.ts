/**
 * The evaluator: which documented constraints a request or response body breaks. Three steps, one module each:
 * the plan (src/compile/evaluate/plan.ts: what each constraint needs, built once per constraint list), the walker
 * (./evaluate/walk.ts: the places a constraint's path reaches in a body) and the scan (./evaluate/scan.ts: the plan
 * applied to a body). Each rule is interpreted once, by its kind's `holds` (src/compile/kinds).
 */
import type { Constraint } from '../model/compiled.js';
import type { OperationSpec } from '../model/spec.js';
import { planOf } from './evaluate/plan.js';
import { newScan, scanRequest, scanResponse, type Violation } from './evaluate/scan.js';

export { fieldConstraintHolds } from './evaluate/holds.js';
export type { Violation } from './evaluate/scan.js';
export { selectVariant, whenHolds } from './evaluate/variants.js';

/**
 * Every request constraint a body breaks, each evaluated on its own (a wrong type is not also a range error).
 * Variant constraints apply only to the variant the body selects; when it selects none, only the discriminator's
 * own constraints apply.
 */
export function evaluateRequest(spec: OperationSpec, constraints: readonly Constraint[], body: unknown): Violation[] {
  const scan = newScan('all');
  scanRequest(planOf(spec, constraints), body, scan);
  return scan.out;
}

/** Whether a body breaks no request constraint: `evaluateRequest(...).length === 0`, stopping at the first. */
export function requestValid(spec: OperationSpec, constraints: readonly Constraint[], body: unknown): boolean {
  const scan = newScan('any');
  scanRequest(planOf(spec, constraints), body, scan);
  return !scan.stop;
}

/**
 * Whether the constraints a body breaks are exactly `constraintId` (the set of ids of `evaluateRequest`),
 * stopping at the first violation of another constraint.
 */
export function breaksOnly(
  spec: OperationSpec,
  constraints: readonly Constraint[],
  body: unknown,
  constraintId: string,
): boolean {
  const scan = newScan('only', constraintId);
  scanRequest(planOf(spec, constraints), body, scan);
  return !scan.stop && scan.hit;
}

/** Every response constraint of one status that a response body breaks. */
export function evaluateResponse(
  spec: OperationSpec,
  constraints: readonly Constraint[],
  status: number,
  body: unknown,
): Violation[] {
  const scan = newScan('all');
  scanResponse(planOf(spec, constraints), status, body, scan);
  return scan.out;
}
