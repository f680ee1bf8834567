import type { InjectOptions } from 'fastify';
import { describe, expect, test } from 'vitest';
import { buildMockApp } from './app.js';
import { mockConfig } from './config.js';
import { PROJECT_A, TOKEN_A, VOLUME_AVAILABLE } from './testing.js';

const AUTH = { 'x-auth-token': TOKEN_A };
const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };
const EVS_ACTION = `/v2/${PROJECT_A}/volumes/${VOLUME_AVAILABLE}/action`;
const LIMIT = 64 * 1024;

interface Case {
  name: string;
  request: InjectOptions;
  status: number;
  /** Envelope key and error code expected in the body. */
  envelope: string;
  code: string;
}

const post = (url: string, payload: string | Buffer, headers: Record<string, string> = JSON_AUTH): InjectOptions => ({
  method: 'POST',
  url,
  headers,
  payload,
});

const CASES: Case[] = [
  {
    name: 'malformed JSON',
    request: post('/v2/images', '{"name": '),
    status: 400,
    envelope: 'error',
    code: 'IMG.0001',
  },
  { name: 'trailing garbage', request: post('/v2/images', '{} x'), status: 400, envelope: 'error', code: 'IMG.0001' },
  { name: 'empty body', request: post('/v2/images', ''), status: 400, envelope: 'error', code: 'IMG.0007' },
  { name: 'JSON null', request: post('/v2/images', 'null'), status: 400, envelope: 'error', code: 'IMG.0001' },
  { name: 'JSON string', request: post('/v2/images', '"x"'), status: 400, envelope: 'error', code: 'IMG.0001' },
  { name: 'JSON number', request: post('/v2/images', '42'), status: 400, envelope: 'error', code: 'IMG.0001' },
  {
    name: 'missing content type',
    request: post('/v2/images', '{"name":"a"}', AUTH),
    status: 400,
    envelope: 'error',
    code: 'IMG.0001',
  },
  {
    name: 'wrong content type',
    request: post('/v2/images', '{"name":"a"}', { ...AUTH, 'content-type': 'text/plain' }),
    status: 400,
    envelope: 'error',
    code: 'IMG.0001',
  },
  {
    name: 'form content type',
    request: post('/v1/cloudimages/dataimages/action', 'name=a', {
      ...AUTH,
      'content-type': 'application/x-www-form-urlencoded',
    }),
    status: 400,
    envelope: 'error',
    code: 'IMG.0001',
  },
  {
    name: 'body over the size limit',
    request: post('/v2/images', `{"name":"${'a'.repeat(LIMIT)}"}`),
    status: 413,
    envelope: 'error',
    code: 'IMG.0001',
  },
  {
    name: 'deep nesting',
    request: post('/v2/images', `{"name":${'['.repeat(20000)}${']'.repeat(20000)}}`),
    status: 400,
    envelope: 'error',
    code: 'IMG.0001',
  },
  {
    name: '__proto__ key',
    request: post('/v2/images', '{"name":"a","__proto__":{"polluted":"yes"}}'),
    status: 400,
    envelope: 'error',
    code: 'IMG.0001',
  },
  {
    name: 'constructor.prototype key',
    request: post('/v2/images', '{"name":"a","constructor":{"prototype":{"polluted":"yes"}}}'),
    status: 400,
    envelope: 'error',
    code: 'IMG.0001',
  },
  {
    name: 'nested __proto__ in image_tags',
    request: post(
      '/v1/cloudimages/dataimages/action',
      '{"name":"a","image_tags":[{"key":"k","__proto__":{"polluted":"yes"}}]}',
    ),
    status: 400,
    envelope: 'error',
    code: 'IMG.0001',
  },
  {
    name: 'invalid UTF-8',
    request: post('/v2/images', Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])),
    status: 400,
    envelope: 'error',
    code: 'IMG.0001',
  },
  {
    name: 'huge array of invalid tags',
    request: post('/v2/images', JSON.stringify({ tags: Array.from({ length: 20000 }, () => 1) })),
    status: 400,
    envelope: 'error',
    code: 'IMG.0115',
  },
  {
    name: 'unknown route',
    request: { method: 'GET', url: '/v3/nothing', headers: AUTH },
    status: 404,
    envelope: 'error',
    code: 'IMG.0017',
  },
  {
    name: 'wrong method on /v2/images',
    request: { method: 'PUT', url: '/v2/images', headers: JSON_AUTH, payload: '{}' },
    status: 405,
    envelope: 'error',
    code: 'IMG.0105',
  },
  {
    name: 'OPTIONS on an action',
    request: { method: 'OPTIONS', url: '/v2/cloudimages/quickimport/action', headers: AUTH },
    status: 405,
    envelope: 'error',
    code: 'IMG.0105',
  },
  {
    name: 'bad percent-encoding in the path',
    request: { method: 'GET', url: '/v2/images/%E0%A4%A', headers: AUTH },
    status: 400,
    envelope: 'error',
    code: 'IMG.0001',
  },
  { name: 'EVS malformed JSON', request: post(EVS_ACTION, '{'), status: 400, envelope: 'badRequest', code: 'EVS.5400' },
  {
    name: 'EVS wrong content type',
    request: post(EVS_ACTION, '{}', { ...AUTH, 'content-type': 'text/xml' }),
    status: 400,
    envelope: 'badRequest',
    code: 'EVS.5400',
  },
  {
    name: 'EVS __proto__ key',
    request: post(EVS_ACTION, '{"os-volume_upload_image":{"image_name":"a","__proto__":{"x":1}}}'),
    status: 400,
    envelope: 'badRequest',
    code: 'EVS.5400',
  },
  {
    name: 'EVS body over the size limit',
    request: post(EVS_ACTION, `{"x":"${'a'.repeat(LIMIT)}"}`),
    status: 413,
    envelope: 'overLimit',
    code: 'EVS.5400',
  },
  {
    name: 'EVS wrong method',
    request: { method: 'PATCH', url: `/v2/${PROJECT_A}/volumes/${VOLUME_AVAILABLE}`, headers: AUTH },
    status: 405,
    envelope: 'badMethod',
    code: 'EVS.5400',
  },
  {
    name: 'EVS unknown sub-resource',
    request: { method: 'GET', url: `/v2/${PROJECT_A}/volumes/${VOLUME_AVAILABLE}/nothing`, headers: AUTH },
    status: 404,
    envelope: 'itemNotFound',
    code: 'EVS.5404',
  },
];

describe('robustness: every malformed input gets its documented 4xx and the server keeps answering', async () => {
  const app = await buildMockApp(mockConfig({ bodyLimit: LIMIT }));

  test.for(CASES)('$name → $status $envelope $code', async (c) => {
    const res = await app.inject(c.request);
    expect(res.statusCode).toBe(c.status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json() as Record<string, { code: string; message: string }>;
    expect(Object.keys(body)).toEqual([c.envelope]);
    expect(body[c.envelope]?.code).toBe(c.code);
    expect(body[c.envelope]?.message).toEqual(expect.any(String));
    expect(res.body).not.toMatch(/stack|at .*\.ts/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
  });
});
