/**
 * Issue 18, point 7: a case checks that its fixture is in the state it needs before it judges anything. The export
 * cases of the EVS suite act on `volumes.available`; a disk an earlier run left `uploading` decides their answer (no
 * 202 is possible, and its 400 would pass every case expecting a refusal), so they are not sent and are not checked
 * with the disk's state — never a failure of the valid requests.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { PROJECT_A } from '../mock/config.js';
import { startMock } from '../mock/main.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('export cases on a disk left uploading are not checked with its state, not failed', {
  timeout: 120_000,
}, async () => {
  const available = '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e01';
  const mock = await startMock({
    config: { projects: { [PROJECT_A]: { volumes: { [available]: { status: 'uploading', size: 40 } } } } },
  });
  const dir = mkdtempSync(join(tmpdir(), 'ims-fixture-'));
  dirs.push(dir);
  const file = join(dir, 'target.yaml');
  const target = readFileSync(join(repo, 'targets', 'local-mock.yaml'), 'utf8');
  expect(target).toContain(available);
  writeFileSync(file, target.replaceAll('http://127.0.0.1:8080', mock.url));
  try {
    await new Promise<void>((resolve) => {
      execFile(
        process.execPath,
        [
          join(repo, 'bin', 'ims-conformance.js'),
          'run',
          '--target',
          file,
          '--depth',
          'smoke',
          '--no-html',
          '--keep',
          '--only',
          'evs.uploadimage.status,evs.uploadimage.os_volume_upload_image.image_name.*',
          '--report-dir',
          join(dir, 'r'),
        ],
        {
          cwd: repo,
          timeout: 100_000,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            NO_COLOR: '1',
            IMS_JOB_TIMEOUT_MS: '1500',
          },
        },
        () => resolve(),
      );
    });
    const report = JSON.parse(readFileSync(join(dir, 'r', 'compliance.json'), 'utf8')) as {
      constraints: { constraintId: string; verdict: string; reason?: string }[];
    };
    const rows = report.constraints.filter((c) => c.constraintId.startsWith('evs.uploadimage.'));
    // The old code sent them: every valid export got the busy disk's 400, and the status rule failed.
    expect(rows.filter((c) => c.verdict === 'fail').map((c) => `${c.constraintId}: ${c.reason}`)).toEqual([]);
    const status = rows.find((c) => c.constraintId === 'evs.uploadimage.status');
    expect(status?.verdict).toBe('not_checked');
    expect(status?.reason).toMatch(
      new RegExp(
        `fixture volumes\\.available \\(${available}\\) is uploading after \\d+ s; an export case needs it available`,
      ),
    );
  } finally {
    await mock.close();
  }
});
