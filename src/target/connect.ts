/**
 * From a TargetConfig to a ready HTTP client: limits, authorizer and redaction wired together.
 */
import { createAuthorizer } from '../auth/index.js';
import { createHttpClient } from '../http/client.js';
import type { Recorder } from '../http/recorder.js';
import type { SecretRegistry } from '../http/redact.js';
import type { HttpClient } from '../http/types.js';
import { registerTargetSecrets } from './secrets.js';
import type { TargetConfig } from './types.js';

export interface TargetClientOptions {
  readonly recorder?: Recorder;
  /** Overrides the target's retries of 429/503. */
  readonly retries?: number;
}

/** Creates the client for `target`; registers its secrets in `secrets` first. */
export function createTargetClient(
  target: TargetConfig,
  secrets: SecretRegistry,
  options: TargetClientOptions = {},
): HttpClient {
  registerTargetSecrets(target, secrets);
  const authorize = createAuthorizer(target.auth, secrets, {
    projectId: target.projectId,
    iam: { timeoutMs: target.limits.timeoutMs },
  });
  const headers = target.headers ?? {};
  return createHttpClient({
    endpoints: target.endpoints,
    // The target's static headers travel with the credentials: a case sent without auth (401 tests) has neither,
    // which is what makes a Glance whose identity comes from headers answer 401.
    authorize:
      Object.keys(headers).length === 0 ? authorize : async (req) => ({ ...headers, ...(await authorize(req)) }),
    secrets,
    concurrency: target.limits.concurrency,
    rps: target.limits.rps,
    timeoutMs: target.limits.timeoutMs,
    budgetMs: target.limits.budgetMs,
    ...(options.recorder !== undefined ? { recorder: options.recorder } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
  });
}
