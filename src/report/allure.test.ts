import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  type AllureCaseInput,
  type AllureSink,
  activeAllureRuntime,
  allureCase,
  allureReporterConfig,
  allureSeverity,
  complianceHtmlLink,
} from './allure.js';
import { REPORT_BODY_LIMIT } from './cut-text.js';

const input: AllureCaseInput = {
  service: 'ims',
  operation: 'ims.dataimage',
  constraintId: 'ims.dataimage.min_disk.range',
  severity: 'failure',
  citation: { doc: '000_e6aba1037ae22d43.txt', section: 'Request parameters', quote: 'Value range: 40 GB to 2048 GB' },
  request: { name: 'img', min_disk: 39 },
  response: '{"job_id":"ff8080828a"}',
  curl: "curl -X POST https://ims.example/v1/cloudimages/dataimages/action -H 'X-Auth-Token: tok-SECRET'",
  secrets: ['tok-SECRET'],
};

/** A sink that records every call, in order. */
function recorder(): { sink: AllureSink; calls: [string, ...unknown[]][] } {
  const calls: [string, ...unknown[]][] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]): Promise<void> => {
      calls.push([name, ...args]);
    };
  return {
    calls,
    sink: {
      labels: record('labels'),
      links: record('links'),
      description: record('description'),
      attachment: record('attachment'),
    },
  };
}

