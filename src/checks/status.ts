import type { Exchange } from '../model/exchange.js';
import { authConstraintOf } from './auth.js';
import { constraintOf, findingFor, shortJson } from './finding.js';
import type { RegisteredCheck } from './types.js';

function received(x: Exchange): string {
  if (!x.response) {
    return `no answer (${x.error?.kind ?? 'unknown'}: ${x.error?.message ?? ''})`;
  }
  return `${x.response.status} ${shortJson(x.response.json ?? x.response.text)}`;
}

/** The 4xx statuses the operation's page documents (its "Returned Values" / "Abnormal" table). */
function documentedClientErrors(ctx: { op: { spec: { responses: Readonly<Record<string, unknown>> } } }): number[] {
  return Object.keys(ctx.op.spec.responses)
    .map(Number)
    .filter((s) => s >= 400 && s < 500);
}

/**
 * The documented status: the success status for a valid request; for one that breaks a constraint, a documented
 * error status — by default any 4xx the page documents (the seeds tie no status to a constraint: "400 Bad Request:
 * Request error", "404 Not Found: The requested resource was not found."), under `--profile strict` exactly the
 * status the case expects (400, or 404 for an unknown id). Never a 5xx, never silence. A refused valid boundary
 * and an accepted invalid request are both charged to the constraint the case exercises.
 * @see "Returned Values" of each seed: "Normal 200/201/202", "400 Bad Request: Request error."
 */
export const statusCheck: RegisteredCheck = {
  id: 'status',
  description: 'documented status code: success for valid requests, 400 for invalid ones, never 5xx or no answer',
  covers: (ctx, _x, gcase) => [gcase.constraintId ?? `${ctx.op.id}.status`],
  run(ctx, x, gcase) {
    const c = constraintOf(ctx, gcase.constraintId);
    // A request without a valid token is the auth check's: its documented answer is 401, not 400.
    if (!c || authConstraintOf(ctx, gcase)) {
      return [];
    }
    const status = x.response?.status;
    const success = ctx.op.spec.success;
    if (gcase.expect === 'accept') {
      if (status === success) {
        return [];
      }
      // Accepted with another 2xx: the boundary was honoured, the documented status was not — that is the
      // operation's status constraint, not the boundary's.
      const accepted = status !== undefined && status >= 200 && status < 300;
      const charged = accepted ? (constraintOf(ctx, undefined) ?? c) : c;
      return [
        findingFor(ctx, 'status', charged, {
          disputed: gcase.disputed !== undefined,
          title: accepted
            ? 'valid request accepted with an undocumented status'
            : gcase.constraintId
              ? 'valid request refused'
              : 'valid request not answered as documented',
          received: received(x),
          documented: `${success}`,
        }),
      ];
    }
    const expected = gcase.expectStatus ?? 400;
    if (status === expected) {
      return [];
    }
    const documented = documentedClientErrors(ctx);
    if (!ctx.strict && status !== undefined && documented.includes(status)) {
      return [];
    }
    const title =
      status === undefined
        ? 'invalid request not answered'
        : status < 300
          ? 'invalid request accepted'
          : status >= 500
            ? 'invalid request answered with a server error'
            : 'invalid request refused with an undocumented status';
    return [
      findingFor(ctx, 'status', c, {
        title,
        received: received(x),
        documented: ctx.strict
          ? `${expected} with the error envelope (strict)`
          : `${[expected, ...documented.filter((d) => d !== expected)].join(' or ')} (a documented error status) with its documented body`,
        disputed: gcase.disputed !== undefined,
      }),
    ];
  },
};
