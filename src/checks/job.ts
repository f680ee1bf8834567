/**
 * Checks of an asynchronous job and of the image it made (pure functions of what the flow observed).
 * @see ../shared/docs/reference/ims-querying_the_status_of_an_asynchronous_job.rst
 */

import { valueAtPointer } from '../json/pointer.js';
import { isPlainObject } from '../json/value.js';
import type { Constraint } from '../model/compiled.js';
import type { Finding } from '../model/verdict.js';
import { requestPointer } from './echo.js';
import { findingFor, shortJson } from './finding.js';
import type { CheckContext } from './types.js';

/**
 * How a followed job ended: its documented end states, the flow's own bound (`timeout`: the job did not end within
 * the per-job timeout), or `cut`: the wait stopped before that bound because its test had to end (src/run/wait-scope.ts).
 */
export type JobEnd = 'SUCCESS' | 'FAIL' | 'timeout' | 'unreadable' | 'cut';

/** What following one job observed. */
export interface JobObservation {
  readonly jobId: string;
  readonly end: JobEnd;
  /** The last job body read (GET /v1/{project_id}/jobs/{job_id}). */
  readonly body?: unknown;
  /** Time from the first poll to the end (or to giving up). */
  readonly waitedMs: number;
  readonly polls: number;
  /** For `unreadable`: what came back instead of a job; for `cut`: why the wait stopped early. */
  readonly problem?: string;
}

/**
 * The image id a finished job body names, at the creating operation's `async.imageIdPointer` (000/001:
 * /entities/image_id, Table 2: "Specifies the image ID").
 */
export function jobImageId(body: unknown, imageIdPointer: string): string | undefined {
  const id = valueAtPointer(body, imageIdPointer).value;
  return typeof id === 'string' ? id : undefined;
}

function failText(body: unknown): string {
  const b = isPlainObject(body) ? body : {};
  return `FAIL, error_code ${shortJson(b.error_code ?? null)}, fail_reason ${shortJson(b.fail_reason ?? null)}`;
}

/**
 * The job ended as the request deserves: a valid request's job ends SUCCESS naming its image (status "SUCCESS: The
 * job is successfully executed", entities "If the job status is normal, the image ID will be returned"); a request
 * whose file cannot be imported ends FAIL. A job that never ends is a failure with the time waited, never a hang.
 */
export function jobOutcomeFindings(
  ctx: CheckContext,
  c: Constraint,
  job: JobObservation,
  expected: 'SUCCESS' | 'FAIL',
): Finding[] {
  const imageAt = ctx.op.spec.async?.imageIdPointer;
  if (imageAt === undefined) {
    // Only an operation whose spec declares the job it starts has a job to judge: a caller's bug otherwise.
    throw new Error(`${ctx.op.id}: jobOutcomeFindings needs the spec's async block (none declared)`);
  }
  // What holds the image id (000/001: /entities), shown when the id is missing.
  const holder = imageAt.slice(0, imageAt.lastIndexOf('/'));
  const shown = () => `${holder || 'body'} = ${shortJson(valueAtPointer(job.body, holder).value)}`;
  const documented = expected === 'SUCCESS' ? `status SUCCESS with ${imageAt}` : 'status FAIL (or a synchronous 400)';
  const fail = (title: string, received: string) => [findingFor(ctx, 'job', c, { title, received, documented })];
  if (job.end === 'timeout') {
    const status = isPlainObject(job.body) ? String(job.body.status) : 'no status';
    return fail(
      `job did not end within ${job.waitedMs} ms`,
      `job ${job.jobId} still ${status} after ${job.waitedMs} ms (${job.polls} polls)`,
    );
  }
  if (job.end === 'unreadable') {
    return fail('job could not be read', `job ${job.jobId}: ${job.problem ?? 'no answer'}`);
  }
  if (job.end === 'cut') {
    // Given up before its own timeout: nothing says the job would not have ended as documented.
    const status = isPlainObject(job.body) ? String(job.body.status) : 'not read';
    return [
      {
        checkId: 'job',
        constraintId: c.id,
        severity: 'not_checked',
        title: 'not checked',
        message: `job ${job.jobId} still ${status} after ${Math.round(job.waitedMs / 1000)} s: ${job.problem ?? 'the wait was cut short'}`,
        citation: c.citation,
        caseId: ctx.caseId,
      },
    ];
  }
  if (expected === 'SUCCESS') {
    if (job.end === 'FAIL') {
      return fail('job of a valid request ended FAIL', `job ${job.jobId}: ${failText(job.body)}`);
    }
    return jobImageId(job.body, imageAt) ? [] : fail(`job ended SUCCESS without ${imageAt}`, shown());
  }
  return job.end === 'FAIL' ? [] : fail('job that should fail ended SUCCESS', `job ${job.jobId}: SUCCESS, ${shown()}`);
}

