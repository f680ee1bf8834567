import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { generateAllureHtml } from './allure-html.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-allure-html-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** One hand-made allure result, as allure-vitest writes them. */
function writeResult(resultsDir: string): void {
  mkdirSync(resultsDir, { recursive: true });
  const uuid = '0b6f4a52-8a51-4c52-9a57-3f0c8b1d2e11';
  writeFileSync(
    join(resultsDir, `${uuid}-result.json`),
    JSON.stringify({
      uuid,
      historyId: 'ims.dataimage.min_disk.range#17:3',
      name: 'min_disk below range is rejected',
      fullName: 'suites/ims/data-image.test.ts#min_disk below range is rejected',
      status: 'failed',
      stage: 'finished',
      start: 1_748_739_600_000,
      stop: 1_748_739_600_120,
      statusDetails: { message: 'invalid request accepted' },
      labels: [
        { name: 'epic', value: 'ims' },
        { name: 'feature', value: 'ims.dataimage' },
        { name: 'story', value: 'ims.dataimage.min_disk.range' },
      ],
      links: [],
      parameters: [],
      attachments: [],
      steps: [],
    }),
  );
}

describe('generateAllureHtml', () => {
  test('writes index.html from one result, with the result in the report data', async () => {
    const results = join(dir, 'allure-results');
    const out = join(dir, 'allure-report');
    writeResult(results);
    const result = await generateAllureHtml(results, out, { reportName: 'IMS conformance' });
    expect(result).toEqual({ ok: true, message: `Allure HTML report: ${join(out, 'index.html')}` });
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      name: string;
      stats: { total: number; failed: number };
    };
    expect(summary).toMatchObject({ name: 'IMS conformance', stats: { total: 1, failed: 1 } });
    expect(readFileSync(join(out, 'test-results.json'), 'utf8')).toContain('min_disk below range is rejected');
  }, 60_000);

  test('a missing results folder is a message, not an exception', async () => {
    const result = await generateAllureHtml(join(dir, 'nope'), join(dir, 'out'));
    expect(result.ok).toBe(false);
    expect(result.message).toContain('no allure results at');
  });
});
