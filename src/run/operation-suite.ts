import { afterAll, afterEach, beforeAll, beforeEach, describe, test } from 'vitest';
import type { CompiledOperation } from '../model/compiled.js';
import type { CaseRecord } from '../model/verdict.js';
import { appendRecords } from '../report/findings-io.js';
import { closeRunContext, type RunContext, runContext, runEnvelope } from './context.js';
import { creationAllowed } from './flows/safety.js';
import { acquireTargetLock } from './lock.js';
import { DEPTHS, operationSelected, selected } from './options.js';
import { PHASES, type PhaseEnv } from './phases/index.js';
import { recordSink } from './phases/send.js';
import { runProfile, unservedReason } from './profile.js';
import { prepareResources } from './resources.js';
import { compiledSpecs, operationById } from './specs.js';
import { uniqueTestNames } from './test-names.js';
import { testWaitScope, withWaitScope } from './wait-scope.js';

/**
 * A record that marks the operation's constraints not checked, with the reason: all of them, or (a missing
 * fixture) all but the unknown-id and token cases, which still run.
 */
function notCheckedRecord(op: CompiledOperation, reason: string, all = false): CaseRecord {
  const constraints = op.constraints.filter((c) => all || (c.id !== `${op.id}.not_found` && c.id !== `${op.id}.auth`));
  return {
    caseId: `${op.id}:not-checked`,
    operationId: op.id,
    constraintIds: [],
    findings: constraints.map((c) => ({
      checkId: 'fixture',
      constraintId: c.id,
      severity: 'not_checked' as const,
      title: 'not checked',
      message: reason,
      citation: c.citation,
      caseId: `${op.id}:not-checked`,
    })),
  };
}

/**
 * The conformance suite of one operation, derived from its compiled spec only (Schemathesis's engine never depends
 * on a concrete spec): the documents' examples, valid-request properties, boundaries, one negative block per
 * constraint and violation kind, authentication, and malformed bodies. Each case's checks append a record that
 * compliance.json is built from.
 */
export function defineOperationSuite(operationId: string): void {
  const envelope = runEnvelope();
  for (const name of envelope.targets?.map((t) => t.name) ?? [undefined]) {
    defineForTarget(operationId, name);
  }
}

/** The suite of one operation against one target of the run (`name` when the run has several). */
function defineForTarget(operationId: string, targetName: string | undefined): void {
  const { options } = runEnvelope();
  const specs = compiledSpecs({ revision: options.revision });
  const op = operationById(specs, operationId);
  const depth = DEPTHS[options.depth];
  const ids = op.constraints.map((c) => c.id);
  const sink = recordSink(operationId);
  let run: RunContext;

  const title = `${targetName ? `[${targetName}] ` : ''}${op.id} — ${op.spec.method} ${op.spec.path}`;
  // An operation the profile's service does not have (Glance has no IMS actions) is not checked, with the reason;
  // nothing is sent for it.
  const unserved = unservedReason(runProfile(options.profile, specs), op);
  if (unserved !== undefined) {
    describe.runIf(operationSelected(options.only, op.id, ids))(title, () => {
      test('not checked: the profile says the target has no such operation', async (ctx) => {
        const ran = await runContext(targetName);
        appendRecords(ran.options.reportDir, operationId, [notCheckedRecord(op, unserved, true)]);
        await closeRunContext(targetName);
        ctx.skip(unserved);
      });
    });
    return;
  }
  describe.runIf(operationSelected(options.only, op.id, ids))(title, () => {
    let missingFixture: string | undefined;
    beforeAll(async () => {
      run = await runContext(targetName);
      await prepareResources(run, op);
      missingFixture = Object.values(op.spec.pathParams ?? {})
        .map((p) => p.fixture)
        .find((f) => f !== undefined && run.fixtures[f] === undefined);
      if (missingFixture) {
        // Without the resource the path names, no case can say anything about the constraints: they are reported
        // not checked, with the reason, instead of failing on a placeholder id.
        sink.push(notCheckedRecord(op, `the target has no ${missingFixture} fixture (target file: fixtures)`));
      }
    });
    // The safety gate (DESIGN.md "Targets"): no case of an operation that creates resources runs on a target that
    // does not allow it, or beyond --max-creates; the test is skipped with the reason.
    beforeEach((ctx) => {
      const gate = creationAllowed(run, op);
      if (!gate.allowed) {
        ctx.skip(gate.reason);
      }
    });
    // An EVS action changes the shared disk: its tests hold the target's `volumes` lock, which the export flows
    // take too, so test files can run in parallel workers (src/run/lock.ts).
    if (op.spec.service === 'evs' && op.spec.method === 'POST') {
      let release: (() => void) | undefined;
      beforeEach(async () => {
        release = await acquireTargetLock(run, 'volumes');
      });
      afterEach(() => {
        release?.();
        release = undefined;
      });
    }
    // Each test's records are written when it ends: a run interrupted later (Ctrl-C) keeps what it observed.
    afterEach(() => {
      if (run) {
        sink.flush(run.options.reportDir);
      }
    });
    afterAll(async () => {
      sink.flush(run.options.reportDir);
      await closeRunContext(targetName);
    });

    const env: PhaseEnv = {
      op,
      specs,
      options,
      depth,
      selectedHere: (id: string) =>
        options.only.length === 0 || selected(options.only, id) || selected(options.only, op.id),
    };
    for (const phase of PHASES) {
      // The tests of a phase that does not apply are still defined (and listed as skipped in JUnit), as vitest
      // lists the tests of an unselected operation: a shard's report then names every file it holds.
      const cases = uniqueTestNames(phase.cases(env));
      describe.runIf(cases.length > 0 && phase.applies(env))(phase.name, () => {
        test.for(cases)('$name', async (c, ctx) => {
          if (missingFixture && phase.needsFixture) {
            ctx.skip(`the target has no ${missingFixture} fixture`);
          }
          // An export case may first wait for its disk (resources.ts): the wait ends before vitest would stop the
          // test, leaving three request timeouts (at least 30 s) for the case itself, and stops when the test ends.
          const scope = testWaitScope(ctx, Math.max(30_000, 3 * run.target.limits.timeoutMs));
          await withWaitScope(scope, () => c.run({ ...env, run, sink }));
        });
      });
    }
  });
}
