import { describe, expect, test } from 'vitest';
import type { GeneratedCase } from '../model/case.js';
import { compiledSpecs, operationById } from '../run/specs.js';
import { echoCheck, sameValue } from './echo.js';
import { jsonExchange } from './test-exchange.js';
import type { CheckContext } from './types.js';

const specs = compiledSpecs({ revision: '004' });
const imageCreate = operationById(specs, 'ims.imagecreate');
const upload = operationById(specs, 'evs.uploadimage');

const exchange = jsonExchange;

const sent = { name: 'imsc-echo', min_disk: 40, tags: ['a', 'b.c'] };
const valid: GeneratedCase = { operationId: imageCreate.id, expect: 'accept', body: sent, pathParams: {}, label: 'v' };
const ctx: CheckContext = { op: imageCreate, strict: false, caseId: 'case-1' };

describe('echo check', () => {
  test('protected: 002\'s response table says "The value is false." — false for true only warns, "true" fails', () => {
    const asked = { ...valid, body: { name: 'imsc-echo', protected: true } };
    const judged = (answer: unknown) =>
      echoCheck
        .run(ctx, exchange(201, { name: 'imsc-echo', protected: answer }), asked)
        .map((f) => [f.constraintId, f.severity, f.erratum]);
    expect(judged(true)).toEqual([]);
    expect(judged(false)).toEqual([
      ['ims.imagecreate.protected.echo', 'warning', 'erratum.imagecreate.protected_response_value'],
    ]);
    expect(judged('true')).toEqual([['ims.imagecreate.protected.echo', 'failure', undefined]]);
    expect(
      echoCheck.run({ ...ctx, strict: true }, exchange(201, { name: 'imsc-echo', protected: false }), asked),
    ).toEqual([expect.objectContaining({ severity: 'failure' })]);
  });

  test('a response that echoes name, min_disk and tags (in another order) passes', () => {
    const x = exchange(201, { name: 'imsc-echo', min_disk: 40, tags: ['b.c', 'a'], id: 'i' });
    expect(echoCheck.run(ctx, x, valid)).toEqual([]);
    expect([...echoCheck.covers(ctx, x, valid)].sort()).toEqual([
      'ims.imagecreate.min_disk.echo',
      'ims.imagecreate.name.echo',
      'ims.imagecreate.tags.echo',
    ]);
  });

  test('a changed value is one failure on <field>.echo, Received the answer, Documented what was sent', () => {
    const findings = echoCheck.run(ctx, exchange(201, { name: 'other', min_disk: 40, tags: ['a', 'b.c'] }), valid);
    expect(findings).toEqual([
      expect.objectContaining({
        checkId: 'echo',
        constraintId: 'ims.imagecreate.name.echo',
        severity: 'failure',
        title: '/name does not echo the request',
        received: '/name = "other"',
        documented: '/name = "imsc-echo" (as sent at /name)',
        pointer: '/name',
      }),
    ]);
  });

  test('a missing echoed field and a lost tag are two findings', () => {
    const findings = echoCheck.run(ctx, exchange(201, { name: 'imsc-echo', tags: ['a'] }), valid);
    expect(findings.map((f) => [f.constraintId, f.received])).toEqual([
      ['ims.imagecreate.tags.echo', '/tags = ["a"]'],
      ['ims.imagecreate.min_disk.echo', '/min_disk absent'],
    ]);
  });

  test('a number echoed as a string fails, and the two lines tell them apart', () => {
    const findings = echoCheck.run(ctx, exchange(201, { name: 'imsc-echo', min_disk: '40', tags: sent.tags }), valid);
    expect(findings.map((f) => [f.constraintId, f.received, f.documented])).toEqual([
      ['ims.imagecreate.min_disk.echo', '/min_disk = "40"', '/min_disk = 40 (as sent at /min_disk)'],
    ]);
  });

  test('only a valid request answered with the success status is checked', () => {
    const wrong = exchange(201, { name: 'other' });
    expect(echoCheck.run(ctx, wrong, { ...valid, expect: 'reject' })).toEqual([]);
    expect(echoCheck.run(ctx, exchange(400, { name: 'other' }), valid)).toEqual([]);
    expect(echoCheck.covers(ctx, exchange(400, {}), valid)).toEqual([]);
  });

  test('a path parameter echoes too: the EVS export returns the disk id it was asked for', () => {
    const gcase: GeneratedCase = {
      operationId: upload.id,
      expect: 'accept',
      body: { 'os-volume_upload_image': { image_name: 'imsc-x' } },
      pathParams: { project_id: 'p', volume_id: 'vol-1' },
      label: 'v',
    };
    const body = (id: string) => ({ 'os-volume_upload_image': { id, image_name: 'imsc-x' } });
    const uctx: CheckContext = { op: upload, strict: false, caseId: 'case-2' };
    expect(echoCheck.run(uctx, exchange(202, body('vol-1')), gcase)).toEqual([]);
    expect(echoCheck.run(uctx, exchange(202, body('vol-2')), gcase).map((f) => [f.constraintId, f.received])).toEqual([
      ['evs.uploadimage.path.volume_id.echo', '/os-volume_upload_image/id = "vol-2"'],
    ]);
  });

  test('sameValue compares arrays as sets', () => {
    expect(sameValue(['x', 'y'], ['y', 'x'])).toBe(true);
    expect(sameValue(['x'], ['x', 'y'])).toBe(false);
    expect(sameValue(40, '40')).toBe(false);
  });
});
