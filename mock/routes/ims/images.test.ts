import { describe, expect, test } from 'vitest';
import { imsCode, PROJECT_A, TOKEN_B, testMock } from '../../testing.js';

// 002, Example request
const EXAMPLE = {
  __os_version: 'Ubuntu 14.04 server 64bit',
  container_format: 'bare',
  disk_format: 'vhd',
  min_disk: 1,
  min_ram: 1024,
  name: 'test',
  tags: ['test', 'image'],
  visibility: 'private',
  protected: false,
  aaaa: '11111',
};

describe('POST /v2/images', () => {
  test("002's example request: 201 and every field of the response table", async () => {
    const m = await testMock();
    const res = await m.post('/v2/images', EXAMPLE);
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const image = res.json();
    expect(image).toMatchObject({
      visibility: 'private',
      name: 'test',
      protected: false,
      container_format: 'bare',
      disk_format: 'vhd',
      tags: ['test', 'image'],
      min_ram: 1024,
      min_disk: 1,
      status: 'queued',
      schema: '/v2/schemas/image',
      __image_source_type: 'uds',
      __image_size: '0',
      __isregistered: 'true',
      __os_version: 'Ubuntu 14.04 server 64bit',
      __os_type: 'Linux',
      __platform: 'Ubuntu',
      __os_bit: '64',
      __imagetype: 'private',
      virtual_env_type: 'FusionCompute',
      owner: PROJECT_A,
      virtual_size: 0,
      aaaa: '11111',
    });
    expect(image.self).toBe(`/v2/images/${image.id}`);
    expect(image.file).toBe(`/v2/images/${image.id}/file`);
    expect(image.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(image.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('defaults: disk_format vhd, container_format bare, min_ram 0, __os_version Other Linux(64 bit)', async () => {
    const m = await testMock();
    const image = (await m.post('/v2/images', {})).json();
    expect(image).toMatchObject({
      disk_format: 'vhd',
      container_format: 'bare',
      min_ram: 0,
      name: '',
      __os_version: 'Other Linux(64 bit)',
      __os_type: 'Linux',
      __os_bit: '64',
      __platform: 'Other',
      tags: [],
    });
  });

  test('a Windows 32-bit version derives __os_type Windows and __os_bit 32', async () => {
    const m = await testMock();
    const image = (await m.post('/v2/images', { __os_version: 'Windows 7 Professional 32bit' })).json();
    expect(image).toMatchObject({ __os_type: 'Windows', __platform: 'Windows', __os_bit: '32' });
  });

  test.for([
    ['visibility public', { visibility: 'public' }, 'IMG.0001'],
    ['visibility case variant', { visibility: 'Private' }, 'IMG.0001'],
    ['unknown __os_version', { __os_version: 'CentOS 99 64bit' }, 'IMG.0056'],
    ['__os_version case variant', { __os_version: 'centos 7.0 64bit' }, 'IMG.0056'],
    ['disk_format not in enum', { disk_format: 'vmdk' }, 'IMG.0072'],
    ['disk_format case variant', { disk_format: 'VHD' }, 'IMG.0072'],
    ['min_disk 0', { min_disk: 0 }, 'IMG.0055'],
    ['min_disk 1025', { min_disk: 1025 }, 'IMG.0055'],
    ['min_disk not an integer', { min_disk: 1.5 }, 'IMG.0055'],
    ['min_disk a string', { min_disk: '1' }, 'IMG.0001'],
    ['min_ram negative', { min_ram: -1 }, 'IMG.0055'],
    ['protected a string', { protected: 'false' }, 'IMG.0001'],
    ['tag of 256 characters', { tags: ['a'.repeat(256)] }, 'IMG.0115'],
    ['empty tag', { tags: [''] }, 'IMG.0115'],
    ['tag with a dot', { tags: ['a.b'] }, 'IMG.0115'],
    ['tags not an array', { tags: 'a' }, 'IMG.0001'],
    ['name of 256 characters', { name: 'a'.repeat(256) }, 'IMG.0002'],
    ['name with a forbidden character', { name: 'a/b' }, 'IMG.0003'],
    ['name starting with a space', { name: ' a' }, 'IMG.0003'],
    ['extra property not a string', { aaaa: 1 }, 'IMG.0001'],
    ['extra property over 255 characters', { aaaa: 'x'.repeat(256) }, 'IMG.0001'],
    ['reserved attribute', { status: 'active' }, 'IMG.0001'],
    ['body an array', [], 'IMG.0001'],
  ] as const)('%s → 400 %s', async ([, body, code]) => {
    const m = await testMock();
    const res = await m.post('/v2/images', body);
    expect(res.statusCode).toBe(400);
    expect(imsCode(res)).toBe(code);
  });

  test('boundaries that are valid: name of 255 characters, min_disk 1 and 1024, tag of 255 characters', async () => {
    const m = await testMock();
    for (const body of [{ name: 'a'.repeat(255) }, { min_disk: 1 }, { min_disk: 1024 }, { tags: ['a'.repeat(255)] }]) {
      expect((await m.post('/v2/images', body)).statusCode).toBe(201);
    }
  });

  test('200 concurrent creates lose nothing and duplicate no id', async () => {
    const m = await testMock();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => m.post('/v2/images', { name: `img-${i}` })),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const ids = new Set(results.map((r) => r.json().id));
    expect(ids.size).toBe(200);
    const list = (await m.get('/v2/images?limit=1000')).json();
    expect(list.images).toHaveLength(200);
    expect(new Set(list.images.map((i: { id: string }) => i.id))).toEqual(ids);
  });
});

describe('POST /v2/images blank values and DELETE bodies', () => {
  test('002 NOTE "their values can be left blank": an empty container_format is accepted', async () => {
    const m = await testMock();
    const res = await m.post('/v2/images', { name: 'blank-cf', container_format: '' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ container_format: '' });
  });

  test.for([
    ['malformed JSON', '{"delete_backup": ', 400],
    ['a JSON array', '[]', 400],
    ['delete_backup as a string', '{"delete_backup":"true"}', 400],
    ['delete_backup true', '{"delete_backup":true}', 204],
  ] as const)('DELETE with %s → %i', async ([, body, status]) => {
    const m = await testMock();
    const created = await m.post('/v2/images', { name: 'to-delete' });
    const id = (created.json() as { id: string }).id;
    const res = await m.app.inject({
      method: 'DELETE',
      url: `/v2/images/${id}`,
      headers: { 'x-auth-token': 'mock-token-project-a', 'content-type': 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(status);
    if (status === 400) {
      expect(imsCode(res)).toBe('IMG.0001');
      expect((await m.get(`/v2/images/${id}`)).statusCode).toBe(200);
    }
  });
});

describe('PATCH /v2/images/{id} (OpenStack image update, protected only)', () => {
  const patch = (
    m: Awaited<ReturnType<typeof testMock>>,
    id: string,
    body: string,
    type = 'application/openstack-images-v2.1-json-patch',
  ) =>
    m.app.inject({
      method: 'PATCH',
      url: `/v2/images/${id}`,
      headers: { 'x-auth-token': 'mock-token-project-a', 'content-type': type },
      payload: body,
    });

  test('a protected image is refused DELETE, unprotected by PATCH, then deleted', async () => {
    const m = await testMock();
    const id = ((await m.post('/v2/images', { name: 'p', protected: true })).json() as { id: string }).id;
    expect((await m.del(`/v2/images/${id}`)).statusCode).toBe(400);
    const res = await patch(m, id, '[{"op":"replace","path":"/protected","value":false}]');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, protected: false });
    expect((await m.del(`/v2/images/${id}`)).statusCode).toBe(204);
  });

  test.for([
    ['another path', '[{"op":"replace","path":"/name","value":"x"}]', undefined],
    ['a string value', '[{"op":"replace","path":"/protected","value":"false"}]', undefined],
    ['plain JSON content type', '[{"op":"replace","path":"/protected","value":false}]', 'application/json'],
    ['not a list', '{"op":"replace"}', undefined],
  ] as const)('%s → 400', async ([, body, type]) => {
    const m = await testMock();
    const id = ((await m.post('/v2/images', { name: 'p', protected: true })).json() as { id: string }).id;
    const res = await patch(m, id, body, type);
    expect(res.statusCode).toBe(400);
    expect(imsCode(res)).toBe('IMG.0001');
  });
});

describe('GET, list and DELETE /v2/images', () => {
  test('GET returns the created image; another project gets 404', async () => {
    const m = await testMock();
    const created = (await m.post('/v2/images', { name: 'mine' })).json();
    const res = await m.get(`/v2/images/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(created);
    const other = await m.get(`/v2/images/${created.id}`, TOKEN_B);
    expect(other.statusCode).toBe(404);
    expect(imsCode(other)).toBe('IMG.0144');
  });

  test('list pages with limit and marker', async () => {
    const m = await testMock();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await m.post('/v2/images', { name: `n${i}` })).json().id);
    }
    const page1 = (await m.get('/v2/images?limit=2')).json();
    expect(page1.images.map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 2));
    expect(page1).toMatchObject({ schema: '/v2/schemas/images', first: '/v2/images?limit=2' });
    expect(page1.next).toBe(`/v2/images?limit=2&marker=${ids[1]}`);
    const page3 = (await m.get(`/v2/images?limit=2&marker=${ids[3]}`)).json();
    expect(page3.images.map((i: { id: string }) => i.id)).toEqual(ids.slice(4));
    expect(page3.next).toBeUndefined();
    expect((await m.get('/v2/images', TOKEN_B)).json().images).toEqual([]);
    expect((await m.get('/v2/images?limit=0')).statusCode).toBe(400);
    expect((await m.get('/v2/images?marker=nope')).statusCode).toBe(400);
  });

  test('DELETE: 204, then 404; protected image cannot be deleted; other project 404', async () => {
    const m = await testMock();
    const plain = (await m.post('/v2/images', { name: 'p' })).json();
    const guarded = (await m.post('/v2/images', { name: 'g', protected: true })).json();
    expect((await m.del(`/v2/images/${plain.id}`, TOKEN_B)).statusCode).toBe(404);
    const res = await m.del(`/v2/images/${plain.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await m.get(`/v2/images/${plain.id}`)).statusCode).toBe(404);
    expect((await m.del(`/v2/images/${plain.id}`)).statusCode).toBe(404);
    const refused = await m.del(`/v2/images/${guarded.id}`);
    expect(refused.statusCode).toBe(400);
    expect(imsCode(refused)).toBe('IMG.0028');
    expect((await m.get(`/v2/images/${guarded.id}`)).statusCode).toBe(200);
  });
});
