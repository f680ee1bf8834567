import { createServer } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { createHttpClient } from '../src/http/client.js';
import type { HttpClient } from '../src/http/types.js';
import { cleanupLedger } from '../src/run/cleanup.js';
import type { LedgerEntry } from '../src/run/ledger.js';
import { listen } from './servers/listen.js';
import { startRecording } from './servers/recording.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

const entry = (id: string): LedgerEntry => ({
  kind: 'image',
  id,
  service: 'ims',
  project: 'p',
  createdAt: '2026-01-01T00:00:00.000Z',
  caseId: 'c',
});

function clientFor(url: string): HttpClient {
  // No client-level retry of 503: what is counted here is cleanup's own retry.
  const client = createHttpClient({ endpoints: { ims: url, evs: url }, retries: 0, timeoutMs: 2_000 });
  closers.push(() => client.close());
  return client;
}

// Issue 14: with SQLite, Glance answered 500 ("database is locked") to parallel deletes and left images behind.
describe('cleanup retries a 5xx or a network error on DELETE/PATCH, a bounded number of times', () => {
  test('500, 500, then 204: deleted on the third try', async () => {
    const server = await startRecording({
      respond: (_req, i) => (i < 2 ? { status: 500, body: '{"message":"database is locked"}' } : { status: 204 }),
    });
    closers.push(() => server.close());
    const result = await cleanupLedger(clientFor(server.url), [entry('img-1')], { retryBaseMs: 1 });
    expect(result.deleted).toEqual(['img-1']);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(Array(3).fill('DELETE /v2/images/img-1'));
  });

  test('always 500: failed after 1 + retries attempts, naming the status', async () => {
    const server = await startRecording({ respond: () => ({ status: 500, body: 'boom' }) });
    closers.push(() => server.close());
    const result = await cleanupLedger(clientFor(server.url), [entry('img-2')], { retries: 2, retryBaseMs: 1 });
    expect(result.failed).toEqual([{ id: 'img-2', reason: '500 boom' }]);
    expect(server.requests).toHaveLength(3);
  });

  test('a 4xx is not retried', async () => {
    const server = await startRecording({ respond: () => ({ status: 409, body: 'conflict' }) });
    closers.push(() => server.close());
    await cleanupLedger(clientFor(server.url), [entry('img-3')], { retryBaseMs: 1 });
    expect(server.requests).toHaveLength(1);
  });

  test('a connection reset, then 204: deleted', async () => {
    let n = 0;
    const server = await listen(
      createServer((req, res) => {
        n += 1;
        if (n === 1) {
          req.socket.destroy();
          return;
        }
        res.writeHead(204).end();
      }),
    );
    closers.push(() => server.close());
    const result = await cleanupLedger(clientFor(server.url), [entry('img-4')], { retryBaseMs: 1 });
    expect(result.deleted).toEqual(['img-4']);
    expect(n).toBe(2);
  });

  test('a protected image: the PATCH that clears the flag is retried too', async () => {
    const server = await startRecording({
      respond: (req, i) =>
        req.method === 'DELETE'
          ? i === 0
            ? { status: 403, body: 'Image img-5 is protected and cannot be deleted.' }
            : { status: 204 }
          : i === 1
            ? { status: 503, body: 'busy' }
            : { status: 200, body: '{}' },
    });
    closers.push(() => server.close());
    const result = await cleanupLedger(clientFor(server.url), [entry('img-5')], { retryBaseMs: 1 });
    expect(result.deleted).toEqual(['img-5']);
    expect(server.requests.map((r) => r.method)).toEqual(['DELETE', 'PATCH', 'PATCH', 'DELETE']);
  });
});

// Issue 18, point 6: after a run whose flows waited a whole job timeout, cleanup must not wait once more for jobs
// that have had that time already.
describe('cleanup waits for a running job only what is left of the run per-job time', () => {
  const job = (createdAt: string): LedgerEntry => ({
    kind: 'job',
    id: 'job-1',
    service: 'ims',
    project: 'p',
    createdAt,
    caseId: 'c',
  });
  const running = () => ({ status: 200, body: '{"status":"RUNNING","job_id":"job-1","entities":{}}' });

  test('a job older than the per-job time is read once, and left in the ledger as still running', async () => {
    const server = await startRecording({ respond: running });
    closers.push(() => server.close());
    const old = new Date(Date.now() - 60_000).toISOString();
    const result = await cleanupLedger(clientFor(server.url), [job(old)], { jobWaitMs: 30_000, jobTimeoutMs: 20_000 });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/p/jobs/job-1']);
    expect(result.failed.map((f) => f.reason)).toEqual([expect.stringMatching(/^job still RUNNING after \d+ ms/)]);
  });

  test('a job created just now is waited for, within jobWaitMs', async () => {
    const server = await startRecording({ respond: running });
    closers.push(() => server.close());
    const now = new Date().toISOString();
    await cleanupLedger(clientFor(server.url), [job(now)], { jobWaitMs: 400, jobTimeoutMs: 20_000 });
    expect(server.requests.length).toBeGreaterThan(1);
  });
});
