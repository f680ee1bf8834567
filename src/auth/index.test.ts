/**
 * createAuthorizer end to end through the HTTP client: the target receives the credentials, the
 * recorded exchange does not.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createHttpClient } from '../http/client.js';
import { curlCommand } from '../http/curl.js';
import { SecretRegistry } from '../http/redact.js';
import { signRequest } from './aksk-signer.js';
import { createAuthorizer } from './index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function startEcho(): Promise<{ url: string; seen: { headers: IncomingHttpHeaders; url: string }[] }> {
  const seen: { headers: IncomingHttpHeaders; url: string }[] = [];
  const server = createServer((req, res) => {
    seen.push({ headers: req.headers, url: req.url ?? '' });
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  closers.push(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('createAuthorizer', () => {
  test('none adds nothing', async () => {
    const authorize = createAuthorizer({ mode: 'none' }, new SecretRegistry());
    expect(await authorize({ service: 'ims', method: 'GET', url: 'http://h/', headers: {}, body: undefined })).toEqual(
      {},
    );
  });

  test('token: sent as X-Auth-Token, recorded as ***', async () => {
    const echo = await startEcho();
    const secrets = new SecretRegistry();
    const client = createHttpClient({
      endpoints: { ims: echo.url, evs: echo.url },
      secrets,
      authorize: createAuthorizer({ mode: 'token', token: 'tkn-abcdef' }, secrets),
    });
    closers.push(() => client.close());
    const exchange = await client.send({ service: 'ims', method: 'GET', path: '/v2/images' });
    expect(echo.seen[0]?.headers['x-auth-token']).toBe('tkn-abcdef');
    expect(JSON.stringify(exchange)).not.toContain('tkn-abcdef');
  });

  test('aksk: the target receives exactly the signed request; AK and SK never recorded', async () => {
    const echo = await startEcho();
    const secrets = new SecretRegistry();
    const now = new Date('2024-03-05T06:07:08Z');
    const authorize = createAuthorizer(
      { mode: 'aksk', accessKey: 'AKEXAMPLE123', secretKey: 'SKEXAMPLE456' },
      secrets,
      {
        projectId: 'p1',
        now: () => now,
      },
    );
    const client = createHttpClient({ endpoints: { ims: echo.url, evs: echo.url }, secrets, authorize });
    closers.push(() => client.close());
    const body = { name: 'img' };
    const exchange = await client.send({ service: 'ims', method: 'POST', path: '/v2/images?x=1', body });

    const got = echo.seen[0]?.headers ?? {};
    // Recompute the signature from what arrived: the headers the server saw are the signed ones.
    const expected = signRequest(
      {
        method: 'POST',
        url: `${echo.url}/v2/images?x=1`,
        headers: { 'Content-Type': String(got['content-type']), Accept: String(got.accept) },
        body: Buffer.from(JSON.stringify(body)),
      },
      { accessKey: 'AKEXAMPLE123', secretKey: 'SKEXAMPLE456', projectId: 'p1' },
      now,
    );
    expect(got.authorization).toBe(expected.Authorization);
    expect(got.host).toBe(expected.host);
    expect(got['x-sdk-date']).toBe('20240305T060708Z');
    expect(got['x-project-id']).toBe('p1');
    for (const text of [JSON.stringify(exchange), curlCommand(exchange)]) {
      expect(text).not.toContain('AKEXAMPLE123');
      expect(text).not.toContain('SKEXAMPLE456');
    }
    expect(exchange.request.headers.Authorization).toBe('***');
  });
});
