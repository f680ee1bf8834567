/**
 * The HTTP client against misbehaving servers: it must end every exchange (timeout, budget, broken
 * socket), retry only as allowed, never follow a redirect, hold its concurrency limit and keep no secret.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createHttpClient } from '../../src/http/client.js';
import { curlCommand } from '../../src/http/curl.js';
import { createRecorder } from '../../src/http/recorder.js';
import { SecretRegistry } from '../../src/http/redact.js';
import type { HttpClient, HttpClientOptions } from '../../src/http/types.js';
import { ALWAYS_200_IMAGE, startAlways200 } from './always-200.js';
import { ALWAYS_400_BODY, startAlways400 } from './always-400.js';
import { startHang } from './hang.js';
import { listen, type StartedServer } from './listen.js';
import { startRecording } from './recording.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((fn) => fn()));
});

function track<T extends StartedServer>(server: T): T {
  cleanups.push(() => server.close());
  return server;
}

function clientFor(url: string, options: Partial<HttpClientOptions> = {}): HttpClient {
  const client = createHttpClient({ endpoints: { ims: url, evs: url }, ...options });
  cleanups.push(() => client.close());
  return client;
}

describe('answers of the canned servers', () => {
  test('always-200 answers each operation its documented success status', async () => {
    const server = track(await startAlways200());
    const client = clientFor(server.url);
    const post = (service: 'ims' | 'evs', path: string) => client.send({ service, method: 'POST', path, body: {} });
    const quick = await post('ims', '/v2/cloudimages/quickimport/action');
    expect([quick.response?.status, quick.response?.json]).toEqual([200, { job_id: 'x' }]);
    const image = await post('ims', '/v2/images');
    expect([image.response?.status, image.response?.json]).toEqual([201, ALWAYS_200_IMAGE]);
    const evs = await post('evs', '/v2/p/volumes/v/action');
    expect(evs.response?.status).toBe(202);
    const get = await client.send({ service: 'ims', method: 'GET', path: '/v2/images/x' });
    expect([get.response?.status, get.response?.json]).toEqual([200, {}]);
  });

  test('always-400 answers the IMS error envelope', async () => {
    const server = track(await startAlways400());
    const exchange = await clientFor(server.url).send({ service: 'ims', method: 'POST', path: '/v2/images', body: {} });
    expect(exchange.response?.status).toBe(400);
    expect(exchange.response?.json).toEqual(ALWAYS_400_BODY);
  });
});

describe('a target that never answers', () => {
  test('a hanging server gives a timeout exchange after the per-request timeout', async () => {
    const server = track(await startHang('silent'));
    const exchange = await clientFor(server.url, { timeoutMs: 150 }).send({ service: 'ims', method: 'GET', path: '/' });
    expect(exchange.error?.kind).toBe('timeout');
    expect(exchange.response).toBeUndefined();
    expect(exchange.attempts).toBe(1);
    expect(server.received).toBe(1);
    // Ended by our timer, not by the test's own 30 s timeout.
    expect(exchange.durationMs).toBeGreaterThanOrEqual(140);
    expect(exchange.durationMs).toBeLessThan(10_000);
  });

  test('a per-request timeoutMs overrides the client default', async () => {
    const server = track(await startHang('silent'));
    const client = clientFor(server.url, { timeoutMs: 60_000 });
    const exchange = await client.send({ service: 'ims', method: 'GET', path: '/', timeoutMs: 100 });
    expect(exchange.error?.kind).toBe('timeout');
  });

  test('a socket destroyed mid-request gives a connection error', async () => {
    const server = track(await startHang('destroy'));
    const exchange = await clientFor(server.url).send({ service: 'ims', method: 'POST', path: '/x', body: { a: 1 } });
    expect(exchange.error?.kind).toBe('connection');
    expect(exchange.response).toBeUndefined();
  });

  test('a dropped connection is retried for GET and DELETE, never for POST (issue 18, point 5)', async () => {
    let seen = 0;
    // Drops the first connection of each request line, answers the second.
    const first = new Set<string>();
    const server = track(
      await listen(
        createServer((req, res) => {
          seen += 1;
          const key = `${req.method} ${req.url}`;
          if (!first.has(key)) {
            first.add(key);
            req.socket.destroy();
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{}');
        }),
      ),
    );
    const client = clientFor(server.url, { retryBaseDelayMs: 1 });
    const get = await client.send({ service: 'ims', method: 'GET', path: '/g' });
    expect([get.response?.status, get.attempts]).toEqual([200, 2]);
    const del = await client.send({ service: 'ims', method: 'DELETE', path: '/d' });
    expect([del.response?.status, del.attempts]).toEqual([200, 2]);
    const post = await client.send({ service: 'ims', method: 'POST', path: '/p', body: {} });
    expect([post.error?.kind, post.attempts]).toEqual(['connection', 1]);
    expect(seen).toBe(5);
  });

  test('a refused connection gives a connection error naming the cause', async () => {
    const server = await startRecording();
    await server.close();
    const exchange = await clientFor(server.url).send({ service: 'ims', method: 'GET', path: '/' });
    expect(exchange.error?.kind).toBe('connection');
    expect(exchange.error?.message).toContain('ECONNREFUSED');
  });

  test('the run budget cuts a request in flight and refuses every later one without sending it', async () => {
    const server = track(await startHang('silent'));
    const client = clientFor(server.url, { timeoutMs: 60_000, budgetMs: 200 });
    const cut = await client.send({ service: 'ims', method: 'GET', path: '/' });
    expect(cut.error?.kind).toBe('budget');
    expect(client.budgetExhausted).toBe(true);
    const refused = await client.send({ service: 'ims', method: 'GET', path: '/again' });
    expect(refused.error).toEqual({ kind: 'budget', message: expect.stringContaining('not sent') });
    expect(refused.attempts).toBe(0);
    expect(server.received).toBe(1);
  });

  test('the budget also ends requests queued behind the concurrency limit', async () => {
    const server = track(await startHang('silent'));
    const client = clientFor(server.url, { timeoutMs: 60_000, budgetMs: 200, concurrency: 1 });
    const all = await Promise.all([1, 2, 3].map((n) => client.send({ service: 'ims', method: 'GET', path: `/${n}` })));
    expect(all.map((e) => e.error?.kind)).toEqual(['budget', 'budget', 'budget']);
    expect(all.map((e) => e.attempts)).toEqual([1, 0, 0]);
  });
});

describe('retries', () => {
  test('503 with Retry-After is retried at most `retries` times', async () => {
    const server = track(
      await startRecording({ respond: () => ({ status: 503, headers: { 'retry-after': '0' }, body: '{}' }) }),
    );
    const exchange = await clientFor(server.url, { retries: 2 }).send({ service: 'ims', method: 'GET', path: '/' });
    expect(exchange.response?.status).toBe(503);
    expect(exchange.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  test('429 then 200: the retry succeeds and the exchange holds the 200', async () => {
    const server = track(
      await startRecording({
        respond: (_req, i) =>
          i === 0 ? { status: 429, headers: { 'retry-after': '0' } } : { status: 200, body: '{}' },
      }),
    );
    const exchange = await clientFor(server.url).send({ service: 'ims', method: 'GET', path: '/' });
    expect([exchange.response?.status, exchange.attempts]).toEqual([200, 2]);
  });

  test('a huge Retry-After is capped by maxRetryDelayMs', async () => {
    const server = track(
      await startRecording({ respond: () => ({ status: 503, headers: { 'retry-after': '86400' }, body: '{}' }) }),
    );
    const client = clientFor(server.url, { retries: 1, maxRetryDelayMs: 20 });
    const exchange = await client.send({ service: 'ims', method: 'GET', path: '/' });
    expect(exchange.attempts).toBe(2);
  });

  test('500 and 400 are answers, not retried', async () => {
    const server = track(await startRecording({ respond: (_r, i) => ({ status: i === 0 ? 500 : 400, body: '{}' }) }));
    const client = clientFor(server.url, { retries: 3 });
    expect((await client.send({ service: 'ims', method: 'GET', path: '/' })).attempts).toBe(1);
    expect((await client.send({ service: 'ims', method: 'GET', path: '/' })).attempts).toBe(1);
    expect(server.requests).toHaveLength(2);
  });
});

describe('bodies', () => {
  test('a body over the cap is cut and flagged; malformed JSON gives parseError, not a throw', async () => {
    const server = track(
      await startRecording({
        respond: (req) => ({ status: 200, body: req.url === '/big' ? 'x'.repeat(5000) : '{"a":' }),
      }),
    );
    const client = clientFor(server.url, { maxBodyBytes: 100 });
    const big = await client.send({ service: 'ims', method: 'GET', path: '/big' });
    expect([big.response?.text.length, big.response?.truncated]).toEqual([100, true]);
    const bad = await client.send({ service: 'ims', method: 'GET', path: '/bad' });
    expect(bad.response?.json).toBeUndefined();
    expect(bad.response?.parseError).toBeTypeOf('string');
  });

  test('a raw malformed body goes on the wire byte for byte', async () => {
    const server = track(await startRecording());
    const client = clientFor(server.url);
    await client.send({
      service: 'ims',
      method: 'POST',
      path: '/x',
      body: { raw: '{"name":', contentType: 'application/json' },
    });
    expect(server.requests[0]?.body).toBe('{"name":');
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });
});

describe('redirects', () => {
  test('a 302 to another host is returned as is, never followed', async () => {
    const other = track(await startRecording({ host: '127.0.0.2' }));
    const server = track(
      await startRecording({ respond: () => ({ status: 302, headers: { location: `${other.url}/steal` } }) }),
    );
    const exchange = await clientFor(server.url).send({ service: 'ims', method: 'GET', path: '/v2/images' });
    expect(exchange.response?.status).toBe(302);
    expect(exchange.response?.headers.location).toBe(`${other.url}/steal`);
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });
});

describe('limits', () => {
  test('at most `concurrency` requests are in flight at the server', async () => {
    const server = track(await startRecording({ delayMs: 30 }));
    const client = clientFor(server.url, { concurrency: 3 });
    const all = await Promise.all(
      Array.from({ length: 12 }, (_, i) => client.send({ service: 'ims', method: 'GET', path: `/${i}` })),
    );
    expect(all.every((e) => e.response?.status === 200)).toBe(true);
    expect(server.requests).toHaveLength(12);
    expect(server.maxInFlight).toBe(3);
  });
});

describe('secrets', () => {
  const TOKEN = 'tok-SECRET-4f1e9a';
  const PASSWORD = "p@ss w'rd-SECRET";

  test('never in recorded exchanges, JSON-lines files or curl lines, though the server got them', async () => {
    const server = track(
      await startRecording({ respond: (req) => ({ status: 200, body: JSON.stringify({ echo: req.body, TOKEN }) }) }),
    );
    const secrets = new SecretRegistry();
    secrets.add(TOKEN);
    secrets.add(PASSWORD);
    const file = join(tmpdir(), `exchanges-${process.pid}-${Date.now()}.jsonl`);
    cleanups.push(async () => rmSync(file, { force: true }));
    const recorder = createRecorder({ file });
    const client = clientFor(server.url, {
      secrets,
      recorder,
      authorize: async () => ({ 'X-Auth-Token': TOKEN }),
    });
    const exchange = await client.send({
      service: 'ims',
      method: 'POST',
      path: `/v2/images?token=${encodeURIComponent(TOKEN)}`,
      headers: { Cookie: 'session=abc', 'X-Note': `pw ${PASSWORD}` },
      body: { name: 'n', password: PASSWORD },
    });

    const received = server.requests[0];
    expect(received?.headers['x-auth-token']).toBe(TOKEN);
    expect(received?.body).toContain(JSON.stringify(PASSWORD).slice(1, -1));

    const kept = [JSON.stringify(recorder.exchanges()), readFileSync(file, 'utf8'), curlCommand(exchange)];
    for (const text of kept) {
      for (const secret of [TOKEN, PASSWORD, encodeURIComponent(TOKEN), 'session=abc']) {
        expect(text).not.toContain(secret);
      }
      expect(text).toContain('***');
    }
    expect(exchange.request.headers['X-Auth-Token']).toBe('***');
    expect(exchange.response?.json).toEqual({ echo: expect.any(String), TOKEN: '***' });
  });

  test('an authorizer failure is an auth exchange with the secret redacted, and nothing is sent', async () => {
    const server = track(await startRecording());
    const secrets = new SecretRegistry();
    secrets.add(PASSWORD);
    const client = clientFor(server.url, {
      secrets,
      authorize: async () => {
        throw new Error(`IAM refused password ${PASSWORD}`);
      },
    });
    const exchange = await client.send({ service: 'ims', method: 'GET', path: '/' });
    expect(exchange.error?.kind).toBe('auth');
    expect(exchange.error?.message).not.toContain(PASSWORD);
    expect(exchange.attempts).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});
