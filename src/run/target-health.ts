/**
 * Stops a run whose target stops answering (issue 18, point 4): after `IMS_UNUSABLE_AFTER` (default 10) exchanges
 * in a row that got no answer (connection refused or dropped, timeout) or only "come back later" (429/502/503/504
 * once the client's retries are spent), the target is marked unusable for the whole run (unusable.ts); from then on,
 * in every worker, requests are not sent and come back at once as `unusable`, so the run ends in seconds instead of
 * spending its budget, and the CLI exits 3.
 */
import { existsSync } from 'node:fs';
import type { HttpClient, HttpRequest } from '../http/types.js';
import type { Exchange } from '../model/exchange.js';
import type { TargetUnusable } from '../model/verdict.js';
import type { TargetConfig } from '../target/types.js';
import { currentTest } from './current-test.js';
import { notSentExchange } from './not-sent.js';
import { markUnusable, unusableFile, unusableFrom } from './unusable.js';

/** Environment variable: consecutive dead exchanges that make the target unusable. */
export const UNUSABLE_AFTER_ENV = 'IMS_UNUSABLE_AFTER';
const DEFAULT_UNUSABLE_AFTER = 10;

/** The threshold from the environment (a positive integer), else the default. */
export function unusableAfter(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env[UNUSABLE_AFTER_ENV]);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_UNUSABLE_AFTER;
}

/** Whether an exchange shows a target that does not answer: undefined when it answered. */
export function deadKind(x: Exchange): TargetUnusable['kind'] | undefined {
  const status = x.response?.status;
  if (status === undefined) {
    return x.error?.kind === 'connection' || x.error?.kind === 'timeout' ? 'unreachable' : undefined;
  }
  return status === 429 || status === 502 || status === 503 || status === 504 ? 'throttled' : undefined;
}

export interface WatchOptions {
  readonly target: TargetConfig;
  readonly reportDir: string;
  readonly threshold?: number;
  /** Called before a request is kept back; default: skip the current test with the reason. */
  readonly onStopped?: (reason: string) => void;
}

const STOPPED = 'not sent: the target was found unusable (unusable.json in the report folder)';

function skipCurrentTest(reason: string): void {
  currentTest()?.context.skip(reason);
}

/** The client with the watch in front of `send`. */
export function watchTarget(client: HttpClient, options: WatchOptions): HttpClient {
  const threshold = options.threshold ?? unusableAfter();
  const marker = unusableFile(options.reportDir);
  let streak = 0;
  let stopped = false;
  const send = async (req: HttpRequest): Promise<Exchange> => {
    if (stopped || existsSync(marker)) {
      stopped = true;
      // In a test, the test ends skipped with the reason instead of failing on an answer nobody asked for.
      (options.onStopped ?? skipCurrentTest)(STOPPED);
      return notSentExchange(req, 'unusable', STOPPED);
    }
    const x = await client.send(req);
    const kind = deadKind(x);
    if (kind === undefined) {
      // Only an answer resets the count: a request the run itself did not send (budget, auth) says nothing.
      streak = x.response ? 0 : streak;
      return x;
    }
    streak += 1;
    if (streak >= threshold && !stopped) {
      stopped = true;
      markUnusable(options.reportDir, unusableFrom(x, options.target.endpoints[x.service], kind, 'during the run'));
    }
    return x;
  };
  return {
    send,
    get budgetExhausted() {
      return client.budgetExhausted;
    },
    close: () => client.close(),
  };
}
