/** Request and reply helpers shared by the routes: auth guard, JSON body, error and JSON replies. */
import { isUtf8 } from 'node:buffer';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from './auth.js';
import type { MockContext } from './context.js';
import { deviates } from './deviations.js';
import { evsErrors, imsErrors, type MockError } from './errors.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends a documented error in its envelope. */
export function sendError(reply: FastifyReply, error: MockError): FastifyReply {
  return reply.code(error.status).header('content-type', JSON_TYPE).send(error.body);
}

/** Sends an error without its envelope key: `{error_code, error_msg}` (IMS) or `{message, code}` (EVS). */
export function sendFlatError(reply: FastifyReply, error: MockError): FastifyReply {
  const body =
    error.service === 'ims'
      ? { error_code: error.code, error_msg: error.message }
      : { message: error.message, code: error.code };
  return reply.code(error.status).header('content-type', JSON_TYPE).send(JSON.stringify(body));
}

/** Sends a JSON body as text/plain (the content-type deviations). */
export function sendText(reply: FastifyReply, status: number, payload: unknown): FastifyReply {
  return reply.code(status).header('content-type', 'text/plain; charset=utf-8').send(JSON.stringify(payload));
}

/**
 * Sends a JSON body straight to the socket (hijacked reply: Fastify's onSend pipeline and header bookkeeping are
 * skipped; the mock has no onSend/onResponse hooks). Measured with scripts/measure-mock.ts.
 */
export function sendJson(reply: FastifyReply, status: number, payload: unknown): FastifyReply {
  const body = JSON.stringify(payload);
  reply.hijack();
  reply.raw.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) });
  reply.raw.end(body);
  return reply;
}

/**
 * A route handler run synchronously, its result dropped: Fastify awaits the promise of an async handler (a promise
 * and a wrapThenable per request) and re-sends a value a sync handler returns (an "already sent" error object when
 * the handler has answered). Every mock handler answers before it returns, so the routes use this.
 */
export function answered<Request, Reply>(handler: (request: Request, reply: Reply) => unknown) {
  return (request: Request, reply: Reply): void => {
    handler(request, reply);
  };
}

/** Which envelope a path answers in: EVS for /v2/{project_id}/volumes…, IMS otherwise. */
export function serviceOf(url: string): 'ims' | 'evs' {
  return /^\/v2\/[^/?]+\/volumes(?:[/?]|$)/.test(url) ? 'evs' : 'ims';
}

/** The caller's project, or undefined after sending 401 in the service's envelope. */
export function authorize(ctx: MockContext, request: FastifyRequest, reply: FastifyReply): string | undefined {
  const body = Buffer.isBuffer(request.body) ? request.body : undefined;
  const projectId = authenticate(
    { method: request.method, url: request.url, headers: request.headers, body },
    ctx.config,
  );
  if (projectId === undefined) {
    // Deviation missing-token-accepted: no credentials at all is served as the first project.
    const bare = request.headers['x-auth-token'] === undefined && request.headers.authorization === undefined;
    const first = ctx.config.projects.values().next().value;
    if (bare && first !== undefined && deviates(ctx.config, 'missing-token-accepted')) {
      return first;
    }
    sendError(reply, serviceOf(request.url) === 'evs' ? evsErrors.unauthorized : imsErrors.unauthorized);
  }
  return projectId;
}

const JSON_MEDIA = /^application\/json\s*(?:;|$)/i;

export type BodyProblem = 'empty' | 'format';

/** Parses the JSON body: content type application/json, valid UTF-8, no prototype-poisoning keys. */
export function readJson(ctx: MockContext, request: FastifyRequest): { value: unknown } | BodyProblem {
  const raw = request.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) {
    return 'empty';
  }
  const type = request.headers['content-type'];
  if (type === undefined || !JSON_MEDIA.test(type) || !isUtf8(raw)) {
    return 'format';
  }
  try {
    return { value: ctx.parseJson(raw.toString('utf8')) };
  } catch {
    return 'format';
  }
}
