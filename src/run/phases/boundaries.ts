import { boundaryCases } from '../../../generators/boundaries.js';
import type { Phase } from './phase.js';
import { fixtureContext, runCase } from './send.js';

/**
 * min, max (accepted) and min−1, max+1 (refused) of every length, range and item count: deterministic, always run.
 * A test finds its case by key (constraint id + bound), since the cases are built again with the target's fixtures.
 */
export const boundariesPhase: Phase = {
  name: 'boundaries',
  needsFixture: true,
  applies: () => true,
  cases: ({ op, selectedHere }) =>
    boundaryCases(op, { fixtures: {} })
      .filter((c) => selectedHere(c.constraintId ?? op.id))
      .map(({ key, label, variant }) => ({
        // Each body variant has its own boundaries (quick import: system and data min_disk): the name says which.
        name: variant ? `${label} [${variant}]` : label,
        async run({ run, options, sink }) {
          const gcase = boundaryCases(op, fixtureContext(run)).find((c) => c.key === key);
          if (!gcase) {
            throw new Error(`boundary case ${key} is not generated with the target's fixtures`);
          }
          const { key: _key, ...rest } = gcase;
          await runCase(run, op, rest, `${op.id}:boundary:${key}`, options.seed, sink);
        },
      })),
};
