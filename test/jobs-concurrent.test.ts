/**
 * Issue 18, point 6: the import flows follow their jobs side by side. Against jobs that never end (the mock's
 * job-never-ends deviation) every flow's job is followed at the same time: one per-job timeout for the run, not one
 * per flow in turn, nor one per batch of flows (vitest runs at most `maxConcurrency` concurrent tests at once).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { startMock } from '../mock/main.js';
import { startProxy } from './servers/proxy.js';
import { smokeRun } from './servers/smoke-run.js';

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
  try {
    await smokeRun({
      url: proxy.url,
      dir,
      // No cleanup (--keep): it follows every job of the ledger at once, and would interleave polls whatever the
      // flows do. Every import flow: the job.success ones and the two whose file does not exist (seven in all, more
      // than vitest's default of five concurrent tests).
      only: 'ims.dataimage.job.success,ims.quickimport.job.success,ims.dataimage.image_url.file_missing,ims.quickimport.image_url.file_missing',
      jobTimeoutMs: 3000,
      timeoutMs: 180_000,
    });
    // The job of each poll, in the order the proxy saw them.
    const polls = proxy.requests
      .map((r) => /\/jobs\/([^/?]+)/.exec(r.url)?.[1])
      .filter((id): id is string => id !== undefined);
    const jobs = [...new Set(polls)];
    expect(jobs.length).toBeGreaterThanOrEqual(7);
    // All waits overlap: every job is polled for the first time before any job is polled for the last time. Flows in
    // turn, or in batches, would poll a later job only after an earlier one's last poll (one more timeout each).
    const firsts = jobs.map((id) => polls.indexOf(id));
    const lasts = jobs.map((id) => polls.lastIndexOf(id));
    expect(Math.max(...firsts)).toBeLessThan(Math.min(...lasts));
  } finally {
    await proxy.close();
    await mock.close();
  }
});
