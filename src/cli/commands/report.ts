/**
 * `ims-conformance report`: rebuilds a report folder's human outputs from what a run left there: the Allure
 * HTML from allure-results, and compliance.md from compliance.json (with the changes since a baseline first).
 */

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { coverageSection, specsCoverage } from '../../coverage/index.js';
import { ExitCodes } from '../../errors.js';
import type { RunInfo } from '../../model/verdict.js';
import { generateAllureHtml } from '../../report/allure-html.js';
import { diffCompliance, loadBaseline } from '../../report/baseline.js';
import { buildCompliance } from '../../report/compliance.js';
import { renderComplianceMarkdown } from '../../report/compliance-md.js';
import { formatReportDiagnostic } from '../../report/diagnostic.js';
import { readRecords } from '../../report/findings-io.js';
import { loadTrendReports } from '../../report/html/trend.js';
import { stableJson } from '../../report/stable-json.js';
import { complianceHtml } from '../../report/write.js';
import type { RunOptions } from '../../run/options.js';
import { checkProfile } from '../../run/profile.js';
import { compiledSpecs, specRevisions } from '../../run/specs.js';
import { parseFlags, printHelp } from '../flags.js';
import { printError, printInfo, printWarning } from '../print.js';
import { selectedConstraints } from '../vitest-run.js';

export const reportHelp = `Usage: ims-conformance report [--report-dir DIR] [--baseline FILE] [--history DIR] [--docs DIR]
                            [--markdown-only] [--from-records]

Regenerates the reports of a finished run:
  DIR/allure-results  → DIR/allure-report (Allure HTML, no Java needed)
  DIR/compliance.json → DIR/compliance.md, DIR/compliance.html (the documents annotated with the verdicts; and
                        DIR/compliance-diff.json with --baseline)

Flags:
  --report-dir DIR   the run's report folder (default: reports)
  --baseline FILE    a previous compliance.json: compliance.md and .html start with what changed since
  --history DIR      a folder of earlier compliance.json files: compliance.html draws a trend per operation
  --docs DIR         the documents folder (seeds/, reference/) compliance.html shows (default: env IMS_DOCS_DIR,
                     else ../shared/docs beside the repository)
  --markdown-only    skip the Allure HTML (compliance.md and compliance.html are still written)
  --from-records     first rebuild compliance.json from DIR/records/*.jsonl (merge the shards of a run: copy
                     their records into one folder)
  -h, --help         show this help

Exit codes: 0 written; 2 bad flag, a missing input or a failed generation.

Example:
  ims-conformance report --report-dir reports --baseline last-night/compliance.json
`;

interface ComplianceInputs {
  readonly baseline?: string | undefined;
  readonly history?: string | undefined;
  readonly docs?: string | undefined;
}

/** Re-renders compliance.md, compliance.html (and the diff); returns false after printing what is wrong. */
function renderMarkdown(dir: string, inputs: ComplianceInputs): boolean {
  const baselineFile = inputs.baseline;
  const file = join(dir, 'compliance.json');
  if (!existsSync(file)) {
    printError(`${file}: no compliance.json; run "ims-conformance run --report-dir ${dir}" first`);
    return false;
  }
  const current = loadBaseline(file);
  if (current.value === undefined) {
    for (const d of current.diagnostics) {
      printError(formatReportDiagnostic(d));
    }
    return false;
  }
  let diff: ReturnType<typeof diffCompliance> | undefined;
  if (baselineFile !== undefined) {
    const baseline = loadBaseline(baselineFile);
    if (baseline.value === undefined) {
      for (const d of baseline.diagnostics) {
        printError(formatReportDiagnostic(d));
      }
      return false;
    }
    diff = diffCompliance(baseline.value, current.value);
    writeFileSync(join(dir, 'compliance-diff.json'), stableJson(diff), 'utf8');
  }
  const out = join(dir, 'compliance.md');
  const seeds = specsCoverage(current.value);
  const coverage = coverageSection(
    current.value,
    compiledSpecs({ revision: current.value.run.revision }).operations,
    seeds,
  );
  writeFileSync(out, renderComplianceMarkdown(current.value, diff, coverage), 'utf8');
  const history = inputs.history === undefined ? undefined : loadTrendReports(inputs.history);
  for (const d of history?.diagnostics ?? []) {
    printWarning(formatReportDiagnostic(d));
  }
  const page = join(dir, 'compliance.html');
  // The run scrubbed its secrets from compliance.json already; nothing new enters here but the documents.
  writeFileSync(
    page,
    complianceHtml(current.value, {
      diff,
      secrets: [],
      docs: inputs.docs,
      history: history?.reports,
      seedCoverage: seeds,
    }),
    'utf8',
  );
  printInfo(`wrote ${out}, ${page}${diff === undefined ? '' : ` and ${join(dir, 'compliance-diff.json')}`}`);
  return true;
}

