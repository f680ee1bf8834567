import fc from 'fast-check';
import { invalidCaseArbitrary } from '../../../generators/invalid.js';
import { seedFor } from '../options.js';
import type { Phase } from './phase.js';
import { expectNoFailures, fixtureContext, sendCase } from './send.js';

/**
 * One block per constraint and violation kind, each request breaking exactly that constraint. Every case of a
 * block runs: a failing case is recorded and the block goes on, so a deeper run sends more distinct requests even
 * against a target that fails the first one.
 */
export const negativesPhase: Phase = {
  name: 'negative: one constraint broken at a time',
  needsFixture: true,
  applies: () => true,
  cases: ({ op, selectedHere }) =>
    op.constraints.flatMap((constraint) =>
      selectedHere(constraint.id)
        ? constraint.violations.map((kind) => ({
            name: `${constraint.id} ${kind}`,
            async run({ run, options, depth, sink }) {
              const seed = seedFor(options.seed, `${constraint.id}:${kind}`);
              const cases = fc.sample(invalidCaseArbitrary(op, constraint, kind, fixtureContext(run)), {
                numRuns: depth.invalidRuns,
                seed,
              });
              const failures: (string | undefined)[] = [];
              for (const [i, gcase] of cases.entries()) {
                failures.push(await sendCase(run, op, gcase, `${constraint.id}:${kind}:${i}`, seed, sink));
              }
              expectNoFailures(failures);
            },
          }))
        : [],
    ),
};
