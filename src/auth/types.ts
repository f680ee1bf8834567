/**
 * How a target authenticates (types only); the target file's `auth:` block has exactly this shape.
 *
 * @see ../target/config.schema.json
 */

export interface NoAuth {
  readonly mode: 'none';
}

/** A ready token sent as X-Auth-Token. */
export interface TokenAuth {
  readonly mode: 'token';
  readonly token: string;
}

/** IAM password login (POST {iamEndpoint}/v3/auth/tokens) → token, scoped to a project by name. */
export interface PasswordAuth {
  readonly mode: 'password';
  readonly iamEndpoint: string;
  readonly domain: string;
  readonly user: string;
  readonly password: string;
  /** Project name, usually the region id (e.g. `ap-southeast-1`). */
  readonly project: string;
}

/** AK/SK request signing (SDK-HMAC-SHA256), as the official SDKs do it. */
export interface AkSkAuth {
  readonly mode: 'aksk';
  readonly accessKey: string;
  readonly secretKey: string;
}

export type AuthConfig = NoAuth | TokenAuth | PasswordAuth | AkSkAuth;
export type AuthMode = AuthConfig['mode'];

export const AUTH_MODES: readonly AuthMode[] = ['none', 'token', 'password', 'aksk'];
