/**
 * An interrupted run leaves nothing behind once `cleanup --ledger` has run: the run's ledger is written the moment
 * an id is seen (src/run/ledger.ts), so a SIGKILL mid-run loses no id, and cleanup follows jobs still running to
 * the images they make (src/run/cleanup.ts). DESIGN.md "Targets": "every created resource is recorded and cleaned up".
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { type RunningMock, startMock } from '../mock/main.js';
import type { ComplianceReport } from '../src/model/verdict.js';
import { INTERRUPTED_REASON } from '../src/report/compliance.js';
import { readLedger } from '../src/run/cleanup.js';
import { signalListeners, takeOverSignals } from '../src/run/flows/interrupt.js';
import { ledgerFile } from '../src/run/ledger.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'ims-conformance.js');
const project = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const token = 'mock-token-project-a';
const dir = mkdtempSync(join(tmpdir(), 'ims-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function images(mock: RunningMock): Promise<{ id: string; name: string }[]> {
  const res = await fetch(`${mock.url}/v2/images?limit=1000`, { headers: { 'x-auth-token': token } });
  return ((await res.json()) as { images: { id: string; name: string }[] }).images;
}

/** The environment of a CLI run against `mock`, nothing else inherited. */
function cliEnv(mock: RunningMock): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NO_COLOR: '1',
    IMS_ENDPOINT: mock.url,
    EVS_ENDPOINT: mock.url,
    IMS_AUTH_TOKEN: token,
    IMS_PROJECT_ID: project,
  };
}

test('a run killed mid-way is cleaned up by cleanup --ledger: no image of the run remains', {
  timeout: 180_000,
}, async () => {
  const mock = await startMock();
  const env = cliEnv(mock);
  const reports = join(dir, 'reports');
  try {
    // --only keeps the run to imports (whose images are never protected: 002 "A protected image cannot be
    // deleted", and a valid POST /v2/images case may ask for protected: true); --keep: the run deletes nothing.
    const child = spawn(
      process.execPath,
      [bin, 'run', '--keep', '--no-html', '--depth', 'standard', '--only', 'ims.dataimage', '--report-dir', reports],
      { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      output += b.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    let prefix: string | undefined;
    const deadline = Date.now() + 120_000;
    // Wait until the run has made images (jobs ended SUCCESS), then kill it without a chance to clean up.
    for (;;) {
      prefix ??= /ims-conformance run ([0-9a-f]{8})/.exec(output)?.[1];
      const ours = prefix ? (await images(mock)).filter((i) => i.name.startsWith(`imsc-${prefix}-`)) : [];
      if (ours.length >= 3 || child.exitCode !== null || Date.now() > deadline) {
        break;
      }
      await sleep(100);
    }
    // On a loaded machine the run may end before the images show; the cleanup below must hold either way, and a
    // run still going is killed without a chance to clean up.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    }
    expect(prefix, output).toBeDefined();
    const runPrefix = `imsc-${prefix}-`;
    const before = (await images(mock)).filter((i) => i.name.startsWith(runPrefix));
    expect(before.length, output).toBeGreaterThanOrEqual(1);

    const ledger = ledgerFile(reports);
    expect(existsSync(ledger)).toBe(true);
    const entries = readLedger(ledger);
    // Every image of the run is in the ledger, directly or through the job that made it.
    expect(entries.length).toBeGreaterThanOrEqual(before.length);

    const cleanup = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [bin, 'cleanup', '--ledger', ledger],
        { cwd: repo, env, timeout: 120_000 },
        (error, stdout, stderr) =>
          resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
      );
    });
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(cleanup.stdout).toMatch(/^deleted +image [0-9a-f-]+ \(from job [0-9a-f]+\) \(204\)$/m);
    expect((await images(mock)).filter((i) => i.name.startsWith(runPrefix))).toEqual([]);
    for (const image of before) {
      const res = await fetch(`${mock.url}/v2/images/${image.id}`, { headers: { 'x-auth-token': token } });
      expect(res.status).toBe(404);
    }
  } finally {
    await mock.close();
  }
});

test("takeOverSignals: vitest's exiting listener goes, the first signal cancels the run, the second aborts", () => {
  const before = signalListeners();
  const vitestExit = () => undefined;
  process.once('SIGINT', vitestExit);
  const calls: string[] = [];
  const release = takeOverSignals({ cancelCurrentRun: async (reason) => void calls.push(`cancel ${reason}`) }, before, {
    onInterrupt: () => calls.push('interrupted'),
    abort: () => calls.push('abort'),
  });
  try {
    expect(process.listeners('SIGINT')).not.toContain(vitestExit);
    const ours = process.listeners('SIGINT').filter((l) => !before.SIGINT.includes(l));
    expect(ours).toHaveLength(1);
    ours[0]?.('SIGINT');
    ours[0]?.('SIGINT');
    expect(calls).toEqual(['interrupted', 'cancel keyboard-input', 'abort']);
  } finally {
    release();
  }
  expect(process.listeners('SIGINT').filter((l) => !before.SIGINT.includes(l))).toEqual([]);
});

test('Ctrl-C: the run exits 130, keeps the verdicts observed before it, and says which rows it did not reach', {
  timeout: 180_000,
}, async () => {
  const mock = await startMock();
  const reports = join(dir, 'reports-sigint');
  try {
    const child = spawn(
      process.execPath,
      [
        bin,
        'run',
        '--no-html',
        '--depth',
        'standard',
        '--seed',
        '1',
        '--only',
        'ims.imagecreate',
        '--report-dir',
        reports,
      ],
      {
        cwd: repo,
        env: cliEnv(mock),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      output += b.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const records = join(reports, 'records', 'ims.imagecreate.jsonl');
    const deadline = Date.now() + 120_000;
    // Interrupt once some tests have written their records (each test's records are written when it ends).
    while (Date.now() < deadline && child.exitCode === null) {
      const lines = existsSync(records) ? readFileSync(records, 'utf8').split('\n').length : 0;
      if (lines >= 20) {
        break;
      }
      await sleep(50);
    }
    expect(child.exitCode, output).toBeNull();
    child.kill('SIGINT');
    expect(await exited, output).toBe(130);
    const report = JSON.parse(readFileSync(join(reports, 'compliance.json'), 'utf8')) as ComplianceReport;
    expect(report.summary.pass, output).toBeGreaterThan(0);
    expect(report.constraints.some((r) => r.reason === INTERRUPTED_REASON)).toBe(true);
  } finally {
    await mock.close();
  }
});
