import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import type { MutationReport } from '../src/run/mutation.js';

// Issue "Self-validation": the suite must catch every catalogued deviation of the mock, show no failure on the clean
// mock, and give the same verdicts under three seeds. This runs the real mutation command (smoke depth).
const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');

describe('mutation run', () => {
  test('every deviation caught, none on the clean mock, no verdict flips across three seeds', {
    timeout: 900_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imsc-mutation-'));
    let code = 0;
    try {
      await run('node', ['bin/ims-conformance.js', 'mutation', '--seeds', '1,2,3', '--report-dir', dir], {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      code = (error as { code?: number }).code ?? -1;
    }
    const report = JSON.parse(readFileSync(join(dir, 'mutation.json'), 'utf8')) as MutationReport;
    const survivors = report.deviations.filter((d) => !d.caught).map((d) => d.name);
    const flips = [...report.cleanFlips, ...report.deviations.flatMap((d) => d.flips.map((f) => `${d.name}: ${f}`))];
    expect(report.total).toBeGreaterThanOrEqual(20);
    expect(survivors, 'deviations the suite did not catch').toEqual([]);
    expect(report.cleanFailures, 'failures on the clean mock').toEqual([]);
    expect(flips, 'verdicts that differ between seeds').toEqual([]);
    expect(code).toBe(0);
  });
});
