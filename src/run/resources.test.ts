import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { HttpRequest } from '../http/types.js';
import type { Exchange } from '../model/exchange.js';
import type { RunContext } from './context.js';
import { casePathParams } from './resources.js';
import { compiledSpecs, operationById } from './specs.js';

const specs = compiledSpecs({ revision: '004' });
const imageDelete = operationById(specs, 'ims.imagedelete');
const dir = mkdtempSync(join(tmpdir(), 'ims-resources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dropped: Omit<Exchange, 'request'> = {
  id: 'x1',
  service: 'ims',
  error: { kind: 'connection', message: 'UND_ERR_SOCKET: other side closed' },
  startedAt: '2026-11-29T10:00:00Z',
  durationMs: 1,
  attempts: 1,
};

/** A run whose client answers POST /v2/images with `answer`; the shared `image.id` fixture is `shared-image`. */
function runAnswering(answer: Omit<Exchange, 'request'>): { run: RunContext; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const client = {
    send: async (req: HttpRequest): Promise<Exchange> => {
      sent.push(req);
      return { ...answer, request: { method: req.method, url: `http://127.0.0.1:1${req.path}`, headers: {} } };
    },
  };
  const run = {
    specs,
    client,
    fixtures: { 'image.id': 'shared-image' },
    namePrefix: 'imsc-00000000-',
    target: { name: 'mock', projectId: 'p1', safety: { allowCreate: true, remote: false, maxCreates: 1000 } },
    options: { reportDir: dir, runId: 'r1' },
  } as unknown as RunContext;
  return { run, sent };
}

describe('casePathParams: a DELETE case deletes an image made for it', () => {
  test('the image made for the case is the one in the path', async () => {
    const { run, sent } = runAnswering({
      id: 'x1',
      service: 'ims',
      response: { status: 201, headers: {}, text: '{"id":"fresh-image"}', json: { id: 'fresh-image' } },
      startedAt: '2026-11-29T10:00:00Z',
      durationMs: 1,
      attempts: 1,
    });
    const path = await casePathParams(run, imageDelete, { image_id: 'shared-image' });
    expect(path).toEqual({ params: { image_id: 'fresh-image' } });
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v2/images']);
  });

  // Seen through a proxy dropping 20 % of connections: the case fell back to the shared image, deleted it, and the
  // next such case got 404 — a failure of ims.imagedelete.status the target never deserved.
  test('when no image could be made, the case is missing its resource: never the shared image', async () => {
    const { run } = runAnswering(dropped);
    const path = await casePathParams(run, imageDelete, { image_id: 'shared-image' });
    expect(path.params).toEqual({});
    expect(path.missing).toBe(
      'the image to delete could not be created (POST /v2/images: connection: UND_ERR_SOCKET: other side closed)',
    );
  });
});
