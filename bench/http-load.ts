/**
 * Throughput of one scenario at one concurrency with autocannon's programmatic API (bounded in time and in
 * requests), against a server in another process.
 */
import { createRequire } from 'node:module';
import type { Scenario } from './scenarios.js';
import { TOKEN } from './scenarios.js';

interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p99: number;
  readonly total: number;
}

interface AutocannonResult {
  readonly requests: Histogram;
  readonly latency: Histogram;
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodeStats?: Readonly<Record<string, { readonly count: number }>>;
}

interface AutocannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

// autocannon 9 is CommonJS without type declarations; the shape above is what we read of its result.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadResult {
  readonly scenario: string;
  readonly server: 'mock' | 'reference';
  readonly connections: number;
  readonly durationS: number;
  readonly requests: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  /** Responses per status code. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Responses whose status is not the scenario's expected one. */
  readonly unexpected: number;
  /** req/s of every repetition when the figure is the median of several (reference and POST /v2/images). */
  readonly repetitions?: readonly number[];
}

/** The repetition with the median req/s, carrying every repetition's req/s. */
export function medianOf(results: readonly LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.rps - b.rps);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) {
    throw new Error('medianOf: no results');
  }
  return { ...median, repetitions: results.map((r) => r.rps) };
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  /** Hard cap of requests per measurement (autocannon `amount` is not combined with duration; see below). */
  readonly maxRequests: number;
}

/** Runs autocannon for one scenario; a warm-up of ~0.3 s precedes the measurement and is discarded. */
export async function measureLoad(
  scenario: Scenario,
  server: 'mock' | 'reference',
  options: LoadOptions,
): Promise<LoadResult> {
  const headers: Record<string, string> = { 'x-auth-token': TOKEN };
  if (scenario.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  let next = 0;
  const paths = scenario.paths;
  const request: AutocannonRequest = {
    method: scenario.method,
    path: scenario.path,
    headers,
    ...(scenario.body !== undefined ? { body: scenario.body } : {}),
    ...(paths && paths.length > 0
      ? {
          setupRequest: (r: AutocannonRequest) => {
            r.path = paths[next++ % paths.length] ?? scenario.path;
            return r;
          },
        }
      : {}),
  };
  const base = {
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    timeout: 10,
    requests: [request],
  };
  await autocannon({ ...base, duration: 0.3 });
  // maxOverallRequests bounds the run even if the server is unexpectedly fast; duration bounds it in time.
  const result = await autocannon({ ...base, duration: options.seconds, maxOverallRequests: options.maxRequests });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[code] = Number(stat.count);
  }
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  const expected = server === 'reference' ? 201 : scenario.expectStatus;
  const durationS = result.duration > 0 ? result.duration : options.seconds;
  return {
    scenario: scenario.name,
    server,
    connections: options.connections,
    durationS,
    requests: total,
    rps: total / durationS,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    statuses,
    unexpected: total - (statuses[String(expected)] ?? 0),
  };
}
