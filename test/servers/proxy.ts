/**
 * A recording HTTP proxy in front of another server (the mock): every request is recorded, then forwarded; with
 * `dropRate`, that share of requests (chosen by a seeded generator, so a run is repeatable) has its connection
 * destroyed instead of an answer — a flaky network between the suite and the target.
 */
import { createServer, request } from 'node:http';
import { listen, readBody, type StartedServer } from './listen.js';
import type { ReceivedRequest } from './recording.js';

export interface ProxyOptions {
  /** Base URL of the server behind the proxy, e.g. `http://127.0.0.1:4010`. */
  readonly upstream: string;
  /** Share of requests whose connection is dropped, 0–1; default 0. */
  readonly dropRate?: number;
  /** Seed of the drop choice; default 1. */
  readonly seed?: number;
  /** From this request on (0-based), every connection is dropped: a target that dies mid-run. */
  readonly deadFrom?: number;
}

export interface ProxyServer extends StartedServer {
  readonly requests: readonly ReceivedRequest[];
  /** Requests whose connection was dropped. */
  readonly dropped: number;
}

/** mulberry32: a small seeded generator in [0, 1). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts the proxy on 127.0.0.1, port 0. */
export async function startProxy(options: ProxyOptions): Promise<ProxyServer> {
  const requests: ReceivedRequest[] = [];
  const random = seeded(options.seed ?? 1);
  const upstream = new URL(options.upstream);
  let dropped = 0;
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const index = requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }) - 1;
      const dead = options.deadFrom !== undefined && index >= options.deadFrom;
      if (dead || random() < (options.dropRate ?? 0)) {
        dropped += 1;
        req.socket.destroy();
        return;
      }
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => req.socket.destroy());
      out.end(body);
    });
  });
  const started = await listen(server);
  return {
    url: started.url,
    close: started.close,
    requests,
    get dropped() {
      return dropped;
    },
  };
}
