/**
 * GET /: the OpenStack version document (`{"versions": [...]}`). Not in the seed documents, which neither
 * describe nor forbid it; OpenStack's cinderclient (≥ 8) reads it before any call and refuses a server without a
 * 3.x microversion range. The mock serves the documented v2 paths only; the v3 entry only lets that client proceed.
 */
import type { FastifyInstance } from 'fastify';

const VOLUME_VERSIONS = [
  {
    id: 'v2.0',
    status: 'SUPPORTED',
    version: '',
    min_version: '',
    updated: '2014-06-28T12:20:21Z',
    links: [{ rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=2' }],
  },
  {
    id: 'v3.0',
    status: 'CURRENT',
    version: '3.0',
    min_version: '3.0',
    updated: '2016-02-08T12:20:21Z',
    links: [{ rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=3' }],
  },
];

/**
 * The image API versions, as OpenStack Glance lists them at GET /versions (peers/glance/observations.md: "GET
 * /versions gives 200 with {"versions":[{"id":"v2.16","status":"CURRENT",...},... "v2.0"]}"), each with a `self`
 * link to the v2 API of the host asked: python-glanceclient without --os-image-api-version and `openstack image …`
 * discover the API this way. The mock serves the v2 paths the documents name; the ids say which API, not more.
 */
function imageVersions(base: string): { id: string; status: string; links: { rel: string; href: string }[] }[] {
  return ['v2.16', 'v2.15', 'v2.9', 'v2.7', 'v2.6', 'v2.5', 'v2.4', 'v2.3', 'v2.2', 'v2.1', 'v2.0'].map((id, i) => ({
    id,
    status: i === 0 ? 'CURRENT' : 'SUPPORTED',
    links: [{ rel: 'self', href: `${base}/v2/` }],
  }));
}

/** Base URL of the mock as the client addressed it (the Host header; loopback when absent). */
function baseOf(host: string | undefined): string {
  return `http://${host ?? '127.0.0.1'}`;
}

/** Registers GET / and GET /versions (no authentication, as in OpenStack). */
export function versionRoutes(app: FastifyInstance): void {
  // One base URL serves both services, so the root lists both: cinderclient reads the volume entries (it skips those
  // without a version range), keystoneauth (`openstack image …`) the image entries with a `self` link.
  app.get('/', async (request, reply) =>
    reply
      .code(200)
      .header('content-type', 'application/json; charset=utf-8')
      .send(
        JSON.stringify({
          versions: [
            // The volume v2.0 entry has no `self` link: keystoneauth would take it for the image API's v2.
            ...VOLUME_VERSIONS.filter((v) => v.id !== 'v2.0'),
            ...imageVersions(baseOf(request.headers.host)).map((v) => ({ ...v, version: '', min_version: '' })),
          ],
        }),
      ),
  );
  app.get('/versions', async (request, reply) =>
    reply
      .code(200)
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ versions: imageVersions(baseOf(request.headers.host)) })),
  );
}
