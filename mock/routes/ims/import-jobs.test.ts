import { describe, expect, test } from 'vitest';
import { imsCode, PROJECT_A, PROJECT_B, type TestMock, TOKEN_B, testMock } from '../../testing.js';

const DATA = '/v1/cloudimages/dataimages/action';
const QUICK = '/v2/cloudimages/quickimport/action';

// 000, "Request for creating an image (tags)"
const DATA_EXAMPLE = {
  name: 'fedora-data1',
  image_url: 'image-test:fedora_data1.qcow2',
  description: 'Data disk 1 of Fedora',
  min_disk: 40,
  tags: ['aaa.111', 'bbb.222'],
  os_type: 'Linux',
};
// 001, "Creating a system disk image using an external image file", image_tags variant
const QUICK_EXAMPLE = {
  name: 'ims_test_file',
  description: 'Create an image using a file in the OBS bucket.',
  image_url: 'ims-image:centos70.zvhd2',
  os_version: 'CentOS 7.0 64bit',
  min_disk: 40,
  type: 'ECS',
  image_tags: [
    { key: 'key2', value: 'value2' },
    { key: 'key1', value: 'value1' },
  ],
};
const QUICK_DATA = {
  name: 'ims_test_file',
  image_url: 'ims-image:datadisk.raw',
  os_type: 'Linux',
  min_disk: 40,
  type: 'DataImage',
};

async function job(m: TestMock, id: string, project = PROJECT_A) {
  return m.get(`/v1/${project}/jobs/${id}`);
}

async function startJob(m: TestMock, url: string, body: unknown): Promise<string> {
  const res = await m.post(url, body);
  expect(res.statusCode).toBe(200);
  const jobId = res.json().job_id;
  expect(jobId).toMatch(/^[0-9a-f]{32}$/);
  return jobId;
}

