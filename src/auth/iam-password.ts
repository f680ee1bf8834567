/**
 * IAM password login: POST {iamEndpoint}/v3/auth/tokens with the Keystone password body; the token is
 * the `X-Subject-Token` response header, cached until shortly before the body's `token.expires_at`.
 *
 * @see ../shared/docs/reference (IAM "Obtaining a User Token": password method, project scope by name)
 */
import { request } from 'undici';
import type { SecretRegistry } from '../http/redact.js';
import type { Authorizer } from '../http/types.js';
import type { PasswordAuth } from './types.js';

export interface IamPasswordOptions {
  /** Timeout of the login request; default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Fetch a new token this long before `expires_at`; default 5 minutes. */
  readonly refreshMarginMs?: number;
  /** Clock, injectable for tests. */
  readonly now?: () => number;
}

export interface IamToken {
  readonly token: string;
  /** Epoch ms; one hour from now when IAM does not say. */
  readonly expiresAt: number;
}

const DEFAULT_LIFETIME_MS = 60 * 60 * 1000;

/** The Keystone v3 password body, scoped to a project by name. */
export function passwordBody(auth: PasswordAuth): unknown {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: auth.user, password: auth.password, domain: { name: auth.domain } } },
      },
      scope: { project: { name: auth.project } },
    },
  };
}

/** Logs in once; throws (with a message free of the password) when IAM does not give a token. */
export async function fetchIamToken(auth: PasswordAuth, options: IamPasswordOptions = {}): Promise<IamToken> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const url = `${auth.iamEndpoint.replace(/\/+$/, '')}/v3/auth/tokens`;
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json;charset=utf8' },
    body: JSON.stringify(passwordBody(auth)),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.body.text();
  const header = res.headers['x-subject-token'];
  const token = Array.isArray(header) ? header[0] : header;
  if (res.statusCode !== 201 || token === undefined || token === '') {
    const why = token === undefined || token === '' ? 'no X-Subject-Token header' : `status ${res.statusCode}`;
    throw new Error(`IAM login at ${url} failed (${why}): ${res.statusCode} ${text.slice(0, 300)}`);
  }
  let expiresAt = (options.now ?? Date.now)() + DEFAULT_LIFETIME_MS;
  try {
    const parsed = Date.parse((JSON.parse(text) as { token?: { expires_at?: string } }).token?.expires_at ?? '');
    if (!Number.isNaN(parsed)) {
      expiresAt = parsed;
    }
  } catch {
    // A token without a readable body is still a token; it gets the default lifetime.
  }
  return { token, expiresAt };
}

/**
 * An authorizer that logs in on first use, registers the token as a secret, and logs in again only when
 * the token is about to expire. Concurrent requests share one login; a failed login is retried next time.
 */
export function iamPasswordAuthorizer(
  auth: PasswordAuth,
  secrets: SecretRegistry,
  options: IamPasswordOptions = {},
): Authorizer {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 5 * 60 * 1000;
  secrets.add(auth.password);
  let current: Promise<IamToken> | undefined;
  let expiresAt = 0;

  const token = (): Promise<IamToken> => {
    if (current === undefined || (expiresAt !== 0 && now() >= expiresAt - margin)) {
      expiresAt = 0;
      const login = fetchIamToken(auth, options).then(
        (got) => {
          secrets.add(got.token);
          expiresAt = got.expiresAt;
          return got;
        },
        (error: unknown) => {
          current = undefined;
          throw error;
        },
      );
      current = login;
    }
    return current;
  };

  return async () => ({ 'X-Auth-Token': (await token()).token });
}
