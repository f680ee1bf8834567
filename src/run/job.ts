import { bodySchemaCheck } from '../checks/body-schema.js';
import { type JobObservation, jobImageId } from '../checks/job.js';
import { isPlainObject } from '../json/value.js';
import type { GeneratedCase } from '../model/case.js';
import type { CompiledOperation } from '../model/compiled.js';
import type { Exchange } from '../model/exchange.js';
import type { AsyncSpec } from '../model/spec.js';
import type { Finding } from '../model/verdict.js';
import type { TargetConfig } from '../target/types.js';
import type { RunContext } from './context.js';
import { fillPath } from './execute.js';
import { appendLedger } from './ledger.js';
import { checkContextOf } from './profile.js';
import { operationById } from './specs.js';
import { waitBound, waitStopped } from './wait-scope.js';

/** Environment variable that sets the per-job timeout in ms (the target's limits give the default). */
export const JOB_TIMEOUT_ENV = 'IMS_JOB_TIMEOUT_MS';

/**
 * How long a flow waits for one job: `IMS_JOB_TIMEOUT_MS`, else a quarter of the run's time budget, at most twenty
 * request timeouts (local mock: 150 s; remote defaults: 450 s… capped at 600 s).
 */
export function jobTimeoutMs(target: TargetConfig, env: NodeJS.ProcessEnv = process.env): number {
  const given = Number(env[JOB_TIMEOUT_ENV]);
  if (Number.isFinite(given) && given > 0) {
    return given;
  }
  return Math.min(target.limits.budgetMs / 4, target.limits.timeoutMs * 20);
}

export interface FollowJobOptions {
  /** Give up after this long (default jobTimeoutMs(target)). */
  readonly timeoutMs?: number;
  /** First pause between polls; doubles up to maxPauseMs. */
  readonly firstPauseMs?: number;
  readonly maxPauseMs?: number;
  /** Ledger case id for the image the job names. */
  readonly caseId: string;
  /** The creating operation's `async` block: which operation reports the job, where the job names its image. */
  readonly async: AsyncSpec;
}

/** What following a job gives: the observation for the checks, and each poll's body-schema findings. */
export interface FollowedJob extends JobObservation {
  readonly last?: Exchange;
  /** Findings of the body-schema check on every poll (ims.job response schema), deduplicated. */
  readonly schemaFindings: readonly Finding[];
  /** Constraint ids the body-schema check verified. */
  readonly covered: readonly string[];
}

/**
 * The path parameters of the job query, by the fixture each one names in its spec (`project_id`, `job.id`): the
 * job operation's own parameter names are the spec's business.
 */
export function jobPathParams(op: CompiledOperation, project: string, jobId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, param] of Object.entries(op.spec.pathParams ?? {})) {
    if (param.fixture === 'project_id') {
      out[name] = project;
    } else if (param.fixture === 'job.id') {
      out[name] = jobId;
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls the job operation of `options.async` (GET /v1/{project_id}/jobs/{job_id}) with backoff until the job is SUCCESS or FAIL ("SUCCESS: The job is
 * successfully executed. FAIL: The job failed to be executed."), or the per-job timeout passes: a job that never
 * ends comes back as `timeout` with the time waited, never a hang. Every body read is checked against the
 * compiled ims.job response schema; the image a SUCCESS job names goes to the ledger at once.
 */
export async function followJob(run: RunContext, jobId: string, options: FollowJobOptions): Promise<FollowedJob> {
  const op = operationById(run.specs, options.async.jobOperation);
  // The job's own timeout, unless the test that follows it must end first (wait-scope.ts): then giving up is `cut`.
  const bound = waitBound(options.timeoutMs ?? jobTimeoutMs(run.target));
  const timeoutMs = bound.ms;
  const ctx = checkContextOf(run, op, `${options.caseId}:job`);
  const gcase: GeneratedCase = {
    operationId: op.id,
    expect: 'accept',
    pathParams: jobPathParams(op, run.target.projectId, jobId),
    label: `job ${jobId}`,
  };
  const findings = new Map<string, Finding>();
  const covered = new Set<string>();
  const started = Date.now();
  let pause = options.firstPauseMs ?? 50;
  let polls = 0;
  let last: Exchange | undefined;
  let body: unknown;
  for (;;) {
    const stopped = waitStopped();
    if (stopped !== undefined) {
      // The test has ended: not one more request for it.
      const waitedMs = Date.now() - started;
      return {
        jobId,
        waitedMs,
        polls,
        ...(last ? { last } : {}),
        body,
        end: 'cut',
        problem: stopped,
        covered: [...covered],
        schemaFindings: [...findings.values()],
      };
    }
    last = await run.client.send({
      service: op.spec.service,
      method: op.spec.method,
      path: fillPath(op, gcase.pathParams),
      label: `follow job ${jobId}`,
    });
    polls++;
    const waitedMs = Date.now() - started;
    const base = { jobId, waitedMs, polls, last, covered: [...covered], schemaFindings: [...findings.values()] };
    const status = last.response?.status;
    if (!last.response && (last.error?.kind === 'unusable' || last.error?.kind === 'budget')) {
      // The run stopped sending (target unusable, budget spent): polling on would only wait out the timeout.
      return { ...base, end: 'unreadable', problem: last.error.message };
    }
    if (status !== undefined && status !== 200) {
      return {
        ...base,
        end: 'unreadable',
        body: last.response?.json,
        problem: `HTTP ${status} ${last.response?.text.slice(0, 200)}`,
      };
    }
    if (last.response) {
      body = last.response.json;
      for (const id of bodySchemaCheck.covers(ctx, last, gcase)) {
        covered.add(id);
      }
      for (const f of bodySchemaCheck.run(ctx, last, gcase)) {
        findings.set(`${f.constraintId}\u0000${f.title}`, f);
      }
    }
    const jobStatus = isPlainObject(body) ? body.status : undefined;
    const done = { ...base, body, covered: [...covered], schemaFindings: [...findings.values()] };
    if (jobStatus === 'SUCCESS' || jobStatus === 'FAIL') {
      const imageId = jobImageId(body, options.async.imageIdPointer);
      if (imageId) {
        appendLedger(run.options.reportDir, run.target.projectId, [{ kind: 'image', id: imageId }], options.caseId);
      }
      return { ...done, end: jobStatus };
    }
    if (waitedMs >= timeoutMs) {
      return bound.cut
        ? { ...done, end: 'cut', problem: `its test had to end after ${waitedMs} ms, before the job's own timeout` }
        : { ...done, end: 'timeout' };
    }
    await sleep(Math.min(pause, Math.max(1, timeoutMs - waitedMs)));
    pause = Math.min(pause * 2, options.maxPauseMs ?? 2000);
  }
}
