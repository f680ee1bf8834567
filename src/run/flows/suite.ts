import { afterAll, describe, test } from 'vitest';
import { LOCAL_LIMITS } from '../../target/defaults.js';
import { closeRunContext, type RunContext, runContext, runEnvelope } from '../context.js';
import { runAsTest } from '../current-test.js';
import { jobTimeoutMs } from '../job.js';
import { withTargetLock } from '../lock.js';
import { selected } from '../options.js';
import { unservedReason } from '../profile.js';
import { operationById } from '../specs.js';
import { testWaitScope, withWaitScope } from '../wait-scope.js';
import { creationAllowed } from './safety.js';
import { FlowLog, renderFlowFailures } from './step.js';

/** One stateful flow of a suites/flows file. */
export interface FlowDefinition {
  readonly name: string;
  /** Operations whose requests the flow sends that create resources: each must pass the safety gate. */
  readonly creates: readonly string[];
  /** Fixtures (flattened names, src/run/fixtures.ts) without which the flow cannot run: it is skipped. */
  readonly needs?: readonly string[];
  /** Constraint ids the flow checks (for `--only`). */
  readonly constraints: readonly string[];
  readonly run: (run: RunContext, log: FlowLog) => Promise<void>;
}

/**
 * A vitest block of flows. Each flow is skipped with the gate's reason (needs --allow-create, --max-creates
 * reached) when it would create what the run may not; its records go to compliance.json; it fails with every
 * failure finding its steps produced.
 */
export function defineFlows(title: string, flows: readonly FlowDefinition[]): void {
  const envelope = runEnvelope();
  // A run with several targets (the mutation run) checks every flow against each of them.
  for (const named of envelope.targets ?? [undefined]) {
    defineFlowsFor(named ? `[${named.name}] ${title}` : title, flows, named?.name);
  }
}

function defineFlowsFor(title: string, flows: readonly FlowDefinition[], targetName: string | undefined): void {
  const { options, target: single, targets } = runEnvelope();
  const target = targets?.find((t) => t.name === targetName)?.target ?? single;
  // A job may take the whole per-job timeout, and a flow can wait for two (the job, then the disk); the margin is
  // for the requests after its last wait (three request timeouts, at least 30 s). Every wait of the flow ends before
  // the margin starts (wait-scope.ts), so vitest never stops a flow in the middle of one.
  const margin = Math.max(30_000, 3 * (target?.limits.timeoutMs ?? LOCAL_LIMITS.timeoutMs));
  const timeout = 2 * (target ? jobTimeoutMs(target) : LOCAL_LIMITS.budgetMs / 4) + margin;
  const chosen = flows.filter(
    (f) => options.only.length === 0 || f.constraints.some((id) => selected(options.only, id)),
  );
  describe.runIf(chosen.length > 0)(title, () => {
    afterAll(async () => {
      await closeRunContext(targetName);
    });
    for (const flow of chosen) {
      // Flows that follow jobs run side by side (issue 18, point 6): against jobs that never end, a run waits one
      // per-job timeout, not one per flow in turn. An export holds the `volumes` lock and runs alone anyway.
      const concurrent = !flow.creates.includes('evs.uploadimage');
      (concurrent ? test.concurrent : test)(flow.name, { timeout }, async (ctx) => {
        // From the test's start: time spent waiting for the `volumes` lock counts against its timeout too.
        const scope = testWaitScope(ctx, margin);
        const run = await runContext(targetName);
        for (const id of flow.creates) {
          const gate = creationAllowed(run, operationById(run.specs, id));
          if (!gate.allowed) {
            ctx.skip(gate.reason);
          }
        }
        for (const id of flow.creates) {
          const unserved = run.profile && unservedReason(run.profile, operationById(run.specs, id));
          if (unserved) {
            ctx.skip(unserved);
          }
        }
        const missing = (flow.needs ?? []).filter((f) => run.fixtures[f] === undefined);
        if (missing.length > 0) {
          ctx.skip(`the target has no fixture ${missing.join(', ')} (target file: fixtures)`);
        }
        const log = new FlowLog(run, flow.name.replace(/[^A-Za-z0-9]+/g, '-'));
        // The flow's work runs as this test: a skip or an annotation from deep inside (create-guard, target-health,
        // annotate-differences) reaches this flow, not the concurrent flow vitest happens to call current.
        const body = () => runAsTest(ctx.task, () => withWaitScope(scope, () => flow.run(run, log)));
        // A flow that exports a disk holds the target's `volumes` lock, as the EVS operation suite does.
        if (flow.creates.includes('evs.uploadimage')) {
          await withTargetLock(run, 'volumes', body);
        } else {
          await body();
        }
        const failures = log.failures();
        // The test's own expect: concurrent tests must not assert through the global one.
        ctx.expect(failures, renderFlowFailures(failures)).toEqual([]);
      });
    }
  });
}
