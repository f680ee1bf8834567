/**
 * IAM password login against a local fake IAM: body shape, token from X-Subject-Token, caching until
 * shortly before expires_at, one login for concurrent requests, failures redacted and retried.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { redactText, SecretRegistry } from '../http/redact.js';
import { iamPasswordAuthorizer } from './iam-password.js';
import type { PasswordAuth } from './types.js';

interface FakeIam {
  readonly url: string;
  readonly bodies: unknown[];
  close(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((done) => {
          s.closeAllConnections();
          s.close(() => done());
        }),
    ),
  );
});

/** Answers logins with token-1, token-2, … expiring at `expiresAt(n)`; `status` can refuse them. */
async function startFakeIam(expiresAt: (n: number) => string, status = 201): Promise<FakeIam> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v3/auth/tokens') {
        res.writeHead(404).end();
        return;
      }
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      const n = bodies.length;
      if (status !== 201) {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 401, message: 'The username or password is wrong.' } }));
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json', 'x-subject-token': `token-${n}` });
      res.end(JSON.stringify({ token: { expires_at: expiresAt(n), methods: ['password'] } }));
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bodies, close: async () => undefined };
}

const T0 = Date.parse('2024-03-05T00:00:00Z');
const auth = (iamEndpoint: string): PasswordAuth => ({
  mode: 'password',
  iamEndpoint,
  domain: 'my-domain',
  user: 'alice',
  password: 'S3cret!pw',
  project: 'ap-southeast-1',
});
const req = { service: 'ims', method: 'GET', url: 'http://x/', headers: {}, body: undefined } as const;

describe('iamPasswordAuthorizer', () => {
  test('sends the Keystone password body and uses X-Subject-Token', async () => {
    const iam = await startFakeIam(() => '2024-03-06T00:00:00.000000Z');
    const authorize = iamPasswordAuthorizer(auth(iam.url), new SecretRegistry(), { now: () => T0 });
    expect(await authorize(req)).toEqual({ 'X-Auth-Token': 'token-1' });
    expect(iam.bodies).toEqual([
      {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'alice', password: 'S3cret!pw', domain: { name: 'my-domain' } } },
          },
          scope: { project: { name: 'ap-southeast-1' } },
        },
      },
    ]);
  });

  test('caches the token until shortly before expires_at, then logs in again', async () => {
    const iam = await startFakeIam(() => '2024-03-05T00:10:00Z');
    let now = T0;
    const authorize = iamPasswordAuthorizer(auth(iam.url), new SecretRegistry(), {
      now: () => now,
      refreshMarginMs: 5 * 60 * 1000,
    });
    expect(await authorize(req)).toEqual({ 'X-Auth-Token': 'token-1' });
    now = T0 + 4 * 60 * 1000;
    expect(await authorize(req)).toEqual({ 'X-Auth-Token': 'token-1' });
    expect(iam.bodies).toHaveLength(1);
    now = T0 + 6 * 60 * 1000;
    expect(await authorize(req)).toEqual({ 'X-Auth-Token': 'token-2' });
    expect(iam.bodies).toHaveLength(2);
  });

  test('concurrent requests share one login', async () => {
    const iam = await startFakeIam(() => '2024-03-06T00:00:00Z');
    const authorize = iamPasswordAuthorizer(auth(iam.url), new SecretRegistry(), { now: () => T0 });
    const all = await Promise.all(Array.from({ length: 5 }, () => authorize(req)));
    expect(new Set(all.map((h) => h['X-Auth-Token']))).toEqual(new Set(['token-1']));
    expect(iam.bodies).toHaveLength(1);
  });

  test('registers the password and the token as secrets', async () => {
    const iam = await startFakeIam(() => '2024-03-06T00:00:00Z');
    const secrets = new SecretRegistry();
    const authorize = iamPasswordAuthorizer(auth(iam.url), secrets, { now: () => T0 });
    await authorize(req);
    expect(redactText('pw=S3cret!pw tok=token-1', secrets)).toBe('pw=*** tok=***');
  });

  test('a refused login rejects without the password, and the next request tries again', async () => {
    const iam = await startFakeIam(() => '2024-03-06T00:00:00Z', 401);
    const authorize = iamPasswordAuthorizer(auth(iam.url), new SecretRegistry(), { now: () => T0 });
    const error = await authorize(req).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('401');
    expect((error as Error).message).not.toContain('S3cret!pw');
    await expect(authorize(req)).rejects.toThrow('IAM login');
    expect(iam.bodies).toHaveLength(2);
  });
});
