import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { checkRegistry } from '../checks/registry.js';
import type { RegisteredCheck } from '../checks/types.js';
import { envelopeLookup } from '../compile/index.js';
import { SecretRegistry } from '../http/redact.js';
import type { HttpClient } from '../http/types.js';
import type { ProfileData } from '../spec/profile.js';
import { createTargetClient } from '../target/connect.js';
import { localMockTarget } from '../target/local-mock.js';
import { registerTargetSecrets } from '../target/secrets.js';
import type { TargetConfig } from '../target/types.js';
import { guardCreates } from './create-guard.js';
import { flattenFixtures } from './fixtures.js';
import { RUN_ENV, type RunEnvelope, type RunOptions } from './options.js';
import { runProfile } from './profile.js';
import { type CompiledSpecs, compiledSpecs, specRevisions } from './specs.js';
import { watchTarget } from './target-health.js';

/** Everything a suite needs to send cases and check them. */
export interface RunContext {
  readonly options: RunOptions;
  readonly target: TargetConfig;
  readonly client: HttpClient;
  readonly secrets: SecretRegistry;
  readonly specs: CompiledSpecs;
  readonly checks: readonly RegisteredCheck[];
  /** Fixtures by spec name; the preparation step adds `image.id`, `job.id`. */
  readonly fixtures: Record<string, string>;
  /** Prefix of every name the run gives a resource. */
  readonly namePrefix: string;
  /** The profile's documented differences and request shaping (absent: none, as in the default profile). */
  readonly profile?: ProfileData;
}

/** Default options for a run started without the CLI (e.g. `vitest --project conformance`). */
export function defaultRunOptions(): RunOptions {
  return {
    runId: randomBytes(4).toString('hex'),
    depth: 'smoke',
    profile: 'default',
    revision: specRevisions().default,
    seed: Date.now() % 2 ** 31,
    only: [],
    reportDir: resolve('reports'),
  };
}

/** The run the CLI described in the environment, or defaults (embedded mock) when there is none. */
export function runEnvelope(env: NodeJS.ProcessEnv = process.env): RunEnvelope {
  const text = env[RUN_ENV];
  if (!text) {
    return { options: defaultRunOptions() };
  }
  return JSON.parse(text) as RunEnvelope;
}

const contexts = new Map<string, Promise<RunContext>>();
let stopMock: (() => Promise<void>) | undefined;

/** Report folder of one of several targets of a run. */
export function targetReportDir(reportDir: string, name: string): string {
  return join(reportDir, 'targets', name.replace(/[^A-Za-z0-9._-]/g, '_'));
}

/** The target with the part of its time budget the run has not used yet (at least 1 ms, so it ends at once). */
export function withRemainingBudget(
  target: TargetConfig,
  startedAt: number | undefined,
  now = Date.now(),
): TargetConfig {
  if (startedAt === undefined) {
    return target;
  }
  const left = Math.max(1, target.limits.budgetMs - Math.max(0, now - startedAt));
  return { ...target, limits: { ...target.limits, budgetMs: left } };
}

async function connect(name: string | undefined): Promise<RunContext> {
  const envelope = runEnvelope();
  const named = name === undefined ? undefined : envelope.targets?.find((t) => t.name === name);
  let target = named?.target ?? envelope.target;
  if (!target) {
    // No target: this worker starts the embedded mock on a free loopback port.
    const { startMock } = await import('../../mock/main.js');
    const mock = await startMock();
    stopMock = () => mock.close();
    target = localMockTarget(mock.url);
  }
  const options = named
    ? { ...envelope.options, reportDir: targetReportDir(envelope.options.reportDir, named.name) }
    : envelope.options;
  const secrets = new SecretRegistry();
  registerTargetSecrets(target, secrets);
  const specs = compiledSpecs({ revision: options.revision });
  return {
    options,
    target,
    // Every request goes through the creation guard (create-guard.ts: --allow-create, --max-creates, run prefix),
    // then the watch that stops the run when the target stops answering (target-health.ts).
    client: guardCreates(
      watchTarget(createTargetClient(withRemainingBudget(target, envelope.startedAt), secrets), {
        target,
        reportDir: options.reportDir,
      }),
      {
        target,
        reportDir: options.reportDir,
        runId: options.runId,
        namePrefix: `imsc-${options.runId}-`,
      },
    ),
    secrets,
    specs,
    checks: checkRegistry(envelopeLookup(specs.loaded)),
    fixtures: flattenFixtures(target),
    namePrefix: `imsc-${options.runId}-`,
    profile: runProfile(options.profile, specs),
  };
}

/** The run context of this worker for a target (the single target when no name is given); created once. */
export function runContext(name?: string): Promise<RunContext> {
  const key = name ?? '';
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = connect(name);
    contexts.set(key, ctx);
  }
  return ctx;
}

/** Closes the worker's client for a target (all targets when no name is given) and the embedded mock. */
export async function closeRunContext(name?: string): Promise<void> {
  const keys = name === undefined ? [...contexts.keys()] : [name];
  for (const key of keys) {
    const ctx = contexts.get(key);
    contexts.delete(key);
    if (ctx) {
      await (await ctx).client.close();
    }
  }
  if (contexts.size === 0) {
    await stopMock?.();
    stopMock = undefined;
  }
}
