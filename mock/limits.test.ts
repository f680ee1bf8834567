/**
 * Issue 18, point 8: oversized requests get the documented answers in the service's envelope, read by a client
 * that sends the whole body first (no Expect: 100-continue), as the suite's undici client does.
 */
import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_A } from './config.js';
import { type RunningMock, startMock } from './main.js';

interface RawExchange {
  /** Body bytes written before the connection ended or failed. */
  readonly sent: number;
  /** The socket's error (EPIPE, ECONNRESET…), if any. */
  readonly error: string | undefined;
  /** Everything the server wrote, read all along (also after a write failed). */
  readonly answer: string;
}

/**
 * Sends `size` body bytes as fast as the socket takes them (headers first, Content-Length set, no Expect), reading
 * whatever comes back all along, until the server closes. A server that answers and closes before the body is in
 * makes the writes fail (EPIPE / ECONNRESET) or stop short, as clients that send the whole body first see it.
 */
function sendRaw(url: string, path: string, size: number): Promise<RawExchange> {
  const { hostname, port, host } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    let sent = 0;
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on('close', () => resolve({ sent, error, answer: Buffer.concat(received).toString('utf8') }));
    socket.on('connect', async () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
          `X-Auth-Token: mock-token-project-a\r\nContent-Length: ${size}\r\n\r\n`,
      );
      const piece = Buffer.alloc(64 * 1024, 'a');
      while (sent < size && !socket.destroyed) {
        const n = Math.min(piece.length, size - sent);
        const flushed = socket.write(piece.subarray(0, n));
        sent += n;
        if (!flushed) {
          await new Promise<void>((next) => {
            const resume = (): void => {
              socket.off('drain', resume);
              socket.off('close', resume);
              next();
            };
            socket.on('drain', resume);
            socket.on('close', resume);
          });
        }
      }
      // The request is complete: half-close, the server answers and then closes.
      socket.end();
    });
  });
}

/** Status, content type and JSON body of a raw HTTP/1.1 answer. */
function parseAnswer(raw: string): { status: number; contentType: string | undefined; body: unknown } {
  const [head = '', body = ''] = raw.split('\r\n\r\n', 2);
  const [statusLine = '', ...headers] = head.split('\r\n');
  const contentType = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '');
  return { status: Number(statusLine.split(' ')[1]), contentType, body: JSON.parse(body) as unknown };
}

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
});

describe('oversized requests', () => {
  test('a 10 MB body sent with undici gets 413 with the IMS envelope', async () => {
    const body = `{"name":"${'a'.repeat(10 * 1024 * 1024)}"}`;
    const res = await request(`${mock.url}/v2/images`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': 'mock-token-project-a' },
      body,
    });
    expect(res.statusCode).toBe(413);
    expect(await res.body.json()).toEqual({
      error: { code: 'IMG.0001', message: 'The request message format is invalid.' },
    });
  });

  // The 413 must reach a client that writes the whole body before it reads: a mock that answers at once and closes
  // (Fastify's reply to a Content-Length over its limit, with `Connection: close`) resets the connection under the
  // client's writes; measured over loopback, the writes stopped at about 4 MB with EPIPE.
  test.for([
    {
      service: 'IMS',
      path: '/v2/images',
      envelope: { error: { code: 'IMG.0001', message: 'The request message format is invalid.' } },
    },
    {
      service: 'EVS',
      path: `/v2/${PROJECT_A}/volumes/5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e01/action`,
      envelope: { overLimit: { code: 'EVS.5400', message: 'Malformed request body.' } },
    },
  ])(
    '$service: a client sending all of a 10 MB body without error, then reading, gets 413 in the envelope',
    async ({ path, envelope }) => {
      const size = 10 * 1024 * 1024;
      const exchange = await sendRaw(mock.url, path, size);
      expect({ sent: exchange.sent, error: exchange.error }).toEqual({ sent: size, error: undefined });
      const answer = parseAnswer(exchange.answer);
      expect(answer.status).toBe(413);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.body).toEqual(envelope);
    },
  );

  test('headers over the limit get 431 with the IMS envelope', async () => {
    const res = await request(`${mock.url}/v2/images`, { headers: { 'x-big': 'a'.repeat(40_000) } });
    expect(res.statusCode).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(await res.body.json()).toEqual({
      error: { code: 'IMG.0001', message: 'The request message format is invalid.' },
    });
  });
});
