import { existsSync, readFileSync } from 'node:fs';
import { errorCodeOf } from '../checks/error-code.js';
import type { HttpClient, HttpRequest } from '../http/types.js';
import { valueAtPointer } from '../json/pointer.js';
import { isPlainObject } from '../json/value.js';
import type { CompiledOperation } from '../model/compiled.js';
import type { Exchange } from '../model/exchange.js';
import { fillPath } from './execute.js';
import { jobPathParams } from './job.js';
import { type LedgerEntry, NO_NAME } from './ledger.js';
import { type CompiledSpecs, compiledSpecs, operationById } from './specs.js';

/** What happened to one ledger resource. `skipped` and `failed` both leave it in place. */
export type CleanupOutcome = 'deleted' | 'gone' | 'failed' | 'skipped';

export interface CleanupEvent {
  readonly outcome: CleanupOutcome;
  /** `image <id>`, `image <id> (from job <id>)`, `job <id>`, `volume <id>`… */
  readonly name: string;
  /** Why: the HTTP status, `404, already gone`, the job's end, the protection… */
  readonly detail: string;
  readonly entry: LedgerEntry;
}

export interface CleanupResult {
  readonly deleted: string[];
  readonly gone: string[];
  readonly failed: { id: string; reason: string }[];
  /** Images DELETE refused because they are protected (a subset of `failed`). */
  readonly protected: string[];
}

export interface CleanupOptions {
  /** How to read a job (default: what the repository's compiled specs declare, jobLookupOf). */
  readonly jobs?: JobLookup;
  /** How long to wait for a job still INIT/RUNNING to name its image (default 30 s). */
  readonly jobWaitMs?: number;
  /**
   * The run's per-job timeout (IMS_JOB_TIMEOUT_MS): a job is waited for no longer than this after it was created
   * (ledger createdAt), so a job the run already followed, or that ran through a whole flow's wait, is read once.
   */
  readonly jobTimeoutMs?: number;
  /** The project the client's credentials act in: entries of another project are skipped, not deleted. */
  readonly project?: string;
  /** Called once per resource, in ledger order (the CLI prints a line each). */
  readonly onEvent?: (event: CleanupEvent) => void;
  /**
   * The run's name prefix (`imsc-<run id>-`): after the ledger, images whose name starts with it are deleted too —
   * what a request in flight created when the run was killed, before its answer (and id) could reach the ledger.
   */
  readonly sweepPrefix?: string;
  /**
   * Retries of a DELETE or PATCH answered 5xx or not answered (connection, timeout): default 3, with exponential
   * backoff from `retryBaseMs` (default 250 ms, capped at 4 s). A Glance with SQLite answered 500 "database is
   * locked" to parallel deletes; one more try a moment later deletes the image.
   */
  readonly retries?: number;
  readonly retryBaseMs?: number;
}

const DEFAULT_CLEANUP_RETRIES = 3;
const DEFAULT_CLEANUP_RETRY_BASE_MS = 250;
const MAX_CLEANUP_RETRY_DELAY_MS = 4_000;

/** Whether a cleanup request is worth another try: a 5xx answer, or no answer for a network reason. */
export function retryableCleanup(x: Exchange): boolean {
  if (x.response !== undefined) {
    return x.response.status >= 500;
  }
  return x.error?.kind === 'connection' || x.error?.kind === 'timeout';
}

/** Sends a cleanup request, again after a 5xx or a network error, a bounded number of times with backoff. */
async function sendWithRetry(
  client: HttpClient,
  req: HttpRequest,
  options: Pick<CleanupOptions, 'retries' | 'retryBaseMs'>,
): Promise<Exchange> {
  const retries = options.retries ?? DEFAULT_CLEANUP_RETRIES;
  const base = options.retryBaseMs ?? DEFAULT_CLEANUP_RETRY_BASE_MS;
  let x = await client.send(req);
  for (let attempt = 1; attempt <= retries && retryableCleanup(x) && !client.budgetExhausted; attempt++) {
    await new Promise((r) => setTimeout(r, Math.min(base * 2 ** (attempt - 1), MAX_CLEANUP_RETRY_DELAY_MS)));
    x = await client.send({ ...req, label: `${req.label ?? ''} (retry ${attempt} of ${retries})` });
  }
  return x;
}

export interface LedgerFile {
  /** Entries in file order, the first of each (kind, id) only. */
  readonly entries: LedgerEntry[];
  /** `file:line: message` for each line that is not an entry. */
  readonly problems: string[];
  /** A last line cut off without its newline (a run killed mid-write): noted, not a problem. */
  readonly torn?: string;
}

