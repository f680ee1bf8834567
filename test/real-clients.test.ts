/**
 * OpenStack's own CLIs against the mock's native endpoints: python-glanceclient (image v2, with and without version
 * discovery), python-openstackclient (`openstack image …`) and python-cinderclient (upload-to-image). Each test is
 * skipped with the reason when its client is not installed, and fails instead under CI=true: `.ci/run` installs
 * Debian's glance-api, which depends on python3-openstackclient, which brings glanceclient and cinderclient.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * Runs a CLI with stdin closed (`<&-`): glanceclient reads image data from any open non-tty stdin. The openstack
 * CLI fails on a closed stdin (it asks `sys.stdin.isatty()`), so it gets /dev/null. `env` adds variables.
 */
function run(binary: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const stdin = binary === 'openstack' ? '</dev/null' : '<&-';
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', `exec "$@" ${stdin}`, 'sh', binary, ...args],
      { timeout: 60_000, env: { ...process.env, OS_CLOUD: '', OS_AUTH_URL: '', ...env } },
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
const hasOpenstack = onPath('openstack');
const hasCinder = onPath('cinder');
/** Under CI=true a missing client fails the test instead of skipping it. */
const required = process.env.CI === 'true';

/** The test name says why it is skipped. */
function named(title: string, installed: boolean): string {
  return installed || required ? title : `${title} — skipped: client not installed`;
}

/** Fails under CI=true when `binary` is not installed (the test is skipped otherwise). */
function expectInstalled(binary: string, installed: boolean): void {
  if (!installed) {
    throw new Error(
      `CI=true but \`${binary}\` is not on PATH: .ci/run installs glance-api, which depends on python3-openstackclient`,
    );
  }
}

let mock: RunningMock;
let dir: string;

beforeAll(async () => {
  mock = await startMock();
  dir = mkdtempSync(join(tmpdir(), 'ims-real-clients-'));
});

afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Creates an image through the mock's POST /v2/images (the openstack CLI would also upload stdin to /file). */
async function createImage(name: string): Promise<string> {
  const res = await fetch(`${mock.url}/v2/images`, {
    method: 'POST',
    headers: { 'x-auth-token': TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ name, disk_format: 'raw', container_format: 'bare' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('python-glanceclient (image API v2)', () => {
  const glance = (...args: string[]): Promise<CliResult> =>
    run('glance', ['--os-image-api-version', '2', '--os-image-url', mock.url, '--os-auth-token', TOKEN, ...args]);

  test.skipIf(!hasGlance && !required)(named('glance image-create, image-show, image-delete', hasGlance), async () => {
    expectInstalled('glance', hasGlance);
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
  test.skipIf(!hasGlance && !required)(named('glance image-list, image-create, image-show', hasGlance), async () => {
    expectInstalled('glance', hasGlance);
    const glance = (...args: string[]) =>
      run('glance', ['--os-image-url', mock.url, '--os-auth-token', TOKEN, ...args]);
    const listed = await glance('image-list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/\|\s*ID\s*\|\s*Name\s*\|/);
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

describe('python-openstackclient (`openstack image …`)', () => {
  /**
   * With a token and no Keystone, keystoneauth's admin_token plugin sends every request to `--os-endpoint` as given
   * ("The endpoint that will always be used"): it reads the version document but never uses its links, so
   * `--os-endpoint <root>` ends at GET /images, which a real Glance answers with 300 and its version list too
   * (glance/api/middleware/version_negotiation.py: "Unknown version. Returning version choices."). The image API's
   * URL is therefore given with its version…
   */
  test.skipIf(!hasOpenstack && !required)(
    named('openstack --os-endpoint <url>/v2: image list, show, delete', hasOpenstack),
    async () => {
      expectInstalled('openstack', hasOpenstack);
      const id = await createImage('rc-osc-token');
      const osc = (...args: string[]) =>
        run('openstack', [
          '--os-auth-type',
          'admin_token',
          '--os-endpoint',
          `${mock.url}/v2`,
          '--os-token',
          TOKEN,
          ...args,
        ]);
      await expectImageCommands(osc, id, 'rc-osc-token');
    },
  );

  /**
   * … or, for version discovery, as the image service's endpoint (`image_endpoint_override`, what a Keystone catalog
   * would give): openstacksdk then reads the root's version document (GET /) and takes the URL of the image API from
   * the `self` link of its v2 entry.
   */
  test.skipIf(!hasOpenstack && !required)(
    named('openstack, image endpoint discovered at GET /: image list, show, delete', hasOpenstack),
    async () => {
      expectInstalled('openstack', hasOpenstack);
      const id = await createImage('rc-osc-discover');
      const clouds = join(dir, 'clouds.yaml');
      writeFileSync(
        clouds,
        [
          'clouds:',
          '  mock:',
          '    auth_type: admin_token',
          `    auth: { endpoint: "${mock.url}", token: "${TOKEN}" }`,
          `    image_endpoint_override: "${mock.url}"`,
          '',
        ].join('\n'),
      );
      const osc = (...args: string[]) =>
        run('openstack', ['--os-cloud', 'mock', ...args], { OS_CLOUD: 'mock', OS_CLIENT_CONFIG_FILE: clouds });
      await expectImageCommands(osc, id, 'rc-osc-discover');
    },
  );
});

/** `openstack image list`, `image show`, `image delete` of an image the mock holds, and `image show` of it gone. */
async function expectImageCommands(
  osc: (...args: string[]) => Promise<CliResult>,
  id: string,
  name: string,
): Promise<void> {
  const listed = await osc('image', 'list', '-f', 'json');
  expect(listed.code, listed.stderr).toBe(0);
  expect(JSON.parse(listed.stdout)).toContainEqual({ ID: id, Name: name, Status: 'queued' });
  const shown = await osc('image', 'show', id, '-f', 'json');
  expect(shown.code, shown.stderr).toBe(0);
  expect(JSON.parse(shown.stdout)).toMatchObject({ id, name, disk_format: 'raw', container_format: 'bare' });
  const deleted = await osc('image', 'delete', id);
  expect(deleted.code, deleted.stderr).toBe(0);
  const gone = await osc('image', 'show', id);
  expect(gone.code).not.toBe(0);
  expect(gone.stderr).toContain(`No Image found for ${id}`);
}

describe('python-cinderclient', () => {
  test.skipIf(!hasCinder && !required)(named('cinder upload-to-image', hasCinder), async () => {
    expectInstalled('cinder', hasCinder);
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
