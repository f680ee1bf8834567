/**
 * Safety on real deployments (DESIGN.md "Targets": "creating resources on a non-local target needs an explicit
 * opt-in"): the creation gate of src/run/flows/safety.ts, and a whole CLI run against a remote-marked target that
 * must send nothing that creates a resource.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import type { RunContext } from '../src/run/context.js';
import { createsResources, creationAllowed, NEEDS_ALLOW_CREATE } from '../src/run/flows/safety.js';
import { appendLedger } from '../src/run/ledger.js';
import { RUN_ENV } from '../src/run/options.js';
import { compiledSpecs, operationById } from '../src/run/specs.js';
import { localMockTarget } from '../src/target/local-mock.js';
import type { TargetSafety } from '../src/target/types.js';
import { startRecording } from './servers/recording.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ims-safety-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

const specs = compiledSpecs({ revision: '004' });
const op = (id: string) => operationById(specs, id);

/** A run context with only what the gate reads: target safety and the report dir. */
function runWith(safety: TargetSafety, reportDir = tempDir()): RunContext {
  const target = { ...localMockTarget('http://192.0.2.1:1'), name: 'remote-test', safety };
  return { target, options: { reportDir } } as unknown as RunContext;
}

describe('creationAllowed', () => {
  test('creating operations are the imports, POST /v2/images, the export and DELETE (it consumes a fresh image)', () => {
    const creating = specs.operations.filter(createsResources).map((o) => o.id);
    expect(creating.sort()).toEqual(
      ['evs.uploadimage', 'ims.dataimage', 'ims.imagecreate', 'ims.imagedelete', 'ims.quickimport'].sort(),
    );
  });

  test('a remote target without the opt-in refuses creating operations with "needs --allow-create"', () => {
    const run = runWith({ remote: true, allowCreate: false, maxCreates: 20 });
    const gate = creationAllowed(run, op('ims.dataimage'));
    expect(gate.allowed).toBe(false);
    expect(gate.allowed ? '' : gate.reason).toMatch(
      new RegExp(`^${NEEDS_ALLOW_CREATE}: ims.dataimage creates resources`),
    );
    expect(creationAllowed(run, op('ims.imageget'))).toEqual({ allowed: true });
    expect(creationAllowed(run, op('ims.job'))).toEqual({ allowed: true });
  });

  test('with the opt-in, creating runs until --max-creates is reached (counted in the run ledger)', () => {
    const dir = tempDir();
    const run = runWith({ remote: true, allowCreate: true, maxCreates: 2 }, dir);
    const env = process.env[RUN_ENV];
    process.env[RUN_ENV] = '{}';
    try {
      expect(creationAllowed(run, op('ims.imagecreate'))).toEqual({ allowed: true });
      appendLedger(dir, 'p', [{ kind: 'image', id: 'a' }], 'c1');
      appendLedger(dir, 'p', [{ kind: 'job', id: 'b' }], 'c2');
      const gate = creationAllowed(run, op('ims.imagecreate'));
      expect(gate.allowed ? '' : gate.reason).toContain('--max-creates 2 reached');
      expect(creationAllowed(run, op('ims.imageget'))).toEqual({ allowed: true });
    } finally {
      if (env === undefined) {
        delete process.env[RUN_ENV];
      } else {
        process.env[RUN_ENV] = env;
      }
    }
  });
});

/** Paths whose POST creates something (000, 001, 002, 003/004). */
const CREATING = [/^\/v2\/images\/?$/, /\/dataimages\/action$/, /\/quickimport\/action$/, /\/volumes\/[^/]+\/action$/];

describe('a run against a remote target without --allow-create', () => {
  test('sends no request that creates anything', { timeout: 240_000 }, async () => {
    const server = await startRecording({ host: '127.0.0.2' });
    const dir = tempDir();
    // 127.0.0.2 is loopback to isLoopbackUrl: the file marks the target remote, as a real region is. The load
    // limits are lifted so the smoke run stays short (the remote default is 5 requests per second).
    const targetFile = join(dir, 'remote.yaml');
    writeFileSync(
      targetFile,
      [
        'name: remote-recording',
        `endpoints: { ims: ${server.url}, evs: ${server.url} }`,
        'projectId: a1b2c3d4e5f60718293a4b5c6d7e8f90',
        'auth: { mode: token, token: some-token }',
        'limits: { concurrency: 8, rps: 0, timeoutMs: 5000, budgetMs: 600000 }',
        'safety: { remote: true }',
        '',
      ].join('\n'),
    );
    try {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            join(repo, 'bin', 'ims-conformance.js'),
            'run',
            '--target',
            targetFile,
            '--depth',
            'smoke',
            '--no-html',
            '--report-dir',
            join(dir, 'reports'),
          ],
          {
            cwd: repo,
            timeout: 220_000,
            env: {
              PATH: process.env.PATH ?? '',
              HOME: process.env.HOME ?? '',
              NO_COLOR: '1',
              IMS_ENDPOINT: server.url,
              EVS_ENDPOINT: server.url,
            },
          },
          (error, _stdout, stderr) => {
            resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stderr });
          },
        );
      });
      expect(result.code, result.stderr).not.toBeNull();
      expect(result.stderr).toContain('remote target without --allow-create');
      const gets = server.requests.filter((r) => r.method === 'GET');
      expect(gets.length, 'the run did reach the target (read-only cases still run)').toBeGreaterThan(0);
      const creating = server.requests.filter(
        (r) => r.method === 'POST' && CREATING.some((re) => re.test(r.url.split('?')[0] ?? '')),
      );
      expect(creating.map((r) => `${r.method} ${r.url}`)).toEqual([]);
      expect(server.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
