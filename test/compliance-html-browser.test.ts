/**
 * compliance.html in a real browser (Debian's headless chromium through playwright-core), on the report of a real
 * run: a baseline run against the clean mock, then a run against a mock with one catalogued deviation
 * (dataimage-min-disk-unchecked: 000, Request parameters, min_disk "Value range: 40 GB to 2048 GB" — 39 and 2049
 * accepted) with that baseline. The page must load from file:// without a console error, show the counts of
 * compliance.json, mark the deviation's row failing in document 000 with its evidence one click away, and flag it
 * as newly failing since the baseline. Under CI=true a missing chromium fails the test (.ci/run installs it).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type RunningMock, startMock } from '../mock/main.js';
import { chromiumInstalled, chromiumPath, type LaunchedChromium, launchChromium } from '../scripts/chromium.js';
import type { ComplianceReport } from '../src/model/verdict.js';
import { complianceHtmlBudgetBytes } from '../src/report/html/compliance-html.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 240_000 });

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'ims-conformance.js');
const deviation = 'dataimage-min-disk-unchecked';
const failing = 'ims.dataimage.min_disk.range';
const doc000 = '000_e6aba1037ae22d43.txt';
const inCi = process.env.CI === 'true';

/** `ims-conformance run` at smoke depth on one operation; resolves to its exit code. */
function run(reportDir: string, extra: readonly string[], env: Record<string, string>): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        bin,
        'run',
        '--only',
        'ims.dataimage',
        '--depth',
        'smoke',
        '--seed',
        '1',
        '--no-html',
        '--report-dir',
        reportDir,
        ...extra,
      ],
      { cwd: repo, timeout: 200_000, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } },
      (error) => resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : undefined),
    );
  });
}

