/**
 * The HTTP client every suite talks to a target through (undici, one Pool per origin).
 *
 * Guarantees: `send` never rejects for anything the target does and never hangs past the
 * per-request timeout or the run's budget; redirects are returned, never followed; only 429/503, and
 * connection errors of GET/HEAD/DELETE, are retried, a bounded number of times (retry.ts); everything kept is
 * redacted.
 *
 * @see ../shared/DESIGN.md "Targets"
 */
import { setMaxListeners } from 'node:events';
import { Pool } from 'undici';
import type { Exchange, ExchangeError, RecordedRequest, RecordedResponse } from '../model/exchange.js';
import { abortableSleep, createLimiter } from './limits.js';
import { classifyNetworkError } from './network-error.js';
import { redactHeaders, redactText } from './redact.js';
import { prepareRequest } from './request.js';
import { DEFAULT_MAX_BODY_BYTES, flattenHeaders, readCapped, recordResponse } from './response.js';
import {
  DEFAULT_RETRY,
  isRetryableConnectionError,
  isRetryableStatus,
  type RetryOptions,
  retryDelay,
} from './retry.js';
import type { HttpClient, HttpClientOptions, HttpRequest } from './types.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONCURRENCY = 8;

type AttemptResult = { response: RecordedResponse; retryAfter: string | undefined } | { error: ExchangeError };

/** Creates a client; its time budget starts now. Call `close()` when the run ends. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { secrets } = options;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const retry: RetryOptions = {
    retries: options.retries ?? DEFAULT_RETRY.retries,
    maxDelayMs: options.maxRetryDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
  };
  const limiter = createLimiter({ concurrency, ...(options.rps !== undefined ? { rps: options.rps } : {}) });
  const pools = new Map<string, Pool>();
  const budget = new AbortController();
  // Every queued and in-flight request listens to the budget; hundreds at once are expected, not a leak.
  setMaxListeners(0, budget.signal);
  const budgetMessage = `run time budget of ${options.budgetMs ?? 0} ms exhausted`;
  const budgetTimer =
    options.budgetMs === undefined ? undefined : setTimeout(() => budget.abort(), Math.max(0, options.budgetMs));
  budgetTimer?.unref();
  let sequence = 0;

  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: concurrency,
        headersTimeout: defaultTimeout,
        bodyTimeout: defaultTimeout,
      });
      pools.set(origin, pool);
    }
    return pool;
  };

  const attempt = async (
    origin: string,
    path: string,
    method: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
    timeoutMs: number,
  ): Promise<AttemptResult> => {
    const controller = new AbortController();
    const onBudget = (): void => controller.abort();
    budget.signal.addEventListener('abort', onBudget, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const res = await poolFor(origin).request({
        path,
        method: method as 'GET',
        headers,
        body: body ?? null,
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const { bytes, truncated } = await readCapped(res.body, maxBodyBytes);
      const raw = flattenHeaders(res.headers);
      return {
        response: recordResponse(res.statusCode, raw, bytes, truncated, secrets),
        retryAfter: raw['retry-after'],
      };
    } catch (error) {
      if (budget.signal.aborted) {
        return { error: { kind: 'budget', message: `${budgetMessage}; request cut` } };
      }
      if (timedOut) {
        return { error: { kind: 'timeout', message: `no complete answer within ${timeoutMs} ms` } };
      }
      const { kind, message } = classifyNetworkError(error);
      return { error: { kind, message: redactText(message, secrets) } };
    } finally {
      clearTimeout(timer);
      budget.signal.removeEventListener('abort', onBudget);
    }
  };

  const send = async (req: HttpRequest): Promise<Exchange> => {
    sequence += 1;
    const id = `x${sequence}`;
    const started = Date.now();
    let attempts = 0;
    let resentAfter: string | undefined;
    let response: RecordedResponse | undefined;
    let error: ExchangeError | undefined;
    let request: RecordedRequest = { method: req.method, url: redactText(req.path, secrets), headers: {} };

    const finish = (): Exchange => {
      const exchange: Exchange = {
        id,
        ...(req.label !== undefined ? { label: req.label } : {}),
        service: req.service,
        request,
        ...(response !== undefined ? { response } : {}),
        ...(error !== undefined ? { error } : {}),
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        attempts,
        ...(resentAfter !== undefined ? { resentAfter } : {}),
      };
      options.recorder?.record(exchange);
      return exchange;
    };

    let prepared: ReturnType<typeof prepareRequest>;
    try {
      prepared = prepareRequest(req, options.endpoints);
    } catch (cause) {
      error = { kind: 'protocol', message: redactText(String(cause), secrets) };
      return finish();
    }
    const record = (headers: Record<string, string>): RecordedRequest => ({
      method: req.method,
      url: redactText(prepared.url, secrets),
      headers: redactHeaders(headers, secrets),
      ...(prepared.body !== undefined ? { bodyText: redactText(prepared.body.toString('utf8'), secrets) } : {}),
    });
    request = record(prepared.headers);
    if (budget.signal.aborted) {
      error = { kind: 'budget', message: `${budgetMessage}; request not sent` };
      return finish();
    }

    let headers = prepared.headers;
    if (req.auth !== false && options.authorize !== undefined) {
      try {
        const auth = await options.authorize({
          service: req.service,
          method: req.method,
          url: prepared.url,
          headers: prepared.headers,
          body: prepared.body,
        });
        headers = { ...headers, ...auth };
      } catch (cause) {
        const message = cause instanceof Error ? cause.message : String(cause);
        error = { kind: 'auth', message: redactText(`authorization failed: ${message}`, secrets) };
        return finish();
      }
      request = record(headers);
    }

    const timeoutMs = req.timeoutMs ?? defaultTimeout;
    for (;;) {
      let release: () => void;
      try {
        release = await limiter.acquire(budget.signal);
      } catch {
        error = { kind: 'budget', message: `${budgetMessage}; request not sent` };
        break;
      }
      attempts += 1;
      const result = await attempt(prepared.origin, prepared.path, req.method, headers, prepared.body, timeoutMs);
      release();
      if ('error' in result) {
        error = result.error;
        if (!isRetryableConnectionError(req.method, error.kind) || attempts > retry.retries) {
          break;
        }
        try {
          await abortableSleep(retryDelay(attempts, undefined, retry, Date.now()), budget.signal);
        } catch {
          error = { kind: 'budget', message: `${budgetMessage} while waiting to retry after ${error.message}` };
          break;
        }
        resentAfter = error.message;
        error = undefined;
        continue;
      }
      response = result.response;
      if (!isRetryableStatus(response.status) || attempts > retry.retries) {
        break;
      }
      try {
        await abortableSleep(retryDelay(attempts, result.retryAfter, retry, Date.now()), budget.signal);
      } catch {
        error = { kind: 'budget', message: `${budgetMessage} while waiting to retry a ${response.status}` };
        break;
      }
    }
    return finish();
  };

  return {
    send,
    get budgetExhausted() {
      return budget.signal.aborted;
    },
    async close() {
      if (budgetTimer !== undefined) {
        clearTimeout(budgetTimer);
      }
      await Promise.all([...pools.values()].map((pool) => pool.destroy()));
      pools.clear();
    },
  };
}
