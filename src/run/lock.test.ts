import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunContext } from './context.js';
import { acquireTargetLock, lockFileName } from './lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    rmSync(d, { recursive: true, force: true });
  }
});

function runFor(evs: string, reportDir: string): RunContext {
  return {
    target: { endpoints: { ims: 'http://127.0.0.1:1', evs } },
    options: { reportDir },
  } as unknown as RunContext;
}

describe('target locks', () => {
  it('are one per target: two targets of one run do not wait for each other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imsc-lock-'));
    dirs.push(dir);
    const a = runFor('http://127.0.0.1:2', dir);
    const b = runFor('http://127.0.0.1:3', dir);
    expect(lockFileName(a, 'volumes')).not.toBe(lockFileName(b, 'volumes'));
    const releaseA = await acquireTargetLock(a, 'volumes');
    // Taken at once although a's lock is held: on one shared file this would wait forever.
    const releaseB = await Promise.race([
      acquireTargetLock(b, 'volumes'),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 2_000)),
    ]);
    expect(releaseB).toBeTypeOf('function');
    releaseA();
    releaseB?.();
  });

  it('make a second holder of the same target wait until the first releases', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imsc-lock-'));
    dirs.push(dir);
    const a = runFor('http://127.0.0.1:2', dir);
    const release = await acquireTargetLock(a, 'volumes');
    let second = false;
    const waiting = acquireTargetLock(a, 'volumes').then((r) => {
      second = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(second).toBe(false);
    release();
    (await waiting)();
    expect(second).toBe(true);
  });
});
