/**
 * `ims-conformance mutation`: the suite against the clean mock and against one mock per catalogued deviation, all
 * in one vitest run per seed; a deviation is caught when a constraint fails against it and not against the clean
 * mock. Writes reports/mutation.json and mutation.md; exits 1 when a deviation survives, the clean mock fails a
 * check, or a verdict flips between seeds.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCodes } from '../../errors.js';
import type { ComplianceReport } from '../../model/verdict.js';
import { buildCompliance } from '../../report/compliance.js';
import { readRecords } from '../../report/findings-io.js';
import { targetReportDir } from '../../run/context.js';
import { JOB_TIMEOUT_ENV } from '../../run/job.js';
import { type DeviationInfo, judgeMutation, mutationVerdictLine, renderMutationMarkdown } from '../../run/mutation.js';
import type { Depth, NamedTarget, RunOptions } from '../../run/options.js';
import { specRevisions } from '../../run/specs.js';
import { localMockTarget } from '../../target/local-mock.js';
import { parseFlags, usageError } from '../flags.js';
import { printError, printInfo } from '../print.js';
import { runVitest, selectedConstraints } from '../vitest-run.js';

export const mutationHelp = `Usage: ims-conformance mutation [flags]

Proves the suite catches deviations from the documents: runs it against the clean mock and against one mock
per deviation of the mock's catalogue (mock/deviations.ts), with each seed, in one vitest run per seed.

Flags:
  --depth NAME        smoke | standard | deep (default smoke)
  --seeds LIST        comma-separated seeds; verdicts must not flip between them (default 1,2,3)
  --deviation NAME    only this deviation (repeatable)
  --report-dir DIR    where mutation.json / mutation.md go (default reports)
  -h, --help          this help

Exit codes: 0 every deviation caught, no failure on the clean mock, no flip; 1 otherwise; 2 usage error.

Example:
  ims-conformance mutation --depth smoke --seeds 1,2,3
`;

interface MockModule {
  readonly DEVIATIONS: readonly DeviationInfo[];
}

const CLEAN = 'clean';

export async function mutationCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('mutation', () =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        depth: { type: 'string' },
        seeds: { type: 'string' },
        deviation: { type: 'string', multiple: true },
        'report-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    process.stdout.write(mutationHelp);
    return ExitCodes.OK;
  }
  const depth = (values.depth ?? 'smoke') as Depth;
  if (!['smoke', 'standard', 'deep'].includes(depth)) {
    throw usageError('mutation', `--depth must be one of smoke, standard, deep (got ${JSON.stringify(values.depth)})`);
  }
  const seeds = (values.seeds ?? '1,2,3').split(',').map(Number);
  if (seeds.some((s) => !Number.isInteger(s))) {
    throw usageError('mutation', `--seeds must be comma-separated integers (got ${JSON.stringify(values.seeds)})`);
  }
  const { DEVIATIONS } = (await import('../../../mock/deviations.js')) as MockModule;
  const { startMock } = await import('../../../mock/main.js');
  const unknown = (values.deviation ?? []).filter((d) => !DEVIATIONS.some((x) => x.name === d));
  if (unknown.length > 0) {
    printError(`unknown deviation ${unknown.join(', ')}; known: ${DEVIATIONS.map((d) => d.name).join(', ')}`);
    return ExitCodes.USAGE;
  }
  const chosen = values.deviation ? DEVIATIONS.filter((d) => values.deviation?.includes(d.name)) : DEVIATIONS;
  const reportDir = resolve(values['report-dir'] ?? 'reports');
  const started = Date.now();
  const clean: ComplianceReport[] = [];
  const byDeviation = new Map<string, ComplianceReport[]>();

  for (const seed of seeds) {
    // Fresh mocks per seed, so one seed's state (images, uploading volumes) cannot change the next one's verdicts.
    const mocks = await Promise.all([
      startMock().then((m) => ({ name: CLEAN, mock: m })),
      ...chosen.map((d) => startMock({ config: { deviations: [d.name] } }).then((m) => ({ name: d.name, mock: m }))),
    ]);
    // The mock ends a job in 150 ms: a few seconds per job and per request tell a deviation (a job that never
    // ends, a disk that stays uploading) from a slow target without waiting minutes for each.
    const targets: NamedTarget[] = mocks.map(({ name, mock }) => {
      const target = localMockTarget(mock.url);
      return { name, target: { ...target, limits: { ...target.limits, timeoutMs: 2_000, budgetMs: 300_000 } } };
    });
    process.env[JOB_TIMEOUT_ENV] ??= '3000';
    const dir = join(reportDir, 'mutation', `seed-${seed}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const options: RunOptions = {
      runId: `mut${seed}`,
      depth,
      profile: 'default',
      revision: specRevisions().default,
      seed,
      only: [],
      reportDir: dir,
    };
    printInfo(
      `mutation: seed ${seed}, ${targets.length} targets (clean + ${chosen.length} deviations), depth ${depth}`,
    );
    await runVitest(
      { options, targets },
      { quiet: true, reports: false, maxWorkers: Number(process.env.IMSC_MAX_WORKERS ?? 3) },
    );
    await Promise.all(mocks.map(({ mock }) => mock.close()));
    const constraints = selectedConstraints(options);
    for (const { name } of targets) {
      const records = readRecords(targetReportDir(dir, name)).value;
      const report = buildCompliance(constraints, records, {
        runId: options.runId,
        target: name,
        revision: options.revision,
        profile: options.profile,
        depth,
        seed,
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
      });
      if (name === CLEAN) {
        clean.push(report);
      } else {
        byDeviation.set(name, [...(byDeviation.get(name) ?? []), report]);
      }
    }
  }

  const report = judgeMutation(chosen, clean, byDeviation, { depth, seeds, wallMs: Date.now() - started });
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(join(reportDir, 'mutation.json'), `${JSON.stringify(report, null, 2)}\n`);
  const md = renderMutationMarkdown(report);
  writeFileSync(join(reportDir, 'mutation.md'), md);
  process.stdout.write(md);
  const line = mutationVerdictLine(report, [join(reportDir, 'mutation.md'), join(reportDir, 'mutation.json')]);
  process.stdout.write(`\n${line}\n`);
  return line.startsWith('mutation: PASS') ? ExitCodes.OK : ExitCodes.FAILED;
}
