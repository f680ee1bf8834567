import { describe, expect, test } from 'vitest';
import { SecretRegistry } from './redact.js';
import { isRawBody, prepareRequest } from './request.js';
import { isJsonContentType, recordResponse } from './response.js';

const endpoints = { ims: 'https://ims.example.com/base/', evs: 'http://127.0.0.1:9' };

describe('prepareRequest', () => {
  test('joins the base path, serialises JSON and sets its content type', () => {
    const p = prepareRequest({ service: 'ims', method: 'POST', path: '/v2/images?x=1', body: { a: 1 } }, endpoints);
    expect(p).toEqual({
      origin: 'https://ims.example.com',
      path: '/base/v2/images?x=1',
      url: 'https://ims.example.com/base/v2/images?x=1',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: Buffer.from('{"a":1}'),
    });
  });

  test('a raw body is sent as is, with its content type or none', () => {
    const withType = prepareRequest(
      { service: 'evs', method: 'POST', path: '/a', body: { raw: '{"a":', contentType: 'text/plain' } },
      endpoints,
    );
    expect([withType.body?.toString(), withType.headers]).toEqual([
      '{"a":',
      { 'Content-Type': 'text/plain', Accept: 'application/json' },
    ]);
    const without = prepareRequest({ service: 'evs', method: 'POST', path: '/a', body: { raw: 'x' } }, endpoints);
    expect(without.headers).toEqual({ Accept: 'application/json' });
  });

  test('a caller-set content type and accept win', () => {
    const p = prepareRequest(
      {
        service: 'evs',
        method: 'POST',
        path: '/a',
        headers: { 'content-type': 'application/xml', accept: 'text/html' },
        body: {},
      },
      endpoints,
    );
    expect(p.headers).toEqual({ 'content-type': 'application/xml', accept: 'text/html' });
  });

  test('every request asks for JSON (an OpenStack service words its errors by Accept)', () => {
    const p = prepareRequest({ service: 'ims', method: 'DELETE', path: '/v2/images/x' }, endpoints);
    expect(p.headers).toEqual({ Accept: 'application/json' });
  });

  test('only { raw, contentType? } is a raw body; a JSON body with other keys is JSON', () => {
    expect(isRawBody({ raw: 'x' })).toBe(true);
    expect(isRawBody({ raw: 'x', name: 'n' })).toBe(false);
    expect(isRawBody({ raw: 1 })).toBe(false);
  });
});

describe('recordResponse', () => {
  test.for([
    ['application/json', true],
    ['application/json; charset=UTF-8', true],
    ['application/problem+json', true],
    ['text/html', false],
    [undefined, false],
  ] as const)('isJsonContentType(%s) = %s', ([type, json]) => {
    expect(isJsonContentType(type)).toBe(json);
  });

  test('JSON parses; malformed JSON and wrong content types give parseError', () => {
    const ok = recordResponse(200, { 'content-type': 'application/json' }, Buffer.from('{"a":1}'), false, undefined);
    expect([ok.json, ok.parseError]).toEqual([{ a: 1 }, undefined]);
    const bad = recordResponse(200, { 'content-type': 'application/json' }, Buffer.from('{"a":'), false, undefined);
    expect(bad.json).toBeUndefined();
    expect(bad.parseError).toBeTypeOf('string');
    const html = recordResponse(200, { 'content-type': 'text/html' }, Buffer.from('{}'), false, undefined);
    expect(html.parseError).toBe('content type is "text/html"');
    const cut = recordResponse(200, { 'content-type': 'application/json' }, Buffer.from('{"a'), true, undefined);
    expect([cut.truncated, cut.parseError]).toEqual([true, 'body truncated at the size cap']);
  });

  test('secrets are redacted in text, parsed JSON and headers', () => {
    const secrets = new SecretRegistry();
    secrets.add('tok-1');
    const r = recordResponse(
      201,
      { 'content-type': 'application/json', 'x-subject-token': 'tok-1', 'x-echo': 'tok-1' },
      Buffer.from('{"token":"tok-1"}'),
      false,
      secrets,
    );
    expect(r).toMatchObject({
      text: '{"token":"***"}',
      json: { token: '***' },
      headers: { 'x-subject-token': '***', 'x-echo': '***' },
    });
  });
});
