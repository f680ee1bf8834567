/**
 * `ims-conformance run` as a user runs it (subprocess): help, usage and target errors (exit 2), `--only`, `--shard`,
 * `--baseline` with `--fail-on new`, and exit 0 when every selected constraint passes. Full runs are kept few and
 * small (`--depth smoke --no-html --only …`, fixed seed) and shared between assertions.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type RunningMock, startMock } from '../mock/main.js';
import type { ComplianceReport } from '../src/model/verdict.js';
import { selected } from '../src/run/options.js';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'ims-conformance.js');

interface CliResult {
  readonly code: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ims-cli-run-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `ims-conformance run …` from the repository root with a clean environment (the embedded mock is the target). */
function run(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'run', ...args],
      {
        cwd: repo,
        timeout: 230_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...extraEnv },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A quick run into a fresh report folder. */
async function quick(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult & { dir: string }> {
  const dir = join(tempDir(), 'reports');
  const r = await run(['--depth', 'smoke', '--no-html', '--seed', '1', '--report-dir', dir, ...args], env);
  return { ...r, dir };
}

const compliance = (dir: string) => JSON.parse(readFileSync(join(dir, 'compliance.json'), 'utf8')) as ComplianceReport;

/** Every JUnit test case as `file > name`, with skipped ones (a shard lists the tests of its files only). */
function junitTests(dir: string): string[] {
  const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
  return [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]} > ${m[2]}`);
}

describe('usage and configuration errors', () => {
  test('run --help lists the flags and the exit codes (exit 0)', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--target', '--profile', '--depth', '--seed', '--only', '--shard', '--baseline', '--fail-on']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toContain('--no-html');
    expect(r.stdout).toContain('Exit codes');
  });

  test('an unknown flag and a bad --depth or --profile value exit 2, naming the flag', async () => {
    const [flag, depth, profile] = await Promise.all([
      run(['--frobnicate']),
      run(['--depth', 'huge']),
      run(['--profile', 'lax']),
    ]);
    expect(profile.code).toBe(2);
    expect(profile.stderr).toContain('--profile must be one of default, strict, glance (got "lax")');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('unknown flag --frobnicate');
    expect(depth.code).toBe(2);
    expect(depth.stderr).toContain('--depth must be one of smoke, standard, deep (got "huge")');
  });

  test('--only matching nothing exits 2 and names the pattern (a typo never runs nothing, green)', async () => {
    const r = await run(['--only', 'ims.dataimage,ims.dataimag.min_disk', '--report-dir', join(tempDir(), 'reports')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--only "ims.dataimag.min_disk" matches no operation or constraint id');
    expect(r.stderr).not.toContain('"ims.dataimage"');
  });

  test('a missing or broken --baseline file exits 2 and names the file', async () => {
    const missing = join(tempDir(), 'no-such-baseline.json');
    const broken = join(tempDir(), 'broken.json');
    writeFileSync(broken, '{"run":');
    const [m, b] = await Promise.all([
      run(['--baseline', missing, '--report-dir', join(tempDir(), 'reports')]),
      run(['--baseline', broken, '--report-dir', join(tempDir(), 'reports')]),
    ]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain(`--baseline ${missing}: REPORT_BASELINE_MISSING: baseline file not found`);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(`--baseline ${broken}: REPORT_BASELINE_INVALID: not JSON`);
  });

  test('a bad target file exits 2 with file:line:col: TARGET_BAD_KEY and the key', async () => {
    const file = join(tempDir(), 'target.yaml');
    writeFileSync(
      file,
      [
        'name: bad',
        'endpoints: { ims: http://127.0.0.1:9, evs: http://127.0.0.1:9 }',
        'projectId: a1b2c3d4e5f60718293a4b5c6d7e8f90',
        'auth: { mode: akks }',
        '',
      ].join('\n'),
    );
    const r = await run(['--target', file, '--report-dir', join(tempDir(), 'reports')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:4:15: TARGET_BAD_KEY: auth.mode must be one of none, token, password, aksk`);
  });

  test('a target revision the specs do not state exits 2 before anything is sent, listing the revisions they do', async () => {
    const file = join(tempDir(), 'target.yaml');
    writeFileSync(
      file,
      [
        'name: rev',
        'endpoints: { ims: http://127.0.0.1:9, evs: http://127.0.0.1:9 }',
        'projectId: a1b2c3d4e5f60718293a4b5c6d7e8f90',
        'revision: "005"',
        '',
      ].join('\n'),
    );
    const r = await run(['--target', file, '--report-dir', join(tempDir(), 'reports')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: revision "005" is not one the specs state (003, 004)`);
  });
});

describe('one constraint, shards, baseline', () => {
  const onlyRange = 'ims.dataimage.min_disk.range';
  let only: CliResult & { dir: string };
  let deleteRun: CliResult & { dir: string };
  let shards: (CliResult & { dir: string })[];

  // The baseline tests need a failing constraint: a mock with a catalogued deviation (DELETE answers 200 with a
  // body instead of the documented 204) gives one, whatever the clean mock does.
  let deviant: RunningMock;
  let deviantEnv: Record<string, string>;
  beforeAll(async () => {
    deviant = await startMock({ config: { deviations: ['image-delete-status-200'] } });
    deviantEnv = {
      IMS_ENDPOINT: deviant.url,
      EVS_ENDPOINT: deviant.url,
      IMS_AUTH_TOKEN: 'mock-token-project-a',
      IMS_PROJECT_ID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    };
    [only, deleteRun, ...shards] = await Promise.all([
      quick(['--only', onlyRange]),
      quick(['--only', 'ims.imagedelete'], deviantEnv),
      quick(['--only', 'ims.imagedelete', '--shard', '1/2'], deviantEnv),
      quick(['--only', 'ims.imagedelete', '--shard', '2/2'], deviantEnv),
    ]);
  });
  afterAll(async () => {
    await deviant?.close();
  });

  test(`--only ${onlyRange}: exit 0, and compliance.json has that constraint's row only, passing`, () => {
    expect(only.code, only.stderr.slice(-2000)).toBe(0);
    const rows = compliance(only.dir).constraints;
    expect(rows.map((r) => [r.constraintId, r.verdict])).toEqual([[onlyRange, 'pass']]);
    expect(rows[0]?.cases).toBeGreaterThan(0);
  });

  test("--only sends only that constraint's cases (records: ims.dataimage only, each case about min_disk.range)", () => {
    const recordFiles = readdirSync(join(only.dir, 'records'));
    expect(recordFiles).toEqual(['ims.dataimage.jsonl']);
    const cases = readFileSync(join(only.dir, 'records', 'ims.dataimage.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { caseId: string; constraintIds: string[] });
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.constraintIds, c.caseId).toContain(onlyRange);
    }
  });

  test('JUnit lists the selected file only: no deselected test shows as passed; names whole and unique', () => {
    const tests = junitTests(only.dir);
    expect(new Set(tests.map((t) => t.split(' > ')[0]))).toEqual(new Set(['suites/ims/data-image.test.ts']));
    expect(tests.filter((t) => t.includes('…'))).toEqual([]);
    expect(tests.length).toBe(new Set(tests).size);
    // The data-image tests of other constraints are there, skipped (vitest's <skipped/>), not passed.
    const xml = readFileSync(join(only.dir, 'junit.xml'), 'utf8');
    const ran = [...xml.matchAll(/<testcase [^>]*>\s*(<skipped\/>)?/g)].filter((m) => m[1] === undefined).length;
    expect(ran).toBeLessThan(tests.length);
  });

  test('the rows of an operation run are that operation’s constraints only', () => {
    const rows = compliance(deleteRun.dir).constraints;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => selected(['ims.imagedelete'], r.constraintId))).toBe(true);
    expect(deleteRun.code).toBe(1);
  });

  test('--shard 1/2 and 2/2 together run every test file of the unsharded run, each exactly once', () => {
    const all = junitTests(deleteRun.dir).sort();
    const [first, second] = shards.map((s) => junitTests(s.dir));
    expect(first?.length).toBeGreaterThan(0);
    expect(second?.length).toBeGreaterThan(0);
    const files = (tests: readonly string[]) => new Set(tests.map((t) => t.split(' > ')[0]));
    const overlap = [...files(first ?? [])].filter((f) => files(second ?? []).has(f));
    expect(overlap).toEqual([]);
    expect([...(first ?? []), ...(second ?? [])].sort()).toEqual(all);
  });

  test('report --from-records merges the shards: the same verdicts as the unsharded run', async () => {
    const merged = join(tempDir(), 'merged');
    mkdirSync(join(merged, 'records'), { recursive: true });
    for (const [i, shard] of shards.entries()) {
      // A shard whose files hold no selected test writes no records.
      const records = join(shard.dir, 'records');
      for (const file of existsSync(records) ? readdirSync(records) : []) {
        copyFileSync(join(shard.dir, 'records', file), join(merged, 'records', `shard${i + 1}-${file}`));
      }
    }
    const code = await new Promise<number | undefined>((done) => {
      execFile(
        process.execPath,
        [bin, 'report', '--from-records', '--markdown-only', '--report-dir', merged],
        { cwd: repo },
        (error) => done(error === null ? 0 : typeof error.code === 'number' ? error.code : undefined),
      );
    });
    expect(code).toBe(0);
    const verdicts = (dir: string) =>
      compliance(dir)
        .constraints.filter((r) => selected(['ims.imagedelete'], r.constraintId))
        .map((r) => [r.constraintId, r.verdict]);
    expect(verdicts(merged)).toEqual(verdicts(deleteRun.dir));
    expect(readFileSync(join(merged, 'compliance.md'), 'utf8')).toContain('ims.imagedelete');
  });

  describe('--baseline and --fail-on new', () => {
    let failingId: string;
    let newFailure: CliResult & { dir: string };
    let oldFailure: CliResult & { dir: string };

    beforeAll(async () => {
      const report = compliance(deleteRun.dir);
      const failing = report.constraints.find((r) => r.verdict === 'fail');
      if (!failing) {
        throw new Error('the ims.imagedelete run has no failing constraint to build a baseline from');
      }
      failingId = failing.constraintId;
      const dir = tempDir();
      const passedBefore = join(dir, 'passed-before.json');
      const edited = report.constraints.map((r) =>
        r.constraintId === failingId ? { ...r, verdict: 'pass', failures: 0, counterexample: undefined } : r,
      );
      // The baseline was a full run: its rows of other operations are out of this --only run's scope.
      const other = {
        ...report.constraints[0],
        constraintId: 'ims.dataimage.min_disk.range',
        operationId: 'ims.dataimage',
      };
      writeFileSync(passedBefore, JSON.stringify({ ...report, constraints: [...edited, other] }, null, 2));
      [newFailure, oldFailure] = await Promise.all([
        quick(['--only', 'ims.imagedelete', '--baseline', passedBefore, '--fail-on', 'new'], deviantEnv),
        quick(
          ['--only', 'ims.imagedelete', '--baseline', join(deleteRun.dir, 'compliance.json'), '--fail-on', 'new'],
          deviantEnv,
        ),
      ]);
    });

    test('a constraint that passed in the baseline and fails now heads compliance.md as newly failing', () => {
      const md = readFileSync(join(newFailure.dir, 'compliance.md'), 'utf8');
      const changes = md.indexOf('## Changes since baseline');
      expect(changes).toBeGreaterThan(-1);
      expect(changes).toBeLessThan(md.indexOf('## Summary'));
      const section = md.slice(md.indexOf('❌ Newly failing (1)'), md.indexOf('## ', changes + 3));
      expect(section).toContain(`\`${failingId}\`: pass → fail`);
    });

    test('with --only, the baseline rows the run did not select are not listed as removed', () => {
      const md = readFileSync(join(newFailure.dir, 'compliance.md'), 'utf8');
      expect(md).not.toContain('Constraints removed');
      expect(md).not.toContain('ims.dataimage.min_disk.range');
    });

    test('--fail-on new exits 1 for the new failure only', () => {
      expect(newFailure.code, newFailure.stderr.slice(-2000)).toBe(1);
    });

    test('--fail-on new exits 0 when the baseline already had every failure', () => {
      expect(compliance(oldFailure.dir).constraints.some((r) => r.verdict === 'fail')).toBe(true);
      expect(oldFailure.code, oldFailure.stderr.slice(-2000)).toBe(0);
      expect(readFileSync(join(oldFailure.dir, 'compliance.md'), 'utf8')).not.toContain('Newly failing');
    });
  });
});
