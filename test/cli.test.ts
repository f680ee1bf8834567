/**
 * The `ims-conformance` CLI as a user runs it: a subprocess of bin/ims-conformance.js (vitest's runVitestCli
 * pattern), checked by exit code, stdout and stderr.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parse } from 'yaml';
import { type RunningMock, startMock } from '../mock/main.js';
import { formatDiagnostic } from '../src/errors.js';
import { buildCompliance } from '../src/report/compliance.js';
import { fixtureConstraints, fixtureRecords, fixtureRun } from '../src/report/report-fixtures.js';
import { stableJson } from '../src/report/stable-json.js';
import { compiledSpecs } from '../src/run/specs.js';
import { loadSpecs } from '../src/spec/load.js';

// Each case starts node + tsx (about a second alone, several when cases run side by side on 2 cores).
vi.setConfig({ testTimeout: 120_000 });

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'ims-conformance.js');
const brokenRoot = join(repo, 'test', 'fixtures', 'specs-broken');

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI with `args` from the repository root; never rejects for a non-zero exit. */
function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: repo,
        timeout: 60_000,
        // Only what the CLI needs: no target variables leak in from the developer's shell.
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        if (code === undefined) {
          reject(new Error(`the CLI did not exit normally (${error?.message}): ${stderr}`));
          return;
        }
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ims-cli-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('help, version and usage errors', () => {
  test('top-level --help lists every command and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['run', 'mock', 'lint-specs', 'openapi', 'report', 'cleanup', 'mutation']) {
      expect(r.stdout).toContain(`  ${command} `);
    }
    expect(r.stdout).toContain('Exit codes');
  });

  test('-h is --help, at the top and on a command; --version prints the package version', async () => {
    expect((await runCli(['-h'])).stdout).toContain('Usage: ims-conformance <command>');
    expect((await runCli(['cleanup', '-h'])).stdout).toContain('Usage: ims-conformance cleanup');
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  const helps: [string, string[]][] = [
    ['mock', ['--port', '--host', '--config']],
    ['lint-specs', ['--specs']],
    ['openapi', ['--out', '--revision', '--specs']],
    ['report', ['--report-dir', '--baseline', '--markdown-only']],
    ['cleanup', ['--ledger', '--target']],
  ];
  test.concurrent.for(helps)('%s --help lists its flags and an example, exit 0', async ([command, flags]) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: ims-conformance ${command}`);
    for (const flag of [...flags, '--help']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toMatch(/Example:\n {2}ims-conformance /);
    expect(r.stderr).toBe('');
  });

  test.concurrent.for(helps.map(([command]) => command))(
    '%s --frobnicate is a usage error (exit 2)',
    async (command) => {
      const r = await runCli([command, '--frobnicate']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`✘ ims-conformance ${command}: unknown flag --frobnicate`);
      expect(r.stderr).toContain(`ims-conformance ${command} --help`);
    },
  );

  test('an unknown command names itself and suggests the nearest one (exit 2)', async () => {
    const r = await runCli(['lint-spec']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "lint-spec" (did you mean "lint-specs"?)');
    expect(r.stderr).toContain('ims-conformance --help');
  });

  test('an unknown top-level flag, no command, a missing value and a stray argument all exit 2', async () => {
    const [flag, none, value, stray] = await Promise.all([
      runCli(['--frobnicate']),
      runCli([]),
      runCli(['lint-specs', '--specs']),
      runCli(['openapi', '--out', 'x', 'extra']),
    ]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('unknown flag --frobnicate');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no command given');
    expect(value.code).toBe(2);
    expect(value.stderr).toContain('--specs needs a value');
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('unexpected argument "extra"');
  });
});

describe('lint-specs', () => {
  test('the real specs load and compile: one row per operation and revision, then totals (exit 0)', async () => {
    const r = await runCli(['lint-specs']);
    expect(r.code).toBe(0);
    const header = r.stdout.split('\n')[0] ?? '';
    for (const column of ['operation', 'method + path', 'fields', 'constraints', 'errata', 'examples']) {
      expect(header).toContain(column);
    }
    const ops = compiledSpecs().operations;
    for (const op of ops.filter((o) => o.revision === undefined)) {
      const row = r.stdout.split('\n').find((l) => l.startsWith(`${op.id} `));
      expect(row).toContain(`${op.spec.method} ${op.spec.path}`);
      expect(row).toMatch(new RegExp(`\\s${op.constraints.length}\\s+${op.errata.length}\\s`));
    }
    expect(r.stdout).toContain('evs.uploadimage@003');
    expect(r.stdout).toContain('evs.uploadimage@004');
    const totalConstraints = ops.reduce((n, o) => n + o.constraints.length, 0);
    const oneRevision = ops.find((o) => o.id === 'evs.uploadimage')?.constraints.length ?? 0;
    // compiledSpecs() holds one revision of the EVS export; the table lists both.
    expect(r.stdout).toMatch(new RegExp(`^total \\(\\d+\\)\\s+\\d+\\s+${totalConstraints + oneRevision}\\s`, 'm'));
    expect(r.stderr).toContain('load and compile');
  });

  const broken = readdirSync(brokenRoot).sort();
  test.concurrent.for(broken)(
    'specs-broken/%s: every diagnostic as file:line:col: CODE: message (exit 2)',
    async (dir) => {
      const r = await runCli(['lint-specs', '--specs', `test/fixtures/specs-broken/${dir}`]);
      expect(r.code).toBe(2);
      const expected = loadSpecs({ root: join(brokenRoot, dir) }).diagnostics.map(formatDiagnostic);
      expect(expected.length).toBeGreaterThan(0);
      const lines = r.stderr.split('\n').filter((l) => /^\S+:\d+:\d+: [A-Z_]+: /.test(l));
      // The subprocess runs from the repository root, as loadSpecs in this worker does.
      expect(lines).toEqual(expected);
      expect(lines.every((l) => l.startsWith(`test/fixtures/specs-broken/${dir}/`))).toBe(true);
      expect(r.stderr).toMatch(/✘ \d+ problem\(s\) in \d+ spec file\(s\)/);
      expect(r.stdout).toBe('');
    },
  );

  test('a spec folder that does not exist is a config error (exit 2)', async () => {
    const r = await runCli(['lint-specs', '--specs', 'no/such/folder']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SPEC_IO');
  });
});

describe('openapi', () => {
  test.concurrent.for(['003', '004'])(
    '--revision %s writes valid OpenAPI 3.1 JSON and YAML per service',
    async (revision) => {
      const out = join(tempDir(), 'openapi');
      const r = await runCli(['openapi', '--out', out, '--revision', revision]);
      expect(r.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual([
        'evs.openapi.json',
        'evs.openapi.yaml',
        'ims.openapi.json',
        'ims.openapi.yaml',
      ]);
      const ids: string[] = [];
      for (const service of ['ims', 'evs']) {
        const json = JSON.parse(readFileSync(join(out, `${service}.openapi.json`), 'utf8')) as Record<string, unknown>;
        expect(parse(readFileSync(join(out, `${service}.openapi.yaml`), 'utf8'))).toEqual(json);
        await SwaggerParser.validate(structuredClone(json) as never);
        const paths = json.paths as Record<string, Record<string, { operationId: string; 'x-revision'?: string }>>;
        for (const item of Object.values(paths)) {
          for (const op of Object.values(item)) {
            ids.push(op.operationId);
            if (op.operationId === 'evs.uploadimage') {
              expect(op['x-revision']).toBe(revision);
            }
          }
        }
      }
      expect(ids.sort()).toEqual(
        compiledSpecs()
          .operations.map((o) => o.id)
          .sort(),
      );
    },
  );

  test('--out is required and --revision is checked (exit 2)', async () => {
    const [noOut, badRevision] = await Promise.all([
      runCli(['openapi']),
      runCli(['openapi', '--out', tempDir(), '--revision', '005']),
    ]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out DIR is required');
    expect(badRevision.code).toBe(2);
    expect(badRevision.stderr).toContain('--revision must be one of 003, 004 (got "005")');
  });
});

describe('report', () => {
  function reportDir(): string {
    const dir = tempDir();
    const report = buildCompliance(fixtureConstraints, fixtureRecords, fixtureRun);
    writeFileSync(join(dir, 'compliance.json'), stableJson(report), 'utf8');
    return dir;
  }

  test('--markdown-only re-renders compliance.md; --baseline puts the changes first and writes the diff', async () => {
    const dir = reportDir();
    const plain = await runCli(['report', '--report-dir', dir, '--markdown-only']);
    expect(plain.code).toBe(0);
    expect(readFileSync(join(dir, 'compliance.md'), 'utf8')).toMatch(/^# IMS conformance — compliance report/);
    const withBaseline = await runCli([
      'report',
      '--report-dir',
      dir,
      '--markdown-only',
      '--baseline',
      join(dir, 'compliance.json'),
    ]);
    expect(withBaseline.code).toBe(0);
    const md = readFileSync(join(dir, 'compliance.md'), 'utf8');
    expect(md.indexOf('## Changes since baseline')).toBeGreaterThan(0);
    expect(md.indexOf('## Changes since baseline')).toBeLessThan(md.indexOf('## ', md.indexOf('## Changes') + 3));
    expect(existsSync(join(dir, 'compliance-diff.json'))).toBe(true);
  });

  test('without --markdown-only the Allure HTML is generated from allure-results too (exit 0)', async () => {
    const dir = reportDir();
    const uuid = '0d8a1b2c-0000-4000-8000-000000000001';
    const result = { uuid, historyId: 'h1', name: 'a case', fullName: 'a case', status: 'passed', stage: 'finished' };
    mkdirSync(join(dir, 'allure-results'));
    writeFileSync(
      join(dir, 'allure-results', `${uuid}-result.json`),
      JSON.stringify({ ...result, start: 1_700_000_000_000, stop: 1_700_000_000_100, labels: [], steps: [] }),
    );
    const r = await runCli(['report', '--report-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Allure HTML report:');
    expect(existsSync(join(dir, 'allure-report', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'compliance.md'))).toBe(true);
  });

  test('missing inputs are named (exit 2): no compliance.json, no allure-results, a missing baseline', async () => {
    const empty = tempDir();
    const withJson = reportDir();
    const [noJson, noResults, noBaseline] = await Promise.all([
      runCli(['report', '--report-dir', empty, '--markdown-only']),
      runCli(['report', '--report-dir', withJson]),
      runCli(['report', '--report-dir', withJson, '--markdown-only', '--baseline', join(empty, 'last.json')]),
    ]);
    expect(noJson.code).toBe(2);
    expect(noJson.stderr).toContain(`${join(empty, 'compliance.json')}: no compliance.json`);
    expect(noResults.code).toBe(2);
    expect(noResults.stderr).toContain(join(withJson, 'allure-results'));
    expect(noBaseline.code).toBe(2);
    expect(noBaseline.stderr).toContain('REPORT_BASELINE_MISSING');
  });
});

describe('mock', () => {
  test('serves on the port asked for (0: a free one) until SIGTERM, then exits 0', async () => {
    const child = spawn(process.execPath, [bin, 'mock', '--port', '0', '--host', '127.0.0.1'], {
      cwd: repo,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no "listening" line in 60 s: ${out}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match?.[1] !== undefined) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const res = await fetch(`${url}/v2/images`, { headers: { 'x-auth-token': 'mock-token-project-a' } });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

describe('cleanup against the mock', () => {
  const project = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const token = 'mock-token-project-a';
  let mock: RunningMock;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    mock = await startMock();
    env = { IMS_ENDPOINT: mock.url, EVS_ENDPOINT: mock.url, IMS_AUTH_TOKEN: token, IMS_PROJECT_ID: project };
  });
  afterAll(async () => {
    await mock.close();
  });

  async function createImage(name: string): Promise<string> {
    const res = await fetch(`${mock.url}/v2/images`, {
      method: 'POST',
      headers: { 'x-auth-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  async function statusOf(id: string): Promise<number> {
    return (await fetch(`${mock.url}/v2/images/${id}`, { headers: { 'x-auth-token': token } })).status;
  }

  function ledger(lines: readonly unknown[]): string {
    const file = join(tempDir(), 'ledger.jsonl');
    writeFileSync(file, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`, 'utf8');
    return file;
  }

  const entry = (id: string): object => ({
    kind: 'image',
    id,
    service: 'ims',
    project,
    createdAt: '2026-01-01T00:00:00Z',
  });

  test('deletes every image in the ledger, a 404 counts as gone (exit 0)', async () => {
    const ids = [await createImage('cleanup-one'), await createImage('cleanup-two')];
    expect(await Promise.all(ids.map(statusOf))).toEqual([200, 200]);
    const gone = '00000000-0000-4000-8000-000000000000';
    const file = ledger([...ids.map(entry), '', entry(gone), entry(ids[0] ?? '')]);
    const r = await runCli(['cleanup', '--ledger', file], env);
    expect(r.stderr).not.toContain('✘');
    expect(r.code).toBe(0);
    for (const id of ids) {
      expect(r.stdout).toMatch(new RegExp(`^deleted +image ${id} \\(20\\d\\)$`, 'm'));
    }
    expect(r.stdout).toContain(`gone    image ${gone} (404, already gone)`);
    expect(r.stderr).toContain('2 deleted, 1 already gone, 0 remaining (3 in the ledger)');
    expect(await Promise.all(ids.map(statusOf))).toEqual([404, 404]);
  });

  test('what it cannot delete remains and the exit code is 1', async () => {
    const id = await createImage('cleanup-kept');
    const other = { ...entry(id), project: 'ffffffffffffffffffffffffffffffff' };
    const file = ledger([{ kind: 'volume', id: 'v-1', service: 'evs' }, other]);
    const r = await runCli(['cleanup', '--ledger', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('⚠ volume v-1: cleanup cannot delete a "volume"');
    expect(r.stderr).toContain('0 deleted, 0 already gone, 2 remaining');
    expect(await statusOf(id)).toBe(200);
  });

  test('a bad ledger line, a missing target and a bad target are config errors (exit 2)', async () => {
    const bad = ledger([entry('x'), '{"kind":"image"', { kind: 'image', id: 'y', service: 'obs' }]);
    const good = ledger([entry('x')]);
    const [badLine, noTarget, badTarget] = await Promise.all([
      runCli(['cleanup', '--ledger', bad], env),
      runCli(['cleanup', '--ledger', good]),
      runCli(['cleanup', '--ledger', good], { ...env, IMS_ENDPOINT: 'ims.example' }),
    ]);
    expect(badLine.code).toBe(2);
    expect(badLine.stderr).toContain(`${bad}:2: not JSON`);
    expect(badLine.stderr).toContain(`${bad}:3: "service" must be "ims" or "evs" (got "obs")`);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('no target');
    expect(badTarget.code).toBe(2);
    expect(badTarget.stderr).toContain('env IMS_ENDPOINT');
    expect(badTarget.stderr).not.toContain(token);
  });
});
