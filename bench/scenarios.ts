/**
 * The HTTP scenarios of the throughput benchmark: each operation with a valid request (the document's own
 * example body where there is one) and an invalid one (one documented constraint broken, or an unknown id for a
 * GET). Each scenario names the status it expects, so a wrong answer shows up as a mismatch in the report
 * instead of silently measuring an error path.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchVolumeIds } from './servers/volumes.js';

export const PROJECT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const TOKEN = 'mock-token-project-a';
export const VOLUME_AVAILABLE = '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e01';
export const VOLUME_IN_USE = '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e02';
/** Extra available volumes the benchmark mock gets, so exports rotate over disks that are not `uploading`. */
export const BENCH_VOLUMES = 512;

export interface Scenario {
  /** `POST /v2/images valid`, … */
  readonly name: string;
  readonly operation: string;
  readonly variant: 'valid' | 'invalid' | 'refused';
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  /** Rotating paths (one per request, round robin), e.g. the EVS export over many volumes. */
  readonly paths?: readonly string[];
  readonly expectStatus: number;
  readonly note?: string;
}

/** Ids the GET scenarios need, created on the mock before the load starts. */
export interface ScenarioFixtures {
  readonly imageId: string;
  readonly jobId: string;
}

const example = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve('specs/examples', file), 'utf8')) as Record<string, unknown>;

const json = (value: unknown): string => JSON.stringify(value);

/** Every scenario, in report order. */
export function scenarios(f: ScenarioFixtures): Scenario[] {
  const image = example('002/request.json');
  const dataImage = example('000/request-tags.json');
  const quick = example('001/request-system-tags.json');
  const upload = example('004/request.json');
  const uploadBody = upload['os-volume_upload_image'] as Record<string, unknown>;
  const exportPath = (id: string) => `/v2/${PROJECT}/volumes/${id}/action`;
  return [
    {
      name: 'POST /v2/images valid',
      operation: 'ims.imagecreate',
      variant: 'valid',
      method: 'POST',
      path: '/v2/images',
      body: json(image),
      expectStatus: 201,
      note: '002 example request',
    },
    {
      name: 'POST /v2/images invalid',
      operation: 'ims.imagecreate',
      variant: 'invalid',
      method: 'POST',
      path: '/v2/images',
      body: json({ ...image, disk_format: 'iso' }),
      expectStatus: 400,
      note: 'disk_format "iso" (enum miss)',
    },
    {
      name: 'POST dataimages/action valid',
      operation: 'ims.dataimage',
      variant: 'valid',
      method: 'POST',
      path: '/v1/cloudimages/dataimages/action',
      body: json(dataImage),
      expectStatus: 200,
      note: '000 example request (tags)',
    },
    {
      name: 'POST dataimages/action invalid',
      operation: 'ims.dataimage',
      variant: 'invalid',
      method: 'POST',
      path: '/v1/cloudimages/dataimages/action',
      body: json({ ...dataImage, min_disk: 39 }),
      expectStatus: 400,
      note: 'min_disk 39 (range below 40)',
    },
    {
      name: 'POST quickimport/action valid',
      operation: 'ims.quickimport',
      variant: 'valid',
      method: 'POST',
      path: '/v2/cloudimages/quickimport/action',
      body: json(quick),
      expectStatus: 200,
      note: '001 example request (system disk, tags)',
    },
    {
      name: 'POST quickimport/action invalid',
      operation: 'ims.quickimport',
      variant: 'invalid',
      method: 'POST',
      path: '/v2/cloudimages/quickimport/action',
      body: json({ ...quick, type: 'ecs' }),
      expectStatus: 400,
      note: 'type "ecs" (enum case)',
    },
    {
      name: 'GET /v2/images/{id} valid',
      operation: 'ims.imageget',
      variant: 'valid',
      method: 'GET',
      path: `/v2/images/${f.imageId}`,
      expectStatus: 200,
      note: 'an image created before the load',
    },
    {
      name: 'GET /v2/images/{id} unknown',
      operation: 'ims.imageget',
      variant: 'invalid',
      method: 'GET',
      path: '/v2/images/00000000-0000-4000-8000-000000000000',
      expectStatus: 404,
      note: 'unknown image id',
    },
    {
      name: 'GET /v1/{p}/jobs/{id} valid',
      operation: 'ims.job',
      variant: 'valid',
      method: 'GET',
      path: `/v1/${PROJECT}/jobs/${f.jobId}`,
      expectStatus: 200,
      note: 'a data-image job created before the load',
    },
    {
      name: 'GET /v1/{p}/jobs/{id} unknown',
      operation: 'ims.job',
      variant: 'invalid',
      method: 'GET',
      path: `/v1/${PROJECT}/jobs/ff8080820000000000000000000000ff`,
      expectStatus: 404,
      note: 'unknown job id',
    },
    {
      name: 'POST volumes/{id}/action valid',
      operation: 'evs.uploadimage',
      variant: 'valid',
      method: 'POST',
      path: exportPath(VOLUME_AVAILABLE),
      paths: benchVolumeIds(BENCH_VOLUMES).map(exportPath),
      body: json(upload),
      expectStatus: 202,
      note: `004 example request, rotating over ${BENCH_VOLUMES} available volumes (jobs 1 ms + 1 ms)`,
    },
    {
      name: 'POST volumes/{id}/action invalid',
      operation: 'evs.uploadimage',
      variant: 'invalid',
      method: 'POST',
      path: exportPath(VOLUME_AVAILABLE),
      body: json({ 'os-volume_upload_image': { ...uploadBody, disk_format: 'iso' } }),
      expectStatus: 400,
      note: 'disk_format "iso" (enum miss)',
    },
    {
      name: 'POST volumes/{id}/action refused',
      operation: 'evs.uploadimage',
      variant: 'refused',
      method: 'POST',
      path: exportPath(VOLUME_IN_USE),
      body: json({ 'os-volume_upload_image': { ...uploadBody, force: false } }),
      expectStatus: 400,
      note: 'valid body, in-use volume without force (refused by state)',
    },
  ];
}
