/**
 * The nightly example (.github/workflows/nightly.yml) works on a failing night and keeps its secrets to one step:
 * the report job's steps after the JUnit merge (which exits 1 when a merged test failed) run `if: always()`, and
 * the region's secrets reach only the step that runs the suite (never `npm ci`, never job-wide).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly env?: Record<string, string>;
  readonly steps: readonly Step[];
}

const workflow = parse(readFileSync(new URL('../.github/workflows/nightly.yml', import.meta.url), 'utf8')) as {
  jobs: Record<string, Job>;
};
const jobs = Object.entries(workflow.jobs);
const mentionsSecret = (env: Record<string, string> | undefined) =>
  Object.values(env ?? {}).some((v) => /\bsecrets\./.test(String(v)));

describe('nightly workflow', () => {
  test('secrets reach only the step that runs the suite', () => {
    const withSecrets = jobs.flatMap(([job, j]) => [
      ...(mentionsSecret(j.env) ? [`${job} (job env)`] : []),
      ...j.steps.filter((s) => mentionsSecret(s.env)).map((s) => `${job}: ${s.name ?? s.run ?? s.uses}`),
    ]);
    expect(withSecrets).toEqual(['conformance: Run the conformance suite']);
    const suite = workflow.jobs.conformance?.steps.find((s) => s.name === 'Run the conformance suite');
    expect(suite?.run).toContain('npm run conformance');
    const npmCi = workflow.jobs.conformance?.steps.find((s) => s.run === 'npm ci');
    expect(npmCi?.env).toBeUndefined();
  });

  test('on a failing night the report job still merges compliance, builds the HTML report and keeps the history', () => {
    const steps = workflow.jobs.report?.steps ?? [];
    const merge = steps.findIndex((s) => (s.run ?? '').includes('--merge-reports'));
    expect(merge).toBeGreaterThan(0);
    const after = steps.slice(merge);
    expect(after.filter((s) => !(s.if ?? '').includes('always()')).map((s) => s.name)).toEqual([]);
    const names = after.map((s) => s.name ?? '');
    for (const needed of [
      "Merge the shards' compliance",
      'Generate the Allure HTML report (with history)',
      'Upload the HTML report and compliance',
      'Upload the Allure history for tomorrow',
    ]) {
      expect(names).toContain(needed);
    }
  });

  test("each shard's reports are uploaded whatever the suite's exit", () => {
    const upload = workflow.jobs.conformance?.steps.find((s) => s.name === "Upload the shard's reports");
    expect(upload?.if).toContain('always()');
  });
});
