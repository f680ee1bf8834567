/**
 * `ims-conformance run`: the suites against a target (or the embedded mock), then compliance.json/.md, JUnit XML,
 * Allure results (and HTML), the ledger cleaned up, a one-screen summary and the exit code.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { coverageSection, specsCoverage } from '../../coverage/index.js';
import { ExitCodes, formatDiagnostic } from '../../errors.js';
import { redactText, SecretRegistry } from '../../http/redact.js';
import type { ConstraintInfo } from '../../model/compiled.js';
import type { CaseRecord, ComplianceReport } from '../../model/verdict.js';
import { generateAllureHtml } from '../../report/allure-html.js';
import { type ComplianceDiff, diffCompliance, exitCodeFor, type FailOn, loadBaseline } from '../../report/baseline.js';
import { buildCompliance, markInterrupted } from '../../report/compliance.js';
import { formatReportDiagnostic } from '../../report/diagnostic.js';
import { readRecords } from '../../report/findings-io.js';
import { loadTrendReports } from '../../report/html/trend.js';
import { renderSummary } from '../../report/summary.js';
import { writeReports } from '../../report/write.js';
import { cleanupLedger, readLedger } from '../../run/cleanup.js';
import { jobTimeoutMs } from '../../run/job.js';
import { ledgerFile, writeLedgerRun } from '../../run/ledger.js';
import { DEPTHS, type Depth, PROFILES, type Profile, type RunOptions, selected } from '../../run/options.js';
import { preflight } from '../../run/preflight.js';
import { checkProfile } from '../../run/profile.js';
import { compiledSpecs, specRevisions } from '../../run/specs.js';
import { markUnusable, readUnusable, unusableFile, unusableMessage } from '../../run/unusable.js';
import { loadTarget } from '../../target/config.js';
import { createTargetClient } from '../../target/connect.js';
import { localMockTarget } from '../../target/local-mock.js';
import type { TargetConfig } from '../../target/types.js';
import { parseFlags, usageError } from '../flags.js';
import { printError, printInfo, printWarning } from '../print.js';
import { runVitest, selectedConstraints } from '../vitest-run.js';

export const runHelp = `Usage: ims-conformance run [flags]

Runs every documented constraint against a target and writes the reports. Without --target (and without
IMS_TARGET / IMS_ENDPOINT in the environment) it starts the embedded mock on a free loopback port.

Flags:
  --target FILE        target file (YAML); env IMS_TARGET, IMS_ENDPOINT, EVS_ENDPOINT, IMS_PROJECT_ID,
                       IMS_AUTH_TOKEN … override its values
  --profile NAME       default | strict | glance (strict: errata-backed checks fail, error codes must be
                       documented; glance: OpenStack Glance's documented differences reported as differs)
  --revision REV       document revision, one the specs state (revisions: in specs/, listed by lint-specs;
                       default: the target's, else the one the specs mark default)
  --depth NAME         smoke | standard | deep (cases per property and per constraint; default standard)
  --seed N             seed of every generator (default: random, printed in the summary)
  --path P             fast-check replay path of a failing property (with --seed and --only)
  --only GLOB          operation or constraint ids to run, e.g. ims.dataimage or 'ims.*.min_disk.*'
                       (repeatable, or comma-separated)
  --allow-create       allow requests that create resources on a remote (non-loopback) target
  --max-creates N      cap of resources the run may create
  --report-dir DIR     where reports go (default reports)
  --baseline FILE      a previous compliance.json: compliance.md starts with what changed
  --fail-on WHEN       any | new (new: exit 1 only for constraints failing since the baseline; default any)
  --history DIR        a folder of earlier compliance.json files: compliance.html draws a trend per operation
  --docs DIR           the documents folder (seeds/, reference/) compliance.html shows (default: env
                       IMS_DOCS_DIR, else ../shared/docs beside the repository)
  --shard I/N          run the I-th of N shards of the test files
  --no-html            skip the Allure HTML report (allure-results and JUnit are still written)
  --blob               also write a vitest blob report to DIR/blob/ (merge shards with vitest --merge-reports)
  --keep               do not delete what the run created
  -h, --help           this help

Exit codes: 0 every checked constraint passes, 1 checks failed, 2 usage or configuration error, 3 target unusable
(unreachable, credentials refused, or it stopped answering: the report is marked "target unusable"), 130
interrupted (Ctrl-C; the reports keep what was observed before).

Examples:
  ims-conformance run
  ims-conformance run --target targets/local-mock.yaml --depth smoke
  ims-conformance run --only ims.dataimage.min_disk.range --seed 1234
`;

interface ParsedRun {
  readonly target?: string;
  readonly options: RunOptions;
  readonly allowCreate: boolean;
  readonly maxCreates?: number;
  readonly baseline?: string;
  readonly history?: string;
  readonly docs?: string;
  readonly failOn: FailOn;
  readonly shard?: string;
  readonly html: boolean;
  readonly blob: boolean;
  readonly keep: boolean;
  readonly revisionGiven: boolean;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) {
    return fallback;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw usageError('run', `--${flag} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

function parse(argv: string[]): ParsedRun | 'help' {
  const { values } = parseFlags('run', () =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        target: { type: 'string' },
        profile: { type: 'string' },
        revision: { type: 'string' },
        depth: { type: 'string' },
        seed: { type: 'string' },
        path: { type: 'string' },
        only: { type: 'string', multiple: true },
        'allow-create': { type: 'boolean' },
        'max-creates': { type: 'string' },
        'report-dir': { type: 'string' },
        baseline: { type: 'string' },
        history: { type: 'string' },
        docs: { type: 'string' },
        'fail-on': { type: 'string' },
        shard: { type: 'string' },
        'no-html': { type: 'boolean' },
        blob: { type: 'boolean' },
        keep: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    return 'help';
  }
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(seed)) {
    throw usageError('run', `--seed must be an integer (got ${JSON.stringify(values.seed)})`);
  }
  if (values.shard !== undefined && !/^[1-9]\d*\/[1-9]\d*$/.test(values.shard)) {
    throw usageError('run', `--shard must be I/N, e.g. 1/2 (got ${JSON.stringify(values.shard)})`);
  }
  const maxCreates = values['max-creates'] === undefined ? undefined : Number(values['max-creates']);
  if (maxCreates !== undefined && !(Number.isInteger(maxCreates) && maxCreates >= 0)) {
    throw usageError('run', `--max-creates must be a whole number (got ${JSON.stringify(values['max-creates'])})`);
  }
  const depth = oneOf<Depth>('depth', values.depth, ['smoke', 'standard', 'deep'], 'standard');
  const profile = oneOf<Profile>('profile', values.profile, PROFILES, 'default');
  // The revisions the specs document (src/compile/revision.ts), not a list of the CLI's own.
  const revisions = specRevisions();
  const revision = oneOf('revision', values.revision, revisions.all, revisions.default);
  const failOn = oneOf<FailOn>('fail-on', values['fail-on'], ['any', 'new'], 'any');
  const only = (values.only ?? []).flatMap((o) => o.split(',')).filter(Boolean);
  const unmatched = only.filter((glob) => !matchesSomeId(glob));
  if (unmatched.length > 0) {
    throw usageError(
      'run',
      `--only ${unmatched.map((g) => JSON.stringify(g)).join(', ')} matches no operation or constraint id ` +
        '(ids look like ims.dataimage or ims.dataimage.min_disk.range; npm run lint:specs lists the operations)',
    );
  }
  return {
    ...(values.target !== undefined ? { target: values.target } : {}),
    options: {
      runId: randomBytes(4).toString('hex'),
      depth,
      profile,
      revision,
      seed,
      only,
      reportDir: resolve(values['report-dir'] ?? 'reports'),
      ...(values.path !== undefined ? { path: values.path } : {}),
    },
    allowCreate: values['allow-create'] === true,
    ...(maxCreates !== undefined ? { maxCreates } : {}),
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(values.history !== undefined ? { history: values.history } : {}),
    ...(values.docs !== undefined ? { docs: values.docs } : {}),
    failOn,
    ...(values.shard !== undefined ? { shard: values.shard } : {}),
    html: values['no-html'] !== true,
    blob: values.blob === true,
    keep: values.keep === true,
    revisionGiven: values.revision !== undefined,
  };
}

/** Whether a --only glob selects anything in any documented revision of the specs (a typo must not run nothing, green). */
function matchesSomeId(glob: string): boolean {
  const { all } = specRevisions();
  return (all.length > 0 ? all : [undefined]).some((revision) =>
    compiledSpecs(revision === undefined ? {} : { revision }).operations.some(
      (op) => selected([glob], op.id) || op.constraints.some((c) => selected([glob], c.id)),
    ),
  );
}

