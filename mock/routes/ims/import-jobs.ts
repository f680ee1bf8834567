/**
 * POST /v1/cloudimages/dataimages/action (000) and POST /v2/cloudimages/quickimport/action (001):
 * validate, start an asynchronous job, answer 200 `{job_id}`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type MockContext, settle } from '../../context.js';
import { deviates } from '../../deviations.js';
import { imsErrors, type MockError } from '../../errors.js';
import { answered, authorize, readJson, sendError, sendFlatError, sendJson } from '../../http.js';
import { imageRecord } from '../../state/image-record.js';
import { dataImageFailure, quickImportFailure } from '../../state/obs.js';
import { dataImageError } from '../../validate/data-image.js';
import { imageTagsOf, isJsonObject, type JsonObject } from '../../validate/fields.js';
import { DEFAULT_OS_VERSION } from '../../validate/os-version.js';
import { quickImportError, quickImportType } from '../../validate/quick-import.js';

/** The validated body, or undefined after sending the documented 400. */
function body(
  ctx: MockContext,
  request: FastifyRequest,
  reply: FastifyReply,
  rules: (b: JsonObject, deviations: ReadonlySet<string>) => MockError | undefined,
  send: typeof sendError = sendError,
): JsonObject | undefined {
  const parsed = readJson(ctx, request);
  if (parsed === 'empty') {
    send(reply, imsErrors.bodyEmpty);
    return undefined;
  }
  if (parsed === 'format' || !isJsonObject(parsed.value)) {
    send(reply, imsErrors.requestFormat);
    return undefined;
  }
  const error = rules(parsed.value, ctx.config.deviations);
  if (error !== undefined) {
    send(reply, error);
    return undefined;
  }
  return parsed.value;
}

/** Registers both import operations. */
export function importJobRoutes(app: FastifyInstance, ctx: MockContext): void {
  app.post(
    '/v1/cloudimages/dataimages/action',
    answered((request: FastifyRequest, reply: FastifyReply) => {
      const projectId = authorize(ctx, request, reply);
      const b = projectId === undefined ? undefined : body(ctx, request, reply, dataImageError);
      if (projectId === undefined || b === undefined) {
        return reply;
      }
      const now = settle(ctx);
      const url = String(b.image_url);
      const file = ctx.config.obs.get(url);
      const image = imageRecord({
        owner: projectId,
        now,
        name: String(b.name),
        status: 'queued',
        minDisk: Number(b.min_disk),
        minRam: 0,
        diskFormat: file?.format.toLowerCase() ?? 'zvhd2',
        containerFormat: 'bare',
        // 002 virtual_env_type: "For a data disk image, the value is DataImage."
        virtualEnvType: deviates(ctx.config, 'dataimage-not-data-image') ? 'FusionCompute' : 'DataImage',
        tags: imageTagsOf(b),
        protected: false,
        imageSize: file?.size ?? 0,
        osType: String(b.os_type),
        ...(typeof b.description === 'string' ? { description: b.description } : {}),
      });
      const failure = deviates(ctx.config, 'dataimage-missing-file-succeeds')
        ? undefined
        : dataImageFailure(ctx.config.obs, url);
      // The job page: "imsImportDataImageJob: Creating a data disk image from an external image file"
      const jobType = deviates(ctx.config, 'dataimage-job-type-system') ? 'imsImportImageJob' : 'imsImportDataImageJob';
      const job = ctx.state.jobs.start(projectId, jobType, now, image, failure);
      if (ctx.config.deviations.size > 0) {
        const jobId = deviates(ctx.config, 'dataimage-job-id-number')
          ? Number.parseInt(job.id.slice(0, 12), 16)
          : job.id;
        return sendJson(reply, deviates(ctx.config, 'dataimage-status-201') ? 201 : 200, { job_id: jobId });
      }
      // 000, Example response: "STATUS CODE 200" {"job_id": …}
      return sendJson(reply, 200, { job_id: job.id });
    }),
  );

  app.post(
    '/v2/cloudimages/quickimport/action',
    answered((request: FastifyRequest, reply: FastifyReply) => {
      const projectId = authorize(ctx, request, reply);
      const send = deviates(ctx.config, 'quickimport-flat-error-envelope') ? sendFlatError : sendError;
      const b = projectId === undefined ? undefined : body(ctx, request, reply, quickImportError, send);
      if (projectId === undefined || b === undefined) {
        return reply;
      }
      const now = settle(ctx);
      const type = quickImportType(b) ?? 'ECS';
      const url = String(b.image_url);
      const minDisk = Number(b.min_disk);
      const file = ctx.config.obs.get(url);
      const image = imageRecord({
        owner: projectId,
        now,
        name: String(b.name),
        status: 'queued',
        minDisk,
        minRam: 0,
        diskFormat: file?.format.toLowerCase() ?? 'zvhd2',
        containerFormat: 'bare',
        // 002 virtual_env_type: ECS image FusionCompute, data disk image DataImage, BMS image Ironic.
        virtualEnvType: type === 'DataImage' ? 'DataImage' : type === 'BMS' ? 'Ironic' : 'FusionCompute',
        tags: imageTagsOf(b),
        protected: false,
        imageSize: file?.size ?? 0,
        ...(type === 'DataImage'
          ? { osType: String(b.os_type) }
          : // os_version is only absent with the deviation quickimport-os-version-optional
            { osVersion: typeof b.os_version === 'string' ? b.os_version : DEFAULT_OS_VERSION }),
        ...(typeof b.description === 'string' && !deviates(ctx.config, 'quickimport-description-dropped')
          ? { description: b.description }
          : {}),
      });
      if (deviates(ctx.config, 'quickimport-image-tags-untrimmed') && Array.isArray(b.image_tags)) {
        // Format of image_tags: "If the first and last characters of the tag key and value are spaces, the system
        // deletes the space by default." — the deviation keeps them.
        image.tags = b.image_tags.map((t: Record<string, unknown>) => `${String(t.key)}.${String(t.value ?? '')}`);
      }
      if (type !== 'DataImage' && deviates(ctx.config, 'quickimport-image-platform-other')) {
        // A service that derives nothing from os_version on this path and files every imported image as Other.
        image.__platform = 'Other';
      }
      if (type !== 'DataImage') {
        // 001 architecture: "The default value is x86." (an arm image boots in UEFI mode)
        image.architecture = b.architecture ?? 'x86';
        image.hw_firmware_type = image.architecture === 'arm' ? 'uefi' : 'bios';
      }
      const failure = quickImportFailure(ctx.config.obs, url, minDisk);
      const jobType = type === 'DataImage' ? 'imsImportDataImageJob' : 'imsImportImageJob';
      const job = ctx.state.jobs.start(projectId, jobType, now, image, failure);
      // 001, Example response: "STATUS CODE 200"
      return sendJson(reply, 200, { job_id: job.id });
    }),
  );
}
