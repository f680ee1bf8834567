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
    // Glance 25 as peers/glance/glance-api.conf runs it (an image cache, one store): glance/api/versions.py.
    expect(body.versions.map((v) => v.id)).toEqual([
      'v2.16',
      'v2.15',
      'v2.14',
      'v2.9',
      'v2.7',
      'v2.6',
      'v2.5',
      'v2.4',
      'v2.3',
      'v2.2',
      'v2.1',
      'v2.0',
    ]);
    expect(body.versions.slice(1).every((v) => v.status === 'SUPPORTED')).toBe(true);
    const rootAnswer = await app.inject({ method: 'GET', url: '/' });
    // Glance and Cinder answer the root with 300 Multiple Choices, the explicit /versions with 200.
    expect(rootAnswer.statusCode).toBe(300);
    const root = rootAnswer.json() as { versions: { id: string }[] };
    // cinderclient's v3 range and the image versions, no volume v2.0 without a link.
    expect(root.versions.map((v) => v.id)).toEqual(expect.arrayContaining(['v3.0', 'v2.16']));
    expect(root.versions.filter((v) => v.id === 'v2.0')).toHaveLength(1);
    await app.close();
  });
});
