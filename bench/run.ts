/**
 * The benchmark runner: `npx tsx bench/run.ts [--quick] [--only http,offline,e2e,profile] [--out DIR]`.
 * Measures mock throughput against a bare node:http reference, offline suite throughput, end-to-end runs and
 * their memory, profiles the hot spots, and writes <out>/bench.json and <out>/bench.md. Binds 127.0.0.1 only;
 * every measurement is bounded in time (and the HTTP ones in requests); servers stop with the runner.
 * Measures only: nothing here fails on a slow figure (targets are reported as met or not).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { countRecords, measureProcess } from './e2e.js';
import { type LoadResult, measureLoad, medianOf } from './http-load.js';
import type { OfflineResult } from './offline.js';
import { profilesIn, summariseProfiles } from './profile.js';
import { renderMarkdown } from './render.js';
import type { BenchResults, E2eRun, HttpSection, MachineFacts, TargetVerdict } from './results.js';
import { BENCH_VOLUMES, type ScenarioFixtures, scenarios, TOKEN } from './scenarios.js';
import { type ServerChild, startServerChild } from './servers/child.js';

const SECTIONS = ['http', 'offline', 'e2e', 'profile'] as const;
type Section = (typeof SECTIONS)[number];

/** Repetitions of the reference and of POST /v2/images per concurrency (the median is reported). */
const REPEATS = 3;

const root = resolve(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function machineFacts(quick: boolean): MachineFacts {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    totalMemoryMb: totalmem() / 1024 / 1024,
    platform: `${platform()} ${release()}`,
    loadAverage: loadavg(),
    quick,
    commit,
  };
}

async function post(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** Creates the image and job the GET scenarios read; returns them and the size of a POST /v2/images answer. */
async function prepareMock(url: string): Promise<{ fixtures: ScenarioFixtures; imageBodyBytes: number }> {
  const image = await post(`${url}/v2/images`, {
    name: 'bench-image',
    container_format: 'bare',
    disk_format: 'vhd',
    min_disk: 40,
  });
  const job = await post(`${url}/v1/cloudimages/dataimages/action`, {
    name: 'bench-job',
    image_url: 'image-test:fedora_data1.qcow2',
    min_disk: 40,
    os_type: 'Linux',
  });
  const imageId = (JSON.parse(image.text) as { id?: string }).id;
  const jobId = (JSON.parse(job.text) as { job_id?: string }).job_id;
  if (image.status !== 201 || !imageId || job.status !== 200 || !jobId) {
    throw new Error(`mock preparation failed: POST /v2/images ${image.status}, dataimages ${job.status}`);
  }
  return { fixtures: { imageId, jobId }, imageBodyBytes: Buffer.byteLength(image.text) };
}

async function httpSection(quick: boolean): Promise<HttpSection> {
  const seconds = quick ? 1 : 3;
  const connections = [1, 16, 64];
  const servers: ServerChild[] = [];
  try {
    const mock = await startServerChild(join(root, 'bench/servers/mock-server.ts'), [String(BENCH_VOLUMES), '1', '1']);
    servers.push(mock);
    const { fixtures, imageBodyBytes } = await prepareMock(mock.url);
    const reference = await startServerChild(join(root, 'bench/servers/reference-server.ts'), [String(imageBodyBytes)]);
    servers.push(reference);
    const list = scenarios(fixtures);
    const results: LoadResult[] = [];
    const bound = { seconds, maxRequests: 200_000 * seconds };
    const [imagesValid, ...rest] = list;
    if (!imagesValid) {
      throw new Error('no scenarios');
    }
    for (const c of connections) {
      // The headline ratio: reference and POST /v2/images alternated (ABABAB), each the median of three.
      const ref: LoadResult[] = [];
      const images: LoadResult[] = [];
      for (let i = 0; i < REPEATS; i++) {
        log(`reference c=${c} (${i + 1}/${REPEATS})`);
        ref.push(await measureLoad(imagesValid, 'reference', { url: reference.url, connections: c, ...bound }));
        log(`${imagesValid.name} c=${c} (${i + 1}/${REPEATS})`);
        images.push(await measureLoad(imagesValid, 'mock', { url: mock.url, connections: c, ...bound }));
      }
      results.push(medianOf(ref), medianOf(images));
      for (const s of rest) {
        log(`${s.name} c=${c}`);
        results.push(await measureLoad(s, 'mock', { url: mock.url, connections: c, ...bound }));
      }
    }
    return {
      seconds,
      connections,
      referenceBodyBytes: imageBodyBytes,
      scenarios: list.map(({ name, operation, variant, expectStatus, note }) => ({
        name,
        operation,
        variant,
        expectStatus,
        ...(note ? { note } : {}),
      })),
      results,
    };
  } finally {
    for (const s of servers) {
      await s.stop();
    }
  }
}

/** Runs the offline loop in a child process (optionally under --cpu-prof) and returns its JSON result. */
function offlineChild(budgetMs: number, profileDir?: string): Promise<OfflineResult> {
  // Under --cpu-prof the whole process is profiled (files CPU.*.cpuprofile); offline-loop.cpuprofile is the loop only.
  const args = [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    '--import',
    'tsx',
    join(root, 'bench/offline-main.ts'),
    String(budgetMs),
    ...(profileDir ? [join(profileDir, 'offline-loop.cpuprofile')] : []),
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), budgetMs + 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        resolvePromise(JSON.parse(out) as OfflineResult);
      } catch {
        reject(new Error(`offline loop exited ${code} without a result`));
      }
    });
  });
}

