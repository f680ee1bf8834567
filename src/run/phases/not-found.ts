import type { GeneratedCase } from '../../model/case.js';
import { fillPath } from '../execute.js';
import type { Phase } from './phase.js';
import { firstValidCase, pathParams, runCase } from './send.js';

/** An id that does not exist in the last path parameter: the documents answer 404 with the error envelope. */
export const notFoundPhase: Phase = {
  name: 'unknown resource',
  // The case names an id that does not exist: it says something even when the target lacks the real resource.
  needsFixture: false,
  applies: ({ op, selectedHere }) =>
    op.constraints.some((c) => c.id === `${op.id}.not_found`) && selectedHere(`${op.id}.not_found`),
  cases: () => [
    {
      name: 'an id that does not exist → 404',
      async run({ run, op, options, sink }) {
        const base = firstValidCase(run, op);
        const params = { ...pathParams(run, op) };
        const last = Object.keys(op.spec.pathParams ?? {})
          .filter((k) => k !== 'project_id')
          .at(-1);
        if (last) {
          params[last] = '00000000-0000-4000-8000-00000000dead';
        }
        const gcase: GeneratedCase = {
          ...base,
          pathParams: params,
          expect: 'reject',
          expectStatus: 404,
          constraintId: `${op.id}.not_found`,
          label: `${last ?? 'id'} that does not exist`,
        };
        await runCase(run, op, gcase, `${op.id}:not_found`, options.seed, sink, { path: fillPath(op, params) });
      },
    },
  ],
};
