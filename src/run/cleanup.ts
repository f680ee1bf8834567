import { existsSync, readFileSync } from 'node:fs';
import { isPlainObject } from '../compile/evaluate.js';
import type { HttpClient } from '../http/types.js';
import type { LedgerEntry } from './ledger.js';

export interface CleanupResult {
  readonly deleted: string[];
  readonly gone: string[];
  readonly failed: { id: string; reason: string }[];
}

/** The entries of a ledger file; lines that do not parse are skipped (a run killed mid-write). */
export function readLedger(file: string): LedgerEntry[] {
  if (!existsSync(file)) {
    return [];
  }
  const out: LedgerEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    try {
      const entry = JSON.parse(line) as LedgerEntry;
      if (typeof entry.id === 'string' && (entry.kind === 'image' || entry.kind === 'job')) {
        out.push(entry);
      }
    } catch {
      // a torn last line: nothing to clean for it
    }
  }
  return out;
}

/** The image a finished job made (ims-querying_the_status_of_an_asynchronous_job.rst: entities.image_id). */
async function imageOfJob(client: HttpClient, entry: LedgerEntry, maxWaitMs: number): Promise<string | undefined> {
  const started = Date.now();
  let wait = 25;
  for (;;) {
    const x = await client.send({
      service: 'ims',
      method: 'GET',
      path: `/v1/${encodeURIComponent(entry.project)}/jobs/${encodeURIComponent(entry.id)}`,
      label: `cleanup: job ${entry.id}`,
    });
    const body = x.response?.json;
    const entities = isPlainObject(body) && isPlainObject(body.entities) ? body.entities : undefined;
    if (typeof entities?.image_id === 'string') {
      return entities.image_id;
    }
    // A job still INIT/RUNNING may yet make an image: wait for it to end, within the bound.
    const status = isPlainObject(body) ? body.status : undefined;
    if ((status !== 'INIT' && status !== 'RUNNING') || Date.now() - started > maxWaitMs) {
      return undefined;
    }
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 2, 2000);
  }
}

/**
 * Deletes every image a run created: images listed in the ledger, and the images its jobs made. A 404 means
 * already gone. Each image is deleted once, however often it is listed.
 */
export async function cleanupLedger(
  client: HttpClient,
  entries: readonly LedgerEntry[],
  options: { jobWaitMs?: number } = {},
): Promise<CleanupResult> {
  const images = new Set<string>();
  for (const e of entries) {
    const id = e.kind === 'image' ? e.id : await imageOfJob(client, e, options.jobWaitMs ?? 30_000);
    if (id) {
      images.add(id);
    }
  }
  const result: CleanupResult = { deleted: [], gone: [], failed: [] };
  for (const id of images) {
    const x = await client.send({
      service: 'ims',
      method: 'DELETE',
      path: `/v2/images/${encodeURIComponent(id)}`,
      label: `cleanup: image ${id}`,
    });
    const status = x.response?.status;
    if (status !== undefined && status < 300) {
      result.deleted.push(id);
    } else if (status === 404) {
      result.gone.push(id);
    } else {
      result.failed.push({ id, reason: status === undefined ? (x.error?.message ?? 'no answer') : `HTTP ${status}` });
    }
  }
  return result;
}
