/**
 * A server that accepts everything: the suite run against it must report every negative case
 * (invalid requests accepted) and every body-schema check on the image it returns.
 */
import { createServer } from 'node:http';
import { listen, readBody, type StartedServer } from './listen.js';

/** The image POST /v2/images answers with, whatever was asked (shape of 002's example response). */
export const ALWAYS_200_IMAGE = {
  id: '4ca4f3a2-6a5d-4b5c-8c3e-0a1b2c3d4e5f',
  name: 'always-200',
  status: 'queued',
  visibility: 'private',
  container_format: 'bare',
  disk_format: 'vhd',
  min_disk: 0,
  min_ram: 0,
  protected: false,
  tags: [],
  self: '/v2/images/4ca4f3a2-6a5d-4b5c-8c3e-0a1b2c3d4e5f',
  file: '/v2/images/4ca4f3a2-6a5d-4b5c-8c3e-0a1b2c3d4e5f/file',
  schema: '/v2/schemas/image',
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
} as const;

function answer(method: string, path: string): { status: number; body: unknown } {
  if (method === 'POST' && path.endsWith('/action')) {
    // EVS os-volume_upload_image answers 202 (003/004); the IMS actions answer 200 with a job id (000/001).
    return path.includes('/volumes/')
      ? { status: 202, body: { 'os-volume_upload_image': { id: 'x', image_id: 'x', status: 'uploading' } } }
      : { status: 200, body: { job_id: 'x' } };
  }
  if (method === 'POST' && path === '/v2/images') {
    return { status: 201, body: ALWAYS_200_IMAGE };
  }
  return { status: 200, body: {} };
}

/**
 * Starts the server on 127.0.0.1, port 0. With `arrayIs500`, a body that is a JSON array gets a 500 (as Glance
 * answered `[]`), so a run against it has server errors to report.
 */
export async function startAlways200(options: { arrayIs500?: boolean } = {}): Promise<StartedServer> {
  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (options.arrayIs500 && text.trim().startsWith('[')) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('500 Internal Server Error: list indices must be integers');
        return;
      }
      const { status, body } = answer(req.method ?? 'GET', path);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  return listen(server);
}
