import { derivedFindings } from '../../checks/derived.js';
import { findingFor, shortJson } from '../../checks/finding.js';
import {
  failDetailsFindings,
  type ImageExpectation,
  imageEchoExpectations,
  imageFindings,
  jobOutcomeFindings,
  jobTypeFindings,
} from '../../checks/job.js';
import { compileSchema } from '../../compile/ajv.js';
import type { HttpRequest } from '../../http/types.js';
import { valueAtPointer } from '../../json/pointer.js';
import { isPlainObject } from '../../json/value.js';
import type { GeneratedCase } from '../../model/case.js';
import type { RunContext } from '../context.js';
import { executeCase, fillPath } from '../execute.js';
import { type FollowedJob, followJob } from '../job.js';
import { operationById } from '../specs.js';
import { constraintById, type FlowLog, notChecked, stepContext } from './step.js';

/** One import to run through to its image. */
export interface ImportRequest {
  /** `ims.dataimage` (000) or `ims.quickimport` (001). */
  readonly operationId: 'ims.dataimage' | 'ims.quickimport';
  readonly variant?: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly caseId: string;
  /** SUCCESS for a valid import; FAIL for one whose file cannot be imported. */
  readonly expectJob: 'SUCCESS' | 'FAIL';
  /** Per-job timeout override (default: the target's, src/run/job.ts). */
  readonly jobTimeoutMs?: number;
}

export interface ImportResult {
  readonly jobId?: string;
  readonly imageId?: string;
}

/** The request is valid for its operation's compiled schema (a flow sending an invalid request is our bug). */
function assertValid(run: RunContext, operationId: string, body: unknown): void {
  const op = operationById(run.specs, operationId);
  if (op.requestSchema && !compileSchema(op.requestSchema)(body)) {
    throw new Error(`flow request for ${operationId} breaks its own schema: ${JSON.stringify(body)}`);
  }
}

/**
 * 002 virtual_env_type: "For an ECS image, the value is FusionCompute.For a data disk image, the value is
 * DataImage.For a BMS image, the value is Ironic." — by the import's kind.
 */
function expectedEnvType(operationId: string, body: Readonly<Record<string, unknown>>): string {
  if (operationId === 'ims.dataimage' || body.type === 'DataImage') {
    return 'DataImage';
  }
  return body.type === 'BMS' ? 'Ironic' : 'FusionCompute';
}

/** What the created image must show beyond the echo blocks: image_tags as tags, virtual_env_type, UEFI for arm. */
function ruleExpectations(run: RunContext, req: ImportRequest): ImageExpectation[] {
  const id = req.operationId;
  const out: ImageExpectation[] = [
    {
      constraint: constraintById(run, id, `${id}.image.virtual_env_type`),
      pointer: '/virtual_env_type',
      expected: expectedEnvType(id, req.body),
    },
  ];
  const imageTags = req.body.image_tags;
  if (Array.isArray(imageTags)) {
    // ims-image_tag_format.rst: "The format is key.value."; Format of image_tags: "If the first and last characters
    // of the tag key and value are spaces, the system deletes the space by default."
    const trim = (v: unknown) => String(v ?? '').replace(/^ +| +$/g, '');
    const tags = imageTags.map((t) => (isPlainObject(t) ? `${trim(t.key)}.${trim(t.value)}` : String(t)));
    out.push({
      constraint: constraintById(run, id, `${id}.image.image_tags`),
      pointer: '/tags',
      expected: tags,
      contains: true,
    });
  }
  if (id === 'ims.quickimport' && req.body.architecture === 'arm') {
    // 001: "If the image architecture is ARM, the boot mode is automatically changed to UEFI."
    out.push({
      constraint: constraintById(run, id, 'ims.quickimport.architecture.uefi'),
      pointer: '/hw_firmware_type',
      expected: 'uefi',
    });
  }
  return out;
}

/**
 * An import from end to end: POST (the operation's own checks) → job followed to its end (ims.job schema on every
 * poll, outcome against `<op>.job.success` or the missing-file rule) → on SUCCESS the image (ims.imageget checks)
 * carries what was asked (echo blocks `in: image`, image_tags, virtual_env_type, UEFI).
 */