/** A value the image must carry, and the constraint that says so. */
export interface ImageExpectation {
  readonly constraint: Constraint;
  /** Where on GET /v2/images/{image_id}. */
  readonly pointer: string;
  readonly expected: unknown;
  /** Arrays: the image must contain every expected item (it may carry more tags); otherwise equality. */
  readonly contains?: boolean;
  /** The image must NOT carry `expected` at the pointer (absent is fine). */
  readonly notEqual?: boolean;
}

/**
 * What the import asked for, as the image must show it: every `echo: {in: image}` block of the operation whose
 * field the request sent (name, min_disk, __os_type, __os_version, __description, tags).
 */
export function imageEchoExpectations(ctx: CheckContext, body: unknown): ImageExpectation[] {
  const out: ImageExpectation[] = [];
  for (const c of ctx.op.constraints) {
    const echo = c.field?.echo;
    const p = requestPointer(c);
    if (c.kind !== 'echo' || c.side !== 'request' || echo?.in !== 'image' || p === undefined) {
      continue;
    }
    const sent = valueAtPointer(body, p);
    if (sent.present) {
      out.push({ constraint: c, pointer: echo.pointer, expected: sent.value, contains: Array.isArray(sent.value) });
    }
  }
  return out;
}

/** The image carries each expected value (compared as documented values; tags as a set it must contain). */
export function imageFindings(ctx: CheckContext, image: unknown, expectations: readonly ImageExpectation[]): Finding[] {
  const out: Finding[] = [];
  for (const e of expectations) {
    const got = valueAtPointer(image, e.pointer);
    const ok = e.notEqual
      ? !got.present || JSON.stringify(got.value) !== JSON.stringify(e.expected)
      : got.present &&
        (e.contains && Array.isArray(e.expected) && Array.isArray(got.value)
          ? e.expected.every((v) => (got.value as unknown[]).some((g) => JSON.stringify(g) === JSON.stringify(v)))
          : JSON.stringify(got.value) === JSON.stringify(e.expected));
    if (!ok) {
      out.push(
        findingFor(ctx, 'image', e.constraint, {
          title: `the created image's ${e.pointer} is not what was asked`,
          received: got.present ? `${e.pointer} = ${shortJson(got.value)}` : `${e.pointer} absent`,
          documented: `${e.pointer} ${e.notEqual ? '≠' : e.contains ? 'contains' : '='} ${shortJson(e.expected)}`,
          pointer: e.pointer,
        }),
      );
    }
  }
  return out;
}

/**
 * The job type an import must report (job page, job_type: "imsImportImageJob: Creating a system disk image from an
 * external image file", "imsImportDataImageJob: Creating a data disk image from an external image file").
 */
export function jobTypeFindings(ctx: CheckContext, c: Constraint, job: JobObservation, expected: string): Finding[] {
  if (job.end !== 'SUCCESS' && job.end !== 'FAIL') {
    return [];
  }
  const got = valueAtPointer(job.body, '/job_type').value;
  return got === expected
    ? []
    : [
        findingFor(ctx, 'job', c, {
          title: 'the job reports another job type',
          received: `/job_type = ${shortJson(got)}`,
          documented: `/job_type = ${JSON.stringify(expected)}`,
          pointer: '/job_type',
        }),
      ];
}

/**
 * A FAIL job "will return an error code and details" (job page, entities): a non-empty error_code and fail_reason,
 * at the top level (the page's own fields) or inside entities.
 */
export function failDetailsFindings(ctx: CheckContext, c: Constraint, job: JobObservation): Finding[] {
  if (job.end !== 'FAIL') {
    return [];
  }
  const filled = (p: string) => {
    const v = valueAtPointer(job.body, p).value;
    return typeof v === 'string' && v.trim().length > 0;
  };
  const code = filled('/error_code') || filled('/entities/error_code');
  const details = filled('/fail_reason') || filled('/entities/fail_reason');
  return code && details
    ? []
    : [
        findingFor(ctx, 'job', c, {
          title: 'a FAIL job without its error code and details',
          received: `error_code = ${shortJson(valueAtPointer(job.body, '/error_code').value)}, fail_reason = ${shortJson(valueAtPointer(job.body, '/fail_reason').value)}`,
          documented: 'a non-empty error_code and fail_reason',
        }),
      ];
}