/** The problem with one parsed line, or undefined when it is an entry. */
function lineProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) {
    return 'not a JSON object';
  }
  for (const key of ['kind', 'id'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '') {
      return `"${key}" must be a non-empty string`;
    }
  }
  if (value.service !== 'ims' && value.service !== 'evs') {
    return `"service" must be "ims" or "evs" (got ${JSON.stringify(value.service)})`;
  }
  for (const key of ['project', 'createdAt', 'caseId'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') {
      return `"${key}" must be a string when present`;
    }
  }
  return undefined;
}

/** Reads and checks every line of a ledger (blank lines skipped); never throws. */
export function readLedgerFile(file: string): LedgerFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { entries: [], problems: [`${file}: cannot read the ledger (${(error as Error).message})`] };
  }
  const entries: LedgerEntry[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  let torn: string | undefined;
  for (const [index, raw] of lines.entries()) {
    if (raw.trim() === '') {
      continue;
    }
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      if (index === lines.length - 1) {
        // No newline after it: the writer was killed mid-line (appendLedger writes whole lines).
        torn = `${file}:${line}: cut-off last line ignored`;
      } else {
        problems.push(`${file}:${line}: not JSON (${(error as Error).message})`);
      }
      continue;
    }
    const problem = lineProblem(value);
    if (problem !== undefined) {
      problems.push(`${file}:${line}: ${problem}`);
      continue;
    }
    const entry = value as LedgerEntry;
    const key = `${entry.kind}\u0000${entry.id}`;
    if (!seen.has(key)) {
      seen.add(key);
      entries.push({ ...entry, line });
    }
  }
  return { entries, problems, ...(torn ? { torn } : {}) };
}

/** The entries of a ledger file, lines that are not entries left out (the run's own ledger after it ends). */
export function readLedger(file: string): LedgerEntry[] {
  return existsSync(file) ? readLedgerFile(file).entries : [];
}

interface JobEnd {
  readonly imageId?: string;
  /** Why there is no image: the job's end, or that it is still running. */
  readonly detail: string;
  /** True when the job may still make an image (still INIT/RUNNING at the end of the wait, or no answer). */
  readonly pending: boolean;
}

/**
 * How cleanup reads a job the ledger names: the job query the specs' `async` blocks name (`jobOperation`, GET
 * /v1/{project_id}/jobs/{job_id}) and every place they say a finished job names its image (`imageIdPointer`,
 * 000/001: /entities/image_id). A ledger line does not say which operation started its job, so each is tried.
 */
export interface JobLookup {
  readonly op: CompiledOperation;
  readonly imageIdPointers: readonly string[];
}

/** The job lookup the specs declare; throws when they name no job operation, or several (a ledger line names none). */
export function jobLookupOf(specs: CompiledSpecs): JobLookup {
  const blocks = specs.operations.flatMap((o) => (o.spec.async ? [o.spec.async] : []));
  const ops = [...new Set(blocks.map((b) => b.jobOperation))];
  if (ops.length !== 1) {
    throw new Error(
      `cleanup follows the jobs of one job operation; the specs' async blocks name ${ops.length === 0 ? 'none' : ops.join(', ')}`,
    );
  }
  return {
    op: operationById(specs, ops[0] as string),
    imageIdPointers: [...new Set(blocks.map((b) => b.imageIdPointer))],
  };
}

/** The image a finished job made, where the specs say a job names it (see JobLookup). */
async function imageOfJob(
  client: HttpClient,
  jobs: JobLookup,
  entry: LedgerEntry,
  project: string,
  maxWaitMs: number,
): Promise<JobEnd> {
  const started = Date.now();
  const path = fillPath(jobs.op, jobPathParams(jobs.op, project, entry.id));
  let wait = 25;
  for (;;) {
    const x = await client.send({
      service: jobs.op.spec.service,
      method: jobs.op.spec.method,
      path,
      label: `cleanup: job ${entry.id}`,
    });
    const body = x.response?.json;
    const imageId = jobs.imageIdPointers.map((p) => valueAtPointer(body, p).value).find((v) => typeof v === 'string');
    if (typeof imageId === 'string') {
      return { imageId, detail: 'job made it', pending: false };
    }
    if (x.response?.status === 404) {
      return { detail: 'job not found (404): nothing to delete', pending: false };
    }
    const status = isPlainObject(body) ? body.status : undefined;
    if (status === 'FAIL' || status === 'SUCCESS') {
      return { detail: `job ended ${status} without an image: nothing to delete`, pending: false };
    }
    // A job still INIT/RUNNING may yet make an image: wait for it to end, within the bound.
    if (Date.now() - started > maxWaitMs) {
      const seen = typeof status === 'string' ? status : `HTTP ${x.response?.status ?? x.error?.kind}`;
      return {
        detail: `job still ${seen} after ${Date.now() - started} ms; its image may appear later`,
        pending: true,
      };
    }
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 2, 2000);
  }
}

