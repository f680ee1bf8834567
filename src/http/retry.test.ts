import { describe, expect, test } from 'vitest';
import { isRetryableStatus, parseRetryAfter, retryDelay } from './retry.js';

const NOW = Date.parse('2024-03-05T00:00:00Z');
const policy = { retries: 3, maxDelayMs: 5000, baseDelayMs: 100 };

describe('Retry-After', () => {
  test.for([
    ['0', 0],
    ['3', 3000],
    [' 12 ', 12_000],
    ['Tue, 05 Mar 2024 00:00:02 GMT', 2000],
    ['Mon, 04 Mar 2024 00:00:00 GMT', 0],
    ['soon', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    [undefined, undefined],
  ] as const)('parseRetryAfter(%s) = %s', ([value, ms]) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  test('the delay honours Retry-After, falls back to exponential backoff, and is capped', () => {
    expect(retryDelay(1, '2', policy, NOW)).toBe(2000);
    expect(retryDelay(1, '86400', policy, NOW)).toBe(5000);
    expect([1, 2, 3].map((n) => retryDelay(n, undefined, policy, NOW))).toEqual([100, 200, 400]);
    expect(retryDelay(10, undefined, policy, NOW)).toBe(5000);
  });

  test('only 429 and 503 are retryable', () => {
    expect([200, 400, 429, 500, 502, 503, 504].filter(isRetryableStatus)).toEqual([429, 503]);
  });
});
