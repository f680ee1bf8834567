import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { valueAtPointer } from '../json/pointer.js';
import type { CompiledOperation } from '../model/compiled.js';
import type { Exchange } from '../model/exchange.js';

/** What a ledger line can name: an image (deleted by cleanup) or a job (followed to the image it made). */
export type LedgerKind = 'image' | 'job';

/** One resource the target handed back: written the moment it is seen, so an interrupted run can be cleaned up. */
export interface LedgerEntry {
  /** `image` or `job` when written by a run (LedgerKind); a hand-written line may name another kind. */
  readonly kind: string;
  readonly id: string;
  readonly service: 'ims' | 'evs';
  /** The project the resource lives in (the run's, unless a flow used another project's credentials). */
  readonly project?: string;
  readonly createdAt?: string;
  /** The case whose request created it (also when the target should have refused that request). */
  readonly caseId?: string;
  /** 1-based line in the ledger file, when read back. */
  readonly line?: number;
}

export function ledgerFile(reportDir: string): string {
  return join(reportDir, 'ledger.jsonl');
}

/**
 * Ids of resources a success answer announces, where the operation's spec says they are: the job at
 * `async.jobIdPointer` (000/001: /job_id), the image at `createdImagePointer` (002: /id; 003/004:
 * /os-volume_upload_image/image_id). An operation whose spec names neither announces nothing.
 */
export function createdIds(op: CompiledOperation, exchange: Exchange): { kind: LedgerKind; id: string }[] {
  const r = exchange.response;
  if (!r || r.status >= 300 || r.json === undefined) {
    return [];
  }
  const out: { kind: LedgerKind; id: string }[] = [];
  const pointers: [LedgerKind, string | undefined][] = [
    ['job', op.spec.async?.jobIdPointer],
    ['image', op.spec.createdImagePointer],
  ];
  for (const [kind, pointer] of pointers) {
    const id = pointer === undefined ? undefined : valueAtPointer(r.json, pointer).value;
    if (typeof id === 'string' && id !== '') {
      out.push({ kind, id });
    }
  }
  return out;
}

/** The id of the `kind` of resource a success answer of `op` announces (see createdIds), if any. */
export function createdId(op: CompiledOperation, exchange: Exchange, kind: LedgerKind): string | undefined {
  return createdIds(op, exchange).find((e) => e.kind === kind)?.id;
}

/** Appends entries to the ledger in one synchronous write (it must survive a kill right after). */
export function appendLedger(
  reportDir: string,
  project: string,
  ids: readonly { kind: LedgerKind; id: string }[],
  caseId: string,
): number {
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

/**
 * Records, before it is sent, a creating request whose body has no name with the run prefix (`name` undefined: no
 * name at all), so cleanup can find by exact name what it may have created (issue 18, point 3).
 */
export function appendNameEntry(
  reportDir: string,
  project: string,
  name: string | undefined,
  service: 'ims' | 'evs',
  caseId: string,
): void {
  const file = ledgerFile(reportDir);
  mkdirSync(dirname(file), { recursive: true });
  const entry = { kind: 'name', id: name === undefined || name === '' ? NO_NAME : name, service, project };
  appendFileSync(file, `${JSON.stringify({ ...entry, createdAt: new Date().toISOString(), caseId })}\n`, 'utf8');
}

/** The id of a `name` ledger entry for a creating body without any name. */
export const NO_NAME = '(no name)';

/** Appends what an exchange of `op` created to the ledger (synchronously: it must survive a kill right after). */
export function recordCreated(
  reportDir: string,
  project: string,
  op: CompiledOperation,
  exchange: Exchange,
  caseId: string,
): number {
  return appendLedger(reportDir, project, createdIds(op, exchange), caseId);
}

/** How many lines the ledger of `reportDir` holds, across every worker (they all append to the one file). */
export function ledgerCount(reportDir: string): number {
  const file = ledgerFile(reportDir);
  if (!existsSync(file)) {
    return 0;
  }
  let n = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() !== '') {
      n++;
    }
  }
  return n;
}

/** What cleanup needs to know of the run that wrote a ledger, kept beside it (`run.json`). */
export interface LedgerRun {
  readonly runId: string;
  /** Every name the run gives a resource starts with this (`imsc-<run id>-`). */
  readonly namePrefix: string;
}

export function ledgerRunFile(ledger: string): string {
  return join(dirname(ledger), 'run.json');
}

/** Written by the CLI before a run starts, so that cleanup of an interrupted run can find its orphans by name. */
export function writeLedgerRun(reportDir: string, run: LedgerRun): void {
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(ledgerRunFile(ledgerFile(reportDir)), `${JSON.stringify(run)}\n`, 'utf8');
}

/** The run beside a ledger file, if it left one (and it names an `imsc-` prefix). */
export function readLedgerRun(ledger: string): LedgerRun | undefined {
  try {
    const value = JSON.parse(readFileSync(ledgerRunFile(ledger), 'utf8')) as Partial<LedgerRun>;
    return typeof value.runId === 'string' &&
      typeof value.namePrefix === 'string' &&
      value.namePrefix.startsWith('imsc-')
      ? { runId: value.runId, namePrefix: value.namePrefix }
      : undefined;
  } catch {
    return undefined;
  }
}
