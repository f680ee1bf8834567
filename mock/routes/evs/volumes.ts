/**
 * EVS: POST /v2/{project_id}/volumes/{volume_id}/action with os-volume_upload_image (003/004, by the
 * configured revision) and GET /v2/{project_id}/volumes/{volume_id} (evs-querying_details_about_a_disk.rst).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type MockContext, settle } from '../../context.js';
import { deviates } from '../../deviations.js';
import { evsErrors } from '../../errors.js';
import { answered, authorize, readJson, sendError, sendFlatError, sendJson } from '../../http.js';
import { imageRecord } from '../../state/image-record.js';
import { type Volume, volumeView } from '../../state/volumes.js';
import { evsTime } from '../../time.js';
import { volumeUploadRequest } from '../../validate/volume-upload.js';

type VolumeParams = { Params: { project_id: string; volume_id: string } };

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** 003/004 response, "Parameters in the volume_type field" and the example response. */
function volumeType(extraSpecs: boolean): Record<string, unknown> {
  return {
    // 003/004 type description as Integer, the example has "None" (erratum.uploadimage.volume_type_description):
    // the table, which the suite enforces, is followed.
    description: 0,
    deleted: false,
    created_at: '2015-05-24T14:47:22.132268',
    updated_at: '2017-07-29T11:29:33.730076',
    // The field table says extra_spec, the next table and the example say extra_specs: the example is followed.
    ...(extraSpecs ? { extra_specs: { volume_backend_name: 'SAS', 'RESKEY:availability_zones': 'az-dc-1' } } : {}),
    is_public: true,
    deleted_at: null,
    id: '8247b6ed-37f0-4c48-8ef1-f0027fb332bc',
    name: 'SAS',
  };
}

/** Registers the EVS operations; a project id other than the caller's, or another project's disk, is 404. */
export function volumeRoutes(app: FastifyInstance, ctx: MockContext): void {
  const lookup = (projectId: string, params: VolumeParams['Params']): Volume | undefined =>
    params.project_id === projectId ? ctx.state.volumes.get(projectId, params.volume_id) : undefined;

  app.get<VolumeParams>(
    '/v2/:project_id/volumes/:volume_id',
    answered((request, reply) => {
      const projectId = authorize(ctx, request, reply);
      if (projectId === undefined) {
        return reply;
      }
      settle(ctx);
      const volume = lookup(projectId, request.params);
      if (volume === undefined) {
        return sendError(reply, evsErrors.notFound);
      }
      const view = volumeView(volume, baseUrl(request));
      if (deviates(ctx.config, 'volume-get-size-string')) {
        (view.volume as Record<string, unknown>).size = String(volume.size);
      }
      if (deviates(ctx.config, 'volume-get-volume-type-object')) {
        (view.volume as Record<string, unknown>).volume_type = volumeType(false);
      }
      if (deviates(ctx.config, 'volume-get-tenant-not-project')) {
        // A service reporting the owning domain (or a fixed admin tenant) instead of the project asked under.
        (view.volume as Record<string, unknown>)['os-vol-tenant-attr:tenant_id'] = '0000000000000000000000000000d0e5';
      }
      return sendJson(reply, 200, view);
    }),
  );

  app.post<VolumeParams>(
    '/v2/:project_id/volumes/:volume_id/action',
    answered((request, reply) => {
      const projectId = authorize(ctx, request, reply);
      if (projectId === undefined) {
        return reply;
      }
      const now = settle(ctx);
      const config = ctx.config;
      const send = deviates(config, 'evs-export-bare-error') ? sendFlatError : sendError;
      const volume = lookup(projectId, request.params);
      if (volume === undefined) {
        return send(reply, evsErrors.notFound);
      }
      const parsed = readJson(ctx, request);
      if (typeof parsed === 'string') {
        return send(reply, evsErrors.malformedBody);
      }
      const other = config.revision === '003' ? '004' : '003';
      const defaults = deviates(config, 'evs-export-other-revision-default') ? other : config.revision;
      const req = volumeUploadRequest(parsed.value, config.revision, defaults);
      if ('code' in req) {
        return send(reply, req);
      }
      // 003/004 force: "If force is set to false and the disk is in the in-use state, the image cannot be forcibly
      // exported." A disk already uploading cannot be exported again.
      const forceIgnored = deviates(config, 'evs-export-ignores-force');
      if (volume.status === 'uploading' || (volume.status === 'in-use' && !req.force && !forceIgnored)) {
        return send(reply, evsErrors.invalidStatus);
      }
      const image = imageRecord({
        owner: projectId,
        now,
        name: req.imageName,
        status: 'queued',
        minDisk: volume.size,
        minRam: 0,
        diskFormat: req.diskFormat,
        // The 202 echoes the container type asked; the deviation writes another one on the image IMS keeps.
        containerFormat: deviates(config, 'evs-export-image-container-format-other') ? 'ovf' : req.containerFormat,
        virtualEnvType: 'FusionCompute',
        tags: [],
        protected: false,
        imageSize: 0,
        // Deviation evs-export-default-os-type-windows: the default linux is not applied.
        osType: deviates(config, 'evs-export-default-os-type-windows') && req.osTypeDefaulted ? 'windows' : req.osType,
      });
      ctx.state.images.add(projectId, image);
      volume.previous = volume.status;
      volume.status = 'uploading';
      volume.updatedMs = now;
      const doneMs = now + config.jobs.initMs + config.jobs.runMs;
      // Deviation evs-export-volume-stays-uploading: the export never ends.
      const endless = deviates(config, 'evs-export-volume-stays-uploading');
      ctx.state.effects.at(endless ? Number.POSITIVE_INFINITY : doneMs, () => {
        volume.status = volume.previous ?? 'available';
        volume.previous = undefined;
        volume.updatedMs = doneMs;
        image.status = 'active';
        image.__image_size = String(volume.size * 1024 ** 3);
        image.updated_at = new Date(doneMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
      });
      // 003/004 "Status Codes: Normal 202"
      return sendJson(reply, 202, {
        'os-volume_upload_image': {
          // "Specifies the disk status after the image is exported. The correct value is uploading."
          status: 'uploading',
          size: deviates(config, 'evs-export-size-bytes') ? volume.size * 1024 ** 3 : volume.size,
          id: volume.id,
          ...(deviates(config, 'evs-export-no-image-id') ? {} : { image_id: image.id }),
          image_name: req.imageName,
          volume_type: {
            ...volumeType(!deviates(config, 'evs-export-no-extra-specs')),
            // A service describing a default type instead of the disk's own (the disk query says SAS).
            ...(deviates(config, 'evs-export-volume-type-other') ? { name: 'SSD' } : {}),
          },
          container_format: req.containerFormat,
          disk_format: req.diskFormat,
          // The disk's own description (the disk query's volume.description).
          display_description: deviates(config, 'evs-export-description-other') ? 'exported by ims' : '',
          updated_at: evsTime(now),
        },
        ...(deviates(config, 'evs-export-error-null') ? { error: null } : {}),
      });
    }),
  );
}