async function e2eRun(depth: string, timeoutMs: number, nodeArgs: readonly string[] = []): Promise<E2eRun> {
  const dir = mkdtempSync(join(tmpdir(), `ims-bench-${depth}-`));
  try {
    const run = await measureProcess(
      [
        ...nodeArgs,
        join(root, 'bin/ims-conformance.js'),
        'run',
        '--depth',
        depth,
        '--no-html',
        '--report-dir',
        dir,
        '--seed',
        '1',
      ],
      { timeoutMs },
    );
    const cases = countRecords(dir);
    return { ...run, depth, cases, casesPerSecond: cases / (run.wallMs / 1000) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function freshDir(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

function verdicts(r: Omit<BenchResults, 'targets'>): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  const http = r.http;
  if (http) {
    const ratios = http.connections.map((c) => {
      const mock = http.results.find(
        (x) => x.server === 'mock' && x.scenario === 'POST /v2/images valid' && x.connections === c,
      );
      const ref = http.results.find((x) => x.server === 'reference' && x.connections === c);
      return { c, ratio: mock && ref && ref.rps > 0 ? mock.rps / ref.rps : 0 };
    });
    out.push({
      target: 'mock ≥ 50 % of the bare reference on POST /v2/images (valid), every concurrency',
      measured: ratios.map(({ c, ratio }) => `c=${c}: ${Math.round(ratio * 100)} %`).join(', '),
      met: ratios.every(({ ratio }) => ratio >= 0.5),
    });
  } else {
    out.push({ target: 'mock ≥ 50 % of the bare reference on POST /v2/images', measured: '—', met: 'not measured' });
  }
  out.push(
    r.offline
      ? {
          target: 'suite ≥ 10,000 offline cases/second',
          measured: `${Math.round(r.offline.casesPerSecond).toLocaleString('en-US')} cases/s (steady)`,
          met: r.offline.casesPerSecond >= 10_000,
        }
      : { target: 'suite ≥ 10,000 offline cases/second', measured: '—', met: 'not measured' },
  );
  const standard = r.e2e.find((e) => e.depth === 'standard');
  out.push(
    standard
      ? {
          target: 'a standard run ≤ 20 s',
          measured: `${(standard.wallMs / 1000).toFixed(1)} s wall`,
          met: standard.wallMs <= 20_000 && !standard.timedOut,
        }
      : { target: 'a standard run ≤ 20 s', measured: '—', met: 'not measured' },
  );
  const m = r.mutation;
  const failed = m.measured && (m.exitCode !== 0 || m.timedOut);
  const lastLine = m.measured ? (m.stderrTail.split('\n').find((l) => /Error|error/.test(l)) ?? '').trim() : '';
  out.push(
    m.measured && failed
      ? {
          target: 'the mutation run ≤ 5 min on two cores',
          measured: `not measured: the mutation command failed after ${(m.wallMs / 1000).toFixed(1)} s (exit ${m.exitCode}${m.timedOut ? ', timed out' : ''}${lastLine ? `: ${lastLine}` : ''})`,
          met: 'not measured',
        }
      : m.measured
        ? {
            target: 'the mutation run ≤ 5 min on two cores',
            measured: `${(m.wallMs / 1000).toFixed(1)} s wall on ${r.machine.cpus} CPUs`,
            met: m.wallMs <= 300_000 && !m.timedOut,
          }
        : { target: 'the mutation run ≤ 5 min on two cores', measured: m.reason, met: 'not measured' },
  );
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const quick = values.quick === true;
  const only = (values.only ?? SECTIONS.join(',')).split(',').filter(Boolean);
  for (const s of only) {
    if (!(SECTIONS as readonly string[]).includes(s)) {
      throw new Error(`--only: unknown section "${s}"; expected a comma-separated list of ${SECTIONS.join(', ')}`);
    }
  }
  const wants = (s: Section) => only.includes(s);
  const out = resolve(values.out ?? join(root, 'reports'));
  mkdirSync(out, { recursive: true });
  process.chdir(root);
  const machine = machineFacts(quick);
  const notes: string[] = [];
  log(`machine: ${machine.cpus} CPUs, load ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);

  const http = wants('http') ? await httpSection(quick) : undefined;

  let offline: OfflineResult | undefined;
  if (wants('offline')) {
    log('offline suite loop');
    offline = await offlineChild(quick ? 1_500 : 5_000);
  }

  const e2e: E2eRun[] = [];
  if (wants('e2e')) {
    for (const depth of quick ? ['smoke', 'standard'] : ['smoke', 'standard', 'deep']) {
      log(`end-to-end run --depth ${depth}`);
      e2e.push(await e2eRun(depth, depth === 'deep' ? 30 * 60_000 : 10 * 60_000));
    }
    if (quick) {
      notes.push('--quick: no deep run.');
    }
  }

  const mutationCommand = join(root, 'src/cli/commands/mutation.ts');
  let mutation: BenchResults['mutation'] = {
    measured: false,
    reason: 'not measured: mutation command not present (src/cli/commands/mutation.ts)',
  };
  if (existsSync(mutationCommand)) {
    if (quick || !wants('e2e')) {
      mutation = { measured: false, reason: 'not measured: skipped with --quick or without the e2e section' };
    } else {
      log('npm run mutation');
      const run = await measureProcess([join(root, 'bin/ims-conformance.js'), 'mutation'], { timeoutMs: 15 * 60_000 });
      mutation = { measured: true, ...run };
    }
  }

  const profiles: Record<string, ReturnType<typeof summariseProfiles> & { what: string }> = {};
  if (wants('profile')) {
    const offlineDir = freshDir(join(out, 'profiles/offline'));
    log('profiling the offline loop');
    await offlineChild(quick ? 1_500 : 4_000, offlineDir);
    profiles.offline = {
      what:
        'the offline suite loop only (bench/offline-main.ts, profiled through node:inspector; the whole-process ' +
        'node --cpu-prof files, with module loading and spec compiling, are beside it)',
      ...summariseProfiles([join(offlineDir, 'offline-loop.cpuprofile')], root),
    };
    const mockDir = freshDir(join(out, 'profiles/mock'));
    log('profiling the mock under POST /v2/images load (c=16)');
    const seconds = quick ? 1 : 3;
    const mock = await startServerChild(join(root, 'bench/servers/mock-server.ts'), [String(BENCH_VOLUMES), '1', '1'], {
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${mockDir}`],
    });
    try {
      const { fixtures } = await prepareMock(mock.url);
      const [imagesValid] = scenarios(fixtures);
      if (imagesValid) {
        await measureLoad(imagesValid, 'mock', {
          url: mock.url,
          connections: 16,
          seconds,
          maxRequests: 200_000 * seconds,
        });
      }
    } finally {
      await mock.stop();
    }
    profiles.mock = {
      what: `the mock process (bench/servers/mock-server.ts under node --cpu-prof) serving POST /v2/images valid at 16 connections for ${seconds} s (+0.3 s warm-up; startup included)`,
      ...summariseProfiles(profilesIn(mockDir), root),
    };
    const depth = quick ? 'smoke' : 'standard';
    const runDir = freshDir(join(out, `profiles/${depth}`));
    log(`profiling a ${depth} run (every process of the tree)`);
    // Node 20 refuses --cpu-prof in NODE_OPTIONS; as an exec argument, vitest's forks inherit it (fork's execArgv).
    const run = await e2eRun(depth, 10 * 60_000, ['--cpu-prof', `--cpu-prof-dir=${runDir}`]);
    profiles[depth] = {
      what: `a ${depth} run under node --cpu-prof (CLI with the embedded mock, and every vitest fork; ${(run.wallMs / 1000).toFixed(1)} s wall with the profiler)`,
      ...summariseProfiles(profilesIn(runDir), root),
    };
    if (quick) {
      notes.push('--quick: the run profile is of a smoke run, not a standard one.');
    }
  }

  // With --only, the sections not run now are kept from an existing <out>/bench.json (same machine assumed).
  const previous: Partial<BenchResults> =
    values.only !== undefined && existsSync(join(out, 'bench.json'))
      ? (JSON.parse(readFileSync(join(out, 'bench.json'), 'utf8')) as BenchResults)
      : {};
  if (previous.machine) {
    notes.push(`sections other than ${only.join(', ')} are kept from the bench.json of ${previous.machine.date}.`);
  }
  const kept = <T>(section: Section, now: T, before: T | undefined): T | undefined => (wants(section) ? now : before);
  const httpOut = kept('http', http, previous.http);
  const offlineOut = kept('offline', offline, previous.offline);
  const partial = {
    machine,
    ...(httpOut ? { http: httpOut } : {}),
    ...(offlineOut ? { offline: offlineOut } : {}),
    e2e: kept('e2e', e2e, previous.e2e) ?? [],
    mutation: kept('e2e', mutation, previous.mutation) ?? mutation,
    profiles: kept('profile', profiles, previous.profiles) ?? {},
    notes: [...new Set([...(previous.notes ?? []), ...notes])],
  };
  const results: BenchResults = { ...partial, targets: verdicts(partial) };
  writeFileSync(join(out, 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(out, 'bench.md'), `${renderMarkdown(results)}\n`);
  log(`wrote ${join(out, 'bench.json')} and ${join(out, 'bench.md')}`);
}

await main();
