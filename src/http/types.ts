/**
 * The HTTP client's contract: what a caller sends, what the authorizer sees, what options mean.
 */
import type { Exchange, Service } from '../model/exchange.js';
import type { Recorder } from './recorder.js';
import type { SecretRegistry } from './redact.js';

/** A body sent byte for byte, for malformed-JSON and content-type tests. */
export interface RawBody {
  readonly raw: string | Buffer;
  /** Sent as `Content-Type` unless the request's headers already set one; absent = no content type. */
  readonly contentType?: string;
}

export interface HttpRequest {
  readonly service: Service;
  readonly method: string;
  /** Path with the path parameters filled in, relative to the service's base URL; may carry a query. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A value serialised with JSON.stringify (sent as application/json), or a {@link RawBody}. */
  readonly body?: unknown;
  /** Overrides the client's per-request timeout. */
  readonly timeoutMs?: number;
  /** Free text kept on the exchange (e.g. a case id). */
  readonly label?: string;
  /** False: send without the authorizer's headers (missing-token and cross-project tests). */
  readonly auth?: boolean;
}

/** What an authorizer sees: the request exactly as it will go on the wire (before auth headers). */
export interface AuthorizeRequest {
  readonly service: Service;
  readonly method: string;
  /** Absolute URL including the query. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
}

/** Returns the headers that authenticate a request (X-Auth-Token, or the AK/SK signature headers). */
export type Authorizer = (req: AuthorizeRequest) => Promise<Record<string, string>>;

export interface HttpClientOptions {
  /** Base URL per service, e.g. `{ ims: 'https://ims.ap-southeast-1.myhuaweicloud.com', evs: … }`. */
  readonly endpoints: Readonly<Record<Service, string>>;
  readonly authorize?: Authorizer;
  /** Values to redact everywhere; the same registry the target loader filled. */
  readonly secrets?: SecretRegistry;
  /** Requests in flight at once; default 8. */
  readonly concurrency?: number;
  /** Requests started per second; 0 or absent = unlimited. */
  readonly rps?: number;
  /** Per-attempt timeout (headers and body); default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Whole-run budget from the client's creation; absent = unlimited. */
  readonly budgetMs?: number;
  /** Retries of a 429/503 answer; default 2. */
  readonly retries?: number;
  /** Cap of one retry wait, whatever Retry-After asks; default 10 000 ms. */
  readonly maxRetryDelayMs?: number;
  /** Backoff base when a 429/503 has no Retry-After; default 250 ms. */
  readonly retryBaseDelayMs?: number;
  /** Response bodies are cut after this many bytes; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Receives every exchange once complete. */
  readonly recorder?: Recorder;
}

export interface HttpClient {
  /** Sends a request; never rejects for anything the target does (see `Exchange.error`). */
  send(req: HttpRequest): Promise<Exchange>;
  /** True once the run's time budget is exhausted. */
  readonly budgetExhausted: boolean;
  /** Closes every connection pool. */
  close(): Promise<void>;
}
