import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CaseRecord } from '../model/verdict.js';
import { diffCompliance, loadBaseline } from './baseline.js';
import { buildCompliance } from './compliance.js';
import { fixtureConstraints, fixtureRecords, fixtureRun, minDiskCounterexample } from './report-fixtures.js';
import { writeReports } from './write.js';

const token = 'MIIZ-token-7f3a"9';
const leakyRecords: CaseRecord[] = fixtureRecords.map((r) =>
  r.counterexample === undefined
    ? r
    : {
        ...r,
        // A row's Received comes from its own finding (and the counterexample keeps the case's first one).
        findings: r.findings.map((f) => ({ ...f, received: `401 token ${token} expired` })),
        counterexample: {
          ...r.counterexample,
          curl: minDiskCounterexample.curl?.replace('***', token) ?? '',
          received: `401 token ${token} expired`,
        },
      },
);
const report = buildCompliance(fixtureConstraints, leakyRecords, fixtureRun);

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-write-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeReports', () => {
  test('writes compliance.json and compliance.md with every secret scrubbed', () => {
    const { files } = writeReports(dir, report, { secrets: [token, ''] });
    expect(files).toEqual([join(dir, 'compliance.json'), join(dir, 'compliance.md'), join(dir, 'compliance.html')]);
    const json = readFileSync(join(dir, 'compliance.json'), 'utf8');
    const md = readFileSync(join(dir, 'compliance.md'), 'utf8');
    const html = readFileSync(join(dir, 'compliance.html'), 'utf8');
    // The secret, raw and JSON-escaped, is gone; its place is marked.
    for (const text of [json, md, html]) {
      expect(text).not.toContain('MIIZ-token');
      expect(text).toContain('401 token *** expired');
    }
    expect(md).toContain("-H 'X-Auth-Token: ***'");
  });

  test('without the secret in the list, the leak would be written (the scrub is what removes it)', () => {
    writeReports(dir, report, { secrets: [] });
    expect(readFileSync(join(dir, 'compliance.md'), 'utf8')).toContain('MIIZ-token');
  });

  test('compliance.json is pretty, key-sorted, and loads back as a baseline', () => {
    const clean = buildCompliance(fixtureConstraints, fixtureRecords, fixtureRun);
    writeReports(dir, clean, { secrets: [] });
    const file = join(dir, 'compliance.json');
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('{\n  "constraints": [\n')).toBe(true);
    expect(loadBaseline(file)).toEqual({ value: clean, diagnostics: [] });
  });

  test('with a diff: the markdown opens with the changes and compliance-diff.json is written', () => {
    const diff = diffCompliance(report, report);
    const { files } = writeReports(join(dir, 'nested'), report, { diff, secrets: [token] });
    expect(files.map((f) => f.slice(dir.length))).toEqual([
      '/nested/compliance.json',
      '/nested/compliance.md',
      '/nested/compliance.html',
      '/nested/compliance-diff.json',
    ]);
    expect(readFileSync(join(dir, 'nested', 'compliance.md'), 'utf8')).toContain('## Changes since baseline');
    expect(JSON.parse(readFileSync(join(dir, 'nested', 'compliance-diff.json'), 'utf8'))).toEqual(diff);
  });
});
