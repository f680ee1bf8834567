import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RunContext } from './context.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The lock folder of a run's report dir (the CLI empties it before a run, so a killed worker leaves nothing). */
export function locksDir(reportDir: string): string {
  return join(reportDir, 'locks');
}

/**
 * Runs `fn` while holding a lock shared by every vitest worker of the run (a file created exclusively in the report
 * folder of the target). Tests that change the same stateful resource — the EVS exports of one disk, from the
 * operation suite and from the flows — take it, so workers can run test files in parallel without one export
 * finding the disk `uploading` because of another.
 */
export async function withTargetLock<T>(run: RunContext, name: string, fn: () => Promise<T>): Promise<T> {
  const release = await acquireTargetLock(run, name);
  try {
    return await fn();
  } finally {
    release();
  }
}

/** Takes the lock (waiting for it); returns the function that gives it back. */
export async function acquireTargetLock(run: RunContext, name: string): Promise<() => void> {
  const dir = locksDir(run.options.reportDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, lockFileName(run, name));
  let wait = 5;
  for (;;) {
    try {
      closeSync(openSync(file, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      await sleep(wait);
      wait = Math.min(wait * 2, 100);
    }
  }
  return () => rmSync(file, { force: true });
}

/**
 * The lock's file: its name and the target's endpoints. The state a lock guards (the disk of an EVS service) belongs
 * to the endpoint, so a run with several targets (the mutation run: one mock per deviation) takes one lock per
 * target; with one file for all of them, an export flow of one target waited for every other target's exports, and
 * that wait counts against the flow's test time.
 */
export function lockFileName(run: Pick<RunContext, 'target'>, name: string): string {
  const endpoints = run.target.endpoints;
  const key = createHash('sha256').update(`${endpoints.ims}\n${endpoints.evs}`).digest('hex').slice(0, 12);
  return `${name}-${key}.lock`;
}
