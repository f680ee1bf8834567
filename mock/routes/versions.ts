/**
 * GET / and GET /versions: the OpenStack version documents (`{"versions": [...]}`). Not in the seed documents, which
 * neither describe nor forbid them; OpenStack's clients read them before any call: cinderclient (≥ 8) refuses a
 * server without a 3.x microversion range at the root, and keystoneauth (`openstack image …`, python-glanceclient
 * without --os-image-api-version) takes the image API's URL from the `self` link of a v2 entry. The mock serves the
 * documented v2 paths only; the version entries only let those clients proceed.
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
 * /versions gives 200 with {"versions":[{"id":"v2.16","status":"CURRENT",...},... "v2.0"]}"): Glance 25 with an image
 * cache and one store (peers/glance/glance-api.conf) lists exactly these ids, each `{id, status, links: [{rel: self,
 * href: <its URL>/v2/}]}` (glance/api/versions.py). The mock serves the v2 paths the documents name; the ids say
 * which API, not more.
 */
const IMAGE_VERSION_IDS = [
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
];

function imageVersions(base: string): { id: string; status: string; links: { rel: string; href: string }[] }[] {
  return IMAGE_VERSION_IDS.map((id, i) => ({
    id,
    status: i === 0 ? 'CURRENT' : 'SUPPORTED',
    links: [{ rel: 'self', href: `${base}/v2/` }],
  }));
}

/** Base URL of the mock as the client addressed it (the Host header; loopback when absent). */
function baseOf(host: string | undefined): string {
  return `http://${host ?? '127.0.0.1'}`;
}

/**
 * Registers GET / and GET /versions (no authentication, as in OpenStack). As in Glance and Cinder, the root answers
 * 300 Multiple Choices and the explicit /versions 200 (glance/api/versions.py: `status = explicit and OK or
 * MULTIPLE_CHOICES`); the clients read the body of either.
 */
export function versionRoutes(app: FastifyInstance): void {
  // One base URL serves both services, so the root lists both: cinderclient reads the volume entries (it skips those
  // without a version range), keystoneauth (`openstack image …`) the image entries with a `self` link.
  app.get('/', async (request, reply) =>
    reply
      .code(300)
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
