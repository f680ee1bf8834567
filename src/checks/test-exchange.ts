import type { Exchange } from '../model/exchange.js';

/** A recorded JSON answer to POST /v2/images, for the checks' unit tests. */
export function jsonExchange(status: number, body: unknown): Exchange {
  return {
    id: 'x1',
    service: 'ims',
    request: { method: 'POST', url: 'http://127.0.0.1:1/v2/images', headers: {} },
    response: { status, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body), json: body },
    startedAt: '2024-01-01T00:00:00.000Z',
    durationMs: 1,
    attempts: 1,
  };
}
