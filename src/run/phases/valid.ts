import fc from 'fast-check';
import { expect } from 'vitest';
import { validCaseArbitrary } from '../../../generators/invalid.js';
import type { GeneratedCase } from '../../model/case.js';
import { executeCase, renderFindings, replayCommand } from '../execute.js';
import { seedFor } from '../options.js';
import type { Phase, PhaseRun } from './phase.js';
import { failuresOf, fixtureContext } from './send.js';

/**
 * A fast-check property per body variant: every generated valid request is accepted. A failure is shrunk against
 * the target and the minimal case re-sent, so its record and message are the minimal case's.
 */
async function validProperty(ctx: PhaseRun, name: string, variant: string | undefined): Promise<void> {
  const { run, op, options, depth, sink } = ctx;
  const seed = seedFor(options.seed, `${op.id}:valid:${name}`);
  const arb = validCaseArbitrary(op, fixtureContext(run), variant);
  let last: { gcase: GeneratedCase; caseId: string } | undefined;
  let n = 0;
  const details = await fc.check(
    fc.asyncProperty(arb, async (gcase) => {
      const caseId = `${op.id}:valid:${name}:${n++}`;
      const result = await executeCase(run, op, gcase, caseId, { seed });
      const failed = failuresOf(result.findings).length > 0;
      if (failed) {
        last = { gcase, caseId };
      } else if (n <= depth.validRuns) {
        sink.push(result.record);
      }
      return !failed;
    }),
    {
      numRuns: depth.validRuns,
      seed,
      interruptAfterTimeLimit: depth.shrinkMs * 10,
      endOnFailure: false,
      // --path (printed with a failure) replays the shrunk counterexample directly, with the same seed.
      ...(options.path ? { path: options.path } : {}),
    },
  );
  if (details.failed && last) {
    const path = details.counterexamplePath ?? undefined;
    const result = await executeCase(run, op, last.gcase, `${last.caseId}:min`, {
      seed,
      ...(path ? { path } : {}),
    });
    sink.push(result.record);
    const failures = failuresOf(result.findings);
    const command = replayCommand(run, last.gcase, run.options.seed, path);
    expect(failures, renderFindings(failures, last.gcase, command, result.record.counterexample?.curl ?? '')).toEqual(
      [],
    );
  }
}

/** Valid requests generated with fast-check, one property per body variant. */
export const validPhase: Phase = {
  name: 'valid requests (property)',
  needsFixture: true,
  applies: (env) => env.selectedHere(`${env.op.id}.status`),
  cases: (env) => {
    const variants = Object.keys(env.op.spec.request?.variants ?? {});
    return (variants.length > 0 ? variants : ['body']).map((name) => ({
      name,
      run: (ctx) => validProperty(ctx, name, variants.length > 0 ? name : undefined),
    }));
  },
};