/** The target to run against: the file/env target, or the embedded mock (started here). */
async function resolveTarget(
  parsed: ParsedRun,
  secrets: SecretRegistry,
): Promise<{ target: TargetConfig; stop?: () => Promise<void> } | undefined> {
  const loaded = loadTarget({ ...(parsed.target ? { file: parsed.target } : {}), secrets });
  if (loaded.diagnostics.length > 0) {
    for (const d of loaded.diagnostics) {
      printError(d.message);
    }
    return undefined;
  }
  if (loaded.value) {
    const t = loaded.value;
    // On a remote target only the command line opts in to creation (issue 18, point 1; config.ts resolveSafety).
    const safety = {
      ...t.safety,
      allowCreate: t.safety.remote ? parsed.allowCreate : t.safety.allowCreate || parsed.allowCreate,
      ...(parsed.maxCreates !== undefined ? { maxCreates: parsed.maxCreates } : {}),
    };
    return { target: { ...t, safety } };
  }
  const { startMock } = await import('../../../mock/main.js');
  const mock = await startMock();
  return { target: localMockTarget(mock.url), stop: () => mock.close() };
}

/**
 * With --only, what the selected tests also observed about other constraints (a flow creating the image it then
 * deletes) is left out: the report has the selected rows only. Ids no spec knows are kept (they are bugs to show).
 */
