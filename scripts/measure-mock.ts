/**
 * Throughput of POST /v2/images on the mock against a bare node:http server that answers a fixed 201 JSON
 * body of similar size, both on loopback, measured with autocannon (concurrency 16). Prints req/s, p50 and
 * p99 latency for both and the ratio. Run: `npx tsx scripts/measure-mock.ts [seconds] [rounds]`.
 * Measures only; nothing here asserts a speed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startMock } from '../mock/main.js';

interface AutocannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly non2xx: number;
  readonly errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const BODY = JSON.stringify({
  __os_version: 'Ubuntu 14.04 server 64bit',
  container_format: 'bare',
  disk_format: 'vhd',
  min_disk: 1,
  min_ram: 1024,
  name: 'test',
  tags: ['test', 'image'],
  visibility: 'private',
  protected: false,
});
const HEADERS = { 'content-type': 'application/json', 'x-auth-token': 'mock-token-project-a' };

/** A bare node:http server answering `answer` with 201 to every request. */
async function bareServer(answer: string): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
      response.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Child process: serve the mock or the bare server, print the URL, exit when stdin closes. */
async function serve(kind: string): Promise<void> {
  const url =
    kind === 'mock' ? (await startMock({ config: { jobs: { initMs: 0, runMs: 0 } } })).url : await bareServer(kind);
  process.stdout.write(`${url}\n`);
  // On stdin 'data' (a line from the parent), report the CPU time spent so far (µs, user + system).
  process.stdin.on('data', () => {
    const cpu = process.cpuUsage();
    process.stdout.write(`${cpu.user + cpu.system}\n`);
  });
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

/** Starts a server in its own process (so autocannon does not share its event loop). */
/** The child's CPU time so far, in µs. */
function cpuOf(proc: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    proc.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    proc.stdin?.write('cpu\n');
  });
}

function child(arg: string): Promise<{ url: string; process: ChildProcess }> {
  const proc = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve', arg], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.stdout?.once('data', (chunk: Buffer) => resolve({ url: chunk.toString().trim(), process: proc }));
  });
}

const run = (url: string, duration: number): Promise<AutocannonResult> =>
  autocannon({ url: `${url}/v2/images`, method: 'POST', headers: HEADERS, body: BODY, connections: 16, duration });

interface Round {
  readonly result: AutocannonResult;
  /** Server CPU per request, µs. */
  readonly cpuPerRequest: number;
}

async function round(target: { url: string; process: ChildProcess }, seconds: number): Promise<Round> {
  const before = await cpuOf(target.process);
  const result = await run(target.url, seconds);
  const cpu = (await cpuOf(target.process)) - before;
  return { result, cpuPerRequest: cpu / (result.requests.total || 1) };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 5);
  const rounds = Number(process.argv[3] ?? 3);
  const mock = await child('mock');
  const sample = await fetch(`${mock.url}/v2/images`, { method: 'POST', headers: HEADERS, body: BODY });
  const answer = await sample.text();
  const bare = await child(answer.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '00000000-0000-4000-8000-000000000000'));
  // Warm both up, then alternate mock and bare so that a load change on the machine hits both alike.
  await run(mock.url, 1);
  await run(bare.url, 1);
  const line = (name: string, r: Round): string =>
    `  ${name.padEnd(5)} ${r.result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${r.result.latency.p50} ms  p99 ${r.result.latency.p99} ms  CPU ${r.cpuPerRequest.toFixed(1)} µs/req  non-2xx ${r.result.non2xx}  errors ${r.result.errors}`;
  console.log(`POST /v2/images, concurrency 16, ${rounds} rounds of ${seconds} s each, answer ${answer.length} bytes`);
  const rps: number[] = [];
  const capacity: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const m = await round(mock, seconds);
    const b = await round(bare, seconds);
    rps.push(m.result.requests.average / b.result.requests.average);
    capacity.push(b.cpuPerRequest / m.cpuPerRequest);
    console.log(`round ${i + 1}`);
    console.log(line('mock', m));
    console.log(line('bare', b));
  }
  mock.process.stdin?.end();
  bare.process.stdin?.end();
  console.log(`median ratio mock/bare by req/s: ${(100 * median(rps)).toFixed(1)}%`);
  // With 2 cores the load generator can saturate first; server CPU per request is the steadier measure.
  console.log(
    `median ratio mock/bare by server CPU per request (bare µs / mock µs): ${(100 * median(capacity)).toFixed(1)}%`,
  );
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? 'mock');
} else {
  await main();
}