/**
 * Clears `protected` and deletes again. The seed documents only say "A protected image cannot be deleted" (002);
 * clearing the flag uses the OpenStack image-update call of the same native API (PATCH /v2/images/{id} with a JSON
 * patch), which Glance, IMS and the mock answer. Without it a run's protected images would stay on the target.
 */
async function unprotectAndDelete(
  client: HttpClient,
  imageId: string,
  refused: Exchange,
  options: CleanupOptions,
): Promise<Exchange> {
  const path = `/v2/images/${encodeURIComponent(imageId)}`;
  const patched = await sendWithRetry(
    client,
    {
      service: 'ims',
      method: 'PATCH',
      path,
      headers: { 'Content-Type': 'application/openstack-images-v2.1-json-patch' },
      body: { raw: JSON.stringify([{ op: 'replace', path: '/protected', value: false }]) },
      label: `cleanup: unprotect image ${imageId}`,
    },
    options,
  );
  if (!patched.response || patched.response.status >= 300) {
    return refused;
  }
  return sendWithRetry(client, { service: 'ims', method: 'DELETE', path, label: `cleanup: image ${imageId}` }, options);
}

/** The outcome of DELETE /v2/images/{id}. */
function deleteOutcome(x: Exchange): { outcome: CleanupOutcome; detail: string; protected: boolean } {
  const r = x.response;
  if (!r) {
    return {
      outcome: 'failed',
      detail: `${x.error?.kind ?? 'no answer'}: ${x.error?.message ?? ''}`,
      protected: false,
    };
  }
  if (r.status >= 200 && r.status < 300) {
    return { outcome: 'deleted', detail: String(r.status), protected: false };
  }
  if (r.status === 404) {
    return { outcome: 'gone', detail: '404, already gone', protected: false };
  }
  // 002 protected: "A protected image cannot be deleted."; ims-error_codes.rst IMG.0028 "The image in the request
  // is protected." Reached only when clearing the flag failed too.
  if (errorCodeOf(x.response?.json) === 'IMG.0028' || /protected/i.test(r.text)) {
    return {
      outcome: 'failed',
      detail:
        `${r.status} protected image: "A protected image cannot be deleted" (002) and clearing the flag (PATCH ` +
        '/v2/images/{id}) was refused; clear "protected" on the console, then run cleanup again',
      protected: true,
    };
  }
  return { outcome: 'failed', detail: `${r.status} ${r.text.slice(0, 200)}`, protected: false };
}

/**
 * How long to wait for one job still running: `jobWaitMs`, and with `jobTimeoutMs` no longer than what is left of
 * that timeout since the ledger saw the job created — a job the run already gave its whole time is read once.
 */
function jobWait(entry: LedgerEntry, options: CleanupOptions): number {
  const wait = options.jobWaitMs ?? 30_000;
  const created = Date.parse(entry.createdAt ?? '');
  if (options.jobTimeoutMs === undefined || Number.isNaN(created)) {
    return wait;
  }
  return Math.min(wait, Math.max(0, created + options.jobTimeoutMs - Date.now()));
}

/**
 * Deletes every image a run created: images listed in the ledger, and the images its jobs made (a job still
 * running is waited for, within `jobWaitMs`). A 404 means already gone. Each image is deleted once, however often
 * it is listed. Entries of another kind or another project are skipped and reported, never guessed at.
 */
