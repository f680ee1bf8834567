import { disputedBy } from '../../compile/readings.js';
import type { GeneratedCase } from '../../model/case.js';
import { withRunName } from '../run-name.js';
import type { Phase, PhaseEnv } from './phase.js';
import { pathParams, runCase } from './send.js';

function requestExamples(env: PhaseEnv) {
  const loaded = env.specs.loaded.operations.find((o) => o.spec.id === env.op.id);
  return (loaded?.examples ?? []).filter(
    (e) =>
      e.spec.kind === 'request' &&
      !e.spec.erratum &&
      !e.spec.unsent &&
      (!e.spec.revisions || e.spec.revisions.includes(env.options.revision)),
  );
}

/**
 * The documents' own example requests (those no erratum names and none marks unsent), each sent as it is but for the name, which gets the
 * run prefix so cleanup can find what it made (issue 18, point 3).
 */
export const examplesPhase: Phase = {
  name: 'document examples',
  needsFixture: true,
  applies: (env) => env.selectedHere(`${env.op.id}.status`),
  cases: (env) =>
    requestExamples(env).map((example) => ({
      name: example.spec.name,
      async run({ run, op, options, sink }) {
        // An example another reading of an erratum refuses (a description with spaces) is in the disputed zone.
        const disputed = disputedBy(op.spec, op.constraints, example.json);
        const gcase: GeneratedCase = {
          operationId: op.id,
          expect: 'accept',
          body: withRunName(example.json, run.namePrefix),
          pathParams: pathParams(run, op),
          label: `document example "${example.spec.name}" (${example.spec.file}), name prefixed with the run's${disputed ? `, disputed: ${disputed}` : ''}`,
          ...(disputed ? { disputed } : {}),
        };
        await runCase(run, op, gcase, `${op.id}:example:${example.spec.name}`, options.seed, sink);
      },
    })),
};
