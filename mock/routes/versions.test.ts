import { describe, expect, test } from 'vitest';
import { buildMockApp } from '../app.js';
import { mockConfig } from '../config.js';

describe('version documents', () => {
  test('GET /versions lists the image API v2 versions as Glance does, each linking to /v2/ of the host asked', async () => {
    const app = await buildMockApp(mockConfig());
    const res = await app.inject({ method: 'GET', url: '/versions', headers: { host: 'ims.example:8080' } });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { versions: { id: string; status: string; links: { rel: string; href: string }[] }[] };
    expect(body.versions[0]).toEqual({
      id: 'v2.16',
      status: 'CURRENT',
      links: [{ rel: 'self', href: 'http://ims.example:8080/v2/' }],
    });
    expect(body.versions.map((v) => v.id)).toContain('v2.0');
    const root = (await app.inject({ method: 'GET', url: '/' })).json() as { versions: { id: string }[] };
    // cinderclient's v3 range and the image versions, no volume v2.0 without a link.
    expect(root.versions.map((v) => v.id)).toEqual(expect.arrayContaining(['v3.0', 'v2.16']));
    expect(root.versions.filter((v) => v.id === 'v2.0')).toHaveLength(1);
    await app.close();
  });
});
