import type { Exchange } from '../model/exchange.js';
import { constraintOf, findingFor, shortJson } from './finding.js';
import type { RegisteredCheck } from './types.js';

function received(x: Exchange): string {
  if (!x.response) {
    return `no answer (${x.error?.kind ?? 'unknown'}: ${x.error?.message ?? ''})`;
  }
  return `${x.response.status} ${shortJson(x.response.json ?? x.response.text)}`;
}

/**
 * The documented status: the success status for a valid request, 400 for one that breaks a constraint, never a
 * 5xx and never silence. A refused valid boundary and an accepted invalid request are both charged to the
 * constraint the case exercises, so the report names the broken rule.
 * @see "Returned Values" of each seed: "Normal 200/201/202", "400 Bad Request: Request error."
 */
export const statusCheck: RegisteredCheck = {
  id: 'status',
  description: 'documented status code: success for valid requests, 400 for invalid ones, never 5xx or no answer',
  covers: (ctx, _x, gcase) => [gcase.constraintId ?? `${ctx.op.id}.status`],
  run(ctx, x, gcase) {
    const c = constraintOf(ctx, gcase.constraintId);
    if (!c) {
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
    const title =
      status === undefined
        ? 'invalid request not answered'
        : status < 300
          ? 'invalid request accepted'
          : status >= 500
            ? 'invalid request answered with a server error'
            : 'invalid request refused with an undocumented status';
    return [
      findingFor(ctx, 'status', c, { title, received: received(x), documented: `${expected} with the error envelope` }),
    ];
  },
};
