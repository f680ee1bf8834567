import { describe, expect, test } from 'vitest';
import { testMock } from '../../testing.js';

describe('GET /v2/schemas/image and GET /', () => {
  test('the image schema names every attribute of a created image, and extra properties are strings', async () => {
    const m = await testMock();
    const image = (await m.post('/v2/images', { name: 'schema-test', aaaa: '1' })).json() as Record<string, unknown>;
    const res = await m.get('/v2/schemas/image');
    expect(res.statusCode).toBe(200);
    const schema = res.json() as { properties: Record<string, unknown>; additionalProperties: unknown };
    for (const key of Object.keys(image).filter((k) => k !== 'aaaa')) {
      expect(schema.properties, key).toHaveProperty(key);
    }
    expect(schema.additionalProperties).toEqual({ type: 'string' });
  });

  test('the schema needs a token like every IMS call', async () => {
    const m = await testMock();
    expect((await m.app.inject({ method: 'GET', url: '/v2/schemas/image' })).statusCode).toBe(401);
  });

  test('GET / lists a 3.x version range (cinderclient refuses a server without one)', async () => {
    const m = await testMock();
    const res = await m.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(300);
    const versions = (res.json() as { versions: { version: string; status: string }[] }).versions;
    expect(versions.some((v) => v.version.startsWith('3.') && v.status === 'CURRENT')).toBe(true);
  });
});
