/**
 * Distinct requests per operation of one conformance run against the embedded mock:
 * `npx tsx bench/distinct-requests.ts [--depth smoke|standard|deep] [--seed N] [--only ID]`.
 *
 * A logging proxy sits between the suite and a mock started here; every request the run sends is keyed by
 * method, path, content type, token and body, and attributed to the operation whose method and path template it
 * matches. "Distinct" is what the depth presets should grow: a deeper run that sends the same requests again
 * explores nothing new (issue 17).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startMock } from '../mock/main.js';
import { compiledSpecs } from '../src/run/specs.js';
import { MOCK_FIXTURES, MOCK_PROJECT_ID, MOCK_TOKEN } from '../src/target/mock-defaults.js';

const { values } = parseArgs({
  options: {
    depth: { type: 'string', default: 'standard' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    json: { type: 'string' },
  },
});

const operations = compiledSpecs().operations.map((op) => ({
  id: op.id,
  method: op.spec.method,
  re: new RegExp(`^${op.spec.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

function operationOf(method: string, path: string): string {
  const bare = path.split('?')[0] ?? path;
  return operations.find((o) => o.method === method && o.re.test(bare))?.id ?? `other ${method}`;
}

const mock = await startMock();
const seen = new Map<string, { total: number; keys: Set<string> }>();
const mockUrl = new URL(mock.url);
const proxy = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const op = operationOf(method, path);
    const key = [method, path, req.headers['content-type'] ?? '', req.headers['x-auth-token'] ?? '', body.toString()]
      .map(String)
      .join('\u0000');
    const entry = seen.get(op) ?? { total: 0, keys: new Set<string>() };
    entry.total++;
    entry.keys.add(key);
    seen.set(op, entry);
    const upstream = httpRequest(
      { host: mockUrl.hostname, port: mockUrl.port, method, path, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    upstream.end(body);
  });
});
await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
const port = (proxy.address() as AddressInfo).port;

const dir = mkdtempSync(join(tmpdir(), 'distinct-'));
const targetFile = join(dir, 'target.yaml');
writeFileSync(
  targetFile,
  JSON.stringify({
    name: 'counted-mock',
    endpoints: { ims: `http://127.0.0.1:${port}`, evs: `http://127.0.0.1:${port}` },
    projectId: MOCK_PROJECT_ID,
    auth: { mode: 'token', token: MOCK_TOKEN },
    fixtures: MOCK_FIXTURES,
    limits: { concurrency: 8, rps: 0, timeoutMs: 10000, budgetMs: 600000 },
    safety: { remote: false, allowCreate: true, maxCreates: 100000 },
    revision: '004',
  }),
);

const args = [
  'bin/ims-conformance.js',
  'run',
  '--target',
  targetFile,
  '--depth',
  values.depth,
  '--seed',
  values.seed,
  '--report-dir',
  join(dir, 'reports'),
  '--no-html',
  ...(values.only ? ['--only', values.only] : []),
];
// The run is a child process awaited asynchronously: this process's event loop keeps the proxy serving.
const started = Date.now();
const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (c) => resolve(c ?? 1));
});
const wallMs = Date.now() - started;
proxy.close();
await mock.close();

const rows = [...seen.entries()].sort(([a], [b]) => a.localeCompare(b));
const out = {
  depth: values.depth,
  seed: Number(values.seed),
  exitCode: code,
  wallMs,
  operations: Object.fromEntries(rows.map(([op, e]) => [op, { total: e.total, distinct: e.keys.size }])),
  distinct: rows.reduce((n, [, e]) => n + e.keys.size, 0),
  total: rows.reduce((n, [, e]) => n + e.total, 0),
};
if (values.json) {
  writeFileSync(values.json, `${JSON.stringify(out, null, 2)}\n`);
}
process.stdout.write(`depth ${out.depth}, seed ${out.seed}, exit ${code}, ${(wallMs / 1000).toFixed(1)} s\n`);
for (const [op, e] of rows) {
  process.stdout.write(`${op.padEnd(24)} ${String(e.keys.size).padStart(6)} distinct / ${e.total} sent\n`);
}
process.stdout.write(`${'all'.padEnd(24)} ${String(out.distinct).padStart(6)} distinct / ${out.total} sent\n`);
