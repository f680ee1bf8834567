/**
 * Our signer against the official SDK's: same request, same instant → the same headers, byte for byte.
 * The SDK request is built as HcClient.buildRequest builds it and signed through
 * BasicCredentials.processAuthRequest, so X-Project-Id and UNSIGNED-PAYLOAD handling are covered too.
 */
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import { HttpRequestBuilder } from '@huaweicloud/huaweicloud-sdk-core/http/IHttpRequestBuilder.js';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { canonicalQuery, canonicalUri, sdkDate, signRequest } from './aksk-signer.js';

const AK = 'HPUAXXXXEXAMPLEAK01';
const SK = 'qWeRtYuIoP1234567890ExampleSecretKeyZz';
const PROJECT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const NOW = new Date('2024-03-05T06:07:08.900Z');

interface Case {
  readonly name: string;
  readonly endpoint: string;
  readonly method: string;
  readonly path: string;
  readonly query?: Record<string, string | string[]>;
  readonly contentType?: string;
  readonly data?: unknown;
  readonly headers?: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'GET with a query',
    endpoint: 'https://ims.ap-southeast-1.myhuaweicloud.com',
    method: 'GET',
    path: '/v2/cloudimages',
    query: { __imagetype: 'private', limit: '10', name: 'my image~(1)', marker: 'é' },
  },
  {
    name: 'GET with a repeated query key',
    endpoint: 'https://ims.ap-southeast-1.myhuaweicloud.com',
    method: 'GET',
    path: '/v2/images',
    query: { tag: ['b', 'a'], Limit: '1' },
  },
  {
    name: 'POST with a JSON body',
    endpoint: 'https://ims.ap-southeast-1.myhuaweicloud.com',
    method: 'POST',
    path: '/v2/cloudimages/quickimport/action',
    contentType: 'application/json',
    data: { name: 'img-01', image_url: 'ims-image:centos70.zvhd2', os_version: 'CentOS 7.0 64bit', min_disk: 40 },
  },
  {
    name: 'POST to a path with a trailing slash and a port',
    endpoint: 'http://127.0.0.1:8080',
    method: 'POST',
    path: `/v2/${PROJECT}/volumes/5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e01/action/`,
    contentType: 'application/json',
    data: { 'os-volume_upload_image': { image_name: 'exported' } },
  },
  {
    name: 'PUT with a non-JSON content type (UNSIGNED-PAYLOAD) and an extra header',
    endpoint: 'https://ims.example.com',
    method: 'PUT',
    path: '/v1/cloudimages/x/upload',
    contentType: 'application/octet-stream',
    headers: { 'X-Language': 'en-us' },
  },
  {
    name: 'DELETE with no body',
    endpoint: 'https://ims.example.com',
    method: 'DELETE',
    path: '/v2/images/4ca4f3a2-6a5d-4b5c-8c3e-0a1b2c3d4e5f',
  },
];

async function sdkSign(c: Case): Promise<Record<string, string>> {
  const headers: Record<string, string> = { ...c.headers };
  if (c.contentType !== undefined) {
    headers['content-type'] = c.contentType;
  }
  const request = new HttpRequestBuilder()
    .withEndpoint(c.endpoint)
    .withUrl(c.path)
    .withHeaders(headers)
    .withMethod(c.method)
    .withPathParams({})
    .withData(c.data)
    .withQueryParams(c.query ?? {})
    .build();
  const credentials = new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT);
  // processAuthRequest never touches hcClient for plain AK/SK credentials with a project id.
  const signed = await credentials.processAuthRequest(undefined as never, request);
  return signed.headers as Record<string, string>;
}

function ourSign(c: Case): Record<string, string> {
  const query = Object.entries(c.query ?? {})
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`))
    .join('&');
  const headers: Record<string, string> = { ...c.headers };
  if (c.contentType !== undefined) {
    headers['Content-Type'] = c.contentType;
  }
  const body = c.data === undefined ? undefined : Buffer.from(JSON.stringify(c.data));
  const url = `${c.endpoint}${c.path}${query === '' ? '' : `?${query}`}`;
  return {
    ...headers,
    ...signRequest({ method: c.method, url, headers, body }, { accessKey: AK, secretKey: SK, projectId: PROJECT }, NOW),
  };
}

/** Header names compared case-insensitively (the SDK writes `content-type`, our client `Content-Type`). */
function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

describe('signRequest matches the official SDK', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test.for(cases)('$name', async (c) => {
    const sdk = await sdkSign(c);
    const ours = ourSign(c);
    expect(ours.Authorization).toBe(sdk.Authorization);
    expect(lower(ours)).toEqual(lower(sdk));
  });

  test('a different secret key gives a different signature (the comparison can fail)', async () => {
    const c = cases[0] as Case;
    const sdk = await sdkSign(c);
    const other = signRequest(
      { method: c.method, url: `${c.endpoint}${c.path}`, headers: {}, body: undefined },
      { accessKey: AK, secretKey: `${SK}x`, projectId: PROJECT },
      NOW,
    );
    expect(other.Authorization).not.toBe(sdk.Authorization);
  });
});

describe('pieces', () => {
  test('X-Sdk-Date is the basic ISO format in UTC, seconds precision', () => {
    expect(sdkDate(NOW)).toBe('20240305T060708Z');
  });

  test('canonical URI: segments re-encoded, trailing slash always', () => {
    expect(canonicalUri('/v2/images')).toBe('/v2/images/');
    expect(canonicalUri('/v2/images/')).toBe('/v2/images/');
    expect(canonicalUri('/v2/a%20b')).toBe('/v2/a%2520b/');
  });

  test('canonical query: sorted keys and values, RFC 3986 encoding', () => {
    expect(canonicalQuery('b=2&a=x%20y&a=w&c')).toBe('a=w&a=x%20y&b=2&c=');
    expect(canonicalQuery("k=!'()*")).toBe('k=%21%27%28%29%2A');
  });
});
