/**
 * Reading an answer: headers flattened, body read up to a cap, JSON parsed when the content type says JSON.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RecordedResponse } from '../model/exchange.js';
import { redactHeaders, redactText, type SecretRegistry } from './redact.js';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** `application/json`, `application/problem+json`, `…; charset=utf-8`. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) {
    return false;
  }
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || /^[a-z]+\/[a-z0-9.+-]*\+json$/.test(type);
}

/** Lower-case names, repeated headers joined with `, `. */
export function flattenHeaders(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>) {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return out;
}

/** Reads at most `maxBytes` of a body stream, then stops reading (the rest is discarded). */
export async function readCapped(
  body: AsyncIterable<Buffer | string> & { destroy?: (error?: Error) => unknown },
  maxBytes: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (size + buf.length > maxBytes) {
      chunks.push(buf.subarray(0, maxBytes - size));
      body.destroy?.();
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(buf);
    size += buf.length;
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

/** Builds the recorded response: parses JSON from the unredacted text, then redacts what is kept. */
export function recordResponse(
  status: number,
  rawHeaders: Record<string, string>,
  bytes: Buffer,
  truncated: boolean,
  secrets: SecretRegistry | undefined,
): RecordedResponse {
  const text = bytes.toString('utf8');
  const contentType = rawHeaders['content-type'];
  let json: unknown;
  let parseError: string | undefined;
  if (!isJsonContentType(contentType)) {
    parseError = contentType === undefined ? 'no content type' : `content type is ${JSON.stringify(contentType)}`;
  } else if (truncated) {
    parseError = 'body truncated at the size cap';
  } else if (text.trim() === '') {
    parseError = 'empty body';
  } else {
    try {
      json = redactJson(JSON.parse(text), secrets);
    } catch (error) {
      parseError = error instanceof Error ? error.message : String(error);
    }
  }
  return {
    status,
    headers: redactHeaders(rawHeaders, secrets),
    text: redactText(text, secrets),
    ...(truncated ? { truncated } : {}),
    ...(json !== undefined ? { json } : {}),
    ...(parseError !== undefined ? { parseError: redactText(parseError, secrets) } : {}),
  };
}

/** A parsed JSON value with every string (keys too) redacted. */
function redactJson(value: unknown, secrets: SecretRegistry | undefined): unknown {
  if (secrets === undefined || secrets.empty) {
    return value;
  }
  if (typeof value === 'string') {
    return redactText(value, secrets);
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactJson(item, secrets));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [redactText(k, secrets), redactJson(v, secrets)] as const),
    );
  }
  return value;
}
