import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildCompliance } from '../compliance.js';
import { fixtureConstraints, fixtureRecords, fixtureRun } from '../report-fixtures.js';
import { loadTrendReports, operationTrends } from './trend.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trend-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const night = (runId: string, startedAt: string, withRecords: boolean) => ({
  ...buildCompliance(fixtureConstraints, withRecords ? fixtureRecords : [], fixtureRun),
  run: { ...fixtureRun, runId, startedAt },
});

describe('trend', () => {
  test('earlier reports in start order (not file order), the current run last; other files are diagnostics', () => {
    writeFileSync(join(dir, 'a.json'), JSON.stringify(night('second', '2025-05-31T01:00:00Z', true)));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(night('first', '2025-05-30T01:00:00Z', false)));
    writeFileSync(join(dir, 'c.json'), '{"not": "a report"}');
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const loaded = loadTrendReports(dir);
    expect(loaded.diagnostics.map((d) => [d.code, d.file])).toEqual([['REPORT_BASELINE_INVALID', join(dir, 'c.json')]]);
    const current = night('now', '2025-06-01T01:00:00Z', true);
    const trend = operationTrends(loaded.reports, current);
    const dataimage = trend.find((t) => t.operationId === 'ims.dataimage');
    expect(dataimage?.points.map((p) => [p.runId, p.counts.fail])).toEqual([
      ['first', 0],
      ['second', 1],
      ['now', 1],
    ]);
  });

  test('a missing or empty folder is named, not silently an empty trend', () => {
    expect(loadTrendReports(join(dir, 'nope')).diagnostics[0]?.message).toContain('no such folder');
    expect(loadTrendReports(dir).diagnostics[0]?.code).toBe('REPORT_NO_HISTORY');
  });
});