describe('allureCase outside allure', () => {
  const key = 'allureTestRuntime';
  const g = globalThis as Record<string, unknown>;
  let saved: unknown;
  beforeEach(() => {
    saved = g[key];
    delete g[key];
  });
  afterEach(() => {
    if (saved !== undefined) {
      g[key] = saved;
    }
    vi.restoreAllMocks();
  });

  test('no runtime: nothing recorded, nothing printed', async () => {
    const log = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    expect(activeAllureRuntime()).toBeUndefined();
    await expect(allureCase(input)).resolves.toBe(false);
    expect(log).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('allureCase with a runtime', () => {
  test('labels, description, link and scrubbed attachments', async () => {
    const { sink, calls } = recorder();
    await expect(allureCase({ ...input, docsBaseUrl: 'https://docs.example/seeds/' }, sink)).resolves.toBe(true);
    expect(calls[0]).toEqual([
      'labels',
      { name: 'epic', value: 'ims' },
      { name: 'feature', value: 'ims.dataimage' },
      { name: 'story', value: 'ims.dataimage.min_disk.range' },
      { name: 'severity', value: 'critical' },
    ]);
    expect(calls[1]?.[0]).toBe('description');
    expect(calls[1]?.[1]).toContain('> Value range: 40 GB to 2048 GB');
    expect(calls[2]).toEqual([
      'links',
      {
        url: '../compliance.html#c=ims.dataimage.min_disk.range',
        name: '000_e6aba1037ae22d43.txt, Request parameters (annotated document)',
        type: 'link',
      },
    ]);
    expect(calls[3]).toEqual([
      'links',
      {
        url: 'https://docs.example/seeds/000_e6aba1037ae22d43.txt',
        name: '000_e6aba1037ae22d43.txt, Request parameters',
        type: 'link',
      },
    ]);
    expect(calls.slice(4)).toEqual([
      [
        'attachment',
        'exchange',
        [
          'request (application/json)\n{\n  "name": "img",\n  "min_disk": 39\n}',
          'response (application/json)\n{"job_id":"ff8080828a"}',
          "curl\ncurl -X POST https://ims.example/v1/cloudimages/dataimages/action -H 'X-Auth-Token: ***'",
        ].join('\n\n'),
        { contentType: 'text/plain' },
      ],
    ]);
  });

  test('a non-JSON response is attached as text; absent parts are not attached', async () => {
    const { sink, calls } = recorder();
    const { request: _r, curl: _c, ...rest } = input;
    await allureCase({ ...rest, response: '<html>502 Bad Gateway</html>' }, sink);
    expect(calls.filter((c) => c[0] === 'attachment')).toEqual([
      ['attachment', 'exchange', 'response (text/plain)\n<html>502 Bad Gateway</html>', { contentType: 'text/plain' }],
    ]);
    // Only the link to the annotated document: no docsBaseUrl, no link to a served document.
    expect(calls.filter((c) => c[0] === 'links').map((c) => (c[1] as { url: string }).url)).toEqual([
      '../compliance.html#c=ims.dataimage.min_disk.range',
    ]);
  });

  test('the link to the annotated passage is absolute under IMS_REPORT_URL (Allure 3 follows only http(s) links)', () => {
    expect(complianceHtmlLink('ims.job.auth', 'https://ci.example/nightly/42/')).toBe(
      'https://ci.example/nightly/42/compliance.html#c=ims.job.auth',
    );
    expect(complianceHtmlLink('ims.job.auth', '')).toBe('../compliance.html#c=ims.job.auth');
  });

  test('a warning is tagged, so Allure files it under "Erratum warning"; a failure is not', async () => {
    const tags = async (severity: 'warning' | 'failure') => {
      const { sink, calls } = recorder();
      await allureCase({ ...input, severity }, sink);
      return (calls[0] ?? []).filter((l) => (l as { name?: string }).name === 'tag');
    };
    expect(await tags('warning')).toEqual([{ name: 'tag', value: 'warning' }]);
    expect(await tags('failure')).toEqual([]);
  });

  test('a body of a megabyte is attached cut at the report limit, with a marker saying how much was kept', async () => {
    const { sink, calls } = recorder();
    const { curl: _c, ...rest } = input;
    await allureCase({ ...rest, request: 'q'.repeat(100_000), response: 'x'.repeat(1024 * 1024) }, sink);
    const attached = String(calls.find((c) => c[0] === 'attachment')?.[2] ?? '');
    expect(attached.length).toBeLessThan(2 * REPORT_BODY_LIMIT + 500);
    expect(attached).toContain(`[cut by ims-conformance: ${REPORT_BODY_LIMIT} of 1048576 characters kept]`);
    expect(attached).toContain(`[cut by ims-conformance: ${REPORT_BODY_LIMIT} of 100000 characters kept]`);
  });

  test.for([
    ['failure', 'critical'],
    ['warning', 'minor'],
    ['blocker', 'blocker'],
  ] as const)('severity %s → %s', ([given, want]) => {
    expect(allureSeverity(given)).toBe(want);
  });
});

describe('allureReporterConfig', () => {
  test('names modules allure-vitest really exports', () => {
    const config = allureReporterConfig('reports/allure-results');
    expect(config.reporter).toEqual(['allure-vitest/reporter', { resultsDir: 'reports/allure-results' }]);
    const require = createRequire(import.meta.url);
    expect(() => require.resolve(config.reporter[0])).not.toThrow();
    expect(() => require.resolve(config.setupFiles[0])).not.toThrow();
  });
});

// A real vitest run with the allure reporter, in a scratch folder: proves the helper reaches
// allure-vitest's runtime, not just a recorder.
describe('allureCase under allure-vitest', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-allure-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('the result file carries the labels and the scrubbed attachments', () => {
    const require = createRequire(import.meta.url);
    const helper = fileURLToPath(new URL('./allure.ts', import.meta.url));
    const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
    writeFileSync(
      join(dir, 'case.test.ts'),
      [
        `import { test } from 'vitest';`,
        `import { REPORT_BODY_LIMIT } from './cut-text.js';
import { allureCase } from ${JSON.stringify(helper)};`,
        `test('min_disk below range', async () => { await allureCase(${JSON.stringify(input)}); });`,
      ].join('\n'),
    );
    const run = spawnSync(
      process.execPath,
      [vitest, 'run', '--root', dir, '--reporter=default', `--reporter=${require.resolve('allure-vitest/reporter')}`],
      { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const resultsDir = join(dir, 'allure-results');
    const files = readdirSync(resultsDir);
    const resultFile = files.find((f) => f.endsWith('-result.json'));
    expect(resultFile).toBeDefined();
    const result = JSON.parse(readFileSync(join(resultsDir, resultFile ?? ''), 'utf8')) as {
      labels: { name: string; value: string }[];
      description: string;
    };
    expect(result.labels).toEqual(
      expect.arrayContaining([
        { name: 'epic', value: 'ims' },
        { name: 'feature', value: 'ims.dataimage' },
        { name: 'story', value: 'ims.dataimage.min_disk.range' },
        { name: 'severity', value: 'critical' },
      ]),
    );
    expect(result.description).toContain('Value range: 40 GB to 2048 GB');
    const attachments = files.filter((f) => f.includes('-attachment'));
    expect(attachments).toHaveLength(1);
    const texts = attachments.map((f) => readFileSync(join(resultsDir, f), 'utf8'));
    expect(texts.join('\n')).toContain("X-Auth-Token: ***'");
    expect(texts.join('\n')).not.toContain('tok-SECRET');
  });
});
