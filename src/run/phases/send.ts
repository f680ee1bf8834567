import fc from 'fast-check';
import { expect } from 'vitest';
import { validCaseArbitrary } from '../../../generators/invalid.js';
import type { GeneratedCase, GenerationContext } from '../../model/case.js';
import type { CompiledOperation } from '../../model/compiled.js';
import type { CaseRecord, Finding } from '../../model/verdict.js';
import { appendRecords } from '../../report/findings-io.js';
import type { RunContext } from '../context.js';
import { executeCase, renderFindings, replayCommand } from '../execute.js';

export const failuresOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'failure');

/** Keeps the records of one suite file and writes them once at the end (one file per operation). */
export interface RecordSink {
  push(r: CaseRecord): void;
  flush(dir: string): void;
}

/** A record sink for the suite of one operation. */
export function recordSink(name: string): RecordSink {
  const records: CaseRecord[] = [];
  return {
    push: (r: CaseRecord) => {
      records.push(r);
    },
    flush: (dir: string) => {
      appendRecords(dir, name, records.splice(0));
    },
  };
}

/**
 * Sends one case and records it; returns the STYLE.md §3.4 block of its failures, or undefined when none. Blocks
 * of several cases collect these and fail once at the end, so every case of the block runs.
 */
export async function sendCase(
  run: RunContext,
  op: CompiledOperation,
  gcase: GeneratedCase,
  caseId: string,
  seed: number,
  sink: RecordSink,
  overrides = {},
): Promise<string | undefined> {
  const result = await executeCase(run, op, gcase, caseId, { seed }, overrides);
  sink.push(result.record);
  const failures = failuresOf(result.findings);
  if (failures.length === 0) {
    return undefined;
  }
  const command = result.record.counterexample?.command ?? replayCommand(run, gcase, run.options.seed);
  return renderFindings(failures, gcase, command, result.record.counterexample?.curl ?? '');
}

/** Fails the vitest test with every collected failure block (one per failing case), if any. */
export function expectNoFailures(blocks: readonly (string | undefined)[]): void {
  const failed = blocks.filter((b): b is string => b !== undefined);
  expect(failed, failed.join('\n\n')).toEqual([]);
}

/** Sends one case and fails the vitest test with its failure block if any failure finding comes back. */
export async function runCase(
  run: RunContext,
  op: CompiledOperation,
  gcase: GeneratedCase,
  caseId: string,
  seed: number,
  sink: RecordSink,
  overrides = {},
): Promise<void> {
  expectNoFailures([await sendCase(run, op, gcase, caseId, seed, sink, overrides)]);
}

/** The generation context of a run: the target's fixtures and the run's name prefix. */
export function fixtureContext(run: RunContext): GenerationContext {
  return { fixtures: run.fixtures, namePrefix: run.namePrefix };
}

/** The path parameters of the operation, filled from the target's fixtures. */
export function pathParams(run: RunContext, op: CompiledOperation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, p] of Object.entries(op.spec.pathParams ?? {})) {
    out[name] = (p.fixture ? run.fixtures[p.fixture] : undefined) ?? `missing-fixture-${name}`;
  }
  return out;
}

/** The first valid case of the run seed: the base of cases that change one thing (auth, malformed, unknown id). */
export function firstValidCase(run: RunContext, op: CompiledOperation): GeneratedCase {
  const [gcase] = fc.sample(validCaseArbitrary(op, fixtureContext(run)), { numRuns: 1, seed: run.options.seed });
  return gcase as GeneratedCase;
}
