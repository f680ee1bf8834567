import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appendRecords, readRecords } from './findings-io.js';
import { fixtureRecords } from './report-fixtures.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-io-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function at(i: number) {
  const r = fixtureRecords[i];
  if (r === undefined) {
    throw new Error(`no fixture record ${i}`);
  }
  return r;
}

describe('appendRecords / readRecords', () => {
  test('round trip, sorted by file name then line, across calls', () => {
    appendRecords(dir, 'worker-2', [at(3)]);
    appendRecords(dir, 'worker-1', [at(0), at(1)]);
    appendRecords(dir, 'worker-1', [at(2)]);
    const { value, diagnostics } = readRecords(dir);
    expect(diagnostics).toEqual([]);
    expect(value).toEqual([at(0), at(1), at(2), at(3)]);
  });

  test('a suite file path becomes a safe file name', () => {
    const file = appendRecords(dir, 'suites/ims/data-image.test.ts', [at(0)]);
    expect(file).toBe(join(dir, 'records', 'suites_ims_data-image.test.ts.jsonl'));
    expect(readdirSync(join(dir, 'records'))).toEqual(['suites_ims_data-image.test.ts.jsonl']);
  });

  test('a torn last line is skipped with a diagnostic, not thrown', () => {
    const file = appendRecords(dir, 'w', [at(0), at(1)]);
    appendFileSync(file, JSON.stringify(at(2)).slice(0, 40));
    const { value, diagnostics } = readRecords(dir);
    expect(value).toEqual([at(0), at(1)]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'REPORT_TORN_LINE', file, line: 3 })]);
  });

  test('a bad line in the middle is skipped and named', () => {
    const file = join(dir, 'records', 'w.jsonl');
    appendRecords(dir, 'w', [at(0)]);
    appendFileSync(file, '{"caseId":1}\n');
    appendRecords(dir, 'w', [at(1)]);
    const { value, diagnostics } = readRecords(dir);
    expect(value).toEqual([at(0), at(1)]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'REPORT_BAD_RECORD', line: 2 })]);
  });

  test('no records folder: empty, with a diagnostic', () => {
    const { value, diagnostics } = readRecords(dir);
    expect(value).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['REPORT_NO_RECORDS']);
  });

  test('other files in the folder are ignored', () => {
    appendRecords(dir, 'w', [at(0)]);
    writeFileSync(join(dir, 'records', 'notes.txt'), 'not records');
    expect(readRecords(dir).value).toEqual([at(0)]);
  });
});