describe('job lifecycle', () => {
  test('data image (000 example): INIT → RUNNING → SUCCESS, then the image exists with its attributes', async () => {
    const m = await testMock();
    const id = await startJob(m, DATA, DATA_EXAMPLE);
    const init = (await job(m, id)).json();
    expect(init).toMatchObject({ status: 'INIT', job_id: id, job_type: 'imsImportDataImageJob', end_time: null });
    expect(init.begin_time).toMatch(/Z$/);
    expect(init.entities.image_id).toBeUndefined();
    m.advance(50);
    expect((await job(m, id)).json().status).toBe('RUNNING');
    m.advance(100);
    const done = (await job(m, id)).json();
    expect(done).toMatchObject({ status: 'SUCCESS', error_code: null, fail_reason: null });
    expect(done.end_time).toMatch(/Z$/);
    const image = (await m.get(`/v2/images/${done.entities.image_id}`)).json();
    expect(image).toMatchObject({
      name: 'fedora-data1',
      min_disk: 40,
      virtual_env_type: 'DataImage',
      __os_type: 'Linux',
      tags: ['aaa.111', 'bbb.222'],
      status: 'active',
      owner: PROJECT_A,
      __description: 'Data disk 1 of Fedora',
    });
  });

  test('quick import system image: SUCCESS with FusionCompute, __os_version and image_tags as key.value', async () => {
    const m = await testMock();
    const id = await startJob(m, QUICK, QUICK_EXAMPLE);
    m.advance(150);
    const done = (await job(m, id)).json();
    expect(done).toMatchObject({ status: 'SUCCESS', job_type: 'imsImportImageJob' });
    const image = (await m.get(`/v2/images/${done.entities.image_id}`)).json();
    expect(image).toMatchObject({
      name: 'ims_test_file',
      min_disk: 40,
      virtual_env_type: 'FusionCompute',
      __os_version: 'CentOS 7.0 64bit',
      __os_type: 'Linux',
      __platform: 'CentOS',
      tags: ['key2.value2', 'key1.value1'],
      status: 'active',
    });
  });

  test('quick import: BMS → Ironic, DataImage → DataImage', async () => {
    const m = await testMock();
    const bms = await startJob(m, QUICK, { ...QUICK_EXAMPLE, type: 'BMS' });
    const data = await startJob(m, QUICK, QUICK_DATA);
    m.advance(150);
    const bmsImage = (await m.get(`/v2/images/${(await job(m, bms)).json().entities.image_id}`)).json();
    expect(bmsImage.virtual_env_type).toBe('Ironic');
    const dataJob = (await job(m, data)).json();
    expect(dataJob.job_type).toBe('imsImportDataImageJob');
    const dataImage = (await m.get(`/v2/images/${dataJob.entities.image_id}`)).json();
    expect(dataImage).toMatchObject({ virtual_env_type: 'DataImage', __os_type: 'Linux' });
  });

  test.for([
    ['missing file', { image_url: 'ims-image:no-such-file.raw' }, 'IMG.0057'],
    ['wrong format (QCOW2)', { image_url: 'ims-image:centos70.qcow2' }, 'IMG.0057'],
    ['file over 1 TB', { image_url: 'ims-image:huge.raw', min_disk: 1024 }, 'IMG.0059'],
    ['min_disk equal to the file size (10 GB)', { min_disk: 10 }, 'IMG.0055'],
    ['min_disk below the file size', { min_disk: 5 }, 'IMG.0055'],
  ] as const)('quick import FAIL: %s → %s', async ([, patch, code]) => {
    const m = await testMock();
    const id = await startJob(m, QUICK, { ...QUICK_EXAMPLE, ...patch });
    m.advance(60);
    expect((await job(m, id)).json().status).toBe('RUNNING');
    m.advance(100);
    const failed = (await job(m, id)).json();
    expect(failed).toMatchObject({ status: 'FAIL', error_code: code });
    expect(failed.fail_reason).toEqual(expect.any(String));
    expect(failed.entities.image_id).toBeUndefined();
    expect((await m.get('/v2/images')).json().images).toEqual([]);
  });

  test('min_disk just above the file size (11 GB for a 10 GB file) succeeds', async () => {
    const m = await testMock();
    const id = await startJob(m, QUICK, { ...QUICK_EXAMPLE, min_disk: 11 });
    m.advance(150);
    expect((await job(m, id)).json().status).toBe('SUCCESS');
  });

  test('data image FAIL for a missing file', async () => {
    const m = await testMock();
    const id = await startJob(m, DATA, { ...DATA_EXAMPLE, image_url: 'ims-image:no-such-file.raw' });
    m.advance(150);
    expect((await job(m, id)).json()).toMatchObject({ status: 'FAIL', error_code: 'IMG.0057' });
  });

  test('jobs are per project: another project, or another project id in the path, is 404', async () => {
    const m = await testMock();
    const id = await startJob(m, DATA, DATA_EXAMPLE);
    const viaB = await m.get(`/v1/${PROJECT_B}/jobs/${id}`, TOKEN_B);
    expect(viaB.statusCode).toBe(404);
    expect(imsCode(viaB)).toBe('IMG.0023');
    expect((await m.get(`/v1/${PROJECT_B}/jobs/${id}`)).statusCode).toBe(404);
    expect((await job(m, 'ffffffffffffffffffffffffffffffff')).statusCode).toBe(404);
    m.advance(150);
    const imageId = (await job(m, id)).json().entities.image_id;
    expect((await m.get(`/v2/images/${imageId}`, TOKEN_B)).statusCode).toBe(404);
  });
});

