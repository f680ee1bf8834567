import fc from 'fast-check';
import { maximalBodyArbitraries } from '../../../generators/valid.js';
import type { GeneratedCase } from '../../model/case.js';
import { seedFor } from '../options.js';
import type { Phase } from './phase.js';
import { fixtureContext, pathParams, runCase } from './send.js';

/** Valid requests with every optional field present (one per documented echo set), so echoes can be judged. */
export const echoesPhase: Phase = {
  name: 'documented echoes',
  needsFixture: true,
  applies: (env) => env.op.spec.request !== undefined && env.selectedHere(`${env.op.id}.status`),
  cases: ({ op }) => {
    const variants = Object.keys(op.spec.request?.variants ?? {});
    return (variants.length > 0 ? variants : [undefined]).flatMap((v) =>
      maximalBodyArbitraries(op, { fixtures: {} }, v).map((m) => {
        const name = `${m.name}${v ? ` (${v})` : ''}`;
        return {
          name,
          async run({ run, options, sink }) {
            const seed = seedFor(options.seed, `${op.id}:maximal:${name}`);
            const arb = maximalBodyArbitraries(op, fixtureContext(run), v).find((x) => x.name === m.name)?.arbitrary;
            const [body] = arb ? fc.sample(arb, { numRuns: 1, seed }) : [];
            const gcase: GeneratedCase = {
              operationId: op.id,
              expect: 'accept',
              body,
              pathParams: pathParams(run, op),
              label: `valid request with ${name}`,
            };
            await runCase(run, op, gcase, `${op.id}:maximal:${name}`, seed, sink);
          },
        };
      }),
    );
  },
};
