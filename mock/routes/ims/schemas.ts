/**
 * GET /v2/schemas/image: the JSON schema an image answer follows. 002's response table documents `schema` as
 * "the URL for accessing the schema" with the value /v2/schemas/image, so the mock serves one there (OpenStack's
 * glanceclient reads it before it creates or shows an image). Types follow 002's response table.
 * @see ../shared/docs/seeds/002_8c42299bbd57248d.txt, "Response parameters"
 */
import type { FastifyInstance } from 'fastify';
import type { MockContext } from '../../context.js';
import { authorize } from '../../http.js';

const str = { type: 'string' };
const nullableStr = { type: ['null', 'string'] };

/** The image schema, serialised once. */
export const IMAGE_SCHEMA_BODY = JSON.stringify({
  name: 'image',
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' },
    name: { type: ['null', 'string'], maxLength: 255 },
    visibility: { type: 'string', enum: ['private', 'public', 'shared', 'community'] },
    protected: { type: 'boolean' },
    container_format: nullableStr,
    disk_format: nullableStr,
    tags: { type: 'array', items: { type: 'string', maxLength: 255 } },
    min_ram: { type: 'integer' },
    min_disk: { type: 'integer' },
    status: { type: 'string', enum: ['queued', 'saving', 'deleted', 'killed', 'active'] },
    created_at: str,
    updated_at: str,
    self: str,
    file: str,
    schema: str,
    owner: nullableStr,
    virtual_size: { type: ['null', 'integer'] },
    virtual_env_type: str,
    __image_source_type: str,
    __image_size: str,
    __isregistered: str,
    __os_version: str,
    __os_type: str,
    __platform: str,
    __os_bit: str,
    __imagetype: str,
    __description: str,
  },
  // 002 NOTE: extra request parameters "are strings of no more than 255 characters".
  additionalProperties: { type: 'string' },
  links: [
    { rel: 'self', href: '{self}' },
    { rel: 'enclosure', href: '{file}' },
    { rel: 'describedby', href: '{schema}' },
  ],
});

/** Registers GET /v2/schemas/image (authenticated like every IMS call). */
export function schemaRoutes(app: FastifyInstance, ctx: MockContext): void {
  app.get('/v2/schemas/image', async (request, reply) => {
    if (authorize(ctx, request, reply) === undefined) {
      return reply;
    }
    return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(IMAGE_SCHEMA_BODY);
  });
}
