/**
 * Depth means something (issue 17): against a server that accepts every request, each negative block still sends
 * all its cases (a failing case is recorded, the block goes on), so smoke, standard and deep send strictly more
 * distinct requests in that order; the run seed is printed and the same seed sends the same requests again.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { CaseRecord } from '../src/model/verdict.js';
import { DEPTHS } from '../src/run/options.js';
import { ALWAYS_200_IMAGE } from './servers/always-200.js';
import { type RecordingServer, startRecording } from './servers/recording.js';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'ims-conformance.js');
const ONLY = 'ims.imagecreate.min_disk.range,ims.imagecreate.name.length';
const dirs: string[] = [];

interface DepthRun {
  readonly code: number | undefined;
  readonly stdout: string;
  readonly bodies: readonly string[];
  readonly records: readonly CaseRecord[];
}

/** One CLI run at `depth` against a fresh recording server that accepts every POST /v2/images with 201. */
async function runAt(depth: string, seed: string): Promise<DepthRun> {
  const server: RecordingServer = await startRecording({
    respond: (req) =>
      req.method === 'POST' && req.url === '/v2/images'
        ? { status: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify(ALWAYS_200_IMAGE) }
        : { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'ims-depth-'));
  dirs.push(dir);
  const reports = join(dir, 'reports');
  const { code, stdout } = await new Promise<{ code: number | undefined; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, 'run', '--depth', depth, '--seed', seed, '--no-html', '--report-dir', reports, '--only', ONLY],
      {
        cwd: repo,
        timeout: 220_000,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NO_COLOR: '1',
          IMS_ENDPOINT: server.url,
          EVS_ENDPOINT: server.url,
          IMS_PROJECT_ID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
          IMS_AUTH_TOKEN: 'some-secret-token-value',
        },
      },
      (error, out) =>
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : undefined, stdout: out }),
    );
  });
  await server.close();
  const records = readdirSync(join(reports, 'records')).flatMap((f) =>
    readFileSync(join(reports, 'records', f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CaseRecord),
  );
  const bodies = server.requests.filter((r) => r.method === 'POST' && r.url === '/v2/images').map((r) => r.body);
  return { code, stdout, bodies, records };
}

afterAll(() => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('depth against a server that accepts every invalid request', () => {
  const runs: Record<string, DepthRun> = {};
  beforeAll(async () => {
    for (const depth of ['smoke', 'standard', 'deep']) {
      runs[depth] = await runAt(depth, '17');
    }
    runs.again = await runAt('standard', '17');
  });

  test('every case of every negative block runs and is recorded as failing (the block does not stop)', () => {
    for (const depth of ['smoke', 'standard', 'deep'] as const) {
      const run = runs[depth] as DepthRun;
      expect(run.code).toBe(1);
      const negatives = run.records.filter((r) => /^ims\.imagecreate\.min_disk\.range:range_below:\d+$/.test(r.caseId));
      expect(negatives.length, depth).toBe(DEPTHS[depth].invalidRuns);
      expect(negatives.every((r) => r.findings.some((f) => f.severity === 'failure'))).toBe(true);
    }
  });

  test('smoke < standard < deep in distinct requests sent', () => {
    const distinct = (d: string) => new Set((runs[d] as DepthRun).bodies).size;
    expect(distinct('smoke')).toBeLessThan(distinct('standard'));
    expect(distinct('standard')).toBeLessThan(distinct('deep'));
  });

  test('the run seed is printed, and the same seed sends the same requests', () => {
    expect(runs.standard?.stdout).toMatch(/seed 17\b/);
    // Names carry the run id (imsc-<run id>-), which is random per run by design: compare without it.
    const sameRun = (r: DepthRun | undefined) =>
      (r?.bodies ?? []).map((b) => b.replace(/imsc-[0-9a-f]+-/g, 'imsc-RUN-'));
    expect(sameRun(runs.again)).toEqual(sameRun(runs.standard));
  });
});
