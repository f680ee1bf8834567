/**
 * One request sent to a target and what came back (types only).
 *
 * Everything here is already redacted: tokens, passwords, AK/SK and signed headers read `***`
 * (src/http/redact.ts). An exchange can therefore be attached to a report, written to a JSON-lines
 * file or turned into a curl line as is. Nothing keeps the unredacted request.
 *
 * @see ../shared/DESIGN.md "Targets", "Reports"
 */

/** The two services a target exposes; each has its own base URL. */
export type Service = 'ims' | 'evs';

/**
 * Why no (complete) answer came back:
 * - `timeout`: the per-request timeout passed before the answer was read;
 * - `connection`: refused, reset, socket closed, name not resolved;
 * - `budget`: the run's time budget is exhausted (the request was cut or never sent);
 * - `protocol`: the answer was not valid HTTP, or the request could not be put on the wire;
 * - `auth`: the authorizer failed (e.g. IAM refused the password), so the request was never sent;
 * - `refused`: the run's safety rules kept a creating request from being sent (no `--allow-create`, `--max-creates`
 *   reached);
 * - `unusable`: not sent because the run found the target unusable (it stopped answering, or refused the credentials);
 * - `fixture`: not sent because the resource the case needs could not be made (the image a DELETE case deletes), or
 *   is not in the state the case needs (a disk an earlier export left `uploading`: its state, not the request, would
 *   decide the answer).
 */
export type ExchangeErrorKind =
  | 'timeout'
  | 'connection'
  | 'budget'
  | 'protocol'
  | 'auth'
  | 'refused'
  | 'unusable'
  | 'fixture';

export interface ExchangeError {
  readonly kind: ExchangeErrorKind;
  /** Redacted; names the cause, e.g. `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9`. */
  readonly message: string;
}

export interface RecordedRequest {
  readonly method: string;
  /** Absolute URL including the query, redacted. */
  readonly url: string;
  /** The headers as sent (auth headers included, values `***`). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent, decoded as UTF-8 and redacted; absent when there was no body. */
  readonly bodyText?: string;
}

export interface RecordedResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with `, `; redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body decoded as UTF-8, redacted, cut at the client's body cap. */
  readonly text: string;
  /** True when the body was longer than the cap and `text` is its beginning only. */
  readonly truncated?: boolean;
  /** The parsed body when the content type is JSON and the text parses. */
  readonly json?: unknown;
  /** Why `json` is absent: not a JSON content type, empty body, or the parser's message. */
  readonly parseError?: string;
}

export interface Exchange {
  /** Unique within a run (`x1`, `x2`, …), to refer to an exchange from findings and reports. */
  readonly id: string;
  /** What the caller called the request (e.g. a case id); free text. */
  readonly label?: string;
  readonly service: Service;
  readonly request: RecordedRequest;
  /** The last answer received (after retries); absent when none came. */
  readonly response?: RecordedResponse;
  /** Set when the exchange did not complete; may coexist with `response` when a retry was cut short. */
  readonly error?: ExchangeError;
  /** ISO 8601 time the first attempt started. */
  readonly startedAt: string;
  /** Milliseconds from the first attempt to the end of the last. */
  readonly durationMs: number;
  /** Attempts put on the wire (0 when the budget was already exhausted or auth failed). */
  readonly attempts: number;
  /**
   * Set when the request was sent again after a connection error (http/retry.ts): the error the earlier attempt met.
   * The earlier attempt may have reached the target and taken effect (a DELETE that deleted), so the last answer
   * can be the answer to a second request for the same thing.
   */
  readonly resentAfter?: string;
}
