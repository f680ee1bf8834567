import { isPlainObject } from '../json/value.js';
import type { CompiledOperation } from '../model/compiled.js';
import type { Exchange } from '../model/exchange.js';
import type { RunContext } from './context.js';
import { creationAllowed, skipUnlessCreationAllowed } from './flows/safety.js';
import { jobTimeoutMs } from './job.js';
import { createdId, recordCreated } from './ledger.js';
import { operationById } from './specs.js';
import { waitBound, waitStopped } from './wait-scope.js';

/**
 * Creates an image metadata record (POST /v2/images) for operations that need an existing image; bare and qcow2
 * are values 002 documents that OpenStack Glance documents too.
 */
export async function createFixtureImage(run: RunContext, label: string): Promise<string | undefined> {
  return (await makeFixtureImage(run, label)).id;
}

/** createFixtureImage() with the exchange, to say why no image came back. */
async function makeFixtureImage(run: RunContext, label: string): Promise<{ id?: string; exchange: Exchange }> {
  const op = operationById(run.specs, 'ims.imagecreate');
  const exchange = await run.client.send({
    service: op.spec.service,
    method: op.spec.method,
    path: op.spec.path,
    body: { name: `${run.namePrefix}${label}`, container_format: 'bare', disk_format: 'qcow2', min_disk: 40 },
    label: `fixture: ${label}`,
  });
  recordCreated(run.options.reportDir, run.target.projectId, op, exchange, `fixture:${label}`);
  const id = createdId(op, exchange, 'image');
  return id === undefined ? { exchange } : { id, exchange };
}

/** Starts a data-image import (000's first example) to have a job to query. */
async function createFixtureJob(run: RunContext): Promise<string | undefined> {
  const op = operationById(run.specs, 'ims.dataimage');
  const exchange = await run.client.send({
    service: op.spec.service,
    method: op.spec.method,
    path: op.spec.path,
    body: {
      name: `${run.namePrefix}job-fixture`,
      image_url: run.fixtures['obs.dataimage'] ?? 'image-test:fedora_data1.qcow2',
      min_disk: 40,
      os_type: 'Linux',
    },
    label: 'fixture: job',
  });
  recordCreated(run.options.reportDir, run.target.projectId, op, exchange, 'fixture:job');
  return createdId(op, exchange, 'job');
}

/** Fixture names the target cannot supply but the run can make: an image to read and a job to query. */
const MADE = ['image.id', 'job.id'] as const;

/**
 * Fills the fixtures an operation's path needs and the target does not supply, by creating them (only where
 * creating is allowed). A fixture that cannot be made stays absent: cases then use a placeholder id.
 */
export async function prepareResources(run: RunContext, op: CompiledOperation): Promise<void> {
  const needed = Object.values(op.spec.pathParams ?? {})
    .map((p) => p.fixture)
    .filter((f): f is (typeof MADE)[number] => MADE.includes(f as (typeof MADE)[number]));
  if (!run.target.safety.allowCreate) {
    return;
  }
  for (const fixture of needed) {
    if (run.fixtures[fixture] !== undefined) {
      continue;
    }
    // The fixture itself is a creation: it counts against --max-creates like any other.
    const maker = op.spec.method === 'DELETE' ? op : { ...op, spec: { ...op.spec, creates: true } };
    if (!creationAllowed(run, maker).allowed) {
      return;
    }
    const id = fixture === 'image.id' ? await createFixtureImage(run, 'read') : await createFixtureJob(run);
    if (id) {
      run.fixtures[fixture] = id;
    }
  }
}

/** The path parameters of one case, or why the resource the case needs is missing (the case is then not sent). */
export interface CasePath {
  readonly params: Record<string, string>;
  readonly missing?: string;
}

/**
 * Path parameters for one case: a DELETE consumes its resource, so each case of it gets a fresh image; other
 * operations use the shared fixtures. A DELETE whose fresh image could not be made is `missing`: it must not fall
 * back to the shared image (deleting what the other cases read, so that a later DELETE of it gets 404 and fails a
 * rule it never tested — seen through a proxy dropping 20 % of connections, where the creating POST was dropped).
 */
export async function casePathParams(
  run: RunContext,
  op: CompiledOperation,
  given: Readonly<Record<string, string>>,
): Promise<CasePath> {
  // Every case goes through here before its request is sent: the safety gate skips the test (needs
  // --allow-create, --max-creates reached) before anything that creates a resource leaves the process.
  skipUnlessCreationAllowed(run, op);
  const out = { ...given };
  for (const [name, p] of Object.entries(op.spec.pathParams ?? {})) {
    if (op.spec.method === 'DELETE' && p.fixture === 'image.id' && run.target.safety.allowCreate) {
      const made = await makeFixtureImage(run, 'delete');
      if (made.id === undefined) {
        // The path keeps `{image_id}` unfilled: the request is recorded as not sent, naming no image.
        delete out[name];
        return { params: out, missing: `the image to delete could not be created (${answerOf(made.exchange)})` };
      }
      out[name] = made.id;
    } else if (p.fixture && run.fixtures[p.fixture] !== undefined) {
      out[name] = run.fixtures[p.fixture] as string;
    }
  }
  return { params: out };
}

