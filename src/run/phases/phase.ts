import type { CompiledOperation } from '../../model/compiled.js';
import type { RunContext } from '../context.js';
import type { DepthPreset, RunOptions } from '../options.js';
import type { CompiledSpecs } from '../specs.js';
import type { RecordSink } from './send.js';

/** What a phase knows when vitest collects the tests: the operation and the run's options, no target yet. */
export interface PhaseEnv {
  readonly op: CompiledOperation;
  readonly specs: CompiledSpecs;
  readonly options: RunOptions;
  readonly depth: DepthPreset;
  /** Whether `--only` selects this constraint id (or the whole operation). */
  readonly selectedHere: (id: string) => boolean;
}

/** What a phase's case has when it runs: the env plus the target's context and the operation's record sink. */
export interface PhaseRun extends PhaseEnv {
  readonly run: RunContext;
  readonly sink: RecordSink;
}

/** One vitest test of a phase. */
export interface PhaseCase {
  readonly name: string;
  run(ctx: PhaseRun): Promise<void>;
}

/**
 * One phase of an operation's suite (Schemathesis's phases: examples, coverage, fuzzing, stateful): a describe
 * block of the suite. `needsFixture: false` marks phases whose cases say something even when the target lacks the
 * resource the path names (an unknown id, a missing token), so they still run.
 */
export interface Phase {
  readonly name: string;
  readonly needsFixture: boolean;
  applies(env: PhaseEnv): boolean;
  /** The phase's tests; computed at collection time, so they cannot depend on the target's fixtures. */
  cases(env: PhaseEnv): readonly PhaseCase[];
}
