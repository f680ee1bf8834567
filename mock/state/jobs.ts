/**
 * Asynchronous jobs: INIT → RUNNING → SUCCESS or FAIL, computed from elapsed time when read.
 * @see ../shared/docs/reference/ims-querying_the_status_of_an_asynchronous_job.rst
 */
import { randomBytes } from 'node:crypto';
import type { MockError } from '../errors.js';
import { isoMillis } from '../time.js';
import type { DeferredEffects, ImageRecord, ImageStore } from './store.js';

/** Job types of the reference page used here. */
export type JobType = 'imsImportImageJob' | 'imsImportDataImageJob';

export type JobStatus = 'INIT' | 'RUNNING' | 'SUCCESS' | 'FAIL';

export interface Job {
  readonly id: string;
  readonly projectId: string;
  readonly type: JobType;
  readonly beginMs: number;
  readonly initEndMs: number;
  readonly doneMs: number;
  readonly image: ImageRecord;
  readonly failure: MockError | undefined;
}

export interface JobTiming {
  readonly initMs: number;
  readonly runMs: number;
}

/** Jobs per project. */
export class JobStore {
  readonly #jobs = new Map<string, Job>();
  readonly #timing: JobTiming;
  readonly #effects: DeferredEffects;
  readonly #images: ImageStore;

  constructor(timing: JobTiming, effects: DeferredEffects, images: ImageStore) {
    this.#timing = timing;
    this.#effects = effects;
    this.#images = images;
  }

  /** Starts a job that adds `image` to the project on SUCCESS, or ends in FAIL with `failure`. */
  start(projectId: string, type: JobType, now: number, image: ImageRecord, failure: MockError | undefined): Job {
    // Job ids look like the documents' examples: 32 hex digits ("4010a32b5f909853015f90aaa24b0015").
    const id = randomBytes(16).toString('hex');
    const initEndMs = now + this.#timing.initMs;
    const job: Job = {
      id,
      projectId,
      type,
      beginMs: now,
      initEndMs,
      doneMs: initEndMs + this.#timing.runMs,
      image,
      failure,
    };
    this.#jobs.set(id, job);
    if (failure === undefined) {
      this.#effects.at(job.doneMs, () => {
        image.status = 'active';
        this.#images.add(projectId, image);
      });
    }
    return job;
  }

  /** The job if it belongs to the project (another project's job is "not found"). */
  get(projectId: string, id: string): Job | undefined {
    const job = this.#jobs.get(id);
    return job?.projectId === projectId ? job : undefined;
  }
}

/** The job's status at `now`. */
export function jobStatus(job: Job, now: number): JobStatus {
  if (now < job.initEndMs) {
    return 'INIT';
  }
  if (now < job.doneMs) {
    return 'RUNNING';
  }
  return job.failure === undefined ? 'SUCCESS' : 'FAIL';
}

/** The job as GET /v1/{project_id}/jobs/{job_id} returns it. */
export function jobView(job: Job, now: number): Record<string, unknown> {
  const status = jobStatus(job, now);
  const done = status === 'SUCCESS' || status === 'FAIL';
  const name = job.image.name;
  return {
    status,
    job_id: job.id,
    job_type: job.type,
    begin_time: isoMillis(job.beginMs),
    end_time: done ? isoMillis(job.doneMs) : null,
    error_code: status === 'FAIL' ? (job.failure?.code ?? null) : null,
    fail_reason: status === 'FAIL' ? (job.failure?.message ?? null) : null,
    // Table 2: image_id "returned only when the value of job_type is … imsImportImageJob … imsImportDataImageJob"
    entities: status === 'SUCCESS' ? { image_name: name, image_id: job.image.id } : { image_name: name },
  };
}
