/**
 * OpenStack's own CLIs against the mock's native endpoints: python-glanceclient (image v2) and
 * python-cinderclient (upload-to-image). Each test is skipped when its client is not installed.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_A } from '../mock/config.js';
import { type RunningMock, startMock } from '../mock/main.js';

const TOKEN = 'mock-token-project-a';
const VOLUME_AVAILABLE = '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e01';

function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a CLI with stdin closed (`<&-`): glanceclient reads image data from any open non-tty stdin. */
function run(binary: string, args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', 'exec "$@" <&-', 'sh', binary, ...args],
      { timeout: 60_000, env: { ...process.env, OS_CLOUD: '', OS_AUTH_URL: '' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The value of a `| key | value |` row of a CLI table. */
function tableValue(output: string, key: string): string | undefined {
  const row = output.split('\n').find((line) => new RegExp(`^\\|\\s*${key}\\s*\\|`).test(line));
  return row?.split('|')[2]?.trim();
}

const hasGlance = onPath('glance');
const hasCinder = onPath('cinder');

/** The test name says why it is skipped. */
function named(title: string, installed: boolean): string {
  return installed ? title : `${title} — skipped: client not installed`;
}

let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock();
});

afterAll(async () => {
  await mock.close();
});

describe('python-glanceclient (image API v2)', () => {
  const glance = (...args: string[]): Promise<CliResult> =>
    run('glance', ['--os-image-api-version', '2', '--os-image-url', mock.url, '--os-auth-token', TOKEN, ...args]);

  test.skipIf(!hasGlance)(named('glance image-create, image-show, image-delete', hasGlance), async () => {
    const created = await glance(
      'image-create',
      '--name',
      'rc-glance',
      '--disk-format',
      'qcow2',
      '--container-format',
      'bare',
    );
    expect(created.code, created.stderr).toBe(0);
    const id = tableValue(created.stdout, 'id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(tableValue(created.stdout, 'status')).toBe('queued');

    const shown = await glance('image-show', String(id));
    expect(shown.code, shown.stderr).toBe(0);
    expect(tableValue(shown.stdout, 'id')).toBe(id);
    expect(tableValue(shown.stdout, 'name')).toBe('rc-glance');
    expect(tableValue(shown.stdout, 'disk_format')).toBe('qcow2');

    const deleted = await glance('image-delete', String(id));
    expect(deleted.code, deleted.stderr).toBe(0);

    const gone = await glance('image-show', String(id));
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('The image does not exist.');
  });
});

describe('python-glanceclient without --os-image-api-version (version discovery at GET /versions)', () => {
  test.skipIf(!hasGlance)(named('glance image-create, image-show', hasGlance), async () => {
    const glance = (...args: string[]) =>
      run('glance', ['--os-image-url', mock.url, '--os-auth-token', TOKEN, ...args]);
    const created = await glance(
      'image-create',
      '--name',
      'rc-discover',
      '--disk-format',
      'raw',
      '--container-format',
      'bare',
    );
    expect(created.code, created.stderr).toBe(0);
    const id = tableValue(created.stdout, 'id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const shown = await glance('image-show', String(id));
    expect(shown.code, shown.stderr).toBe(0);
    expect(tableValue(shown.stdout, 'name')).toBe('rc-discover');
  });
});

describe('python-cinderclient', () => {
  test.skipIf(!hasCinder)(named('cinder upload-to-image', hasCinder), async () => {
    const result = await run('cinder', [
      '--os-auth-type',
      'admin_token',
      '--os-token',
      TOKEN,
      '--os-project-id',
      PROJECT_A,
      '--os-endpoint',
      `${mock.url}/v2/${PROJECT_A}`,
      '--os-volume-api-version',
      '3.0',
      'upload-to-image',
      VOLUME_AVAILABLE,
      'rc-cinder',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(tableValue(result.stdout, 'image_name')).toBe('rc-cinder');
    expect(tableValue(result.stdout, 'status')).toBe('uploading');
    const imageId = tableValue(result.stdout, 'image_id');
    expect(imageId).toMatch(/^[0-9a-f-]{36}$/);
    // The exported image is in the project's image list (003/004 Function).
    const image = await fetch(`${mock.url}/v2/images/${String(imageId)}`, { headers: { 'x-auth-token': TOKEN } });
    expect(image.status).toBe(200);
  });
});
