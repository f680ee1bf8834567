import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isPlainObject } from '../compile/evaluate.js';
import type { Exchange } from '../model/exchange.js';

/** One resource the target handed back: written the moment it is seen, so an interrupted run can be cleaned up. */
export interface LedgerEntry {
  readonly kind: 'image' | 'job';
  readonly id: string;
  readonly service: 'ims' | 'evs';
  readonly project: string;
  readonly createdAt: string;
  /** The case whose request created it (also when the target should have refused that request). */
  readonly caseId: string;
}

export function ledgerFile(reportDir: string): string {
  return join(reportDir, 'ledger.jsonl');
}

/** Ids of resources a response announces: a created image (`id` of POST /v2/images, EVS `image_id`) or a job. */
export function createdIds(exchange: Exchange): { kind: LedgerEntry['kind']; id: string }[] {
  const r = exchange.response;
  if (!r || r.status >= 300 || exchange.request.method !== 'POST' || !isPlainObject(r.json)) {
    return [];
  }
  const out: { kind: LedgerEntry['kind']; id: string }[] = [];
  const body = r.json;
  if (typeof body.job_id === 'string') {
    out.push({ kind: 'job', id: body.job_id });
  }
  if (typeof body.id === 'string' && exchange.request.url.endsWith('/v2/images')) {
    out.push({ kind: 'image', id: body.id });
  }
  const upload = body['os-volume_upload_image'];
  if (isPlainObject(upload) && typeof upload.image_id === 'string') {
    out.push({ kind: 'image', id: upload.image_id });
  }
  return out;
}

/** Appends what an exchange created to the ledger (synchronously: it must survive a kill right after). */
export function recordCreated(reportDir: string, project: string, exchange: Exchange, caseId: string): number {
  const ids = createdIds(exchange);
  if (ids.length === 0) {
    return 0;
  }
  const file = ledgerFile(reportDir);
  mkdirSync(dirname(file), { recursive: true });
  const now = new Date().toISOString();
  const lines = ids.map((e) =>
    JSON.stringify({ ...e, service: 'ims', project, createdAt: now, caseId } satisfies LedgerEntry),
  );
  appendFileSync(file, `${lines.join('\n')}\n`, 'utf8');
  return ids.length;
}
