/**
 * Issue 18, point 4: a target that cannot be used is named as such. Wrong token and unreachable endpoint end with
 * exit code 3 (not 1) within 30 s, a one-screen message naming the endpoint and what came back, and a report marked
 * "target unusable" that --baseline refuses; a target that stops answering mid-run stops the run the same way.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ExitCodes } from '../src/errors.js';
import type { ComplianceReport } from '../src/model/verdict.js';
import { mockPerFile } from './servers/mock-per-file.js';
import { startProxy } from './servers/proxy.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const mock = mockPerFile();

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly dir: string;
}

/** `ims-conformance run` against targets/local-mock.yaml with `url` and `token` in place of the mock's. */
function runAgainst(url: string, token: string, extra: readonly string[] = [], timeout = 30_000): Promise<CliResult> {
  const dir = mock.tempDir('ims-unusable-');
  const file = join(dir, 'target.yaml');
  writeFileSync(
    file,
    readFileSync(join(repo, 'targets', 'local-mock.yaml'), 'utf8')
      .replaceAll('http://127.0.0.1:8080', url)
      .replace('token: mock-token-project-a', `token: ${token}`),
  );
  const args = ['run', '--target', file, '--depth', 'smoke', '--no-html', '--report-dir', join(dir, 'r'), ...extra];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repo, 'bin', 'ims-conformance.js'), ...args],
      { cwd: repo, timeout, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
          dir,
        });
      },
    );
  });
}

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 9;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const reportOf = (dir: string): ComplianceReport =>
  JSON.parse(readFileSync(join(dir, 'r', 'compliance.json'), 'utf8')) as ComplianceReport;

describe('a target that cannot be used', () => {
  test('wrong token → exit 3 within 30 s, the endpoint and the 401 named, the report marked, no baseline', {
    timeout: 90_000,
  }, async () => {
    const result = await runAgainst(mock.url, 'not-the-token-of-anyone');
    expect(result.code, result.stderr).toBe(ExitCodes.TARGET_UNUSABLE);
    expect(result.stderr).toContain(`target unusable (preflight): IMS endpoint ${mock.url}`);
    expect(result.stderr).toMatch(/what came back: HTTP 401/);
    expect(result.stderr).not.toContain('not-the-token-of-anyone');
    expect(result.stderr.split('\n').length).toBeLessThan(25);
    const report = reportOf(result.dir);
    expect(report.unusable).toMatchObject({ kind: 'credentials', service: 'ims', endpoint: mock.url });
    expect(report.constraints.filter((c) => c.verdict === 'fail')).toEqual([]);
    expect(readFileSync(join(result.dir, 'r', 'compliance.md'), 'utf8')).toContain('**Target unusable** (preflight)');
    // That report as the next run's baseline: refused, usage error.
    const next = await runAgainst(mock.url, 'mock-token-project-a', [
      '--baseline',
      join(result.dir, 'r', 'compliance.json'),
    ]);
    expect(next.code).toBe(2);
    expect(next.stderr).toContain('its report is no baseline');
  });

  test('a target that dies mid-run → the run stops early with exit 3, marked "during the run"', {
    timeout: 120_000,
  }, async () => {
    const proxy = await startProxy({ upstream: mock.url, deadFrom: 60 });
    try {
      const result = await runAgainst(proxy.url, 'mock-token-project-a', [], 110_000);
      expect(result.code, result.stderr).toBe(ExitCodes.TARGET_UNUSABLE);
      expect(result.stderr).toContain('target unusable (during the run)');
      expect(reportOf(result.dir).unusable).toMatchObject({ kind: 'unreachable', when: 'during the run' });
      // Each worker stops after IMS_UNUSABLE_AFTER dead exchanges in a row, or at once when another marked it.
      expect(proxy.requests.length).toBeLessThan(60 + 200);
    } finally {
      await proxy.close();
    }
  });

  test('unreachable endpoint → exit 3 within 30 s, the connection error named', { timeout: 60_000 }, async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const result = await runAgainst(url, 'mock-token-project-a');
    expect(result.code, result.stderr).toBe(ExitCodes.TARGET_UNUSABLE);
    expect(result.stderr).toContain(`endpoint ${url}`);
    expect(result.stderr).toMatch(/what came back: no answer \(connection: .*ECONNREFUSED/);
    expect(reportOf(result.dir).unusable).toMatchObject({ kind: 'unreachable', when: 'preflight' });
  });
});
