import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js';
import type { FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import { buildMockApp } from './app.js';
import { canonicalQuery, canonicalUri } from './auth.js';
import { mockConfig } from './config.js';
import { PROJECT_A, PROJECT_B, VOLUME_AVAILABLE, VOLUME_B } from './testing.js';

const AK_A = 'MOCKAKPROJECTA000001';
const SK_A = 'mock-sk-project-a-0123456789';

interface Signed {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Signs a request with the official SDK's AKSKSigner, as HcClient does (X-Project-Id, JSON body). */
function sdkSign(
  method: Signed['method'],
  path: string,
  data?: unknown,
  options: { ak?: string; sk?: string; project?: string; date?: string; query?: Record<string, string> } = {},
): Signed {
  const credential = new BasicCredentials()
    .withAk(options.ak ?? AK_A)
    .withSk(options.sk ?? SK_A)
    .withProjectId(options.project ?? PROJECT_A);
  const headers: Record<string, string> = { 'X-Project-Id': options.project ?? PROJECT_A };
  if (data !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (options.date !== undefined) {
    headers['X-Sdk-Date'] = options.date;
  }
  const request = { method, endpoint: `http://localhost${path}`, headers, data, queryParams: options.query ?? {} };
  const signed = AKSKSigner.sign(request, credential) as Record<string, string>;
  const search = new URLSearchParams(options.query ?? {}).toString();
  return {
    method,
    url: search === '' ? path : `${path}?${search}`,
    headers: signed,
    ...(data === undefined ? {} : { payload: JSON.stringify(data) }),
  };
}

async function app(): Promise<FastifyInstance> {
  return buildMockApp(mockConfig({ jobs: { initMs: 0, runMs: 0 } }));
}

function sdkDate(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
}

describe('AK/SK requests signed by the official SDK signer', () => {
  test('POST /v2/images, GET it back, list with a query, DELETE it', async () => {
    const mock = await app();
    const created = await mock.inject(sdkSign('POST', '/v2/images', { name: 'signed', tags: ['a'] }));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().owner).toBe(PROJECT_A);
    expect((await mock.inject(sdkSign('GET', `/v2/images/${id}`))).statusCode).toBe(200);
    const list = await mock.inject(sdkSign('GET', '/v2/images', undefined, { query: { limit: '10', marker: id } }));
    expect(list.statusCode).toBe(200);
    expect((await mock.inject(sdkSign('DELETE', `/v2/images/${id}`))).statusCode).toBe(204);
  });

  test('EVS export and job query with the project in the path', async () => {
    const mock = await app();
    const path = `/v2/${PROJECT_A}/volumes/${VOLUME_AVAILABLE}/action`;
    const res = await mock.inject(sdkSign('POST', path, { 'os-volume_upload_image': { image_name: 'signed' } }));
    expect(res.statusCode).toBe(202);
    const job = await mock.inject(
      sdkSign('POST', '/v2/cloudimages/quickimport/action', {
        name: 'q',
        image_url: 'ims-image:centos70.zvhd2',
        os_version: 'CentOS 7.0 64bit',
        min_disk: 40,
      }),
    );
    expect(job.statusCode).toBe(200);
    const status = await mock.inject(sdkSign('GET', `/v1/${PROJECT_A}/jobs/${job.json().job_id}`));
    expect(status.statusCode).toBe(200);
  });

  test("project B's AK/SK sees its own volume and not A's", async () => {
    const mock = await app();
    const b = { ak: 'MOCKAKPROJECTB000001', sk: 'mock-sk-project-b-0123456789', project: PROJECT_B };
    expect((await mock.inject(sdkSign('GET', `/v2/${PROJECT_B}/volumes/${VOLUME_B}`, undefined, b))).statusCode).toBe(
      200,
    );
    const cross = await mock.inject(sdkSign('GET', `/v2/${PROJECT_A}/volumes/${VOLUME_AVAILABLE}`, undefined, b));
    expect(cross.statusCode).toBe(404);
  });

  test.for([
    ['tampered signature', (s: Signed) => ({ ...s, headers: { ...s.headers, Authorization: tamper(s) } })],
    ['tampered body', (s: Signed) => ({ ...s, payload: JSON.stringify({ name: 'other' }) })],
    ['tampered path', (s: Signed) => ({ ...s, url: '/v2/cloudimages/quickimport/action' })],
    ['a signed header changed', (s: Signed) => ({ ...s, headers: { ...s.headers, 'X-Project-Id': PROJECT_B } })],
    ['wrong secret key', () => sdkSign('POST', '/v2/images', { name: 'signed' }, { sk: 'wrong' })],
    ['unknown access key', () => sdkSign('POST', '/v2/images', { name: 'signed' }, { ak: 'NOSUCHAK' })],
    [
      'date 16 minutes old',
      () => sdkSign('POST', '/v2/images', { name: 'x' }, { date: sdkDate(Date.now() - 16 * 60e3) }),
    ],
    [
      'date 16 minutes ahead',
      () => sdkSign('POST', '/v2/images', { name: 'x' }, { date: sdkDate(Date.now() + 16 * 60e3) }),
    ],
    [
      'stale fixed date 20260101T000000Z',
      () => sdkSign('POST', '/v2/images', { name: 'x' }, { date: '20200101T000000Z' }),
    ],
  ] as const)('%s → 401 in the IMS envelope', async ([, mutate]) => {
    const mock = await app();
    const res = await mock.inject(mutate(sdkSign('POST', '/v2/images', { name: 'signed' })));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'IMG.0087', message: 'The token is incorrect.' } });
  });

  test('a date 14 minutes off is still accepted', async () => {
    const mock = await app();
    const res = await mock.inject(
      sdkSign('POST', '/v2/images', { name: 'x' }, { date: sdkDate(Date.now() - 14 * 60e3) }),
    );
    expect(res.statusCode).toBe(201);
  });
});

function tamper(s: Signed): string {
  const auth = s.headers.Authorization ?? '';
  const last = auth.at(-1) === '0' ? '1' : '0';
  return `${auth.slice(0, -1)}${last}`;
}

describe('tokens', () => {
  test.for([
    ['no token', {}],
    ['unknown token', { 'x-auth-token': 'nope' }],
    ['malformed Authorization', { authorization: 'SDK-HMAC-SHA256 garbage' }],
  ] as const)('%s → 401 (IMS and EVS envelopes)', async ([, headers]) => {
    const mock = await app();
    const ims = await mock.inject({ method: 'GET', url: '/v2/images', headers });
    expect(ims.statusCode).toBe(401);
    expect(ims.json().error.code).toBe('IMG.0087');
    const evs = await mock.inject({ method: 'GET', url: `/v2/${PROJECT_A}/volumes/${VOLUME_AVAILABLE}`, headers });
    expect(evs.statusCode).toBe(401);
    expect(evs.json().error.code).toBe('EVS.5401');
  });

  test('/health needs no auth', async () => {
    const mock = await app();
    expect((await mock.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

describe('canonical pieces', () => {
  test('canonicalUri adds the trailing slash and encodes like the SDK', () => {
    expect(canonicalUri('/v2/images')).toBe('/v2/images/');
    expect(canonicalUri('/v2/images/')).toBe('/v2/images/');
    expect(canonicalUri("/a b/c*(')!~")).toBe('/a%20b/c%2A%28%27%29%21~/');
  });

  test('canonicalQuery sorts keys and repeated values, and encodes', () => {
    expect(canonicalQuery('b=2&a=x%20y&b=1&c')).toBe('a=x%20y&b=1&b=2&c=');
    expect(canonicalQuery('')).toBe('');
  });
});
