/**
 * What the Allure report needs besides the results: the config Allure 3 generates it with (the tree grouped by
 * service → operation → constraint instead of vitest's file suites; categories for the classes of failure; the
 * run's facts as report variables) and `environment.properties` in allure-results for any Allure reader.
 * @see node_modules/@allurereport/core-api/dist/categories.d.ts (CategoryRule), plugin-awesome AwesomeOptions
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunInfo } from '../model/verdict.js';

/**
 * Failure classes, first match wins. A finding's message starts with "✖ <constraint id> — " (failure-block.ts);
 * warnings and documented differences are passing cases tagged by allureCase(); a target that cannot be used
 * shows as a connection or budget error; anything else broken is the suite's own error.
 */
export const allureCategories = [
  {
    id: 'target-unusable',
    name: 'Target unusable (unreachable, credentials refused, budget spent)',
    matchers: {
      statuses: ['failed', 'broken'],
      message:
        '(?:TARGET_[A-Z_]+|unreachable|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|credentials (?:refused|rejected)|request not sent|budget spent)',
    },
  },
  {
    id: 'non-conformance',
    name: 'Non-conformance (a documented constraint broken)',
    matchers: { statuses: ['failed'], message: '^✖ ' },
  },
  {
    id: 'erratum-warning',
    name: 'Erratum warning (disputed by contradictory documents)',
    matchers: { labels: { tag: '^warning$' } },
  },
  {
    id: 'profile-difference',
    name: 'Profile difference (documented for this target family)',
    matchers: { labels: { tag: '^differs$' } },
  },
  {
    id: 'suite-error',
    name: 'Suite error (a bug of the suite or its set-up)',
    matchers: { statuses: ['failed', 'broken'] },
  },
] as const;

/** The run's facts, as Allure shows them: target, revision, profile, depth, seed, run id. */
export function allureEnvironment(run: RunInfo): Record<string, string> {
  return {
    target: run.target,
    revision: run.revision,
    profile: run.profile,
    depth: run.depth,
    seed: String(run.seed),
    run: run.runId,
  };
}

/** The Allure 3 config (JSON-able) for a run's report. */
export function allureConfig(reportName: string, run: RunInfo | undefined): Record<string, unknown> {
  return {
    name: reportName,
    plugins: {
      awesome: {
        options: { reportName, groupBy: ['epic', 'feature', 'story'] },
      },
    },
    categories: { rules: allureCategories },
    ...(run === undefined ? {} : { variables: allureEnvironment(run) }),
  };
}

/** Writes `environment.properties` (key=value lines, Allure 2's format, read by Allure 3 too) into `resultsDir`. */
export function writeAllureEnvironment(resultsDir: string, run: RunInfo): string {
  const file = join(resultsDir, 'environment.properties');
  const escapeValue = (text: string) =>
    text
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(/([=:])/g, '\\$1');
  const lines = Object.entries(allureEnvironment(run)).map(([k, v]) => `${k}=${escapeValue(v)}`);
  writeFileSync(file, `${lines.join('\n')}\n`, 'utf8');
  return file;
}