/** What a request got, in a few words: `POST /v2/images: 400`, or the error without an answer. */
function answerOf(x: Exchange): string {
  const what = `${x.request.method} ${new URL(x.request.url, 'http://target').pathname}`;
  return x.response
    ? `${what}: ${x.response.status}`
    : `${what}: ${x.error?.kind ?? 'no answer'}: ${x.error?.message ?? ''}`;
}

/**
 * Why the disk an export case acts on is not in the state the case needs, or undefined when it is (issue 18, point
 * 7): the case's export fixture (`volumes.available`) is waited for, at most one job's time, and a disk still busy
 * then (left `uploading` by an earlier export or run) decides the answer whatever the request says — the case is
 * not sent, and is not checked with this reason.
 */
export async function fixtureUnready(
  run: RunContext,
  op: CompiledOperation,
  params: Readonly<Record<string, string>>,
): Promise<string | undefined> {
  for (const [name, p] of Object.entries(op.spec.pathParams ?? {})) {
    const id = params[name];
    if (p.fixture === 'volumes.available' && op.spec.method === 'POST' && id) {
      const why = await volumeUnready(run, id);
      if (why !== undefined) {
        return why;
      }
    }
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until a volume is `available` again. An export puts the disk in `uploading` until the image is made
 * (003/004, Response: "Specifies the disk status after the image is exported. The correct value is uploading."),
 * and a disk in that state cannot be exported; so every export case starts from an available disk.
 * @returns the last status seen (a volume that never comes back is the target's problem, not a hang)
 */
export async function awaitVolumeAvailable(
  run: RunContext,
  volumeId: string,
  maxMs = 30_000,
  wanted: readonly string[] = ['available'],
): Promise<string> {
  const started = Date.now();
  // Within the test's own end (wait-scope.ts); a test that has ended sends nothing more.
  const bound = waitBound(maxMs, started).ms;
  let wait = 20;
  let status = 'unknown';
  // Read at least once (a wait with no time left still says what the disk is), never for a test that has ended.
  for (let first = true; (first || Date.now() - started < bound) && waitStopped() === undefined; first = false) {
    // evs-querying_details_about_a_disk.rst: GET /v2/{project_id}/volumes/{volume_id} → {"volume": {"status"}}
    const x = await run.client.send({
      service: 'evs',
      method: 'GET',
      path: `/v2/${encodeURIComponent(run.target.projectId)}/volumes/${encodeURIComponent(volumeId)}`,
      label: 'wait for available volume',
    });
    const body = x.response?.json;
    const volume = isPlainObject(body) && isPlainObject(body.volume) ? body.volume : undefined;
    status = typeof volume?.status === 'string' ? volume.status : `HTTP ${x.response?.status ?? x.error?.kind}`;
    // Only a disk that says it is busy is worth waiting for: an answer without a status (an error, a target that
    // is not EVS-like) will not change by waiting, and the case itself shows what the target does.
    if (wanted.includes(status) || typeof volume?.status !== 'string' || Date.now() - started >= bound) {
      return status;
    }
    await sleep(wait);
    wait = Math.min(wait * 2, 1000);
  }
  return status;
}

/** Volumes that did not come back to `available` within a job's time, per run: waited for once, not per case. */
const stuck = new WeakMap<RunContext, Set<string>>();

/**
 * Waits (at most one job's time, jobTimeoutMs) for the disk to be available before an export case; a disk that
 * stayed busy is only read again (not waited for) in this run — every later case would only wait as long for nothing.
 * @returns why the disk is not available, or undefined (available, or no status the target said)
 */
async function volumeUnready(run: RunContext, volumeId: string): Promise<string | undefined> {
  let set = stuck.get(run);
  if (!set) {
    set = new Set();
    stuck.set(run, set);
  }
  const started = Date.now();
  const status = await awaitVolumeAvailable(run, volumeId, set.has(volumeId) ? 0 : jobTimeoutMs(run.target));
  // Only a status the target said counts (issue 18, point 5): a failed GET ("HTTP connection") saw nothing, and
  // must not mark the disk as stuck for the rest of the run; the case then shows what the target does.
  if (status === 'available' || status.startsWith('HTTP ') || status === 'unknown') {
    return undefined;
  }
  set.add(volumeId);
  const seconds = Math.round((Date.now() - started) / 1000);
  return `fixture volumes.available (${volumeId}) is ${status} after ${seconds} s; an export case needs it available`;
}

/**
 * Polls GET /v2/images/{image_id} until the image is active (002: "active: indicates that the image is available for
 * use."), ends in killed/deleted, answers without a status, or `maxMs` passes; returns the last status seen.
 */
export async function awaitImageActive(run: RunContext, imageId: string, maxMs = 30_000): Promise<string> {
  const started = Date.now();
  const bound = waitBound(maxMs, started).ms;
  let wait = 20;
  let status = 'unknown';
  while (Date.now() - started < bound && waitStopped() === undefined) {
    const x = await run.client.send({
      service: 'ims',
      method: 'GET',
      path: `/v2/images/${encodeURIComponent(imageId)}`,
      label: 'wait for active image',
    });
    const body = x.response?.json;
    status =
      isPlainObject(body) && typeof body.status === 'string'
        ? body.status
        : `HTTP ${x.response?.status ?? x.error?.kind}`;
    if (!['queued', 'saving'].includes(status)) {
      return status;
    }
    await sleep(wait);
    wait = Math.min(wait * 2, 1000);
  }
  return status;
}
