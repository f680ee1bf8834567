import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, test } from 'vitest';
import {
  PROJECT_A,
  PROJECT_B,
  type TestMock,
  TOKEN_B,
  testMock,
  VOLUME_AVAILABLE,
  VOLUME_B,
  VOLUME_IN_USE,
  VOLUME_SHARED,
} from '../../testing.js';

const action = (volume: string, project = PROJECT_A) => `/v2/${project}/volumes/${volume}/action`;
const detail = (volume: string, project = PROJECT_A) => `/v2/${project}/volumes/${volume}`;
const upload = (fields: Record<string, unknown>) => ({ 'os-volume_upload_image': fields });

function evsError(res: LightMyRequestResponse, envelope: string): string | undefined {
  return (res.json() as Record<string, { code?: string }>)[envelope]?.code;
}

async function status(m: TestMock, volume: string): Promise<string> {
  return (await m.get(detail(volume))).json().volume.status;
}

describe('os-volume_upload_image', () => {
  test('available disk: 202 uploading, back to available after the job time, the image appears (004 defaults)', async () => {
    const m = await testMock();
    const res = await m.post(action(VOLUME_AVAILABLE), upload({ image_name: 'evs-ims-test1027' }));
    expect(res.statusCode).toBe(202);
    const body = res.json()['os-volume_upload_image'];
    expect(body).toMatchObject({
      status: 'uploading',
      size: 40,
      id: VOLUME_AVAILABLE,
      image_name: 'evs-ims-test1027',
      container_format: 'bare',
      disk_format: 'zvhd2',
      display_description: '',
    });
    expect(body.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(body.volume_type).toMatchObject({ name: expect.any(String), deleted: false, is_public: true });
    expect(await status(m, VOLUME_AVAILABLE)).toBe('uploading');
    const queued = (await m.get(`/v2/images/${body.image_id}`)).json();
    expect(queued).toMatchObject({ name: 'evs-ims-test1027', disk_format: 'zvhd2', container_format: 'bare' });
    expect(queued.__os_type).toBe('linux');
    m.advance(150);
    expect(await status(m, VOLUME_AVAILABLE)).toBe('available');
    expect((await m.get(`/v2/images/${body.image_id}`)).json().status).toBe('active');
  });

  test('revision 003 defaults disk_format to vhd and accepts Chinese characters in image_name', async () => {
    const m = await testMock({ revision: '003' });
    const res = await m.post(action(VOLUME_AVAILABLE), upload({ image_name: '导出镜像-1' }));
    expect(res.statusCode).toBe(202);
    expect(res.json()['os-volume_upload_image'].disk_format).toBe('vhd');
  });

  test('revision 004 refuses Chinese characters in image_name', async () => {
    const m = await testMock();
    const res = await m.post(action(VOLUME_AVAILABLE), upload({ image_name: '导出镜像' }));
    expect(res.statusCode).toBe(400);
    expect(evsError(res, 'badRequest')).toBe('EVS.5400');
  });

  test('in-use without force is refused; with force it exports and returns to in-use', async () => {
    const m = await testMock();
    const refused = await m.post(action(VOLUME_IN_USE), upload({ image_name: 'x' }));
    expect(refused.statusCode).toBe(400);
    expect(evsError(refused, 'badRequest')).toBe('EVS.5400');
    expect((await m.post(action(VOLUME_IN_USE), upload({ image_name: 'x', force: false }))).statusCode).toBe(400);
    const forced = await m.post(action(VOLUME_IN_USE), upload({ image_name: 'x', force: true, __os_type: 'windows' }));
    expect(forced.statusCode).toBe(202);
    expect(await status(m, VOLUME_IN_USE)).toBe('uploading');
    m.advance(150);
    expect(await status(m, VOLUME_IN_USE)).toBe('in-use');
    const image = (await m.get(`/v2/images/${forced.json()['os-volume_upload_image'].image_id}`)).json();
    expect(image.__os_type).toBe('windows');
  });

  test('a shared in-use disk exports with force and reports multiattach', async () => {
    const m = await testMock();
    expect((await m.post(action(VOLUME_SHARED), upload({ image_name: 'x', force: true }))).statusCode).toBe(202);
    const volume = (await m.get(detail(VOLUME_SHARED))).json().volume;
    expect(volume).toMatchObject({ multiattach: true, size: 100, status: 'uploading' });
  });

  test('a disk already uploading cannot be exported again', async () => {
    const m = await testMock();
    expect((await m.post(action(VOLUME_AVAILABLE), upload({ image_name: 'a' }))).statusCode).toBe(202);
    const again = await m.post(action(VOLUME_AVAILABLE), upload({ image_name: 'b' }));
    expect(again.statusCode).toBe(400);
    expect(evsError(again, 'badRequest')).toBe('EVS.5400');
  });

  test.for([
    ['image_name missing', upload({})],
    ['image_name empty', upload({ image_name: '' })],
    ['image_name of 129 characters', upload({ image_name: 'a'.repeat(129) })],
    ['image_name starting with a space', upload({ image_name: ' a' })],
    ['image_name with a slash', upload({ image_name: 'a/b' })],
    ['force a string', upload({ image_name: 'a', force: 'true' })],
    ['disk_format not in enum', upload({ image_name: 'a', disk_format: 'vmdk' })],
    ['disk_format case variant', upload({ image_name: 'a', disk_format: 'VHD' })],
    ['container_format not in enum', upload({ image_name: 'a', container_format: 'docker' })],
    ['__os_type case variant', upload({ image_name: 'a', __os_type: 'Linux' })],
    ['action not an object', { 'os-volume_upload_image': 'x' }],
    ['no action', {}],
    ['another action', { 'os-extend': { new_size: 100 } }],
    ['body an array', []],
  ] as const)('%s → 400 badRequest', async ([, body]) => {
    const m = await testMock();
    const res = await m.post(action(VOLUME_AVAILABLE), body);
    expect(res.statusCode).toBe(400);
    expect(evsError(res, 'badRequest')).toBe('EVS.5400');
    expect(await status(m, VOLUME_AVAILABLE)).toBe('available');
  });

  test('valid boundary: image_name of 128 characters with every allowed special character', async () => {
    const m = await testMock();
    const name = `a-._ ${'b'.repeat(123)}`;
    expect((await m.post(action(VOLUME_AVAILABLE), upload({ image_name: name }))).statusCode).toBe(202);
  });
});

describe('isolation and GET volume', () => {
  test('GET returns {volume} with the reference page fields', async () => {
    const m = await testMock();
    const res = await m.get(detail(VOLUME_IN_USE));
    expect(res.statusCode).toBe(200);
    const volume = res.json().volume;
    expect(volume).toMatchObject({
      id: VOLUME_IN_USE,
      status: 'in-use',
      size: 40,
      multiattach: false,
      'os-vol-tenant-attr:tenant_id': PROJECT_A,
      bootable: 'false',
    });
    expect(volume.attachments).toHaveLength(1);
  });

  test('another project id in the path, or another project volume, is 404 itemNotFound', async () => {
    const m = await testMock();
    for (const res of [
      await m.get(detail(VOLUME_B, PROJECT_B)),
      await m.get(detail(VOLUME_B, PROJECT_A)),
      await m.get(detail(VOLUME_AVAILABLE, PROJECT_A), TOKEN_B),
      await m.post(action(VOLUME_B, PROJECT_B), upload({ image_name: 'x' })),
      await m.post(action(VOLUME_AVAILABLE, PROJECT_A), upload({ image_name: 'x' }), TOKEN_B),
      await m.get(detail('00000000-0000-0000-0000-000000000000')),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(evsError(res, 'itemNotFound')).toBe('EVS.5404');
    }
    expect((await m.get(detail(VOLUME_B, PROJECT_B), TOKEN_B)).statusCode).toBe(200);
  });

  test("an exported image is visible only to the disk's project", async () => {
    const m = await testMock();
    const res = await m.post(action(VOLUME_B, PROJECT_B), upload({ image_name: 'b-image' }), TOKEN_B);
    const imageId = res.json()['os-volume_upload_image'].image_id;
    expect((await m.get(`/v2/images/${imageId}`, TOKEN_B)).statusCode).toBe(200);
    expect((await m.get(`/v2/images/${imageId}`)).statusCode).toBe(404);
  });
});
