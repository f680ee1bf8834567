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
import type { HttpClient } from '../src/http/types.js';
import { readLedger } from '../src/run/cleanup.js';
import type { RunContext } from '../src/run/context.js';
import { createSlotsDir, guardCreates, takeCreateSlot } from '../src/run/create-guard.js';
import { createsResources, creationAllowed, NEEDS_ALLOW_CREATE } from '../src/run/flows/safety.js';
import { ledgerFile, NO_NAME } from '../src/run/ledger.js';
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
  return { target, options: { reportDir, runId: 'r1' } } as unknown as RunContext;
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

  test('with the opt-in, creating runs until --max-creates requests were sent (slots of the run, any worker)', () => {
    const dir = tempDir();
    const run = runWith({ remote: true, allowCreate: true, maxCreates: 2 }, dir);
    expect(creationAllowed(run, op('ims.imagecreate'))).toEqual({ allowed: true });
    const slots = createSlotsDir(dir, 'r1');
    expect([takeCreateSlot(slots, 2), takeCreateSlot(slots, 2), takeCreateSlot(slots, 2)]).toEqual([0, 1, undefined]);
    const gate = creationAllowed(run, op('ims.imagecreate'));
    expect(gate.allowed ? '' : gate.reason).toContain('--max-creates 2 reached');
    expect(creationAllowed(run, op('ims.imageget'))).toEqual({ allowed: true });
  });
});

describe('the creation guard in front of the client', () => {
  const sent: string[] = [];
  const inner: HttpClient = {
    send: async (req) => {
      sent.push(`${req.method} ${req.path}`);
      return {
        id: 'x',
        service: req.service,
        request: { method: req.method, url: req.path, headers: {} },
        startedAt: '',
        durationMs: 0,
        attempts: 1,
      };
    },
    budgetExhausted: false,
    close: async () => {},
  };
  const guarded = (safety: TargetSafety, url: string, reportDir: string) =>
    guardCreates(inner, {
      target: { ...localMockTarget(url), safety },
      reportDir,
      runId: 'r1',
      namePrefix: 'imsc-r1-',
      onRefused: () => {},
    });

  test('a non-loopback endpoint marked local is refused; GETs pass', async () => {
    sent.length = 0;
    const client = guarded(
      { remote: false, allowCreate: true, maxCreates: 10 },
      'http://[::ffff:127.0.0.2]:1',
      tempDir(),
    );
    const x = await client.send({ service: 'ims', method: 'POST', path: '/v2/images', body: { name: 'imsc-r1-a' } });
    expect(x.error?.kind).toBe('refused');
    await client.send({ service: 'ims', method: 'GET', path: '/v2/images/1' });
    expect(sent).toEqual(['GET /v2/images/1']);
  });

  test('--max-creates counts requests sent, whatever came back; names outside the prefix are in the ledger first', async () => {
    sent.length = 0;
    const dir = tempDir();
    const client = guarded({ remote: false, allowCreate: true, maxCreates: 3 }, 'http://127.0.0.1:1', dir);
    const bodies = [
      { name: 'imsc-r1-x' },
      { name: 'a' },
      { min_disk: 40 },
      { name: 'imsc-r1-y' },
      { name: 'imsc-r1-z' },
    ];
    const kinds: (string | undefined)[] = [];
    for (const body of bodies) {
      kinds.push((await client.send({ service: 'ims', method: 'POST', path: '/v2/images', body })).error?.kind);
    }
    expect(sent).toHaveLength(3);
    expect(kinds).toEqual([undefined, undefined, undefined, 'refused', 'refused']);
    const names = readLedger(ledgerFile(dir))
      .filter((e) => e.kind === 'name')
      .map((e) => e.id);
    expect(names).toEqual(['a', NO_NAME]);
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

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `ims-conformance run --depth smoke` with a clean environment plus `env`. */
function runCli(args: readonly string[], env: Record<string, string>, dir: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        join(repo, 'bin', 'ims-conformance.js'),
        'run',
        '--depth',
        'smoke',
        '--no-html',
        '--seed',
        '1',
        '--report-dir',
        join(dir, 'reports'),
        ...args,
      ],
      {
        cwd: repo,
        timeout: 220_000,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
      },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
      },
    );
  });
}

/** `http://[::ffff:127.0.0.2]:PORT`: the recording server through an address isLoopbackUrl does not call loopback. */
function mappedUrl(url: string): string {
  return url.replace('http://127.0.0.2:', 'http://[::ffff:127.0.0.2]:');
}

const LOCAL_FILE = [
  'name: looks-local',
  'endpoints: { ims: http://127.0.0.1:8080, evs: http://127.0.0.1:8080 }',
  'projectId: a1b2c3d4e5f60718293a4b5c6d7e8f90',
  'auth: { mode: token, token: some-token }',
  'safety: { remote: false, allowCreate: true, maxCreates: 1000 }',
  '',
].join('\n');

describe('issue 18: opt-in that holds (whole CLI runs against a recording server the suite must treat as remote)', () => {
  test('a target file saying remote: false, allowCreate: true with env endpoints elsewhere → 0 creating requests', {
    timeout: 240_000,
  }, async () => {
    const server = await startRecording({ host: '127.0.0.2' });
    const dir = tempDir();
    const file = join(dir, 'looks-local.yaml');
    writeFileSync(file, LOCAL_FILE);
    try {
      const url = mappedUrl(server.url);
      const result = await runCli(['--target', file], { IMS_ENDPOINT: url, EVS_ENDPOINT: url }, dir);
      expect(result.code, result.stderr).not.toBeNull();
      expect(server.requests.filter((r) => r.method === 'GET').length).toBeGreaterThan(0);
      expect(server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('404 to everything, --allow-create --max-creates 3 → at most 3 creating requests', {
    timeout: 240_000,
  }, async () => {
    const server = await startRecording({ host: '127.0.0.2', respond: () => ({ status: 404, body: '{}' }) });
    const dir = tempDir();
    const file = join(dir, 'remote-404.yaml');
    const url = mappedUrl(server.url);
    writeFileSync(
      file,
      LOCAL_FILE.replace('http://127.0.0.1:8080, evs: http://127.0.0.1:8080', `"${url}", evs: "${url}"`).replace(
        'safety:',
        'limits: { concurrency: 8, rps: 0, timeoutMs: 5000, budgetMs: 600000 }\nsafety:',
      ),
    );
    try {
      const result = await runCli(['--target', file, '--allow-create', '--max-creates', '3'], {}, dir);
      expect(result.code, result.stderr).not.toBeNull();
      const creating = server.requests.filter((r) => r.method === 'POST');
      expect(creating.length, creating.map((r) => r.url).join('\n')).toBeLessThanOrEqual(3);
      expect(creating.length, 'the cap lets the first creating requests through').toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
