import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { diffCompliance, exitCodeFor, loadBaseline } from './baseline.js';
import { buildCompliance } from './compliance.js';
import { appendRecords, readRecords } from './findings-io.js';
import { fixtureConstraints, fixtureRecords, fixtureRun } from './report-fixtures.js';
import { writeReports } from './write.js';

// Two nights end to end: workers append records, the report step builds, writes, and diffs with last night.
describe('records → compliance → files → baseline diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-pipeline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('last night passed min_disk; tonight it fails and the run exits 1 on new failures', () => {
    const lastNight = join(dir, 'night-1');
    appendRecords(lastNight, 'worker-1', fixtureRecords.slice(0, 1));
    const first = buildCompliance(fixtureConstraints, readRecords(lastNight).value, fixtureRun);
    writeReports(lastNight, first, { secrets: [] });

    const tonight = join(dir, 'night-2');
    appendRecords(tonight, 'worker-1', fixtureRecords.slice(0, 3));
    appendRecords(tonight, 'worker-2', fixtureRecords.slice(3));
    const read = readRecords(tonight);
    expect(read.diagnostics).toEqual([]);
    const report = buildCompliance(fixtureConstraints, read.value, { ...fixtureRun, runId: 'night-2' });

    const baseline = loadBaseline(join(lastNight, 'compliance.json'));
    if (baseline.value === undefined) {
      throw new Error(JSON.stringify(baseline.diagnostics));
    }
    const diff = diffCompliance(baseline.value, report);
    expect(diff.newlyFailing.map((c) => `${c.constraintId}:${c.from ?? '-'}`)).toEqual([
      'ims.dataimage.min_disk.range:pass',
      'ims.quickimport.volume_type.enum:-',
    ]);
    expect(exitCodeFor(report, diff, 'new')).toBe(1);

    writeReports(tonight, report, { diff, secrets: [] });
    const md = readFileSync(join(tonight, 'compliance.md'), 'utf8');
    expect(md.indexOf('## Changes since baseline')).toBeLessThan(md.indexOf('## Run'));
    expect(md).toContain('- `ims.dataimage.min_disk.range`: pass → fail');
  });
});