export async function cleanupLedger(
  client: HttpClient,
  entries: readonly LedgerEntry[],
  options: CleanupOptions = {},
): Promise<CleanupResult> {
  const result: CleanupResult = { deleted: [], gone: [], failed: [], protected: [] };
  const done = new Set<string>();
  // Read from the specs once, and only when the ledger names a job.
  let jobs: JobLookup | undefined;
  const emit = (event: CleanupEvent) => {
    if (event.outcome === 'deleted') {
      result.deleted.push(event.entry.id);
    } else if (event.outcome === 'gone') {
      result.gone.push(event.entry.id);
    } else {
      result.failed.push({ id: event.entry.id, reason: event.detail });
    }
    options.onEvent?.(event);
  };
  const one = async (entry: LedgerEntry): Promise<void> => {
    const name = `${entry.kind} ${entry.id}`;
    if (entry.kind !== 'image' && entry.kind !== 'job') {
      const where = entry.line === undefined ? '' : ` (ledger line ${entry.line})`;
      emit({
        outcome: 'skipped',
        name,
        detail: `cleanup cannot delete a "${entry.kind}"${where}; delete it by hand`,
        entry,
      });
      return;
    }
    const project = entry.project ?? options.project ?? '';
    if (options.project !== undefined && entry.project !== undefined && entry.project !== options.project) {
      emit({
        outcome: 'skipped',
        name,
        detail: `created in project ${entry.project}, not the target's ${options.project}; skipped`,
        entry,
      });
      return;
    }
    let imageId = entry.id;
    let label = name;
    if (entry.kind === 'job') {
      jobs ??= options.jobs ?? jobLookupOf(compiledSpecs());
      const end = await imageOfJob(client, jobs, entry, project, jobWait(entry, options));
      if (!end.imageId) {
        emit({ outcome: end.pending ? 'failed' : 'gone', name, detail: end.detail, entry });
        return;
      }
      imageId = end.imageId;
      label = `image ${imageId} (from job ${entry.id})`;
    }
    if (done.has(imageId)) {
      return;
    }
    done.add(imageId);
    const x = await sendWithRetry(
      client,
      {
        service: 'ims',
        method: 'DELETE',
        path: `/v2/images/${encodeURIComponent(imageId)}`,
        label: `cleanup: image ${imageId}`,
      },
      options,
    );
    let out = deleteOutcome(x);
    if (out.protected) {
      out = deleteOutcome(await unprotectAndDelete(client, imageId, x, options));
    }
    if (out.protected) {
      result.protected.push(imageId);
    }
    emit({ outcome: out.outcome, name: label, detail: out.detail, entry: { ...entry, id: imageId } });
  };
  // `name` lines are creating requests sent with a name outside the prefix (create-guard.ts): the sweep's, not ids.
  const named = namesSent(entries);
  // All entries at once: the client's concurrency and rate limits bound the load on the target.
  await Promise.all(entries.filter((e) => e.kind !== 'name').map(one));
  if (options.sweepPrefix || named.size > 0) {
    const orphans = (await imagesNamed(client, orphanMatcher(options.sweepPrefix, named))).filter(
      (id) => !done.has(id),
    );
    const now = new Date().toISOString();
    await Promise.all(
      orphans.map((id) =>
        one({ kind: 'image', id, service: 'ims', project: options.project ?? '', createdAt: now, caseId: 'sweep' }),
      ),
    );
  }
  return result;
}

/** Exact names the run sent outside its prefix → when the first such request was sent (epoch ms). */
function namesSent(entries: readonly LedgerEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    if (e.kind === 'name' && e.id !== NO_NAME) {
      const at = Date.parse(e.createdAt ?? '');
      out.set(e.id, Math.min(out.get(e.id) ?? Number.POSITIVE_INFINITY, Number.isNaN(at) ? 0 : at));
    }
  }
  return out;
}

/** Clocks of the run and the target may differ this much (an image made by the request can look older). */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Which listed images the run made: a name with its prefix, or a name it sent outside the prefix on an image created
 * after that request (within the clock skew) — an image of that name made before the run is someone else's.
 */
function orphanMatcher(prefix: string | undefined, named: ReadonlyMap<string, number>) {
  return (image: Record<string, unknown>): boolean => {
    const name = image.name;
    if (typeof name !== 'string') {
      return false;
    }
    if (prefix && name.startsWith(prefix)) {
      return true;
    }
    const sentAt = named.get(name);
    const createdAt = typeof image.created_at === 'string' ? Date.parse(image.created_at) : Number.NaN;
    return sentAt !== undefined && !Number.isNaN(createdAt) && createdAt >= sentAt - CLOCK_SKEW_MS;
  };
}

/** Ids of the images `match` picks (GET /v2/images, paged with limit/marker, bounded). */
async function imagesNamed(client: HttpClient, match: (image: Record<string, unknown>) => boolean): Promise<string[]> {
  const out: string[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 100; page++) {
    const x = await client.send({
      service: 'ims',
      method: 'GET',
      path: `/v2/images?limit=100${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`,
      label: 'cleanup: find images of the run by name',
    });
    const body = x.response?.json;
    const images = isPlainObject(body) && Array.isArray(body.images) ? body.images.filter(isPlainObject) : [];
    for (const image of images) {
      if (typeof image.id === 'string' && match(image)) {
        out.push(image.id);
      }
    }
    const last = images.at(-1);
    if (images.length < 100 || typeof last?.id !== 'string') {
      break;
    }
    marker = last.id;
  }
  return out;
}
