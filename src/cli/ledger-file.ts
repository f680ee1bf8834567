/**
 * The created-resources ledger a run writes (JSON lines), read back for `cleanup`:
 * `{"kind":"image","id":"…","service":"ims","project":"…","createdAt":"…"}` per line.
 * @see ../../../shared/DESIGN.md "Targets": every created resource is recorded and cleaned up
 */
import { readFileSync } from 'node:fs';

export interface LedgerEntry {
  readonly kind: string;
  readonly id: string;
  readonly service: 'ims' | 'evs';
  readonly project?: string;
  readonly createdAt?: string;
  /** 1-based line in the ledger file. */
  readonly line: number;
}

export interface ReadLedgerResult {
  /** Entries in file order, the first of each (kind, id) only. */
  readonly entries: LedgerEntry[];
  /** `file:line: message` for each line that is not an entry; the file is unusable when any. */
  readonly problems: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problem with one parsed line, or undefined when it is an entry. */
function lineProblem(value: unknown): string | undefined {
  if (!isRecord(value)) {
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
  for (const key of ['project', 'createdAt'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') {
      return `"${key}" must be a string when present`;
    }
  }
  return undefined;
}

/** Reads and checks every line of `file` (blank lines skipped); never throws. */
export function readLedger(file: string): ReadLedgerResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { entries: [], problems: [`${file}: cannot read the ledger (${(error as Error).message})`] };
  }
  const entries: LedgerEntry[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') {
      continue;
    }
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push(`${file}:${line}: not JSON (${(error as Error).message})`);
      continue;
    }
    const problem = lineProblem(value);
    if (problem !== undefined) {
      problems.push(`${file}:${line}: ${problem}`);
      continue;
    }
    const entry = value as Omit<LedgerEntry, 'line'>;
    const key = `${entry.kind}\u0000${entry.id}`;
    if (!seen.has(key)) {
      seen.add(key);
      entries.push({ ...entry, line });
    }
  }
  return { entries, problems };
}
