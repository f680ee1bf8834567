/**
 * Allure attachments of flows that run side by side (test.concurrent, issue 18 point 6): each lands on the test that
 * sent its request, and none is lost. A run of the import flows alone (`--only 'ims.*.job.success'`: five flows
 * following their jobs at once) must give every flow's Allure result the attachments of its own exchanges only.
 * The run also selects suite files whose tests `--only` filters out entirely, and they may come first in a worker:
 * the case that lost every attachment before allure-vitest was inlined (vitest.config.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));

interface AllureStep {
  readonly attachments?: readonly { readonly source: string }[];
  readonly steps?: readonly AllureStep[];
}
interface AllureResult extends AllureStep {
  readonly name: string;
  readonly fullName?: string;
}

/** Every attachment file of a result, its steps' included (allure-vitest wraps attachments in steps). */
function attachmentsOf(step: AllureStep): string[] {
  return [...(step.attachments ?? []).map((a) => a.source), ...(step.steps ?? []).flatMap(attachmentsOf)];
}

let dir = '';
let results: AllureResult[] = [];
let output = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ims-allure-concurrent-'));
  const args = ['run', '--depth', 'smoke', '--only', 'ims.*.job.success', '--seed', '1', '--no-html'];
  await new Promise<void>((done) => {
    execFile(
      process.execPath,
      [join(repo, 'bin', 'ims-conformance.js'), ...args, '--report-dir', dir],
      {
        cwd: repo,
        timeout: 200_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' },
      },
      (_error, stdout, stderr) => {
        output = `${stdout}\n${stderr}`;
        done();
      },
    );
  });
  const folder = join(dir, 'allure-results');
  results = readdirSync(folder)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as AllureResult);
}, 210_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The flow image names (`imsc-<run>-flow-…`) an attachment mentions. */
function flowNames(source: string): string[] {
  const text = readFileSync(join(dir, 'allure-results', source), 'utf8');
  return [...new Set([...text.matchAll(/imsc-[0-9a-f]{8}-(flow-[a-z0-9-]+)/g)].map((m) => m[1] ?? ''))];
}

describe('Allure attachments of concurrent flows', () => {
  test('each flow test carries the exchanges of its own flow only, and no other test carries them', () => {
    const flows = results.filter((r) => r.fullName?.includes('#flows:') === true);
    expect(flows.length, output.slice(-2000)).toBeGreaterThanOrEqual(5);
    const owner = new Map<string, string>();
    for (const result of flows) {
      // The flow's POST (its own name) and the GET of the image its job made (the same name in the body).
      const names = attachmentsOf(result).map(flowNames);
      expect(names.length, `${result.name}: its exchanges are attached`).toBeGreaterThanOrEqual(2);
      const mentioned = [...new Set(names.flat())];
      expect(mentioned, `${result.name}: attachments of one flow only`).toHaveLength(1);
      for (const name of names) {
        expect(name, `${result.name}: every attachment names its flow`).toEqual(mentioned);
      }
      const name = mentioned[0] ?? '';
      expect(owner.get(name), `${name} attached to two tests`).toBeUndefined();
      owner.set(name, result.name);
    }
    for (const result of results.filter((r) => !flows.includes(r))) {
      expect(attachmentsOf(result).flatMap(flowNames), result.name).toEqual([]);
    }
  });
});
