/**
 * X-Auth-Token authentication with a token the user already has.
 */
import type { Authorizer } from '../http/types.js';

/** An authorizer that adds `X-Auth-Token: <token>` to every request. */
export function tokenAuthorizer(token: string): Authorizer {
  return async () => ({ 'X-Auth-Token': token });
}
