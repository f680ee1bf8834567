/**
 * The engine against servers that misbehave on purpose (test/servers): the CLI as a subprocess must fail every
 * check the server breaks, name the constraint, and end (exit 1, reports written); when nothing answers, the
 * preflight names the target unusable (exit 3).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { ComplianceReport, ConstraintVerdict } from '../src/model/verdict.js';
import { selected } from '../src/run/options.js';
import { compiledSpecs } from '../src/run/specs.js';
import { startAlways200 } from './servers/always-200.js';
import { startAlways400 } from './servers/always-400.js';
import { startHang } from './servers/hang.js';
import { startHtml } from './servers/html.js';
import type { StartedServer } from './servers/listen.js';

// A full smoke run of the CLI takes 10–40 s on 2 cores; the hang runs end by their 20 s budget.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'ims-conformance.js');
const project = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const token = 'some-secret-token-value';
/**
 * evs.uploadimage is left out of the always-200/400 runs: before every export case the engine waits up to 30 s
 * for the disk to read `available` (src/run/resources.ts awaitVolumeAvailable), and neither server ever says so,
 * so its ~30 cases would take ~15 min. Reported as an engine bug; the hang runs cover it (their budget ends it).
 */
const ONLY = ['ims', 'evs.volumeget'];

interface CliRun {
  readonly code: number | undefined;
  readonly signal: string | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly dir: string;
}

const dirs: string[] = [];
const servers: StartedServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Runs `ims-conformance run --depth smoke --no-html` against `env`/`args`; resolves whatever the exit. */
function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ims-misbehave-'));
  dirs.push(dir);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'run', '--depth', 'smoke', '--no-html', '--report-dir', join(dir, 'reports'), ...args],
      {
        cwd: repo,
        timeout: 220_000,
        maxBuffer: 64 * 1024 * 1024,
        // A job that never ends is given up after 2 s (src/run/job.ts), not a quarter of the budget.
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NO_COLOR: '1',
          IMS_JOB_TIMEOUT_MS: '2000',
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        resolve({ code, signal: error?.signal ?? undefined, stdout, stderr, dir: join(dir, 'reports') });
      },
    );
  });
}

function envFor(server: StartedServer): NodeJS.ProcessEnv {
  return { IMS_ENDPOINT: server.url, EVS_ENDPOINT: server.url, IMS_PROJECT_ID: project, IMS_AUTH_TOKEN: token };
}

function compliance(run: CliRun): ComplianceReport {
  return JSON.parse(readFileSync(join(run.dir, 'compliance.json'), 'utf8')) as ComplianceReport;
}

/** Each constraint with a verdict other than the expected failure (a warning counts when it rests on an erratum). */
function notFailing(
  report: ComplianceReport,
  ids: readonly string[],
): { id: string; row: ConstraintVerdict | undefined }[] {
  const rows = new Map(report.constraints.map((r) => [r.constraintId, r]));
  return ids
    .map((id) => ({ id, row: rows.get(id) }))
    .filter(({ row }) => !row || !(row.verdict === 'fail' || (row.verdict === 'warning' && row.erratum)));
}

const operations = compiledSpecs({ revision: '004' }).operations.filter((op) => ONLY.some((o) => selected([o], op.id)));

