/**
 * What `run` and `mutation` share: running the vitest project `conformance` in process, and the constraint rows
 * of the compiled specs a run selected.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestSpecification } from 'vitest/node';
import { ExitCodes } from '../errors.js';
import type { ConstraintInfo } from '../model/compiled.js';
import { allureReporterConfig } from '../report/allure.js';
import { signalListeners, takeOverSignals } from '../run/flows/interrupt.js';
import { jobTimeoutMs } from '../run/job.js';
import { operationSelected, RUN_ENV, type RunEnvelope, type RunOptions, selected } from '../run/options.js';
import { compiledSpecs } from '../run/specs.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every constraint of the compiled specs the run selected, for the compliance rows. */
export function selectedConstraints(options: RunOptions): ConstraintInfo[] {
  const specs = compiledSpecs({ revision: options.revision });
  return specs.operations.flatMap((op) =>
    op.constraints
      .filter((c) => options.only.length === 0 || selected(options.only, c.id) || selected(options.only, op.id))
      .map(({ id, operationId, kind, description, citation, erratum, notChecked }) => ({
        id,
        operationId,
        kind,
        description,
        citation,
        ...(erratum ? { erratum } : {}),
        ...(notChecked ? { notChecked } : {}),
      })),
  );
}

/**
 * The suite files a run selects: with --only, the files that define a selected operation or name a selected
 * constraint (flows); [] means every file. Unselected files are not run at all, so JUnit and Allure do not list
 * their tests (as passed with time 0, as they did when every file ran its skipped describe blocks).
 */
export function selectedSuiteFiles(options: Pick<RunOptions, 'only' | 'revision'>, root = packageRoot): string[] {
  if (options.only.length === 0) {
    return [];
  }
  const specs = compiledSpecs({ revision: options.revision });
  const files = readdirSync(join(root, 'suites'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join('suites', f))
    .sort();
  return files.filter((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const ids = [...text.matchAll(/'((?:ims|evs)\.[a-z_]+(?:\.[A-Za-z0-9_]+)*)'/g)].map((m) => m[1] ?? '');
    // A flow file is selected by the constraints its flows check (defineFlows filters on those); the operation
    // ids it also names (the requests it sends) do not select it.
    const flows = file.startsWith(join('suites', 'flows'));
    return ids.some((id) => {
      const op = specs.operations.find((o) => o.id === id);
      if (op && flows) {
        return false;
      }
      return op
        ? operationSelected(
            options.only,
            op.id,
            op.constraints.map((c) => c.id),
          )
        : selected(options.only, id);
    });
  });
}

/** The conformance project's own test timeout (vitest.config.ts), the floor of testTimeoutFor. */
const CONFIG_TEST_TIMEOUT_MS = 120_000;

/**
 * The test timeout of a run (issue 18, point 7): longer than the longest wait a test may start — an export case
 * waits up to one job's time for its disk (resources.ts awaitVolumeOnce) — plus a minute for the case itself, so
 * vitest never kills a test while a wait it started is running (its records would be lost and its requests keep
 * going). Flows set their own, twice the job's time plus 30 s (flows/suite.ts).
 */
export function testTimeoutFor(envelope: RunEnvelope, env: NodeJS.ProcessEnv = process.env): number {
  const targets = [envelope.target, ...(envelope.targets ?? []).map((t) => t.target)].filter(
    (t): t is NonNullable<typeof t> => t !== undefined,
  );
  const longest = Math.max(0, ...targets.map((t) => jobTimeoutMs(t, env)));
  return Math.max(CONFIG_TEST_TIMEOUT_MS, longest + 60_000);
}

/** The files in the order given, the import flows' file (suites/flows/imports.test.ts) moved to the end. */
export function importFlowsLast<T extends { readonly moduleId: string }>(files: readonly T[]): T[] {
  const last = (f: T) => f.moduleId.endsWith(join('suites', 'flows', 'imports.test.ts'));
  return [...files.filter((f) => !last(f)), ...files.filter(last)];
}

/**
 * Runs the vitest project `conformance` in this process with the run's envelope in the environment. Ctrl-C (or
 * SIGTERM) cancels the tests instead of exiting, so the caller still writes the reports and cleans up; a second
 * signal exits at once (130).
 * @returns whether the run was interrupted
 */
export async function runVitest(
  envelope: RunEnvelope,
  options: {
    shard?: string;
    quiet?: boolean;
    reports?: boolean;
    blob?: boolean;
    maxWorkers?: number;
    onInterrupt?: () => void;
  } = {},
): Promise<{ interrupted: boolean }> {
  const { BaseSequencer, createVitest } = await import('vitest/node');
  /**
   * The import flows' file runs last (issue 18, point 6). On two cores vitest runs every file of the conformance
   * project in one worker, one after the other, and these flows may wait a whole job timeout: after them, cleanup
   * finds every job of the run older than that timeout and reads it once instead of waiting for it (cleanup.ts).
   * Measured against jobs that never end: cleanup waited 30 s more for the jobs the files after the flows started.
   */
  class JobFlowsLast extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      return importFlowsLast(await super.sort(files));
    }
  }
  const dir = envelope.options.reportDir;
  const allure = allureReporterConfig(join(dir, 'allure-results'));
  process.env[RUN_ENV] = JSON.stringify(envelope);
  const interactive = process.stdout.isTTY === true;
  const before = signalListeners();
  const vitest = await createVitest(
    'test',
    {
      root: packageRoot,
      project: ['conformance'],
      run: true,
      watch: false,
      passWithNoTests: true,
      // `reports: false` (the mutation run) keeps only the case records: Allure's per-attachment fsync and JUnit
      // would be most of its cost and nobody reads them.
      reporters: [
        // Quiet (the mutation run): no test output at all — failures against the deviations are the expected
        // outcome, and vitest's red "Failed Tests" block before an exit 0 would read as a failed run.
        // (An empty list would make vitest add its default reporter: an inline reporter that says nothing.)
        options.quiet ? { onInit: () => undefined } : interactive ? 'default' : 'dot',
        ...(options.reports === false
          ? []
          : [
              ['junit', { outputFile: join(dir, 'junit.xml') }] as [string, Record<string, unknown>],
              [allure.reporter[0], { ...allure.reporter[1] }] as [string, Record<string, unknown>],
            ]),
        // A shard's blob report, for `vitest --merge-reports` (the nightly merges the shards' JUnit with it).
        ...(options.blob
          ? [
              [
                'blob',
                { outputFile: join(dir, 'blob', `blob-${(options.shard ?? '1/1').replace('/', '-')}.json`) },
              ] as [string, Record<string, unknown>],
            ]
          : []),
      ],
      ...(options.shard ? { shard: options.shard } : {}),
      ...(options.maxWorkers ? { maxWorkers: options.maxWorkers } : {}),
      // Overrides the project's 120 s (a CLI option wins over a project's config).
      testTimeout: testTimeoutFor(envelope),
      sequence: { sequencer: JobFlowsLast },
    },
    {},
  );
  let interrupted = false;
  const release = takeOverSignals(vitest, before, {
    onInterrupt: () => {
      interrupted = true;
      options.onInterrupt?.();
    },
    abort: () => process.exit(ExitCodes.INTERRUPTED),
  });
  try {
    const files = selectedSuiteFiles(envelope.options);
    // Each selected file by its path; a run that selects a file of no suite cannot happen (--only is checked).
    await vitest.start(files);
  } finally {
    release();
    await vitest.close();
    delete process.env[RUN_ENV];
  }
  return { interrupted };
}
