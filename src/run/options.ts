import type { TargetConfig } from '../target/types.js';

export type Depth = 'smoke' | 'standard' | 'deep';
/**
 * `glance`: the default profile plus the documented differences of plain OpenStack Image API v2 (Glance), each
 * reported `differs` with its reason and citation (specs/profiles/glance.yaml).
 */
export type Profile = 'default' | 'strict' | 'glance';

/** Every profile name the CLI accepts. */
export const PROFILES: readonly Profile[] = ['default', 'strict', 'glance'];

/** How many cases each kind of test generates, per depth preset. */
export interface DepthPreset {
  /** Runs of each valid-request property (per body variant). */
  readonly validRuns: number;
  /** Generated cases per (constraint, violation kind). */
  readonly invalidRuns: number;
  /** Time cap of one property's shrinking against the target, in ms. */
  readonly shrinkMs: number;
}

export const DEPTHS: Readonly<Record<Depth, DepthPreset>> = {
  smoke: { validRuns: 3, invalidRuns: 1, shrinkMs: 2_000 },
  standard: { validRuns: 15, invalidRuns: 3, shrinkMs: 10_000 },
  deep: { validRuns: 100, invalidRuns: 10, shrinkMs: 60_000 },
};

/** What one run was asked to do; passed from the CLI to the vitest workers. */
export interface RunOptions {
  readonly runId: string;
  readonly depth: Depth;
  readonly profile: Profile;
  /** EVS document revision (003 or 004). */
  readonly revision: string;
  readonly seed: number;
  /** Operation or constraint id globs (`ims.dataimage`, `ims.*.min_disk.*`); empty = everything. */
  readonly only: readonly string[];
  readonly reportDir: string;
  /** fast-check replay path of a failing property (`--path`), used with `seed`. */
  readonly path?: string;
}

/** One of several targets a single run checks side by side (the mutation run: the clean mock and each deviation). */
export interface NamedTarget {
  readonly name: string;
  readonly target: TargetConfig;
}

/** What the CLI hands the workers: the options and the resolved target (secrets stay in memory: env only). */
export interface RunEnvelope {
  readonly options: RunOptions;
  readonly target?: TargetConfig;
  /** Several targets in one run; each gets its own describe blocks and its own `<reportDir>/targets/<name>/`. */
  readonly targets?: readonly NamedTarget[];
  /**
   * When the run started (epoch ms). The target's time budget is the run's, not each worker's: a worker's client
   * gets what is left of it (every test file has its own worker context, so a per-worker budget multiplies).
   */
  readonly startedAt?: number;
}

/** Name of the environment variable that carries the run to vitest workers. */
export const RUN_ENV = 'IMS_CONFORMANCE_RUN';

/** Matches an id against `--only` globs (`*` = any run of characters); a glob also matches ids below it. */
export function selected(only: readonly string[], id: string): boolean {
  if (only.length === 0) {
    return true;
  }
  return only.some((glob) => {
    const re = new RegExp(
      `^${glob
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}(\\..*)?$`,
    );
    return re.test(id);
  });
}

/** Whether any id below an operation (the operation itself or one of its constraints) is selected. */
export function operationSelected(only: readonly string[], opId: string, constraintIds: readonly string[]): boolean {
  return only.length === 0 || selected(only, opId) || constraintIds.some((id) => selected(only, id));
}

/** A 32-bit seed for one test, derived from the run seed and the test's name (reproducible per test). */
export function seedFor(runSeed: number, name: string): number {
  let h = runSeed >>> 0;
  for (let i = 0; i < name.length; i++) {
    h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h | 0;
}