describe('POST /v1/cloudimages/dataimages/action validation (000)', () => {
  test.for([
    ['name missing', { name: undefined }, 'IMG.0013'],
    ['name of 129 characters', { name: 'a'.repeat(129) }, 'IMG.0002'],
    ['name with a forbidden character', { name: 'a*b' }, 'IMG.0003'],
    ['name ending with a space', { name: 'ab ' }, 'IMG.0003'],
    ['name a number', { name: 1 }, 'IMG.0001'],
    ['description of 1025 characters', { description: 'a'.repeat(1025) }, 'IMG.0004'],
    ['description with <', { description: 'a<b' }, 'IMG.0054'],
    ['description with a carriage return', { description: 'a\rb' }, 'IMG.0054'],
    ['os_type missing', { os_type: undefined }, 'IMG.0122'],
    ['os_type case variant', { os_type: 'linux' }, 'IMG.0122'],
    ['image_url without colon', { image_url: 'bucketfile' }, 'IMG.0017'],
    ['image_url empty bucket', { image_url: ':file.raw' }, 'IMG.0068'],
    ['image_url bad bucket', { image_url: 'Bad_Bucket:file.raw' }, 'IMG.0109'],
    ['image_url missing', { image_url: undefined }, 'IMG.0017'],
    ['min_disk 39', { min_disk: 39 }, 'IMG.0055'],
    ['min_disk 2049', { min_disk: 2049 }, 'IMG.0055'],
    ['min_disk missing', { min_disk: undefined }, 'IMG.0055'],
    ['min_disk a string', { min_disk: '40' }, 'IMG.0001'],
    ['tag without a dot', { tags: ['aaa'] }, 'IMG.0115'],
    ['tag key of 37 characters', { tags: [`${'k'.repeat(37)}.v`] }, 'IMG.0115'],
    ['tag value of 44 characters', { tags: [`k.${'v'.repeat(44)}`] }, 'IMG.0115'],
    ['tag with a forbidden character', { tags: ['k!.v'] }, 'IMG.0115'],
    [
      'image_tags key of 37 characters',
      { tags: undefined, image_tags: [{ key: 'k'.repeat(37), value: 'v' }] },
      'IMG.0115',
    ],
    [
      'image_tags value of 44 characters',
      { tags: undefined, image_tags: [{ key: 'k', value: 'v'.repeat(44) }] },
      'IMG.0115',
    ],
    ['image_tags not objects', { tags: undefined, image_tags: ['a.b'] }, 'IMG.0115'],
    // Image Tag Format: "The format is {"key":"keyA", "value":"valueA"}": a tag object without its value is not one.
    ['image_tags object without value', { tags: undefined, image_tags: [{ key: 'k' }] }, 'IMG.0115'],
    ['both tags and image_tags', { image_tags: [{ key: 'k', value: 'v' }] }, 'IMG.0115'],
    ['cmk_id a number', { cmk_id: 5 }, 'IMG.0001'],
  ] as const)('%s → 400 %s', async ([, patch, code]) => {
    const m = await testMock();
    const res = await m.post(DATA, { ...DATA_EXAMPLE, ...patch });
    expect(res.statusCode).toBe(400);
    expect(imsCode(res)).toBe(code);
  });

  test('valid boundaries: min_disk 40 and 2048, name 128, key 36 / value 43 and empty value', async () => {
    const m = await testMock();
    for (const patch of [
      { min_disk: 40 },
      { min_disk: 2048 },
      { name: 'a'.repeat(128) },
      { tags: [`${'k'.repeat(36)}.${'v'.repeat(43)}`, 'k.'] },
      { description: 'd'.repeat(1024) },
    ]) {
      expect((await m.post(DATA, { ...DATA_EXAMPLE, ...patch })).statusCode).toBe(200);
    }
  });
});

describe('POST /v2/cloudimages/quickimport/action validation (001)', () => {
  test.for([
    ['os_version missing (system image)', QUICK_EXAMPLE, { os_version: undefined }, 'IMG.0056'],
    ['os_version not in the list', QUICK_EXAMPLE, { os_version: 'CentOS 99 64bit' }, 'IMG.0056'],
    ['os_version case variant', QUICK_EXAMPLE, { os_version: 'CENTOS 7.0 64BIT' }, 'IMG.0056'],
    ['architecture not x86/arm', QUICK_EXAMPLE, { architecture: 'X86' }, 'IMG.0212'],
    ['type unknown', QUICK_EXAMPLE, { type: 'ecs' }, 'IMG.0024'],
    ['min_disk 0', QUICK_EXAMPLE, { min_disk: 0 }, 'IMG.0055'],
    ['min_disk 1025', QUICK_EXAMPLE, { min_disk: 1025 }, 'IMG.0055'],
    ['os_type missing (DataImage)', QUICK_DATA, { os_type: undefined }, 'IMG.0122'],
    ['os_type case variant (DataImage)', QUICK_DATA, { os_type: 'LINUX' }, 'IMG.0122'],
    ['min_disk 1025 (DataImage)', QUICK_DATA, { min_disk: 1025 }, 'IMG.0055'],
  ] as const)('%s → 400 %s', async ([, base, patch, code]) => {
    const m = await testMock();
    const res = await m.post(QUICK, { ...base, ...patch });
    expect(res.statusCode).toBe(400);
    expect(imsCode(res)).toBe(code);
  });

  test('type absent defaults to ECS; architecture arm accepted; a DataImage needs no os_version', async () => {
    const m = await testMock();
    expect((await m.post(QUICK, { ...QUICK_EXAMPLE, type: undefined, architecture: 'arm' })).statusCode).toBe(200);
    expect((await m.post(QUICK, { ...QUICK_DATA, min_disk: 1 })).statusCode).toBe(200);
  });
});
