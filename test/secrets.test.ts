/**
 * No secret leaves a run: the token, the AK and the SK appear in no report file (compliance.json/.md, junit.xml,
 * records, allure-results, ledger) and not in the CLI's output; a recorded token header reads `***`.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { mockPerFile } from './servers/mock-per-file.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'ims-conformance.js');
const project = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const TOKEN = 'mock-token-project-a';
const AK = 'MOCKAKPROJECTA000001';
const SK = 'mock-sk-project-a-0123456789';

interface Run {
  readonly code: number | undefined;
  readonly output: string;
  readonly dir: string;
}

const mock = mockPerFile();

function tempDir(): string {
  const dir = mock.tempDir('ims-secrets-');
  return dir;
}

/** One quick run (one operation, smoke, no HTML) with everything it prints captured. */
function run(args: readonly string[], env: NodeJS.ProcessEnv, dir: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'run', '--depth', 'smoke', '--no-html', '--only', 'ims.imagecreate', '--report-dir', dir, ...args],
      {
        cwd: repo,
        timeout: 170_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        resolve({ code, output: `${stdout}\n${stderr}`, dir });
      },
    );
  });
}

/** Every file under `dir`, recursively, with its text. */
function files(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [{ path, text: readFileSync(path, 'utf8') }];
  });
}

/** Files and output that contain one of `secrets` (empty when nothing leaked). */
function leaks(r: Run, secrets: readonly string[]): string[] {
  const places = [...files(r.dir), { path: '(stdout+stderr)', text: r.output }];
  return places.flatMap(({ path, text }) => secrets.filter((s) => text.includes(s)).map((s) => `${path}: ${s}`));
}

describe('a token run (env IMS_AUTH_TOKEN) against the mock', () => {
  let r: Run;
  beforeAll(async () => {
    const url = mock.url;
    r = await run(
      [],
      { IMS_ENDPOINT: url, EVS_ENDPOINT: url, IMS_PROJECT_ID: project, IMS_AUTH_TOKEN: TOKEN },
      tempDir(),
    );
  });

  test('the run completed and wrote every report', () => {
    expect([0, 1]).toContain(r.code);
    const names = files(r.dir).map((f) => f.path.slice(r.dir.length + 1));
    for (const expected of ['compliance.json', 'compliance.md', 'junit.xml', 'ledger.jsonl']) {
      expect(names).toContain(expected);
    }
    expect(names.some((n) => n.startsWith('records/') && n.endsWith('.jsonl'))).toBe(true);
    expect(names.some((n) => n.startsWith('allure-results/'))).toBe(true);
  });

  test('the token appears in no report file and not in the output', () => {
    expect(leaks(r, [TOKEN])).toEqual([]);
  });

  test('where the token header was recorded it reads ***, and in curl lines $IMS_AUTH_TOKEN', () => {
    const recorded = files(r.dir).flatMap((f) => [...f.text.matchAll(/X-Auth-Token: ([^'"\s&]*)/g)].map((m) => m[1]));
    expect(recorded.length).toBeGreaterThan(0);
    // (In JSON files the curl line's closing quote is escaped: strip the backslash.)
    const values = new Set(recorded.map((v) => v?.replace(/\\+$/, '')));
    expect(values.has('$IMS_AUTH_TOKEN')).toBe(true);
    expect([...values].filter((v) => v !== '***' && v !== '$IMS_AUTH_TOKEN')).toEqual([]);
  });
});

describe('an AK/SK target file against the mock', () => {
  let r: Run;
  beforeAll(async () => {
    const dir = tempDir();
    const target = join(dir, 'aksk.yaml');
    writeFileSync(
      target,
      [
        'name: aksk-mock',
        `endpoints: { ims: ${mock.url}, evs: ${mock.url} }`,
        `projectId: ${project}`,
        `auth: { mode: aksk, accessKey: ${AK}, secretKey: ${SK} }`,
        '',
      ].join('\n'),
    );
    r = await run(['--target', target], {}, join(dir, 'reports'));
  });

  test('the signed run is accepted by the mock (valid requests pass)', () => {
    const report = JSON.parse(readFileSync(join(r.dir, 'compliance.json'), 'utf8')) as {
      constraints: { constraintId: string; verdict: string }[];
    };
    // An echo is only checked on a 201: the mock accepted the signed requests.
    expect(report.constraints.find((c) => c.constraintId === 'ims.imagecreate.name.echo')?.verdict).toBe('pass');
  });

  test('neither the secret key nor the access key appears anywhere', () => {
    expect(leaks(r, [SK, AK])).toEqual([]);
  });

  test('the signature header is recorded redacted', () => {
    const recorded = files(r.dir).flatMap((f) => [...f.text.matchAll(/Authorization: ([^'"\s&]*)/gi)].map((m) => m[1]));
    // Curl lines say what to fill in instead (a signature cannot be replayed from a variable).
    expect(recorded.filter((v) => v !== '***' && v !== '<fill')).toEqual([]);
  });
});
