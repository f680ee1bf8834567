/**
 * Issue 18, point 6: the import flows follow their jobs side by side. Against jobs that never end (the mock's
 * job-never-ends deviation) the polls of different jobs interleave: one per-job timeout for the run, not one per
 * flow in turn.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { startMock } from '../mock/main.js';
import { startProxy } from './servers/proxy.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('jobs that never end are followed concurrently', { timeout: 200_000 }, async () => {
  const mock = await startMock({ config: { deviations: ['job-never-ends'] } });
  const proxy = await startProxy({ upstream: mock.url });
  const dir = mkdtempSync(join(tmpdir(), 'ims-jobs-'));
  dirs.push(dir);
  const file = join(dir, 'target.yaml');
  writeFileSync(
    file,
    readFileSync(join(repo, 'targets', 'local-mock.yaml'), 'utf8').replaceAll('http://127.0.0.1:8080', proxy.url),
  );
  try {
    await new Promise<void>((resolve) => {
      execFile(
        process.execPath,
        [
          join(repo, 'bin', 'ims-conformance.js'),
          'run',
          '--target',
          file,
          '--depth',
          'smoke',
          '--no-html',
          // No cleanup: it follows every job of the ledger at once, and would interleave polls whatever the flows do.
          '--keep',
          '--only',
          'ims.dataimage.job.success,ims.quickimport.job.success',
          '--report-dir',
          join(dir, 'r'),
        ],
        {
          cwd: repo,
          timeout: 180_000,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            NO_COLOR: '1',
            IMS_JOB_TIMEOUT_MS: '3000',
          },
        },
        () => resolve(),
      );
    });
    // The job of each poll, in the order the proxy saw them.
    const polls = proxy.requests
      .map((r) => /\/jobs\/([^/?]+)/.exec(r.url)?.[1])
      .filter((id): id is string => id !== undefined);
    const jobs = [...new Set(polls)];
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    // In turn, every poll of one job would come before the first poll of the next: here a later job is polled
    // before an earlier one's last poll.
    const firstOf = (id: string) => polls.indexOf(id);
    const lastOf = (id: string) => polls.lastIndexOf(id);
    const overlapping = jobs.filter((a) =>
      jobs.some((b) => b !== a && firstOf(b) > firstOf(a) && firstOf(b) < lastOf(a)),
    );
    expect(overlapping.length).toBeGreaterThan(0);
  } finally {
    await proxy.close();
    await mock.close();
  }
});
