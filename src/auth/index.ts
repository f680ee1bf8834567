/**
 * One entry point from a target's `auth:` block to the authorizer the HTTP client calls.
 */
import type { SecretRegistry } from '../http/redact.js';
import type { Authorizer } from '../http/types.js';
import { akskAuthorizer } from './aksk-signer.js';
import { type IamPasswordOptions, iamPasswordAuthorizer } from './iam-password.js';
import { tokenAuthorizer } from './token.js';
import type { AuthConfig } from './types.js';

export interface AuthorizerOptions {
  /** Signed as X-Project-Id in AK/SK mode. */
  readonly projectId?: string;
  readonly iam?: IamPasswordOptions;
  /** Clock of the AK/SK signer, injectable for tests. */
  readonly now?: () => Date;
}

/** Returns the authorizer for `auth` (no headers for `none`); every secret in it is registered first. */
export function createAuthorizer(
  auth: AuthConfig,
  secrets: SecretRegistry,
  options: AuthorizerOptions = {},
): Authorizer {
  switch (auth.mode) {
    case 'none':
      return async () => ({});
    case 'token':
      secrets.add(auth.token);
      return tokenAuthorizer(auth.token);
    case 'password':
      secrets.add(auth.password);
      return iamPasswordAuthorizer(auth, secrets, options.iam);
    case 'aksk':
      secrets.add(auth.accessKey);
      secrets.add(auth.secretKey);
      return akskAuthorizer(
        {
          accessKey: auth.accessKey,
          secretKey: auth.secretKey,
          ...(options.projectId !== undefined ? { projectId: options.projectId } : {}),
        },
        options.now,
      );
  }
}
