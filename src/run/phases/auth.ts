import type { GeneratedCase } from '../../model/case.js';
import { executeCase, renderFindings, replayCommand } from '../execute.js';
import type { Phase } from './phase.js';
import { expectNoFailures, failuresOf, firstValidCase } from './send.js';

const AUTH_CASES = [
  { name: 'no token → 401', suffix: 'none', headers: undefined },
  { name: 'unknown token → 401', suffix: 'bogus', headers: { 'X-Auth-Token': 'ims-conformance-not-a-token' } },
] as const;

/**
 * A request without the run's authentication, or with a token the service does not know: the documents answer
 * 401 (judged by src/checks/auth.ts). The record keeps the auth constraint only: these requests are about the
 * token, and what the other checks would say of the 401 answer is not what the case was built to ask.
 */
export const authPhase: Phase = {
  name: 'authentication',
  // The token is refused before any resource is looked up: the case says something without the fixture.
  needsFixture: false,
  applies: ({ op, selectedHere }) => op.constraints.some((c) => c.kind === 'auth') && selectedHere(`${op.id}.auth`),
  cases: () =>
    AUTH_CASES.map(({ name, suffix, headers }) => ({
      name,
      async run({ run, op, sink }) {
        const authId = `${op.id}.auth`;
        const gcase: GeneratedCase = {
          ...firstValidCase(run, op),
          expect: 'reject',
          expectStatus: 401,
          constraintId: authId,
          label: 'request without a valid token',
        };
        const result = await executeCase(
          run,
          op,
          gcase,
          `${op.id}:auth:${suffix}`,
          { seed: run.options.seed },
          { auth: false, ...(headers ? { headers } : {}) },
        );
        const findings = result.findings.filter((f) => f.constraintId === authId);
        const { counterexample, ...record } = result.record;
        sink.push({
          ...record,
          constraintIds: [authId],
          findings,
          ...(counterexample && findings.length > 0 ? { counterexample } : {}),
        });
        const failures = failuresOf(findings);
        expectNoFailures([
          failures.length > 0
            ? renderFindings(failures, gcase, replayCommand(run, gcase, run.options.seed), '')
            : undefined,
        ]);
      },
    })),
};
