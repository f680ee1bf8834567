/**
 * One embedded mock per test file, and the temporary folders the file's CLI runs write into: the mock starts before
 * the file's tests and is closed after them, and the folders are removed. (Three cross-cutting test files had this
 * set-up written out each.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type RunningMock, startMock } from '../../mock/main.js';

export interface MockPerFile {
  /** The running mock's base URL (read it inside tests or hooks: the mock starts in `beforeAll`). */
  readonly url: string;
  /** A new temporary folder, removed after the file's tests. */
  tempDir(prefix: string): string;
}

/** Registers the file's `beforeAll`/`afterAll` hooks and returns the mock's handle. */
export function mockPerFile(): MockPerFile {
  const dirs: string[] = [];
  let running: RunningMock | undefined;
  beforeAll(async () => {
    running = await startMock();
  });
  afterAll(async () => {
    await running?.close();
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return {
    get url(): string {
      if (running === undefined) {
        throw new Error('the mock starts in beforeAll: read its url inside a test or hook');
      }
      return running.url;
    },
    tempDir(prefix: string): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
  };
}