export async function importFlow(run: RunContext, log: FlowLog, req: ImportRequest): Promise<ImportResult> {
  assertValid(run, req.operationId, req.body);
  const op = operationById(run.specs, req.operationId);
  const outcomeId = req.expectJob === 'SUCCESS' ? `${op.id}.job.success` : `${op.id}.image_url.file_missing`;
  const outcome = constraintById(run, op.id, outcomeId);
  const gcase: GeneratedCase = {
    operationId: op.id,
    expect: req.expectJob === 'SUCCESS' ? 'accept' : 'reject',
    ...(req.expectJob === 'FAIL' ? { expectStatus: 400, constraintId: outcomeId } : {}),
    body: req.body,
    pathParams: {},
    label: `flow: ${req.caseId}`,
    ...(req.variant ? { variant: req.variant } : {}),
  };
  const posted = await executeCase(run, op, gcase, req.caseId, { seed: run.options.seed });
  const response = posted.exchange.response;
  // Where the job id and the image id live is the spec's `async` block (000/001: /job_id, /entities/image_id).
  const jobs = op.spec.async;
  const jobId = jobs ? valueAtPointer(response?.json, jobs.jobIdPointer).value : undefined;
  if (req.expectJob === 'FAIL' && response?.status === 400) {
    // The file is refused up front: as good as a FAIL job (the rule allows either).
    log.push(posted.record);
    return {};
  }
  // A missing file may be accepted (200) and fail in the job: the status check's 400 expectation does not apply.
  log.push(
    req.expectJob === 'FAIL' && response?.status === op.spec.success
      ? { ...posted.record, findings: posted.findings.filter((f) => f.checkId !== 'status') }
      : posted.record,
  );
  if (typeof jobId !== 'string' || !jobs) {
    const ctx = stepContext(run, op.id, `${req.caseId}:job`);
    const f = findingFor(ctx, 'job', outcome, {
      title: 'no job to follow',
      received: `${response?.status ?? 'no answer'} ${shortJson(response?.json ?? posted.exchange.error?.message)}`,
      documented: `${op.spec.success} with a job id at ${jobs?.jobIdPointer ?? '(no async block in the spec)'}`,
    });
    log.step(`${req.caseId}:job`, op.id, [outcome.id], [f], posted.exchange);
    return {};
  }
  const job = await followJob(run, jobId, {
    caseId: req.caseId,
    async: jobs,
    ...(req.jobTimeoutMs !== undefined ? { timeoutMs: req.jobTimeoutMs } : {}),
  });
  log.step(`${req.caseId}:job:schema`, jobs.jobOperation, job.covered, job.schemaFindings, job.last);
  const ctx = stepContext(run, op.id, `${req.caseId}:job`);
  log.step(`${req.caseId}:job`, op.id, [outcome.id], jobOutcomeFindings(ctx, outcome, job, req.expectJob), job.last);
  if (job.end === 'SUCCESS' || job.end === 'FAIL') {
    // The job page names the job type of each import; a data disk image (000, or 001 with type DataImage) is
    // imsImportDataImageJob, a system disk image imsImportImageJob.
    const typeRule = constraintById(run, op.id, `${op.id}.job.type`);
    const expectedType =
      op.id === 'ims.dataimage' || req.body.type === 'DataImage' ? 'imsImportDataImageJob' : 'imsImportImageJob';
    log.step(
      `${req.caseId}:job:type`,
      op.id,
      [typeRule.id],
      jobTypeFindings(ctx, typeRule, job, expectedType),
      job.last,
    );
  }
  if (job.end === 'FAIL') {
    const details = constraintById(run, op.id, `${op.id}.job.fail_details`);
    log.step(`${req.caseId}:job:fail`, op.id, [details.id], failDetailsFindings(ctx, details, job), job.last);
  }
  const imageAt = valueAtPointer(job.body, jobs.imageIdPointer).value;
  const imageId = job.end === 'SUCCESS' && typeof imageAt === 'string' ? imageAt : undefined;
  // What the job's end left unjudged is not checked, saying how the job ended (issue 18, point 7): a job still
  // RUNNING when the wait gave up shows no job type and makes no image — not "no case exercised this constraint".
  const unjudged = [
    ...(job.end === 'SUCCESS' || job.end === 'FAIL' ? [] : [`${op.id}.job.type`]),
    ...(req.expectJob === 'FAIL' && job.end !== 'FAIL' ? [`${op.id}.job.fail_details`] : []),
    ...(req.expectJob === 'SUCCESS' && !imageId
      ? [
          ...[...imageEchoExpectations(ctx, req.body), ...ruleExpectations(run, req)].map((e) => e.constraint.id),
          // The table-derived fields (the system image's __os_type, __platform, __os_bit) of a request that sends
          // the field they depend on: judged on the image only, so its absence leaves them unjudged too.
          ...op.constraints
            .filter((k) => k.rule?.derived && valueAtPointer(req.body, k.rule.derived.from).present)
            .map((k) => k.id),
        ]
      : []),
  ];
  if (unjudged.length > 0) {
    const why = jobEndText(job, jobs.imageIdPointer);
    log.step(
      `${req.caseId}:job:unjudged`,
      op.id,
      [],
      [...new Set(unjudged)].map((id) => notChecked(run, op.id, id, `${req.caseId}:job:unjudged`, why)),
    );
  }
  if (!imageId || req.expectJob !== 'SUCCESS') {
    return { jobId, ...(imageId ? { imageId } : {}) };
  }
  const image = await readImage(run, log, imageId, `${req.caseId}:image`);
  const expectations = [...imageEchoExpectations(ctx, req.body), ...ruleExpectations(run, req)];
  const imgCtx = stepContext(run, op.id, `${req.caseId}:image`);
  const findings = image.found ? imageFindings(imgCtx, image.body, expectations) : [];
  log.step(
    `${req.caseId}:image:attributes`,
    op.id,
    image.found ? expectations.map((e) => e.constraint.id) : [],
    findings,
  );
  // Fields the documents tie to another through a table (the quick-imported system image's __os_type, __platform,
  // __os_bit follow its __os_version): judged on the image, read from it or from what the request sent.
  for (const c of op.constraints.filter((k) => k.rule?.derived !== undefined)) {
    const derived = image.found ? derivedFindings(imgCtx, 'flow', c, image.body, req.body) : undefined;
    if (derived !== undefined) {
      log.step(`${req.caseId}:image:derived`, op.id, [c.id], derived);
    }
  }
  return { jobId, imageId };
}

