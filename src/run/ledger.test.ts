import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { CompiledOperation } from '../model/compiled.js';
import type { Exchange } from '../model/exchange.js';
import { createdId, createdIds, ledgerCount, ledgerFile, recordCreated } from './ledger.js';
import { compiledSpecs, operationById } from './specs.js';

function exchange(method: string, url: string, status: number, json: unknown): Exchange {
  return {
    id: 'x1',
    service: 'ims',
    request: { method, url, headers: {} },
    response: { status, headers: { 'content-type': 'application/json' }, text: JSON.stringify(json), json },
    startedAt: '2024-01-01T00:00:00.000Z',
    durationMs: 1,
    attempts: 1,
  };
}

const base = 'http://127.0.0.1:1';
const specs = compiledSpecs();
const dataimage = operationById(specs, 'ims.dataimage');
const imagecreate = operationById(specs, 'ims.imagecreate');
const upload = operationById(specs, 'evs.uploadimage');
const imageget = operationById(specs, 'ims.imageget');

describe('createdIds: where the spec says the ids are', () => {
  test('a job id of an IMS import action (async.jobIdPointer: /job_id)', () => {
    const x = exchange('POST', `${base}/v1/cloudimages/dataimages/action`, 200, { job_id: 'j1' });
    expect(createdIds(dataimage, x)).toEqual([{ kind: 'job', id: 'j1' }]);
  });

  test('the image of POST /v2/images (/id) and the image_id of an EVS export (/os-volume_upload_image/image_id)', () => {
    expect(createdIds(imagecreate, exchange('POST', `${base}/v2/images`, 201, { id: 'i1', name: 'n' }))).toEqual([
      { kind: 'image', id: 'i1' },
    ]);
    const evs = exchange('POST', `${base}/v2/p/volumes/v/action`, 202, {
      'os-volume_upload_image': { id: 'v', image_id: 'i2' },
    });
    expect(createdIds(upload, evs)).toEqual([{ kind: 'image', id: 'i2' }]);
    expect(createdId(upload, evs, 'image')).toBe('i2');
    expect(createdId(upload, evs, 'job')).toBeUndefined();
  });

  test('also what an invalid request created (the target should have refused it, cleanup must not miss it)', () => {
    // an accepted invalid request is still a resource on the target
    expect(createdIds(imagecreate, exchange('POST', `${base}/v2/images`, 201, { id: 'i3' }))).toHaveLength(1);
  });

  test('nothing for refusals, reads, non-object bodies, or an id where the spec names none', () => {
    expect(createdIds(imagecreate, exchange('POST', `${base}/v2/images`, 400, { id: 'i1' }))).toEqual([]);
    expect(createdIds(imageget, exchange('GET', `${base}/v2/images/i1`, 200, { id: 'i1' }))).toEqual([]);
    expect(createdIds(imagecreate, exchange('POST', `${base}/v2/images`, 201, ['i1']))).toEqual([]);
    expect(createdIds(imagecreate, exchange('POST', `${base}/v2/images`, 201, { id: 7 }))).toEqual([]);
    const action = exchange('POST', `${base}/v1/cloudimages/dataimages/action`, 200, { id: 'i1' });
    expect(createdIds(dataimage, action)).toEqual([]);
    const { response: _none, ...noAnswer } = exchange('POST', `${base}/v2/images`, 201, { id: 'i1' });
    expect(createdIds(imagecreate, noAnswer)).toEqual([]);
  });

  test('a spec that moves the pointers moves what is read: nothing else knows job_id or image_id', () => {
    const moved: CompiledOperation = {
      ...dataimage,
      spec: {
        ...dataimage.spec,
        async: { jobOperation: 'ims.job', jobIdPointer: '/job/ref', imageIdPointer: '/entities/image_id' },
        createdImagePointer: '/made/0',
      },
    };
    const x = exchange('POST', `${base}/x`, 200, { job_id: 'old', job: { ref: 'j9' }, made: { 0: 'i9' } });
    expect(createdIds(moved, x)).toEqual([
      { kind: 'job', id: 'j9' },
      { kind: 'image', id: 'i9' },
    ]);
  });
});

describe('recordCreated', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ims-ledger-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('appends one JSON line per created resource with project and case, nothing for a refusal', () => {
    const project = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    expect(
      recordCreated(dir, project, imagecreate, exchange('POST', `${base}/v2/images`, 201, { id: 'i1' }), 'c1'),
    ).toBe(1);
    expect(
      recordCreated(dir, project, imagecreate, exchange('POST', `${base}/v2/images`, 400, { id: 'i2' }), 'c2'),
    ).toBe(0);
    const lines = readFileSync(ledgerFile(dir), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { kind: 'image', id: 'i1', service: 'ims', project, createdAt: expect.any(String), caseId: 'c1' },
    ]);
    expect(ledgerCount(dir)).toBe(1);
  });
});