describe('always-200: every invalid request is accepted', () => {
  let run: CliRun;
  beforeAll(async () => {
    const server = await startAlways200({ arrayIs500: true });
    servers.push(server);
    run = await runCli(['--only', ONLY.join(',')], envFor(server));
  });

  test('exit 1, with the reports written', () => {
    expect(run.code, run.stderr.slice(-2000)).toBe(1);
    expect(existsSync(join(run.dir, 'compliance.json'))).toBe(true);
  });

  test('every request constraint with violations, and every .auth constraint, fails (or warns on an erratum)', () => {
    const negatives = operations.flatMap((op) => [
      ...op.constraints.filter((c) => (c.side === 'request' || c.side === 'path') && c.violations.length > 0),
      ...op.constraints.filter((c) => c.id === `${op.id}.auth`),
    ]);
    expect(negatives.length).toBeGreaterThan(50);
    expect(
      notFailing(
        compliance(run),
        negatives.map((c) => c.id),
      ),
    ).toEqual([]);
  });

  test('each failing row names its constraint and a counterexample whose replay command selects it', () => {
    const failing = compliance(run).constraints.filter((r) => r.verdict === 'fail');
    expect(failing.length).toBeGreaterThan(50);
    for (const row of failing) {
      expect(row.failures, row.constraintId).toBeGreaterThan(0);
      expect(row.checks.length, row.constraintId).toBeGreaterThan(0);
      // Run as printed, the command tests this target (set by the environment here), not the embedded mock.
      expect(row.counterexample?.command, row.constraintId).toMatch(
        /^IMS_ENDPOINT='http:\/\/127\.0\.0\.1:\d+' .* ims-conformance run --only \S+ --seed -?\d+/,
      );
      expect(row.counterexample?.curl ?? '', row.constraintId).not.toContain('***');
    }
    const md = readFileSync(join(run.dir, 'compliance.md'), 'utf8');
    expect(md).toContain('`ims.dataimage.min_disk.range`');
  });

  test('the wrong-content-type case sends a valid JSON body: only its content type is wrong', () => {
    const lines = readFileSync(join(run.dir, 'records', 'ims.imagecreate.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const record = lines
      .map((l) => JSON.parse(l) as { caseId: string; counterexample?: { curl?: string } })
      .find((r) => r.caseId === 'ims.imagecreate:malformed:text/plain');
    // always-200 accepts it, so the case failed and its curl line was kept.
    const curl = record?.counterexample?.curl ?? '';
    expect(curl).toContain("-H 'Content-Type: text/plain'");
    const body = /--data-binary '(.*)'$/.exec(curl)?.[1] ?? '';
    expect(() => JSON.parse(body.replaceAll("'\\''", "'"))).not.toThrow();
  });

  test('JUnit test names are whole and unique (Allure keys results by them)', () => {
    const xml = readFileSync(join(run.dir, 'junit.xml'), 'utf8');
    const names = [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]} > ${m[2]}`);
    expect(names.length).toBeGreaterThan(200);
    expect(names.filter((n) => n.includes('…'))).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test('every 5xx is listed in compliance.md in a section of its own', () => {
    const report = compliance(run);
    const errors = report.serverErrors ?? [];
    // One `[]` body per operation with a request body (malformed bodies), each answered 500.
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors.every((e) => e.status === 500 && e.body.includes('list indices'))).toBe(true);
    const md = readFileSync(join(run.dir, 'compliance.md'), 'utf8');
    expect(md).toContain(`## Server errors (5xx)\n\nThe target answered ${errors.length} request(s)`);
    expect(md).toMatch(/### 1\. 500 to POST http:\/\/127\.0\.0\.1:\d+\//);
  });
});

describe('always-400: every valid request is refused', () => {
  let run: CliRun;
  beforeAll(async () => {
    const server = await startAlways400();
    servers.push(server);
    run = await runCli(['--only', ONLY.join(',')], envFor(server));
  });

  test('exit 1', () => {
    expect(run.code, run.stderr.slice(-2000)).toBe(1);
  });

  test('each operation <op>.status fails: valid requests refused with 400', () => {
    const report = compliance(run);
    // An operation whose path needs a resource the target never gave (no volumes fixture in this env-only target;
    // no image or job, since every create was refused) cannot be checked: it says so, it does not pass.
    const unreachable = (id: string) => {
      const row = report.constraints.find((r) => r.constraintId === id);
      return row?.verdict === 'not_checked' && /fixture/.test(row.reason ?? '');
    };
    const ids = operations.map((op) => `${op.id}.status`);
    expect(notFailing(report, ids).filter((x) => !unreachable(x.id))).toEqual([]);
    // The operations that need no resource — the three creates — are the ones left to fail.
    expect(ids.filter((id) => !unreachable(id)).sort()).toEqual([
      'ims.dataimage.status',
      'ims.imagecreate.status',
      'ims.quickimport.status',
    ]);
    const row = report.constraints.find((r) => r.constraintId === 'ims.imagecreate.status');
    expect(row?.counterexample?.received).toMatch(/^400 /);
    expect(row?.counterexample?.documented).toBe('201');
  });

  test('no request constraint passes on the strength of a refusal alone', () => {
    // Negative cases are refused with 400 as documented, but the valid side of each constraint is refused too;
    // a pass must still rest on cases (no row passes with 0 cases).
    const passing = compliance(run).constraints.filter((r) => r.verdict === 'pass');
    expect(passing.filter((r) => r.cases === 0)).toEqual([]);
  });
});

describe('a server answering HTML to everything', () => {
  let run: CliRun;
  beforeAll(async () => {
    const server = await startHtml();
    servers.push(server);
    run = await runCli(['--only', ONLY.join(',')], envFor(server));
  });

  test('no response row passes: an HTML body judges no response constraint, each is not checked with why', () => {
    const report = compliance(run);
    const responseRows = report.constraints.filter((r) => /\.response\.|\.envelope$/.test(r.constraintId));
    expect(responseRows.length).toBeGreaterThan(100);
    expect(responseRows.filter((r) => r.verdict === 'pass').map((r) => r.constraintId)).toEqual([]);
    const row = report.constraints.find((r) => r.constraintId === 'ims.imagecreate.response.201.id.required');
    expect(row?.verdict).toBe('not_checked');
    expect(row?.reason).toMatch(/not parsed as JSON \(Content-Type: text\/html/);
  });

  test('the unparsed bodies are a finding of their own: content type fails', () => {
    const row = compliance(run).constraints.find((r) => r.constraintId === 'ims.imagecreate.content_type');
    expect(row?.verdict).toBe('fail');
    expect(row?.counterexample?.received).toMatch(/text\/html/);
  });
});

describe('a server answering 3 MB to everything', () => {
  let run: CliRun;
  beforeAll(async () => {
    const server = await startHtml({ bodyBytes: 3 * 1024 * 1024 });
    servers.push(server);
    run = await runCli(['--only', 'ims.imagecreate'], envFor(server));
  });

  test('the reports stay under 100 KiB per case (README "Reports"): bodies are cut with a marker', () => {
    const records = readFileSync(join(run.dir, 'records', 'ims.imagecreate.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(records.length).toBeGreaterThan(20);
    const total = sizeOf(run.dir);
    expect(total, `${total} bytes for ${records.length} cases`).toBeLessThan(records.length * 100 * 1024);
    const attachments = readdirSync(join(run.dir, 'allure-results')).filter((f) => f.endsWith('.txt'));
    const one = readFileSync(join(run.dir, 'allure-results', attachments[0] ?? ''), 'utf8');
    expect(one).toMatch(/\[cut by ims-conformance: \d+ of \d+ characters kept\]/);
  });
});

/** Bytes of every file under `dir`. */
function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => statSync(join(dir, f)))
    .filter((s) => s.isFile())
    .reduce((n, s) => n + s.size, 0);
}

/** A target file for a server that never answers: short timeouts and a 20 s budget for the whole run. */
function hangTarget(url: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ims-hang-target-')), 'target.yaml');
  dirs.push(join(file, '..'));
  writeFileSync(
    file,
    [
      'name: hang',
      `endpoints: { ims: ${url}, evs: ${url} }`,
      `projectId: ${project}`,
      `auth: { mode: token, token: ${token} }`,
      'limits: { timeoutMs: 500, budgetMs: 20000 }',
      '',
    ].join('\n'),
  );
  return file;
}

describe.for(['silent', 'destroy'] as const)('a server that never answers (%s)', (mode) => {
  let run: CliRun;
  beforeAll(async () => {
    const server = await startHang(mode);
    servers.push(server);
    run = await runCli(['--target', hangTarget(server.url)], {});
  });

  test('the preflight names the target unusable: exit 3, not a crash, not "failed checks"', () => {
    expect(run.signal).toBeUndefined();
    expect(run.code, run.stderr.slice(-2000)).toBe(3);
    expect(run.stderr).not.toMatch(/Unhandled|unhandled rejection|ERR_UNHANDLED/i);
    expect(run.stderr).toMatch(
      new RegExp(`what came back: no answer \\(${mode === 'silent' ? 'timeout' : 'connection'}`),
    );
  });

  test('compliance.json exists, is marked unusable, and nothing passes or fails', () => {
    const report = compliance(run);
    expect(report.unusable).toMatchObject({ kind: 'unreachable', when: 'preflight' });
    expect(report.summary.pass).toBe(0);
    expect(report.summary.fail).toBe(0);
  });
});
