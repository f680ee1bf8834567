import fc from 'fast-check';
import { minimalBodyArbitrary } from '../../../generators/valid.js';
import type { GeneratedCase } from '../../model/case.js';
import { seedFor } from '../options.js';
import type { Phase } from './phase.js';
import { fixtureContext, pathParams, runCase } from './send.js';

/** A request with the mandatory fields only (per body variant), so documented defaults can be judged. */
export const defaultsPhase: Phase = {
  name: 'documented defaults',
  needsFixture: true,
  applies: (env) => env.op.spec.request !== undefined && env.selectedHere(`${env.op.id}.status`),
  cases: ({ op }) => {
    const variants = Object.keys(op.spec.request?.variants ?? {});
    return (variants.length > 0 ? variants : ['body']).map((v) => ({
      name: `mandatory fields only (${v})`,
      async run({ run, options, sink }) {
        const seed = seedFor(options.seed, `${op.id}:minimal:${v}`);
        const [body] = fc.sample(minimalBodyArbitrary(op, fixtureContext(run), variants.length > 0 ? v : undefined), {
          numRuns: 1,
          seed,
        });
        const gcase: GeneratedCase = {
          operationId: op.id,
          expect: 'accept',
          body,
          pathParams: pathParams(run, op),
          label: `valid request with the mandatory fields only (${v})`,
        };
        await runCase(run, op, gcase, `${op.id}:minimal:${v}`, seed, sink);
      },
    }));
  },
};