/**
 * Rebuilds DIR/compliance.json from every case record under DIR/records (the shards of one run, copied into one
 * folder, give one report); the run's details come from an existing compliance.json there, when there is one.
 */
function rebuildCompliance(dir: string): boolean {
  const records = readRecords(dir);
  for (const d of records.diagnostics) {
    printError(formatReportDiagnostic(d));
  }
  if (records.value.length === 0) {
    printError(`${join(dir, 'records')}: no case records to rebuild compliance.json from`);
    return false;
  }
  const previous = existsSync(join(dir, 'compliance.json'))
    ? loadBaseline(join(dir, 'compliance.json')).value
    : undefined;
  const run: RunInfo = previous?.run ?? {
    runId: 'merged',
    target: 'merged',
    revision: specRevisions().default,
    profile: 'default',
    depth: 'standard',
    seed: 0,
    startedAt: new Date().toISOString(),
    durationMs: 0,
  };
  const options: RunOptions = {
    runId: run.runId,
    depth: run.depth as RunOptions['depth'],
    profile: run.profile as RunOptions['profile'],
    revision: run.revision,
    seed: run.seed,
    only: [],
    reportDir: dir,
  };
  // The run's profile marks the same constraints as differs when the report is rebuilt from its records.
  const profile = checkProfile(run.profile, compiledSpecs({ revision: run.revision })).value;
  const report = buildCompliance(selectedConstraints(options), records.value, run, profile?.differences);
  writeFileSync(join(dir, 'compliance.json'), stableJson(report), 'utf8');
  printInfo(`rebuilt ${join(dir, 'compliance.json')} from ${records.value.length} case records`);
  return true;
}

/** Generates the Allure HTML; returns false after printing what is wrong. */
async function renderHtml(dir: string): Promise<boolean> {
  const results = join(dir, 'allure-results');
  if (!existsSync(results)) {
    printError(`${results}: no Allure results; the run writes them with the allure reporter (ims-conformance run)`);
    return false;
  }
  // The run's facts (Allure's variables and environment) from the run's compliance.json, when it is there.
  const compliance = join(dir, 'compliance.json');
  const run = existsSync(compliance) ? loadBaseline(compliance).value?.run : undefined;
  const generated = await generateAllureHtml(results, join(dir, 'allure-report'), { run });
  if (!generated.ok) {
    printError(generated.message);
    return false;
  }
  printInfo(generated.message);
  return true;
}

/** Runs report; returns the exit code. */
export async function reportCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('report', () =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'report-dir': { type: 'string', default: 'reports' },
        baseline: { type: 'string' },
        history: { type: 'string' },
        docs: { type: 'string' },
        'markdown-only': { type: 'boolean' },
        'from-records': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    return printHelp(reportHelp);
  }
  const dir = values['report-dir'];
  if (!existsSync(dir)) {
    printError(`${dir}: no such report folder; pass --report-dir DIR (the folder a run wrote)`);
    return ExitCodes.USAGE;
  }
  if (values['from-records'] === true && !rebuildCompliance(dir)) {
    return ExitCodes.USAGE;
  }
  // Both outputs are attempted, so one missing input does not hide the other's problem.
  const markdown = renderMarkdown(dir, { baseline: values.baseline, history: values.history, docs: values.docs });
  const html = values['markdown-only'] === true ? true : await renderHtml(dir);
  return markdown && html ? 0 : 2;
}
