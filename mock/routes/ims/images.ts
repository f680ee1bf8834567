/**
 * Native image API: POST /v2/images (002), GET /v2/images, GET and DELETE /v2/images/{image_id}
 * (ims-querying_image_details_native_openstack_api.rst, ims-deleting_an_image_native_openstack_api.rst).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type MockContext, settle } from '../../context.js';
import { deviates } from '../../deviations.js';
import { imsErrors, type MockError } from '../../errors.js';
import { answered, authorize, readJson, sendError, sendJson, sendText } from '../../http.js';
import { imageRecord } from '../../state/image-record.js';
import type { ImageRecord } from '../../state/store.js';
import { isoSeconds } from '../../time.js';
import { isJsonObject } from '../../validate/fields.js';
import { extraProperties, imageCreateError } from '../../validate/image-create.js';
import { DEFAULT_OS_VERSION } from '../../validate/os-version.js';

type ImageParams = { Params: { image_id: string } };
type ListQuery = { Querystring: { limit?: string; marker?: string } };

const MAX_LIMIT = 1000;

/** The POST answer with the response deviations of mock/deviations.ts applied (the stored image is unchanged). */
function createAnswer(ctx: MockContext, image: ImageRecord): Record<string, unknown> {
  const answer: Record<string, unknown> = { ...image };
  if (deviates(ctx.config, 'image-create-min-ram-string')) {
    answer.min_ram = String(image.min_ram);
  }
  if (deviates(ctx.config, 'image-create-missing-owner')) {
    delete answer.owner;
  }
  if (deviates(ctx.config, 'image-create-os-bit-fixed') && answer.__os_bit !== undefined) {
    answer.__os_bit = '32';
  }
  if (deviates(ctx.config, 'image-create-answer-active')) {
    // The stored image stays queued (GET says so); only the 201 claims a usable image.
    answer.status = 'active';
  }
  if (deviates(ctx.config, 'image-create-platform-fixed') && answer.__platform !== undefined) {
    // A service that hard-coded 002's example pairing (Ubuntu 14.04 server 64bit → Ubuntu) for every version.
    answer.__platform = 'Ubuntu';
  }
  if (deviates(ctx.config, 'image-create-default-os-version-respelt') && image.__os_version === DEFAULT_OS_VERSION) {
    // Table 1's spelling of a default Table 1 does not list: neither the documented default nor a listed value.
    answer.__os_version = 'Other Linux 64bit';
  }
  if (deviates(ctx.config, 'image-create-source-type-obs')) {
    // The store the import read from, not the image's backend (002: "Only UDS is supported currently.").
    answer.__image_source_type = 'obs';
  }
  if (deviates(ctx.config, 'image-create-owner-other-project')) {
    answer.owner = '0000000000000000000000000000beef';
  }
  if (deviates(ctx.config, 'image-create-local-time')) {
    // The same instant written as local time in UTC+8.
    const local = (t: unknown) =>
      typeof t === 'string' ? `${new Date(Date.parse(t) + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00` : t;
    answer.created_at = local(image.created_at);
    answer.updated_at = local(image.updated_at);
  }
  return answer;
}

/** POST /v2/images, synchronous: no promise per request on the hot path (measured: scripts/measure-mock.ts). */
function createImage(ctx: MockContext, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const projectId = authorize(ctx, request, reply);
  if (projectId === undefined) {
    return reply;
  }
  const parsed = readJson(ctx, request);
  if (parsed === 'empty') {
    return sendError(reply, imsErrors.bodyEmpty);
  }
  if (parsed === 'format' || !isJsonObject(parsed.value)) {
    return sendError(reply, imsErrors.requestFormat);
  }
  const b = parsed.value;
  const config = ctx.config;
  const error = imageCreateError(b, config.deviations);
  if (error !== undefined) {
    return sendError(reply, error);
  }
  const image = imageRecord({
    owner: projectId,
    now: ctx.config.now(),
    // 002 name: "If this parameter is not specified, its value is empty by default."
    name:
      typeof b.name !== 'string'
        ? ''
        : deviates(config, 'image-create-name-lowercased')
          ? b.name.toLowerCase()
          : b.name,
    // 002 status: "queued: indicates that the image metadata has already been created"
    status: 'queued',
    minDisk: typeof b.min_disk === 'number' ? b.min_disk : 0,
    // 002 min_ram: "The default value is 0."
    minRam: typeof b.min_ram === 'number' ? b.min_ram : 0,
    // 002 disk_format: "The default value is vhd."; container_format: "The default value is bare."
    diskFormat:
      typeof b.disk_format === 'string'
        ? b.disk_format
        : deviates(config, 'image-create-default-disk-format-raw')
          ? 'raw'
          : 'vhd',
    containerFormat: typeof b.container_format === 'string' ? b.container_format : 'bare',
    virtualEnvType: 'FusionCompute',
    tags: Array.isArray(b.tags) ? (b.tags as string[]) : [],
    protected: b.protected === true,
    imageSize: 0,
    osVersion: typeof b.__os_version === 'string' ? b.__os_version : DEFAULT_OS_VERSION,
    extra: extraProperties(b),
  });
  if (b.visibility === 'public') {
    // Only reachable with the deviation image-create-visibility-public (the validator refuses it otherwise).
    image.visibility = 'public';
  }
  ctx.state.images.add(projectId, image);
  if (config.deviations.size > 0) {
    return sendJson(reply, deviates(config, 'image-create-status-200') ? 200 : 201, createAnswer(ctx, image));
  }
  // 002, Example response: "STATUS CODE 201"
  return sendJson(reply, 201, image);
}

/** Registers the native image operations. */
const JSON_PATCH_MEDIA = /^application\/openstack-images-v2\.1-json-patch\s*(?:;|$)/i;

