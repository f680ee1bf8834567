/**
 * Case records on disk: each vitest worker appends its CaseRecords as JSON lines to
 * `<reportDir>/records/<name>.jsonl`; the report step reads them all back.
 * One file per worker (or suite file) means no two processes append to the same file.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes } from '../errors.js';
import type { CaseRecord } from '../model/verdict.js';
import type { ReportDiagnostic } from './diagnostic.js';
import { compareText } from './tally.js';

export const recordsFolder = 'records';

export interface ReadRecordsResult {
  readonly value: CaseRecord[];
  readonly diagnostics: readonly ReportDiagnostic[];
}

/**
 * Appends `records` to `<dir>/records/<name>.jsonl` in one synchronous write (safe to call after
 * every case). `name` is a worker id or a suite file; characters outside `[A-Za-z0-9._-]` become `_`.
 * @returns the file written
 */
export function appendRecords(dir: string, name: string, records: readonly CaseRecord[]): string {
  const folder = join(dir, recordsFolder);
  const file = join(folder, `${safeName(name)}.jsonl`);
  if (records.length === 0) {
    return file;
  }
  mkdirSync(folder, { recursive: true });
  appendFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8');
  return file;
}

/**
 * Every record of every `.jsonl` file under `<dir>/records`, by file name then line. A cut-off last
 * line (a worker killed mid-write) or a line that is not a CaseRecord is skipped with a diagnostic.
 */
export function readRecords(dir: string): ReadRecordsResult {
  const folder = join(dir, recordsFolder);
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((n) => n.endsWith('.jsonl'))
      .sort(compareText);
  } catch {
    names = [];
  }
  if (names.length === 0) {
    return {
      value: [],
      diagnostics: [{ code: ErrorCodes.REPORT_NO_RECORDS, message: 'no case records were written', file: folder }],
    };
  }
  const value: CaseRecord[] = [];
  const diagnostics: ReportDiagnostic[] = [];
  for (const name of names) {
    const file = join(folder, name);
    readFile(file, value, diagnostics);
  }
  return { value, diagnostics };
}

function readFile(file: string, into: CaseRecord[], diagnostics: ReportDiagnostic[]): void {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  // A complete file ends with "\n", so its last piece is empty; anything else there was cut off.
  const last = lines.length - 1;
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      return;
    }
    const parsed = parseRecord(line);
    if (parsed !== undefined) {
      into.push(parsed);
      return;
    }
    const torn = index === last;
    diagnostics.push({
      code: torn ? ErrorCodes.REPORT_TORN_LINE : ErrorCodes.REPORT_BAD_RECORD,
      message: torn
        ? 'the last line is cut off (a worker stopped mid-write); skipped'
        : 'not a JSON case record (caseId, operationId, constraintIds, findings); skipped',
      file,
      line: index + 1,
    });
  });
}

function parseRecord(line: string): CaseRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  return isCaseRecord(value) ? value : undefined;
}

/** The shape check of a line: enough that the report code can rely on the fields it reads. */
export function isCaseRecord(value: unknown): value is CaseRecord {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const r = value as Record<string, unknown>;
  return (
    typeof r.caseId === 'string' &&
    typeof r.operationId === 'string' &&
    Array.isArray(r.constraintIds) &&
    r.constraintIds.every((id) => typeof id === 'string') &&
    Array.isArray(r.findings) &&
    r.findings.every(isFindingLike)
  );
}

function isFindingLike(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const f = value as Record<string, unknown>;
  return (
    typeof f.checkId === 'string' &&
    typeof f.constraintId === 'string' &&
    (f.severity === 'failure' ||
      f.severity === 'warning' ||
      f.severity === 'not_checked' ||
      f.severity === 'differs') &&
    typeof f.title === 'string' &&
    typeof f.citation === 'object' &&
    f.citation !== null
  );
}

function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? '_' : cleaned;
}
