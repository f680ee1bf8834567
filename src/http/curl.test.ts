import { describe, expect, test } from 'vitest';
import type { Exchange } from '../model/exchange.js';
import { curlCommand, shellQuote } from './curl.js';

const exchange: Exchange = {
  id: 'x1',
  service: 'ims',
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:8080/v2/images?a=1&b=2',
    headers: { 'Content-Type': 'application/json', 'X-Auth-Token': '***', host: '127.0.0.1:8080' },
    bodyText: `{"name":"it's"}`,
  },
  startedAt: '2024-03-05T00:00:00.000Z',
  durationMs: 1,
  attempts: 1,
};

describe('curlCommand', () => {
  test('single-quotes every argument and escapes quotes inside', () => {
    expect(curlCommand(exchange)).toBe(
      `curl -sS -i -X POST 'http://127.0.0.1:8080/v2/images?a=1&b=2' -H 'Content-Type: application/json' -H "X-Auth-Token: $IMS_AUTH_TOKEN" --data-binary '{"name":"it'\\''s"}'`,
    );
  });

  test('a redacted token reads $IMS_AUTH_TOKEN; a redacted signature says what to fill in; never a bare ***', () => {
    const headers = { Accept: 'application/json', 'X-Auth-Token': '***', Authorization: '***', 'X-Sdk-Date': '2024' };
    const line = curlCommand({ ...exchange, request: { ...exchange.request, headers } });
    expect(line).toContain(`-H "X-Auth-Token: $IMS_AUTH_TOKEN"`);
    expect(line).toContain(`-H 'Authorization: <fill in an SDK-HMAC-SHA256 signature of this request (AK/SK)>'`);
    expect(line).toContain(`-H 'Accept: application/json'`);
    expect(line).not.toContain('***');
  });

  test('no body, no --data-binary', () => {
    const { bodyText: _drop, ...request } = exchange.request;
    expect(curlCommand({ ...exchange, request })).not.toContain('--data');
  });

  test('shellQuote survives a round trip through a shell-like reading', () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});