/** A JSON patch that only replaces `/protected` with a boolean, or undefined when the body is anything else. */
function parsePatch(ctx: MockContext, request: FastifyRequest): { value: boolean }[] | undefined {
  const raw = request.body;
  const type = request.headers['content-type'];
  if (!Buffer.isBuffer(raw) || type === undefined || !JSON_PATCH_MEDIA.test(type)) {
    return undefined;
  }
  let ops: unknown;
  try {
    ops = ctx.parseJson(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(ops) || ops.length === 0) {
    return undefined;
  }
  const out: { value: boolean }[] = [];
  for (const op of ops) {
    if (!isJsonObject(op) || op.op !== 'replace' || op.path !== '/protected' || typeof op.value !== 'boolean') {
      return undefined;
    }
    out.push({ value: op.value });
  }
  return out;
}

/** The documented DELETE body, when one is sent: a JSON object whose `delete_backup` (if any) is a boolean. */
function deleteBodyError(ctx: MockContext, request: FastifyRequest): MockError | undefined {
  const parsed = readJson(ctx, request);
  if (parsed === 'empty') {
    return undefined;
  }
  if (parsed === 'format' || !isJsonObject(parsed.value)) {
    return imsErrors.requestFormat;
  }
  const backup = parsed.value.delete_backup;
  return backup === undefined || typeof backup === 'boolean' ? undefined : imsErrors.requestFormat;
}

export function imageRoutes(app: FastifyInstance, ctx: MockContext): void {
  app.post('/v2/images', (request, reply) => {
    createImage(ctx, request, reply);
  });

  app.get<ListQuery>(
    '/v2/images',
    answered((request, reply) => {
      const projectId = authorize(ctx, request, reply);
      if (projectId === undefined) {
        return reply;
      }
      settle(ctx);
      const { limit: limitText, marker } = request.query;
      const limit = limitText === undefined ? 25 : Number(limitText);
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        return sendError(reply, imsErrors.requestFormat);
      }
      const all = ctx.state.images.list(projectId);
      let start = 0;
      if (marker !== undefined) {
        const at = all.findIndex((image) => image.id === marker);
        if (at < 0) {
          return sendError(reply, imsErrors.requestFormat);
        }
        start = at + 1;
      }
      const images = all.slice(start, start + limit);
      const last = images.at(-1);
      const more = start + limit < all.length && last !== undefined;
      return sendJson(reply, 200, {
        images,
        schema: '/v2/schemas/images',
        first: `/v2/images?limit=${limit}`,
        ...(more ? { next: `/v2/images?limit=${limit}&marker=${last.id}` } : {}),
      });
    }),
  );

  app.get<ImageParams>(
    '/v2/images/:image_id',
    answered((request, reply) => {
      const projectId = authorize(ctx, request, reply);
      if (projectId === undefined) {
        return reply;
      }
      settle(ctx);
      const id = request.params.image_id;
      const image = deviates(ctx.config, 'image-get-leaks-other-project')
        ? ctx.state.images.findAny(id)
        : ctx.state.images.get(projectId, id);
      if (image === undefined) {
        return sendError(reply, imsErrors.imageNotFound);
      }
      return deviates(ctx.config, 'image-get-text-content-type')
        ? sendText(reply, 200, image)
        : sendJson(reply, 200, image);
    }),
  );

  // Not in the seed documents: the OpenStack image-update call of the native API (PATCH with a JSON patch), limited
  // to what clients and the suite's cleanup need — replacing `protected` (002: "A protected image cannot be
  // deleted", so clearing the flag is how a protected image is ever removed). Anything else is a bad request.
  app.patch<ImageParams>(
    '/v2/images/:image_id',
    answered((request, reply) => {
      const projectId = authorize(ctx, request, reply);
      if (projectId === undefined) {
        return reply;
      }
      const now = settle(ctx);
      const image = ctx.state.images.get(projectId, request.params.image_id);
      if (image === undefined) {
        return sendError(reply, imsErrors.imageNotFound);
      }
      const ops = parsePatch(ctx, request);
      if (ops === undefined) {
        return sendError(reply, imsErrors.requestFormat);
      }
      for (const op of ops) {
        image.protected = op.value;
      }
      image.updated_at = isoSeconds(now);
      return sendJson(reply, 200, image);
    }),
  );

  app.delete<ImageParams>(
    '/v2/images/:image_id',
    answered((request, reply) => {
      const projectId = authorize(ctx, request, reply);
      if (projectId === undefined) {
        return reply;
      }
      // Deleting reference page, Request: an optional body {"delete_backup": Boolean}; anything else is a bad request.
      const bodyProblem = deleteBodyError(ctx, request);
      if (bodyProblem) {
        return sendError(reply, bodyProblem);
      }
      settle(ctx);
      // Deleting reference page, Function: "You can only delete your own private images." — looked up in the
      // caller's project only, so another project's image is not found.
      const anyProject = deviates(ctx.config, 'image-delete-any-project');
      const image = anyProject
        ? ctx.state.images.findAny(request.params.image_id)
        : ctx.state.images.get(projectId, request.params.image_id);
      if (image === undefined) {
        return sendError(reply, imsErrors.imageNotFound);
      }
      // 002 protected: "A protected image cannot be deleted."
      if (image.protected && !deviates(ctx.config, 'image-delete-ignores-protected')) {
        return sendError(reply, imsErrors.imageProtected);
      }
      ctx.state.images.delete(anyProject ? image.owner : projectId, image.id);
      if (deviates(ctx.config, 'image-delete-status-200')) {
        return sendJson(reply, 200, image);
      }
      // Deleting reference page: "STATUS CODE 204"
      return reply.code(204).send();
    }),
  );
}
