/**
 * Throughput of POST /v2/images on the mock against a bare node:http server that answers a fixed 201 JSON
 * body of similar size, both on loopback, measured with autocannon (concurrency 16). Prints req/s, p50 and
 * p99 latency for both and the ratio. Run: `npx tsx scripts/measure-mock.ts [seconds]`.
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

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 5);
  const mock = await child('mock');
  const sample = await fetch(`${mock.url}/v2/images`, { method: 'POST', headers: HEADERS, body: BODY });
  const answer = await sample.text();
  const bare = await child(answer.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '00000000-0000-4000-8000-000000000000'));
  // Warm both up, then measure one after the other.
  await run(mock.url, 1);
  await run(bare.url, 1);
  const mockCpu0 = await cpuOf(mock.process);
  const m = await run(mock.url, seconds);
  const mockCpu = (await cpuOf(mock.process)) - mockCpu0;
  const bareCpu0 = await cpuOf(bare.process);
  const b = await run(bare.url, seconds);
  const bareCpu = (await cpuOf(bare.process)) - bareCpu0;
  mock.process.stdin?.end();
  bare.process.stdin?.end();
  const line = (name: string, r: AutocannonResult): string =>
    `${name.padEnd(16)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;
  console.log(`POST /v2/images, concurrency 16, ${seconds} s each, answer ${answer.length} bytes`);
  console.log(line('mock', m));
  console.log(line('bare node:http', b));
  console.log(`ratio mock/bare (req/s): ${((100 * m.requests.average) / b.requests.average).toFixed(1)}%`);
  // With 2 cores the load generator can saturate first; server CPU per request is the steadier measure.
  const perRequest = (cpu: number, r: AutocannonResult): number => cpu / (r.requests.total || 1);
  const mu = perRequest(mockCpu, m);
  const bu = perRequest(bareCpu, b);
  console.log(`server CPU per request: mock ${mu.toFixed(1)} µs, bare ${bu.toFixed(1)} µs`);
  console.log(`ratio mock/bare (capacity = bare µs / mock µs): ${((100 * bu) / mu).toFixed(1)}%`);
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? 'mock');
} else {
  await main();
}
