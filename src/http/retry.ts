/**
 * Retry policy: 429 and 503 are retried, a bounded number of times, honouring `Retry-After`; so is a connection
 * error (refused, reset, closed before an answer) of an idempotent request — GET, HEAD, DELETE (RFC 9110 §9.2.2:
 * "the intended effect on the server of multiple identical requests … is the same as the effect for a single such
 * request") — so one dropped connection does not decide a case or a fixture (issue 18, point 5). A POST is never
 * re-sent: it may have created something. Anything else is an answer to check, not to hide behind a retry.
 *
 * @see RFC 9110 §10.2.3 Retry-After: `delay-seconds` or an `HTTP-date`
 */

export interface RetryOptions {
  /** Retries after the first attempt (0 = never retry). */
  readonly retries: number;
  /** Upper bound of any single wait, whatever `Retry-After` asks. */
  readonly maxDelayMs: number;
  /** First backoff when there is no `Retry-After`; doubles per attempt. */
  readonly baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 2, maxDelayMs: 10_000, baseDelayMs: 250 };

/** True for the statuses that ask the client to come back later. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/** True for a request that may be sent again after a connection error: the idempotent methods this suite uses. */
export function isRetryableConnectionError(method: string, kind: string): boolean {
  return kind === 'connection' && ['GET', 'HEAD', 'DELETE'].includes(method.toUpperCase());
}

/** Milliseconds `Retry-After` asks for (0 for a date in the past); undefined when absent or unparsable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  // An HTTP-date always names a weekday or month; Date.parse alone would accept "1.5" or "-1".
  if (!/[a-z]{3}/i.test(trimmed)) {
    return undefined;
  }
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The wait before retry number `retry` (1-based): `Retry-After` if given, else exponential backoff; capped. */
export function retryDelay(
  retry: number,
  retryAfter: string | undefined,
  options: RetryOptions,
  nowMs: number,
): number {
  const asked = parseRetryAfter(retryAfter, nowMs);
  const delay = asked ?? options.baseDelayMs * 2 ** Math.max(0, retry - 1);
  return Math.min(delay, options.maxDelayMs);
}
