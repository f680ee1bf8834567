/**
 * The mock's Fastify app (no listen): IMS + EVS routes, the documented error envelopes for every
 * framework error (malformed body, size limit, unknown route, wrong method), and GET /health.
 */
import type { Socket } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { MockConfig } from './config.js';
import { createMockState, type MockContext } from './context.js';
import { evsErrors, imsErrors, type MockError } from './errors.js';
import { addFaults } from './faults.js';
import { sendError, serviceOf } from './http.js';
import { volumeRoutes } from './routes/evs/volumes.js';
import { imageRoutes } from './routes/ims/images.js';
import { importJobRoutes } from './routes/ims/import-jobs.js';
import { jobRoutes } from './routes/ims/jobs.js';
import { schemaRoutes } from './routes/ims/schemas.js';
import { versionRoutes } from './routes/versions.js';

/** Paths of the documented operations with their methods, for 405 vs 404. */
const ROUTES: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^\/v1\/cloudimages\/dataimages\/action\/?$/, ['POST']],
  [/^\/v2\/cloudimages\/quickimport\/action\/?$/, ['POST']],
  [/^\/v2\/images\/?$/, ['GET', 'POST']],
  [/^\/v2\/schemas\/image\/?$/, ['GET']],
  [/^\/v2\/images\/[^/]+\/?$/, ['GET', 'DELETE']],
  [/^\/v1\/[^/]+\/jobs\/[^/]+\/?$/, ['GET']],
  [/^\/v2\/[^/]+\/volumes\/[^/]+\/action\/?$/, ['POST']],
  [/^\/v2\/[^/]+\/volumes\/[^/]+\/?$/, ['GET']],
  [/^\/health\/?$/, ['GET']],
  [/^\/$/, ['GET']],
  [/^\/versions\/?$/, ['GET']],
];

function notFoundError(url: string, method: string): MockError {
  const path = url.split('?')[0] ?? url;
  const evs = serviceOf(path) === 'evs';
  const known = ROUTES.find(([pattern]) => pattern.test(path));
  if (known !== undefined && !known[1].includes(method)) {
    return evs ? evsErrors.badMethod : imsErrors.operationNotSupported;
  }
  return evs ? evsErrors.notFound : imsErrors.routeNotFound;
}

function frameworkError(error: FastifyError, url: string): MockError {
  const evs = serviceOf(url) === 'evs';
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
    return evs ? evsErrors.bodyTooLarge : imsErrors.bodyTooLarge;
  }
  // Every other framework or handler error is the client's malformed request: never a 5xx, never a stack.
  return evs ? evsErrors.malformedBody : imsErrors.requestFormat;
}

/** Bytes of an over-limit body read (and dropped) so the client can finish sending and read the 413. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** Reads and drops the rest of a request body, then calls `done` (at once past DRAIN_LIMIT or on an error). */
function drainThen(req: FastifyRequest['raw'], done: () => void): void {
  let seen = 0;
  let called = false;
  const finish = (): void => {
    if (!called) {
      called = true;
      done();
    }
  };
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_LIMIT) {
      req.pause();
      finish();
    }
  });
  req.once('end', finish);
  req.once('error', finish);
  req.resume();
}

/**
 * HTTP 431 (headers over Node's limit) in the IMS envelope: Node's parser answers before any route is known, so the
 * answer is written to the socket here (Fastify's clientErrorHandler); any other client error keeps a bare 400.
 */
function clientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    return;
  }
  const answer = error.code === 'HPE_HEADER_OVERFLOW' ? imsErrors.headersTooLarge : imsErrors.requestFormat;
  const reason = answer.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${answer.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(answer.body)}\r\nConnection: close\r\n\r\n${answer.body}`,
  );
}

/** Builds the mock app from a configuration (see mock/config.ts). */
export async function buildMockApp(config: MockConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: config.bodyLimit,
    clientErrorHandler: clientError,
    // A malformed URL (bad percent-encoding) or a framework-level failure answers in the service's envelope.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      sendError(reply, frameworkError(error, request.url));
    },
  });
  const ctx: MockContext = {
    config,
    state: createMockState(config),
    parseJson: (() => {
      // Fastify's secure-json-parse: `__proto__` and `constructor.prototype` keys are errors, not pollution.
      const parser = app.getDefaultJsonParser('error', 'error');
      return (text: string): unknown => {
        // A text without "proto", "constructor" or a \u escape cannot spell a poisoning key: JSON.parse gives the
        // same value, without the callback round trip (measured: scripts/measure-mock.ts).
        if (!text.includes('proto') && !text.includes('constructor') && !text.includes('\\u')) {
          return JSON.parse(text);
        }
        let result: unknown;
        let failure: Error | null = null;
        parser({} as FastifyRequest, text, (err: Error | null, value?: unknown) => {
          failure = err;
          result = value;
        });
        if (failure !== null) {
          throw failure;
        }
        return result;
      };
    })(),
  };
  // Bodies stay raw Buffers: AK/SK verification hashes the bytes, and the routes parse JSON themselves.
  app.removeAllContentTypeParsers();
  const keepRaw = (_request: FastifyRequest, body: Buffer, done: (err: null, body: Buffer) => void): void => {
    done(null, body);
  };
  // application/json by name as well: Fastify caches the parser it finds for a content type, but not the catch-all,
  // so with '*' alone every JSON request re-parsed its Content-Type header and searched the parser list.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, keepRaw);
  app.addContentTypeParser('*', { parseAs: 'buffer' }, keepRaw);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const answer = frameworkError(error, request.url);
    if (answer.status !== 413 || request.raw.readableEnded) {
      sendError(reply, answer);
      return;
    }
    // A body over the limit is read to its end (up to DRAIN_LIMIT) before the 413 goes out: answering while the
    // client is still writing, then closing, gives it an early close / EPIPE instead of the documented answer.
    drainThen(request.raw, () => sendError(reply, answer));
  });
  app.setNotFoundHandler((request, reply) => {
    sendError(reply, notFoundError(request.url, request.method));
  });
  addFaults(app, config);
  app.get('/health', async (_request, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').send('{"status":"ok"}'),
  );
  importJobRoutes(app, ctx);
  imageRoutes(app, ctx);
  jobRoutes(app, ctx);
  schemaRoutes(app, ctx);
  versionRoutes(app);
  volumeRoutes(app, ctx);
  await app.ready();
  return app;
}