/** How a followed job ended, as the reason of the rules its end left unjudged. */
function jobEndText(job: FollowedJob, imageIdPointer: string): string {
  const status = isPlainObject(job.body) && typeof job.body.status === 'string' ? job.body.status : 'not read';
  const seconds = Math.round(job.waitedMs / 1000);
  switch (job.end) {
    case 'timeout':
      return `job ${job.jobId} still ${status} after ${seconds} s (IMS_JOB_TIMEOUT_MS)`;
    case 'cut':
      return `job ${job.jobId} still ${status} after ${seconds} s: ${job.problem ?? 'the wait was cut short'}`;
    case 'unreadable':
      return `job ${job.jobId} could not be read (${job.problem ?? 'no answer'})`;
    case 'FAIL':
      return `job ${job.jobId} ended FAIL`;
    default:
      return valueAtPointer(job.body, imageIdPointer).value === undefined
        ? `job ${job.jobId} ended SUCCESS without ${imageIdPointer}`
        : `job ${job.jobId} ended SUCCESS`;
  }
}

/** GET /v2/images/{image_id} with the ims.imageget checks (status, content type, body schema). */
export async function readImage(
  run: RunContext,
  log: FlowLog,
  imageId: string,
  caseId: string,
  expect: { status?: number; constraintId?: string; overrides?: Partial<HttpRequest> } = {},
): Promise<{ found: boolean; body: unknown; status?: number }> {
  const op = operationById(run.specs, 'ims.imageget');
  const pathParams = { image_id: imageId };
  const gcase: GeneratedCase = {
    operationId: op.id,
    ...(expect.status && expect.status !== op.spec.success
      ? { expect: 'reject' as const, expectStatus: expect.status }
      : { expect: 'accept' as const }),
    ...(expect.constraintId ? { constraintId: expect.constraintId } : {}),
    pathParams,
    label: `flow: read image ${imageId}`,
  };
  // An explicit path: the image is this flow's, not the worker's shared `image.id` fixture.
  const result = await executeCase(
    run,
    op,
    gcase,
    caseId,
    { seed: run.options.seed },
    {
      path: fillPath(op, pathParams),
      ...expect.overrides,
    },
  );
  log.push(result.record);
  const status = result.exchange.response?.status;
  return {
    found: status === 200,
    body: result.exchange.response?.json,
    ...(status !== undefined ? { status } : {}),
  };
}
