import fc from 'fast-check';
import { edgeCases, invalidCaseArbitrary } from '../../../generators/invalid.js';
import { seedFor } from '../options.js';
import type { Phase } from './phase.js';
import { expectNoFailures, fixtureContext, sendCase } from './send.js';

/**
 * One block per constraint and violation kind, each request breaking exactly that constraint: the kind's fixed
 * edges, then `invalidRuns` draws from its whole space (generators/violations/space.ts). Every case of a
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
              // The kind's fixed edges first (null, each named forbidden character, far and huge values…), at
              // every depth; then the depth's random draws from the whole space.
              for (const edge of edgeCases(op, constraint, kind, fixtureContext(run), seed)) {
                const id = `${constraint.id}:${kind}:edge:${edge.name}`;
                failures.push(await sendCase(run, op, edge.gcase, id, seed, sink));
              }
              for (const [i, gcase] of cases.entries()) {
                failures.push(await sendCase(run, op, gcase, `${constraint.id}:${kind}:${i}`, seed, sink));
              }
              expectNoFailures(failures);
            },
          }))
        : [],
    ),
};
