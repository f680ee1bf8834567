import { describe, expect, test } from 'vitest';
import type { GeneratedCase } from '../model/case.js';
import type { RunContext } from './context.js';
import { fillPath, replayCommand, requestOf, serverErrorOf } from './execute.js';
import type { RunOptions } from './options.js';
import { compiledSpecs, operationById } from './specs.js';

const specs = compiledSpecs({ revision: '004' });
const upload = operationById(specs, 'evs.uploadimage');
const dataImage = operationById(specs, 'ims.dataimage');

const options: RunOptions = {
  runId: 'r1',
  depth: 'smoke',
  profile: 'default',
  revision: '004',
  seed: 1,
  only: [],
  reportDir: '/tmp/unused',
};
/** replayCommand reads the run's options only. */
const mockTarget = {
  source: 'local-mock',
  endpoints: { ims: 'http://127.0.0.1:1', evs: 'http://127.0.0.1:1' },
  projectId: 'p1',
  auth: { mode: 'none' },
};
const runWith = (o: Partial<RunOptions> = {}, target: Record<string, unknown> = mockTarget) =>
  ({ options: { ...options, ...o }, target }) as unknown as RunContext;

const negative: GeneratedCase = {
  operationId: 'ims.dataimage',
  expect: 'reject',
  body: { min_disk: 39 },
  pathParams: {},
  constraintId: 'ims.dataimage.min_disk.range',
  violation: 'range_below',
  label: '/min_disk = 39',
};

describe('fillPath', () => {
  test('fills every parameter, URI-encoded', () => {
    expect(fillPath(upload, { project_id: 'p1', volume_id: 'a/b c' })).toBe('/v2/p1/volumes/a%2Fb%20c/action');
  });

  test('leaves a missing parameter visible as {name}, encoded', () => {
    expect(fillPath(upload, { project_id: 'p1' })).toBe('/v2/p1/volumes/%7Bvolume_id%7D/action');
  });

  test('a path without parameters is unchanged', () => {
    expect(fillPath(dataImage, {})).toBe('/v1/cloudimages/dataimages/action');
  });
});

describe('requestOf', () => {
  test('service, method, filled path, body and label; overrides win', () => {
    const req = requestOf(dataImage, negative, { auth: false });
    expect(req).toEqual({
      service: 'ims',
      method: 'POST',
      path: '/v1/cloudimages/dataimages/action',
      body: { min_disk: 39 },
      label: '/min_disk = 39',
      auth: false,
    });
  });
});

describe('replayCommand', () => {
  test('names the broken constraint, the seed and the depth', () => {
    expect(replayCommand(runWith(), negative, 1234)).toBe(
      'ims-conformance run --only ims.dataimage.min_disk.range --seed 1234 --depth smoke',
    );
  });

  test('a valid case replays its operation; a non-default revision and a path are added', () => {
    const valid: GeneratedCase = { operationId: 'evs.uploadimage', expect: 'accept', pathParams: {}, label: 'v' };
    expect(replayCommand(runWith({ revision: '003', depth: 'deep' }), valid, -7, '17:3')).toBe(
      'ims-conformance run --only evs.uploadimage --seed -7 --revision 003 --depth deep --path "17:3"',
    );
  });

  test('a target file is named; a strict run says so: run as printed, it tests the same target the same way', () => {
    const run = runWith({ profile: 'strict' }, { ...mockTarget, source: 'targets/ap-southeast-1.yaml' });
    expect(replayCommand(run, negative, 5)).toBe(
      "ims-conformance run --target 'targets/ap-southeast-1.yaml' --only ims.dataimage.min_disk.range --seed 5 --profile strict --depth smoke",
    );
  });

  test('an env target: the variables to set, credentials as references, never values', () => {
    const env = {
      source: 'env',
      endpoints: { ims: 'https://ims.example', evs: 'https://evs.example' },
      projectId: 'p9',
      auth: { mode: 'token', token: 'secret-value' },
    };
    const command = replayCommand(runWith({}, env), negative, 5);
    expect(command).toBe(
      `IMS_ENDPOINT='https://ims.example' EVS_ENDPOINT='https://evs.example' IMS_PROJECT_ID='p9' IMS_AUTH_TOKEN="$IMS_AUTH_TOKEN" ims-conformance run --only ims.dataimage.min_disk.range --seed 5 --depth smoke`,
    );
    expect(command).not.toContain('secret-value');
  });
});

describe('serverErrorOf', () => {
  const x = (status: number, text: string) => ({
    id: 'x1',
    service: 'ims' as const,
    request: { method: 'POST', url: 'http://t/v2/images', headers: {} },
    response: { status, headers: {}, text },
    startedAt: '2024-01-01T00:00:00.000Z',
    durationMs: 1,
    attempts: 1,
  });
  test('a 5xx is kept with its request, body (cut) and constraint; anything else is not', () => {
    expect(serverErrorOf(x(500, 'boom'), 'c1', 'ims.imagecreate.status', 'body "[]"', 'curl …')).toEqual({
      caseId: 'c1',
      constraintId: 'ims.imagecreate.status',
      request: 'body "[]"',
      method: 'POST',
      url: 'http://t/v2/images',
      status: 500,
      body: 'boom',
      curl: 'curl …',
    });
    expect(serverErrorOf(x(503, 'y'.repeat(100_000)), 'c', 'k', 'r', '')?.body).toMatch(/\[cut by ims-conformance/);
    expect(serverErrorOf(x(400, 'no'), 'c1', 'k', 'r', '')).toBeUndefined();
  });
});
