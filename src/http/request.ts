/**
 * Turning an {@link HttpRequest} into what goes on the wire: origin, path, headers, body bytes.
 */
import type { Service } from '../model/exchange.js';
import type { HttpRequest, RawBody } from './types.js';

export interface PreparedRequest {
  readonly origin: string;
  /** Base path of the endpoint + the request's path and query. */
  readonly path: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
}

/** True for `{ raw, contentType? }` and nothing else, so a JSON body is never mistaken for one. */
export function isRawBody(body: unknown): body is RawBody {
  if (body === null || typeof body !== 'object') {
    return false;
  }
  const keys = Object.keys(body);
  const raw = (body as { raw?: unknown }).raw;
  const contentType = (body as { contentType?: unknown }).contentType;
  return (
    (typeof raw === 'string' || Buffer.isBuffer(raw)) &&
    keys.every((k) => k === 'raw' || k === 'contentType') &&
    (contentType === undefined || typeof contentType === 'string')
  );
}

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

/** Resolves the URL and encodes the body; throws on an endpoint that is not a URL. */
export function prepareRequest(req: HttpRequest, endpoints: Readonly<Record<Service, string>>): PreparedRequest {
  const base = new URL(endpoints[req.service]);
  const basePath = base.pathname.replace(/\/+$/, '');
  const path = `${basePath}${req.path.startsWith('/') ? '' : '/'}${req.path}`;
  const headers: Record<string, string> = { ...req.headers };
  let body: Buffer | undefined;
  let contentType: string | undefined;
  if (isRawBody(req.body)) {
    body = Buffer.isBuffer(req.body.raw) ? req.body.raw : Buffer.from(req.body.raw, 'utf8');
    contentType = req.body.contentType;
  } else if (req.body !== undefined) {
    body = Buffer.from(JSON.stringify(req.body), 'utf8');
    contentType = 'application/json';
  }
  if (contentType !== undefined && !hasHeader(headers, 'content-type')) {
    headers['Content-Type'] = contentType;
  }
  // Every answer the documents describe is JSON; without this header an OpenStack service words its errors as
  // text/html or text/plain (webob picks the error format from Accept).
  if (!hasHeader(headers, 'accept')) {
    headers.Accept = 'application/json';
  }
  return { origin: base.origin, path, url: `${base.origin}${path}`, headers, body };
}
