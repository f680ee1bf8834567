import { describe, expect, test } from 'vitest';
import type { GeneratedCase } from '../model/case.js';
import type { RunContext } from './context.js';
import { fillPath, replayCommand, requestOf } from './execute.js';
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
const runWith = (o: Partial<RunOptions> = {}) => ({ options: { ...options, ...o } }) as RunContext;

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
      'ims-conformance run --only evs.uploadimage --seed -7 --depth deep --revision 003 --path "17:3"',
    );
  });
});
