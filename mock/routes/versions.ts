/**
 * GET /: the OpenStack version document (`{"versions": [...]}`). Not in the seed documents, which neither
 * describe nor forbid it; OpenStack's cinderclient (≥ 8) reads it before any call and refuses a server without a
 * 3.x microversion range. The mock serves the documented v2 paths only; the v3 entry only lets that client proceed.
 */
import type { FastifyInstance } from 'fastify';

const VERSIONS_BODY = JSON.stringify({
  versions: [
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
  ],
});

/** Registers GET / (no authentication, as in OpenStack). */
export function versionRoutes(app: FastifyInstance): void {
  app.get('/', async (_request, reply) =>
    reply.code(200).header('content-type', 'application/json; charset=utf-8').send(VERSIONS_BODY),
  );
}
