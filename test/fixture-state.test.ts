/**
 * Issue 18, point 7: a case checks that its fixture is in the state it needs before it judges anything. The export
 * cases of the EVS suite act on `volumes.available`; a disk an earlier run left `uploading` decides their answer (no
 * 202 is possible, and its 400 would pass every case expecting a refusal), so they are not sent and are not checked
 * with the disk's state — never a failure of the valid requests.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { PROJECT_A } from '../mock/config.js';
import { startMock } from '../mock/main.js';
import { localMockTarget } from '../src/target/local-mock.js';
import { smokeRun } from './servers/smoke-run.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('export cases on a disk left uploading are not checked with its state, not failed', {
  timeout: 120_000,
}, async () => {
  // The disk the EVS suite's export cases act on (targets/local-mock.yaml's volumes.available).
  const available = localMockTarget('http://127.0.0.1:1').fixtures.volumes?.available ?? '';
  const mock = await startMock({
    config: { projects: { [PROJECT_A]: { volumes: { [available]: { status: 'uploading', size: 40 } } } } },
  });
  const dir = mkdtempSync(join(tmpdir(), 'ims-fixture-'));
  dirs.push(dir);
  try {
    await smokeRun({
      url: mock.url,
      dir,
      only: 'evs.uploadimage.status,evs.uploadimage.os_volume_upload_image.image_name.*',
      jobTimeoutMs: 1500,
      timeoutMs: 100_000,
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
