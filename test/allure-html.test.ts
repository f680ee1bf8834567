/**
 * The Allure acceptance: a small run (`--depth smoke --only ims.imageget`) writes allure-report/index.html, and
 * the page, served on 127.0.0.1 and rendered by headless Chromium, shows the suites (the operation ims.imageget).
 * The browser half needs Debian's chromium (/usr/bin/chromium) and is skipped without it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { chromiumPath, expandAllureTree, runChromium, serveStatic } from '../scripts/screenshot-reports.js';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'ims-conformance.js');
const hasChromium = existsSync(chromiumPath);

let dir = '';
let code: number | undefined;
let output = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ims-allure-html-'));
  await new Promise<void>((done) => {
    execFile(
      process.execPath,
      [bin, 'run', '--depth', 'smoke', '--only', 'ims.imageget', '--seed', '1', '--report-dir', dir],
      {
        cwd: repo,
        timeout: 230_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' },
      },
      (error, stdout, stderr) => {
        code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        output = `${stdout}\n${stderr}`;
        done();
      },
    );
  });
});

afterAll(() => {
  if (dir !== '') {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('Allure HTML report', () => {
  test('a smoke run of ims.imageget writes allure-report/index.html', () => {
    expect(code, output).toBe(0);
    expect(existsSync(join(dir, 'allure-report', 'index.html')), output).toBe(true);
  });

  const browserTest = hasChromium
    ? 'headless Chromium renders the suites'
    : 'headless Chromium renders the suites (skipped: chromium not installed)';
  test.skipIf(!hasChromium)(browserTest, async () => {
    const server = await serveStatic(join(dir, 'allure-report'), expandAllureTree);
    try {
      const run = await runChromium(['--dump-dom', '--virtual-time-budget=5000', server.url]);
      expect(run.code, run.stderr).toBe(0);
      // The app drew its results tree: the run's operation is a suite row, with its tests counted.
      expect(run.stdout).toContain('tree-section-title');
      expect(run.stdout).toContain('ims.imageget');
    } finally {
      await server.close();
    }
  });
});
