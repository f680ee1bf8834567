import type { GeneratedCase } from '../model/case.js';
import type { Exchange } from '../model/exchange.js';
import { constraintOf, findingFor } from './finding.js';
import type { CheckContext, Constraint, RegisteredCheck } from './types.js';

/** The operation's auth constraint when the case is a request sent without a valid token, else undefined. */
export function authConstraintOf(ctx: CheckContext, gcase: GeneratedCase): Constraint | undefined {
  if (gcase.constraintId === undefined) {
    return undefined;
  }
  const c = constraintOf(ctx, gcase.constraintId);
  return c?.kind === 'auth' && c.id === gcase.constraintId ? c : undefined;
}

function received(x: Exchange): string {
  return x.response
    ? String(x.response.status)
    : `no answer (${x.error?.kind ?? 'unknown'}: ${x.error?.message ?? ''})`;
}

/**
 * A request without a valid token (none, or one the service does not know) is refused with 401. Registered like
 * every check, so an erratum on the 401 entry and `--profile strict` apply to it.
 * @see "Returned Values" of each seed: "401 Unauthorized: Authentication failed."
 */
export const authCheck: RegisteredCheck = {
  id: 'auth',
  description: 'a request without a valid token is refused with 401',
  covers: (ctx, _x, gcase) => (authConstraintOf(ctx, gcase) ? [gcase.constraintId as string] : []),
  run(ctx, x, gcase) {
    const c = authConstraintOf(ctx, gcase);
    if (!c || x.response?.status === 401) {
      return [];
    }
    return [
      findingFor(ctx, 'auth', c, {
        title: 'request without a valid token not refused with 401',
        received: received(x),
        documented: '401 Unauthorized: Authentication failed.',
      }),
    ];
  },
};
