import { ConformanceError, ErrorCodes } from '../../errors.js';
import type { CompiledOperation } from '../../model/compiled.js';
import type { RunContext } from '../context.js';
import { createSlotsDir, createSlotsTaken } from '../create-guard.js';
import { currentTest } from '../current-test.js';

/** Whether a test may send requests that create resources, and why not. */
export type CreationGate = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** The reason every creating test on a remote target without the opt-in is skipped with. */
export const NEEDS_ALLOW_CREATE = 'needs --allow-create';

/**
 * Whether an operation's cases create resources: the spec says so (`creates: true`: imports, POST /v2/images, the
 * EVS export), or each case consumes a fresh image the run makes first (DELETE of `image.id`, resources.ts).
 */
export function createsResources(op: CompiledOperation): boolean {
  if (op.spec.creates === true) {
    return true;
  }
  return op.spec.method === 'DELETE' && Object.values(op.spec.pathParams ?? {}).some((p) => p.fixture === 'image.id');
}

/**
 * Whether the run has sent `cap` creating requests: every worker takes a slot per creating request in the run's
 * folder of the report dir (create-guard.ts), so the count holds across workers. Requests sent, not ids handed back:
 * a target that creates and answers an error still uses the cap up.
 */
export function capReached(run: RunContext, cap: number): boolean {
  return createSlotsTaken(createSlotsDir(run.options.reportDir, run.options.runId)) >= cap;
}

/**
 * The safety gate (DESIGN.md "Targets": "creating resources on a non-local target needs an explicit opt-in"):
 * an operation that creates resources runs only when the target allows creation (`--allow-create`, or a loopback
 * target) and the run is below `--max-creates`.
 */
export function creationAllowed(run: RunContext, op: CompiledOperation): CreationGate {
  if (!createsResources(op)) {
    return { allowed: true };
  }
  const { safety, name } = run.target;
  if (!safety.allowCreate) {
    return {
      allowed: false,
      reason: `${NEEDS_ALLOW_CREATE}: ${op.id} creates resources and target ${name} is ${safety.remote ? 'remote' : 'not opted in'}`,
    };
  }
  if (capReached(run, safety.maxCreates)) {
    return {
      allowed: false,
      reason: `--max-creates ${safety.maxCreates} reached; ${op.id} creates resources`,
    };
  }
  return { allowed: true };
}

/** Raised outside a vitest test when a creating request is about to be sent without permission. */
export class CreationRefusedError extends ConformanceError {
  override name = 'CreationRefusedError';
  constructor(reason: string) {
    super(ErrorCodes.RUN_CREATE_REFUSED, reason);
  }
}

/**
 * Stops the current test as skipped (with the gate's reason) when its operation may not create resources: the
 * last line of defence before a request goes out (resources.ts calls it for every case). Vitest's `skip` marks the
 * test pending before it throws, so the test is reported skipped even where the throw is caught (inside a
 * fast-check property). Outside a test it throws CreationRefusedError.
 */
export function skipUnlessCreationAllowed(run: RunContext, op: CompiledOperation): void {
  const gate = creationAllowed(run, op);
  if (gate.allowed) {
    return;
  }
  const test = currentTest();
  if (test) {
    test.context.skip(gate.reason);
  }
  throw new CreationRefusedError(gate.reason);
}