function onlySelected(records: readonly CaseRecord[], constraints: readonly ConstraintInfo[], options: RunOptions) {
  if (options.only.length === 0) {
    return records;
  }
  const chosen = new Set(constraints.map((c) => c.id));
  const known = new Set(
    compiledSpecs({ revision: options.revision }).operations.flatMap((o) => o.constraints.map((c) => c.id)),
  );
  const keep = (id: string) => chosen.has(id) || !known.has(id);
  return records.map((r) => ({
    ...r,
    constraintIds: r.constraintIds.filter(keep),
    findings: r.findings.filter((f) => keep(f.constraintId)),
  }));
}

/** Runs the suites and writes the reports; resolves to the exit code. */
export async function runCommand(argv: string[]): Promise<number> {
  const parsed = parse(argv);
  if (parsed === 'help') {
    process.stdout.write(runHelp);
    return ExitCodes.OK;
  }
  const started = Date.now();
  const secrets = new SecretRegistry();
  const resolved = await resolveTarget(parsed, secrets);
  if (!resolved) {
    return ExitCodes.USAGE;
  }
  const { target, stop } = resolved;
  // A target's revision must be one the specs state, like --revision (the target schema cannot know them).
  const known = specRevisions().all;
  if (!parsed.revisionGiven && target.revision !== undefined && !known.includes(target.revision)) {
    printError(
      `${target.source}: revision ${JSON.stringify(target.revision)} is not one the specs state (${known.join(', ')}); ` +
        'change revision: in the target, or pass --revision',
    );
    await stop?.();
    return ExitCodes.USAGE;
  }
  const options: RunOptions = {
    ...parsed.options,
    revision: parsed.revisionGiven ? parsed.options.revision : (target.revision ?? parsed.options.revision),
  };
  const dir = options.reportDir;
  // The profile's file is checked before anything is sent: a bad entry is a usage error (exit 2), not a worker crash.
  const profile = checkProfile(options.profile, compiledSpecs({ revision: options.revision }));
  if (profile.value === undefined) {
    for (const d of profile.diagnostics) {
      printError(formatDiagnostic(d));
    }
    await stop?.();
    return ExitCodes.USAGE;
  }
  let baseline: ComplianceReport | undefined;
  if (parsed.baseline) {
    const b = loadBaseline(parsed.baseline);
    if (!b.value) {
      for (const d of b.diagnostics) {
        printError(`--baseline ${formatReportDiagnostic(d)}`);
      }
      await stop?.();
      return ExitCodes.USAGE;
    }
    baseline = b.value;
  }
  for (const sub of ['records', 'allure-results', 'allure-report', 'locks', 'creates', 'targets', 'blob']) {
    rmSync(join(dir, sub), { recursive: true, force: true });
  }
  rmSync(unusableFile(dir), { force: true });
  rmSync(ledgerFile(dir), { force: true });
  writeLedgerRun(dir, { runId: options.runId, namePrefix: `imsc-${options.runId}-` });
  mkdirSync(dir, { recursive: true });
  if (target.safety.remote && !target.safety.allowCreate) {
    printWarning('remote target without --allow-create: operations that create resources are skipped');
  }
  printInfo(
    `ims-conformance run ${options.runId}: target ${target.name} (${target.endpoints.ims}), revision ${options.revision}, ` +
      `depth ${options.depth} (${DEPTHS[options.depth].validRuns} valid runs, ${DEPTHS[options.depth].invalidRuns} per violation), seed ${options.seed}`,
  );
  // Preflight (issue 18, point 4): an unreachable target or refused credentials stop the run here, exit 3.
  const refusedAtStart = await preflight(target, secrets);
  if (refusedAtStart) {
    markUnusable(dir, refusedAtStart);
  }
  const { interrupted } = refusedAtStart
    ? { interrupted: false }
    : await runVitest(
        { options, target, startedAt: started },
        {
          ...(parsed.shard ? { shard: parsed.shard } : {}),
          blob: parsed.blob,
          onInterrupt: () => printWarning('interrupted: finishing the reports and cleaning up (Ctrl-C again to abort)'),
        },
      );
  const unusable = readUnusable(dir);
  const records = readRecords(dir);
  for (const d of refusedAtStart ? [] : records.diagnostics) {
    printWarning(d.message);
  }
  const constraints = selectedConstraints(options);
  const built = buildCompliance(
    constraints,
    onlySelected(records.value, constraints, options),
    {
      runId: options.runId,
      target: target.name,
      revision: options.revision,
      profile: options.profile,
      depth: options.depth,
      seed: options.seed,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
    },
    profile.value.differences,
  );
  // Interrupted: what was observed stays; rows nothing reached say so. Unusable: the report says so (exit 3).
  const observed = interrupted ? markInterrupted(built) : built;
  const report = unusable ? { ...observed, unusable } : observed;
  // With --only, the baseline's rows the run did not select are out of scope: not "removed".
  const inScope = (row: { constraintId: string; operationId: string }) =>
    selected(options.only, row.constraintId) || selected(options.only, row.operationId);
  const diff: ComplianceDiff | undefined = baseline ? diffCompliance(baseline, report, inScope) : undefined;
  // The seeds' coverage once: compliance.md's totals and compliance.html's uncovered rows and sentences.
  const seeds = specsCoverage(report);
  const coverage = coverageSection(report, compiledSpecs({ revision: options.revision }).operations, seeds);
  const history = parsed.history === undefined ? undefined : loadTrendReports(parsed.history);
  for (const d of history?.diagnostics ?? []) {
    printWarning(formatReportDiagnostic(d));
  }
  const written = writeReports(dir, report, {
    ...(diff ? { diff } : {}),
    secrets: secrets.forms(),
    docs: parsed.docs,
    history: history?.reports,
    coverage,
    seedCoverage: seeds,
  });
  const files = [...written.files, join(dir, 'junit.xml'), join(dir, 'allure-results')];
  if (parsed.html && existsSync(join(dir, 'allure-results'))) {
    const html = await generateAllureHtml(join(dir, 'allure-results'), join(dir, 'allure-report'), {
      run: report.run,
    });
    if (html.ok) {
      files.push(join(dir, 'allure-report', 'index.html'));
    } else {
      printWarning(`Allure HTML not generated: ${html.message}`);
    }
  }
  if (unusable && !refusedAtStart && !parsed.keep) {
    // The target stopped answering: cleanup now would only wait for it. The ledger keeps what to delete.
    const left = readLedger(ledgerFile(dir)).length;
    printWarning(
      `cleanup skipped: the target is unusable; ${left} ledger entries left — when it answers again run ` +
        `ims-conformance cleanup --ledger ${ledgerFile(dir)} --target <target file>`,
    );
  }
  if (!parsed.keep && !unusable) {
    const client = createTargetClient(target, secrets);
    const cleaned = await cleanupLedger(client, readLedger(ledgerFile(dir)), {
      project: target.projectId,
      sweepPrefix: `imsc-${options.runId}-`,
      // A job still running is waited for at most 30 s, and no longer than what is left of the run's per-job time
      // (IMS_JOB_TIMEOUT_MS) since it was created: a run against jobs that never end costs one job's time, not more.
      jobWaitMs: Math.min(30_000, jobTimeoutMs(target)),
      jobTimeoutMs: jobTimeoutMs(target),
    });
    await client.close();
    printInfo(
      `cleanup: ${cleaned.deleted.length} deleted, ${cleaned.gone.length} already gone, ${cleaned.failed.length} failed`,
    );
    for (const f of cleaned.failed) {
      printWarning(
        `could not delete image ${f.id}: ${f.reason} (retry with ims-conformance cleanup --ledger ${ledgerFile(dir)})`,
      );
    }
  }
  await stop?.();
  if (unusable) {
    // One screen: which endpoint, what came back, what to do — not hundreds of "failing constraints".
    for (const line of unusableMessage(unusable)) {
      printError(redactText(line, secrets));
    }
    printInfo(`reports: ${join(dir, 'compliance.md')} (marked "target unusable")`);
    return ExitCodes.TARGET_UNUSABLE;
  }
  process.stdout.write(
    renderSummary(report, diff, { color: process.stdout.isTTY === true, files, secrets: secrets.forms() }),
  );
  if (interrupted) {
    // 130 = 128 + SIGINT, what a shell reports for a command stopped by Ctrl-C (README "Exit codes").
    return ExitCodes.INTERRUPTED;
  }
  return exitCodeFor(report, diff, parsed.failOn);
}