describe.skipIf(!chromiumInstalled() && !inCi)('compliance.html in headless Chromium', () => {
  let dir = '';
  let mock: RunningMock | undefined;
  let browser: LaunchedChromium | undefined;
  let page: Page;
  let report: ComplianceReport;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!chromiumInstalled()) {
      throw new Error(`${chromiumPath} is missing: .ci/run installs Debian's chromium (apt-get install -y chromium)`);
    }
    dir = mkdtempSync(join(tmpdir(), 'ims-html-browser-'));
    mock = await startMock({ config: { deviations: [deviation] } });
    const deviant = {
      IMS_ENDPOINT: mock.url,
      EVS_ENDPOINT: mock.url,
      IMS_AUTH_TOKEN: 'mock-token-project-a',
      IMS_PROJECT_ID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    };
    expect(await run(join(dir, 'clean'), [], {})).toBe(0);
    const code = await run(join(dir, 'deviant'), ['--baseline', join(dir, 'clean', 'compliance.json')], deviant);
    expect(code).toBe(1);
    report = JSON.parse(readFileSync(join(dir, 'deviant', 'compliance.json'), 'utf8')) as ComplianceReport;
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') {
        problems.push(`${m.type()}: ${m.text()}`);
      }
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) {
        problems.push(`request: ${r.url()}`);
      }
    });
    await page.goto(pathToFileURL(join(dir, 'deviant', 'compliance.html')).href);
    await page.waitForSelector('body[data-ready="true"]');
  });

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the page loads from file:// with no console error and no request beyond the file, within its size bound', () => {
    expect(problems).toEqual([]);
    expect(statSync(join(dir, 'deviant', 'compliance.html')).size).toBeLessThan(complianceHtmlBudgetBytes);
  });

  test('the counts it shows are those of compliance.json (totals and per operation)', async () => {
    const shown = await page.$$eval('[data-total]', (els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-total'), Number(e.textContent)])),
    );
    const expected: Record<string, number> = { total: report.constraints.length };
    for (const v of ['pass', 'fail', 'warning', 'differs', 'not_checked']) {
      expected[v] = report.constraints.filter((c) => c.verdict === v).length;
    }
    expect(shown).toEqual(expected);
    expect(expected.fail).toBeGreaterThan(0);
    const perOp = await page.$$eval('#op-counts td[data-op]', (tds) =>
      tds.map((td) => [td.getAttribute('data-op'), td.getAttribute('data-verdict'), Number(td.textContent)]),
    );
    for (const [op, verdict, n] of perOp) {
      expect(n, `${op} ${verdict}`).toBe(
        report.constraints.filter((c) => c.operationId === op && c.verdict === verdict).length,
      );
    }
  });

  test("the deviation's row is marked failing in document 000, its evidence one click away", async () => {
    const row = report.constraints.find((c) => c.constraintId === failing);
    expect(row?.verdict).toBe('fail');
    await page.click(`nav a[data-doc-link="${doc000}"]`);
    const mark = page.locator(`article[data-doc="${doc000}"] .mark.v-fail`, { hasText: row?.citation.quote ?? '?' });
    await expect.poll(() => mark.count()).toBe(1);
    expect(await mark.getAttribute('data-cids')).toContain(failing);
    expect(await mark.isVisible()).toBe(true);
    await mark.click();
    const card = page.locator(`#detail .card[data-constraint="${failing}"]`);
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.textContent();
    expect(text ?? '').toContain(row?.counterexample?.received ?? '?');
    expect(text ?? '').toContain(row?.counterexample?.documented ?? '?');
    expect(text ?? '').toContain(row?.counterexample?.command ?? '?');
    expect(text ?? '').toContain('Value range: 40 GB to 2048 GB');
  });

  test('the keyboard reaches the same evidence: Escape clears, j goes to the failing row, Enter shows it', async () => {
    await page.keyboard.press('Escape');
    expect(await page.locator('#detail .card').count()).toBe(0);
    await page.keyboard.press('j');
    const focused = await page.evaluate<string>('document.activeElement?.getAttribute("data-cids") ?? ""');
    expect(focused).toContain(failing);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    expect(await page.locator(`#detail .card[data-constraint="${failing}"]`).count()).toBe(1);
  });

  test('the baseline view lists the newly failing constraint first and marks it on the document', async () => {
    await page.click('nav a[href="#overview"]');
    const first = page.locator('#view-overview .diff li[data-change="newly_failing"]');
    expect(await first.allInnerTexts()).toEqual([expect.stringContaining(failing)]);
    await first.locator('a').click();
    // The constraint rests on the min_disk row (its citation) and, through the coverage index, on the Constraints
    // sentence of the same range: both are flagged; the row holds the quoted words.
    const flagged = page.locator(`article[data-doc="${doc000}"] .mark.changed`);
    expect(await flagged.count()).toBeGreaterThanOrEqual(1);
    const mark = flagged.filter({ hasText: 'Value range: 40 GB to 2048 GB' });
    expect(await mark.count()).toBe(1);
    expect(await mark.getAttribute('data-cids')).toContain(failing);
    expect(await mark.isVisible()).toBe(true);
    expect(await page.locator(`#detail .card[data-constraint="${failing}"] .change`).textContent()).toContain(
      'newly failing',
    );
  });

  test('filters: without "fail" the row shows its other constraints\' verdict; without every verdict, no mark', async () => {
    const mark = page.locator(`article[data-doc="${doc000}"] .mark.changed`, {
      hasText: 'Value range: 40 GB to 2048 GB',
    });
    const boxes = page.locator('input[name="verdict"]');
    await page.locator('input[name="verdict"][value="fail"]').uncheck();
    expect(await mark.getAttribute('class')).not.toMatch(/\bv-fail\b/);
    for (const box of await boxes.all()) {
      await box.uncheck();
    }
    expect(await mark.getAttribute('class')).toMatch(/\bfiltered\b/);
    for (const box of await boxes.all()) {
      await box.check();
    }
    await page.locator('select[name="operation"]').selectOption('ims.dataimage');
    expect(await mark.getAttribute('class')).toMatch(/\bv-fail\b/);
    // The run covered one operation: the filter offers exactly the report's operations.
    const offered = await page
      .locator('select[name="operation"] option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    expect(offered).toEqual(['', ...new Set(report.constraints.map((c) => c.operationId))]);
  });

  test('a seed sentence no constraint rests on is marked uncovered, with its recorded reason one click away', async () => {
    const uncovered = page.locator('article[data-kind="seed"] .doc-body .uncovered');
    expect(await uncovered.count()).toBeGreaterThan(0);
    const first = uncovered.first();
    const doc = await first.evaluate((e) => e.closest('article')?.getAttribute('data-doc') ?? '');
    await page.click(`nav a[data-doc-link="${doc}"]`);
    const reason = (await first.getAttribute('data-uncovered')) ?? '';
    expect(reason).not.toBe('');
    await first.click();
    expect(await page.locator('#detail .card.v-uncovered').textContent()).toContain(`Reason: ${reason}`);
  });

  test('printed: every view and every document is laid out, filters and navigation are not', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      const shown = await page.$$eval('article.doc, section.view, nav, .docs-filters', (els) =>
        els.map((e) => [
          e.getAttribute('data-doc') ?? e.tagName,
          (e as unknown as { offsetHeight: number }).offsetHeight > 0,
        ]),
      );
      expect(shown.filter(([name]) => name === 'NAV' || name === 'DIV')).toEqual([
        ['NAV', false],
        ['DIV', false],
      ]);
      expect(shown.filter(([name]) => name !== 'NAV' && name !== 'DIV').every(([, visible]) => visible)).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
