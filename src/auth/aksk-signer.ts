/**
 * AK/SK request signing, SDK-HMAC-SHA256, byte-identical to the official Huawei Cloud SDKs.
 *
 * Transcribed from @huaweicloud/huaweicloud-sdk-core 3.1.211, auth/AKSKSigner.js (`sign`) and
 * auth/BaseCredentials.js (`processAuthRequest`, which adds X-Project-Id and, for a non-JSON body,
 * `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` before signing). Every header of the request is signed.
 * The SDK's quirks are kept on purpose (they are what a gateway verifies against):
 * - the canonical URI percent-encodes each path segment again and always ends with `/`;
 * - signed header names are sorted by code unit, the canonical header lines with `localeCompare`;
 * - header values are used as is (not trimmed).
 * aksk-signer.test.ts checks the result against the SDK itself.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Authorizer } from '../http/types.js';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface AkSkCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
  /** Sent as X-Project-Id (and signed) when set. */
  readonly projectId?: string;
}

export interface SignInput {
  readonly method: string;
  /** Absolute URL with the query, exactly as it goes on the wire. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the X-Sdk-Date format. */
export function sdkDate(date: Date): string {
  return `${date.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The SDK's `urlEncode`: RFC 3986 unreserved characters kept, everything else %XX (UTF-8, upper-case hex). */
export function sdkUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Path as sent → canonical URI: each segment encoded again, always a trailing `/`. */
export function canonicalUri(path: string): string {
  const uri = path.split('/').map(sdkUrlEncode).join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** Query as sent → canonical query: decoded, keys sorted, repeated keys' values sorted, re-encoded. */
export function canonicalQuery(query: string): string {
  const params = new Map<string, string[]>();
  for (const part of query.split('&')) {
    if (part === '') {
      continue;
    }
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decodeURIComponent(part.slice(eq + 1));
    params.set(key, [...(params.get(key) ?? []), value]);
  }
  const out: string[] = [];
  for (const key of [...params.keys()].sort()) {
    for (const value of (params.get(key) ?? []).sort()) {
      out.push(`${sdkUrlEncode(key)}=${sdkUrlEncode(value)}`);
    }
  }
  return out.join('&');
}

/** BaseCredentials' `isJsonContentType`: no content type, or exactly application/json. */
function isSdkJson(headers: Readonly<Record<string, string>>): boolean {
  const type = headers['content-type'] ?? headers['Content-Type'];
  return type === undefined || type === '' || type.toLowerCase() === 'application/json';
}

/** Splits `scheme://authority/path?query` without normalising (the gateway sees the raw path; url.parse keeps ports). */
function splitUrl(url: string): { host: string; path: string; query: string } {
  const start = url.indexOf('://') + 3;
  const end = url.slice(start).search(/[/?#]/);
  const authority = end === -1 ? url.slice(start) : url.slice(start, start + end);
  const rest = (end === -1 ? '' : url.slice(start + end)).split('#')[0] ?? '';
  const q = rest.indexOf('?');
  const path = q === -1 ? rest : rest.slice(0, q);
  return { host: authority.toLowerCase(), path: path === '' ? '/' : path, query: q === -1 ? '' : rest.slice(q + 1) };
}

/**
 * Returns the headers to add to the request: X-Project-Id, X-Sdk-Content-Sha256 (non-JSON body),
 * X-Sdk-Date, host and Authorization, exactly as the SDK would send them.
 */
export function signRequest(
  input: SignInput,
  credentials: AkSkCredentials,
  now: Date = new Date(),
): Record<string, string> {
  const added: Record<string, string> = {};
  const headers: Record<string, string> = { ...input.headers };
  const addIfAbsent = (name: string, value: string): void => {
    if (!headers[name]) {
      headers[name] = value;
      added[name] = value;
    }
  };
  if (credentials.projectId) {
    addIfAbsent('X-Project-Id', credentials.projectId);
  }
  if (!isSdkJson(headers)) {
    addIfAbsent('X-Sdk-Content-Sha256', 'UNSIGNED-PAYLOAD');
  }
  const { host, path, query } = splitUrl(input.url);
  // A caller-set X-Sdk-Date is signed as is (the SDK reformats it; ours is already in the basic format).
  const date = headers['X-Sdk-Date'] ?? sdkDate(now);
  addIfAbsent('X-Sdk-Date', date);
  addIfAbsent('host', host);
  if (headers['content-type']?.includes('multipart/form-data')) {
    delete headers['content-type'];
  }

  const names = Object.keys(headers);
  const signedHeaders = [...names]
    .sort((a, b) => {
      const [x, y] = [a.toLocaleLowerCase(), b.toLocaleLowerCase()];
      return x < y ? -1 : x > y ? 1 : 0;
    })
    .join(';')
    .toLocaleLowerCase();
  const canonicalHeaders = [...names]
    .sort((a, b) => a.toLocaleLowerCase().localeCompare(b.toLocaleLowerCase()))
    .map((name) => `${name.toLocaleLowerCase()}:${headers[name]}\n`)
    .join('');
  const payloadHash =
    headers['X-Sdk-Content-Sha256'] ??
    (input.body !== undefined && input.body.length > 0 ? sha256Hex(input.body) : EMPTY_BODY_SHA256);
  const canonicalRequest = [
    input.method,
    canonicalUri(path),
    canonicalQuery(query),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = [SIGNING_ALGORITHM, date, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac('sha256', credentials.secretKey).update(stringToSign).digest('hex');
  added.Authorization = `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return added;
}

/** An authorizer that signs every request with AK/SK; `now` is injectable for tests. */
export function akskAuthorizer(credentials: AkSkCredentials, now: () => Date = () => new Date()): Authorizer {
  return async (req) => signRequest(req, credentials, now());
}
