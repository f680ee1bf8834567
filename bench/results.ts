/** The shape of reports/bench.json (everything bench.md is rendered from). */
import type { ProcessRun } from './e2e.js';
import type { LoadResult } from './http-load.js';
import type { OfflineResult } from './offline.js';
import type { ProfileSummary } from './profile.js';

export interface MachineFacts {
  readonly date: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly totalMemoryMb: number;
  readonly platform: string;
  /** 1/5/15-minute load averages when the benchmark started: a busy machine lowers every figure. */
  readonly loadAverage: readonly number[];
  readonly quick: boolean;
  readonly commit: string;
}

export interface ScenarioInfo {
  readonly name: string;
  readonly operation: string;
  readonly variant: string;
  readonly expectStatus: number;
  readonly note?: string;
}

export interface HttpSection {
  readonly seconds: number;
  readonly connections: readonly number[];
  /** Size in bytes of the reference's body (that of the POST /v2/images answer measured on the mock). */
  readonly referenceBodyBytes: number;
  readonly scenarios: readonly ScenarioInfo[];
  readonly results: readonly LoadResult[];
}

export interface E2eRun extends ProcessRun {
  readonly depth: string;
  readonly cases: number;
  readonly casesPerSecond: number;
}

export interface TargetVerdict {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | 'not measured';
}

export interface BenchResults {
  readonly machine: MachineFacts;
  readonly http?: HttpSection;
  readonly offline?: OfflineResult;
  readonly e2e: readonly E2eRun[];
  readonly mutation: { readonly measured: false; readonly reason: string } | ({ readonly measured: true } & ProcessRun);
  readonly profiles: Readonly<Record<string, ProfileSummary & { readonly what: string }>>;
  readonly targets: readonly TargetVerdict[];
  readonly notes: readonly string[];
}
