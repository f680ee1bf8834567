/**
 * Authentication: X-Auth-Token, or an AK/SK request signed as the official Huawei Cloud SDKs sign it
 * (`Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` with `X-Sdk-Date`).
 * The canonical request follows @huaweicloud/huaweicloud-sdk-core auth/AKSKSigner.js byte for byte.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { MockConfig } from './config.js';

/** What a request carries that authentication needs. */
export interface AuthInput {
  readonly method: string;
  /** The raw request target: path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer | undefined;
}

const ALGORITHM = 'SDK-HMAC-SHA256';
const AUTH_HEADER = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]{64})$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const MAX_SKEW_MS = 15 * 60 * 1000;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The SDK's urlEncode: everything but A–Z a–z 0–9 - . _ ~ is percent-encoded (UTF-8, upper-case hex). */
export function sdkUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** AKSKSigner.CanonicalURI: each path segment encoded, and a trailing slash added when missing. */
export function canonicalUri(path: string): string {
  const uri = path.split('/').map(sdkUrlEncode).join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function decodeQueryPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/** AKSKSigner.CanonicalQueryString: keys sorted, repeated keys' values sorted, `key=value` joined with `&`. */
export function canonicalQuery(query: string): string {
  if (query === '') {
    return '';
  }
  const params = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    if (pair === '') {
      continue;
    }
    const eq = pair.indexOf('=');
    const key = decodeQueryPart(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeQueryPart(pair.slice(eq + 1));
    const values = params.get(key);
    if (values === undefined) {
      params.set(key, [value]);
    } else {
      values.push(value);
    }
  }
  const out: string[] = [];
  for (const key of [...params.keys()].sort()) {
    for (const value of (params.get(key) ?? []).sort()) {
      out.push(`${sdkUrlEncode(key)}=${sdkUrlEncode(value)}`);
    }
  }
  return out.join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The canonical request of AKSKSigner.buildCanonicalRequest, or undefined when a signed header is missing. */
export function canonicalRequest(input: AuthInput, signedHeaders: readonly string[]): string | undefined {
  const q = input.url.indexOf('?');
  const path = q < 0 ? input.url : input.url.slice(0, q);
  const query = q < 0 ? '' : input.url.slice(q + 1);
  let headers = '';
  for (const name of signedHeaders) {
    const value = headerValue(input.headers, name);
    if (value === undefined) {
      return undefined;
    }
    headers += `${name}:${value}\n`;
  }
  // AKSKSigner.buildPayloadHash: X-Sdk-Content-Sha256 when sent (e.g. UNSIGNED-PAYLOAD), else the body's SHA-256.
  const payloadHash =
    headerValue(input.headers, 'x-sdk-content-sha256') ??
    (input.body === undefined || input.body.length === 0
      ? EMPTY_SHA256
      : createHash('sha256').update(input.body).digest('hex'));
  return [input.method, canonicalUri(path), canonicalQuery(query), headers, signedHeaders.join(';'), payloadHash].join(
    '\n',
  );
}

function sdkDateMs(value: string | undefined): number | undefined {
  const m = value === undefined ? null : SDK_DATE.exec(value);
  if (m === null) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** The project of a correctly signed AK/SK request, or undefined (bad signature, unknown AK, stale date…). */
export function verifyAkSk(input: AuthInput, authorization: string, config: MockConfig): string | undefined {
  const m = AUTH_HEADER.exec(authorization);
  if (m === null) {
    return undefined;
  }
  const [, ak = '', signedList = '', signature = ''] = m;
  const pair = config.aksk.get(ak);
  const signed = signedList.split(';');
  if (pair === undefined || !signed.includes('x-sdk-date')) {
    return undefined;
  }
  const dateText = headerValue(input.headers, 'x-sdk-date');
  const dateMs = sdkDateMs(dateText);
  if (dateText === undefined || dateMs === undefined || Math.abs(config.now() - dateMs) > MAX_SKEW_MS) {
    return undefined;
  }
  const canonical = canonicalRequest(input, signed);
  if (canonical === undefined) {
    return undefined;
  }
  const stringToSign = `${ALGORITHM}\n${dateText}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const expected = createHmac('sha256', pair.sk).update(stringToSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return undefined;
  }
  const projectHeader = headerValue(input.headers, 'x-project-id');
  return projectHeader === undefined || projectHeader === pair.projectId ? pair.projectId : undefined;
}

/** The caller's project: from X-Auth-Token or an SDK signature; undefined means 401. */
export function authenticate(input: AuthInput, config: MockConfig): string | undefined {
  const token = input.headers['x-auth-token'];
  if (typeof token === 'string') {
    return config.tokens.get(token);
  }
  const authorization = input.headers.authorization;
  if (authorization?.startsWith(ALGORITHM)) {
    return verifyAkSk(input, authorization, config);
  }
  return undefined;
}
