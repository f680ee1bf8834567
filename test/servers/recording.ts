/**
 * A server that records every request and answers 200 `{}` (or what `respond` says). It binds to
 * any loopback host, e.g. 127.0.0.2, so a test can use it as "another host" (redirect tests) or
 * count what reaches it; it also tracks how many requests are in flight at once.
 */
import { createServer } from 'node:http';
import { listen, readBody, type StartedServer } from './listen.js';

export interface ReceivedRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface ServerAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface RecordingOptions {
  /** Loopback address to bind; default 127.0.0.1. */
  readonly host?: string;
  /** Answer per request (`index` counts from 0); default 200 `{}`. */
  readonly respond?: (req: ReceivedRequest, index: number) => ServerAnswer;
  /** Hold each answer this long, so concurrent requests overlap. */
  readonly delayMs?: number;
}

export interface RecordingServer extends StartedServer {
  readonly requests: readonly ReceivedRequest[];
  /** The most requests ever in flight at once. */
  readonly maxInFlight: number;
}

/** Starts the recording server on the given loopback host, port 0. */
export async function startRecording(options: RecordingOptions = {}): Promise<RecordingServer> {
  const requests: ReceivedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    void readBody(req).then((body) => {
      const received: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      const index = requests.push(received) - 1;
      const answer = options.respond?.(received, index) ?? { status: 200, body: '{}' };
      const reply = (): void => {
        inFlight -= 1;
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body ?? '');
      };
      if (options.delayMs !== undefined) {
        setTimeout(reply, options.delayMs);
      } else {
        reply();
      }
    });
  });
  const started = await listen(server, options.host);
  return {
    url: started.url,
    close: started.close,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}
