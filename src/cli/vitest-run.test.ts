import { describe, expect, test } from 'vitest';
import { localMockTarget } from '../target/local-mock.js';
import { importFlowsLast, selectedSuiteFiles, testTimeoutFor } from './vitest-run.js';

const files = (...only: string[]) => selectedSuiteFiles({ only, revision: '004' });

describe('selectedSuiteFiles', () => {
  test('no --only: every file (an empty filter)', () => {
    expect(files()).toEqual([]);
  });

  test('a constraint selects the file of its operation only', () => {
    expect(files('ims.dataimage.min_disk.range')).toEqual(['suites/ims/data-image.test.ts']);
  });

  test('an operation selects its suite and the flows that name its constraints', () => {
    expect(files('ims.imagedelete')).toEqual(['suites/flows/images.test.ts', 'suites/ims/image-delete.test.ts']);
  });

  test('a glob over operations', () => {
    expect(files('evs.*')).toEqual([
      'suites/evs/volume-get.test.ts',
      'suites/evs/volume-upload-image.test.ts',
      'suites/flows/export.test.ts',
    ]);
  });
});

describe('testTimeoutFor (issue 18, point 7)', () => {
  const target = localMockTarget('http://127.0.0.1:1');
  const options = {
    runId: 'r',
    depth: 'smoke',
    profile: 'default',
    revision: '004',
    seed: 1,
    only: [],
    reportDir: '/tmp',
  } as const;
  test('longer than the longest wait a test may start, never below the configured 120 s', () => {
    // Local mock: a job's time is 150 s (a quarter of the 600 s budget, at most 20 × 10 s).
    expect(testTimeoutFor({ options, target }, {})).toBe(150_000 + 60_000);
    expect(testTimeoutFor({ options, target }, { IMS_JOB_TIMEOUT_MS: '3000' })).toBe(120_000);
    expect(testTimeoutFor({ options, targets: [{ name: 'a', target }] }, { IMS_JOB_TIMEOUT_MS: '400000' })).toBe(
      460_000,
    );
  });
});

describe('importFlowsLast (issue 18, point 6)', () => {
  test('the import flows run after every other file, the others keep their order', () => {
    const files = [
      'suites/ims/data-image.test.ts',
      'suites/flows/imports.test.ts',
      'suites/evs/volume-get.test.ts',
    ].map((f) => ({ moduleId: `/repo/${f}` }));
    expect(importFlowsLast(files).map((f) => f.moduleId)).toEqual([
      '/repo/suites/ims/data-image.test.ts',
      '/repo/suites/evs/volume-get.test.ts',
      '/repo/suites/flows/imports.test.ts',
    ]);
  });
});
