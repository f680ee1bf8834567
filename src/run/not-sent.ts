import type { HttpRequest } from '../http/types.js';
import type { Exchange, ExchangeErrorKind } from '../model/exchange.js';

let sequence = 0;

/** The exchange of a request the run kept from being sent (no attempt, no answer), with the reason. */
export function notSentExchange(req: HttpRequest, kind: ExchangeErrorKind, message: string): Exchange {
  sequence += 1;
  return {
    id: `unsent${sequence}`,
    ...(req.label !== undefined ? { label: req.label } : {}),
    service: req.service,
    request: { method: req.method, url: req.path, headers: {} },
    error: { kind, message },
    startedAt: new Date().toISOString(),
    durationMs: 0,
    attempts: 0,
  };
}
