/**
 * Mock configuration: built-in defaults (the suite and targets/local-mock.yaml rely on them), merged
 * with an optional YAML file. A bad file fails with the key that is wrong.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { DEVIATION_NAMES } from './deviations.js';

export type EvsRevision = '003' | '004';
// `uploading`: a disk an earlier export left uploading (003/004 Response: "Specifies the disk status after the image is
// exported. The correct value is uploading."); no export of this mock ends it, so it stays so — what a run finds
// after an earlier run was stopped mid-export.
export type VolumeStatus = 'available' | 'in-use' | 'uploading';

export interface MockVolumeConfig {
  readonly id: string;
  readonly projectId: string;
  readonly status: VolumeStatus;
  /** Size in GB (evs-querying_details_about_a_disk.rst "size: The disk size, in GB"). */
  readonly size: number;
  readonly multiattach: boolean;
}

export interface MockObsFile {
  /** Upper-case format as 001 writes it: RAW, ZVHD2, QCOW2, VHD, ZVHD… */
  readonly format: string;
  /** Size in bytes. */
  readonly size: number;
}

export interface MockConfig {
  readonly projects: ReadonlySet<string>;
  /** X-Auth-Token → project id. */
  readonly tokens: ReadonlyMap<string, string>;
  /** AK → { sk, projectId }. */
  readonly aksk: ReadonlyMap<string, { readonly sk: string; readonly projectId: string }>;
  /** `bucket:file` → file. */
  readonly obs: ReadonlyMap<string, MockObsFile>;
  readonly volumes: readonly MockVolumeConfig[];
  readonly jobs: { readonly initMs: number; readonly runMs: number };
  readonly revision: EvsRevision;
  readonly bodyLimit: number;
  /** Named deviations from the documents (mock/deviations.ts). */
  readonly deviations: ReadonlySet<string>;
  /** Fault injection: delay every answer by latencyMs; answer that fraction of requests with 500/503. */
  readonly faults: { readonly latencyMs: number; readonly errorRate: number };
  /** Clock in ms since the epoch; tests replace it. */
  readonly now: () => number;
}

/** The plain shape of the YAML file (every key optional; maps merge into the defaults). */
export interface MockConfigInput {
  projects?: Record<string, { volumes?: Record<string, { status?: string; size?: number; multiattach?: boolean }> }>;
  tokens?: Record<string, string>;
  aksk?: Record<string, { sk: string; projectId: string }>;
  obs?: Record<string, { format: string; size: number }>;
  jobs?: { initMs?: number; runMs?: number };
  revision?: string;
  bodyLimit?: number;
  deviations?: string[];
  faults?: { latencyMs?: number; errorRate?: number };
}

/** A configuration problem, naming the key (STYLE.md §3 item 2). */
export class MockConfigError extends Error {
  readonly code = 'MOCK_CONFIG_BAD_KEY';
  readonly key: string;
  constructor(source: string, key: string, message: string) {
    super(`${source}: MOCK_CONFIG_BAD_KEY: ${key} ${message}`);
    this.name = 'MockConfigError';
    this.key = key;
  }
}

export const PROJECT_A = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const PROJECT_B = 'b1b2c3d4e5f60718293a4b5c6d7e8f90';

/** The built-in defaults, as YAML-shaped input (mirrored by targets/local-mock.yaml's fixtures). */
export const DEFAULT_MOCK_INPUT = {
  projects: {
    [PROJECT_A]: {
      volumes: {
        '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e01': { status: 'available', size: 40, multiattach: false },
        // A second available disk, so the stateful export flows do not share the first one with the export cases.
        '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e04': { status: 'available', size: 40, multiattach: false },
        '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e02': { status: 'in-use', size: 40, multiattach: false },
        '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e03': { status: 'in-use', size: 100, multiattach: true },
      },
    },
    [PROJECT_B]: {
      volumes: { '6d9f4b63-7a1f-4c9b-8e5d-1b2c3d4e5f01': { status: 'available', size: 20, multiattach: false } },
    },
  },
  tokens: { 'mock-token-project-a': PROJECT_A, 'mock-token-project-b': PROJECT_B },
  aksk: {
    MOCKAKPROJECTA000001: { sk: 'mock-sk-project-a-0123456789', projectId: PROJECT_A },
    MOCKAKPROJECTB000001: { sk: 'mock-sk-project-b-0123456789', projectId: PROJECT_B },
  },
  obs: {
    'ims-image:centos70.zvhd2': { format: 'ZVHD2', size: 10737418240 },
    'ims-image:datadisk.raw': { format: 'RAW', size: 5368709120 },
    'image-test:fedora_data1.qcow2': { format: 'QCOW2', size: 2147483648 },
    'ims-image:centos70.qcow2': { format: 'QCOW2', size: 2147483648 },
    'ims-image:huge.raw': { format: 'RAW', size: 2199023255552 },
  },
  jobs: { initMs: 50, runMs: 100 },
  revision: '004',
  bodyLimit: 1048576,
  deviations: [],
  faults: { latencyMs: 0, errorRate: 0 },
} as const satisfies MockConfigInput;

const TOP_KEYS = new Set([
  'projects',
  'tokens',
  'aksk',
  'obs',
  'jobs',
  'revision',
  'bodyLimit',
  'deviations',
  'faults',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonNegativeInt(source: string, key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new MockConfigError(source, key, `must be a non-negative integer (got ${JSON.stringify(value)})`);
  }
  return value;
}

function record(source: string, key: string, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new MockConfigError(source, key, `must be a mapping (got ${JSON.stringify(value)})`);
  }
  return value;
}

function str(source: string, key: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new MockConfigError(source, key, `must be a non-empty string (got ${JSON.stringify(value)})`);
  }
  return value;
}

function onlyKeys(source: string, key: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(value)) {
    if (!allowed.includes(k)) {
      throw new MockConfigError(
        source,
        key ? `${key}.${k}` : k,
        `is not a known key; expected one of: ${allowed.join(', ')}`,
      );
    }
  }
}

interface Builder {
  projects: Set<string>;
  tokens: Map<string, string>;
  aksk: Map<string, { sk: string; projectId: string }>;
  obs: Map<string, MockObsFile>;
  volumes: Map<string, MockVolumeConfig>;
  jobs: { initMs: number; runMs: number };
  revision: EvsRevision;
  bodyLimit: number;
  deviations: Set<string>;
  faults: { latencyMs: number; errorRate: number };
}

function applyProjects(b: Builder, source: string, value: unknown): void {
  for (const [projectId, raw] of Object.entries(record(source, 'projects', value))) {
    const key = `projects.${projectId}`;
    const project = raw === null ? {} : record(source, key, raw);
    onlyKeys(source, key, project, ['volumes']);
    b.projects.add(projectId);
    if (project.volumes === undefined) {
      continue;
    }
    for (const [id, rawVolume] of Object.entries(record(source, `${key}.volumes`, project.volumes))) {
      const vkey = `${key}.volumes.${id}`;
      const v = record(source, vkey, rawVolume);
      onlyKeys(source, vkey, v, ['status', 'size', 'multiattach']);
      if (v.status !== 'available' && v.status !== 'in-use' && v.status !== 'uploading') {
        throw new MockConfigError(
          source,
          `${vkey}.status`,
          `must be one of available, in-use, uploading (got ${JSON.stringify(v.status)})`,
        );
      }
      const size = nonNegativeInt(source, `${vkey}.size`, v.size);
      if (v.multiattach !== undefined && typeof v.multiattach !== 'boolean') {
        throw new MockConfigError(source, `${vkey}.multiattach`, 'must be true or false');
      }
      b.volumes.set(id, { id, projectId, status: v.status, size, multiattach: v.multiattach === true });
    }
  }
}

function applyMaps(b: Builder, source: string, input: Record<string, unknown>): void {
  if (input.tokens !== undefined) {
    for (const [token, projectId] of Object.entries(record(source, 'tokens', input.tokens))) {
      b.tokens.set(token, str(source, `tokens.${token}`, projectId));
    }
  }
  if (input.aksk !== undefined) {
    for (const [ak, raw] of Object.entries(record(source, 'aksk', input.aksk))) {
      const pair = record(source, `aksk.${ak}`, raw);
      onlyKeys(source, `aksk.${ak}`, pair, ['sk', 'projectId']);
      b.aksk.set(ak, {
        sk: str(source, `aksk.${ak}.sk`, pair.sk),
        projectId: str(source, `aksk.${ak}.projectId`, pair.projectId),
      });
    }
  }
  if (input.obs !== undefined) {
    for (const [url, raw] of Object.entries(record(source, 'obs', input.obs))) {
      const file = record(source, `obs.${url}`, raw);
      onlyKeys(source, `obs.${url}`, file, ['format', 'size']);
      b.obs.set(url, {
        format: str(source, `obs.${url}.format`, file.format).toUpperCase(),
        size: nonNegativeInt(source, `obs.${url}.size`, file.size),
      });
    }
  }
}

function applyScalars(b: Builder, source: string, input: Record<string, unknown>): void {
  if (input.jobs !== undefined) {
    const jobs = record(source, 'jobs', input.jobs);
    onlyKeys(source, 'jobs', jobs, ['initMs', 'runMs']);
    if (jobs.initMs !== undefined) {
      b.jobs.initMs = nonNegativeInt(source, 'jobs.initMs', jobs.initMs);
    }
    if (jobs.runMs !== undefined) {
      b.jobs.runMs = nonNegativeInt(source, 'jobs.runMs', jobs.runMs);
    }
  }
  if (input.revision !== undefined) {
    if (input.revision !== '003' && input.revision !== '004') {
      throw new MockConfigError(source, 'revision', `must be "003" or "004" (got ${JSON.stringify(input.revision)})`);
    }
    b.revision = input.revision;
  }
  if (input.bodyLimit !== undefined) {
    b.bodyLimit = nonNegativeInt(source, 'bodyLimit', input.bodyLimit);
  }
  if (input.deviations !== undefined) {
    if (!Array.isArray(input.deviations)) {
      throw new MockConfigError(source, 'deviations', 'must be a list of names');
    }
    b.deviations = new Set(
      input.deviations.map((d, i) => {
        const name = str(source, `deviations.${i}`, d);
        if (!DEVIATION_NAMES.has(name)) {
          throw new MockConfigError(
            source,
            `deviations.${i}`,
            `names no known deviation (got ${JSON.stringify(name)}); expected one of: ${[...DEVIATION_NAMES].join(', ')}`,
          );
        }
        return name;
      }),
    );
  }
  if (input.faults !== undefined) {
    const faults = record(source, 'faults', input.faults);
    onlyKeys(source, 'faults', faults, ['latencyMs', 'errorRate']);
    if (faults.latencyMs !== undefined) {
      b.faults.latencyMs = nonNegativeInt(source, 'faults.latencyMs', faults.latencyMs);
    }
    if (faults.errorRate !== undefined) {
      const rate = faults.errorRate;
      if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
        throw new MockConfigError(
          source,
          'faults.errorRate',
          `must be a number from 0 to 1 (got ${JSON.stringify(rate)})`,
        );
      }
      b.faults.errorRate = rate;
    }
  }
}

function apply(b: Builder, source: string, raw: unknown): void {
  if (raw === null || raw === undefined) {
    return;
  }
  const input = record(source, '(root)', raw);
  onlyKeys(source, '', input, [...TOP_KEYS]);
  if (input.projects !== undefined) {
    applyProjects(b, source, input.projects);
  }
  applyMaps(b, source, input);
  applyScalars(b, source, input);
}

function check(b: Builder, source: string): void {
  for (const [token, projectId] of b.tokens) {
    if (!b.projects.has(projectId)) {
      throw new MockConfigError(source, `tokens.${token}`, `names project ${projectId}, which is not under projects`);
    }
  }
  for (const [ak, pair] of b.aksk) {
    if (!b.projects.has(pair.projectId)) {
      throw new MockConfigError(
        source,
        `aksk.${ak}.projectId`,
        `names project ${pair.projectId}, which is not under projects`,
      );
    }
  }
}

/**
 * Returns the defaults merged with each input in turn (mappings merge by key, scalars replace).
 * @throws MockConfigError naming the offending key
 */
export function mockConfig(
  input?: unknown,
  source = 'mock config',
  now: () => number = Date.now,
  overrides?: MockConfigInput,
): MockConfig {
  const b: Builder = {
    projects: new Set(),
    tokens: new Map(),
    aksk: new Map(),
    obs: new Map(),
    volumes: new Map(),
    jobs: { initMs: 0, runMs: 0 },
    revision: '004',
    bodyLimit: 0,
    deviations: new Set(),
    faults: { latencyMs: 0, errorRate: 0 },
  };
  apply(b, 'built-in defaults', DEFAULT_MOCK_INPUT);
  apply(b, source, input);
  apply(b, 'command line', overrides);
  check(b, source);
  return { ...b, volumes: [...b.volumes.values()], now };
}

/** Parses YAML text and merges it into the defaults. @throws MockConfigError */
export function parseMockConfig(text: string, source: string, overrides?: MockConfigInput): MockConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new MockConfigError(source, '(yaml)', `is not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  return mockConfig(raw, source, Date.now, overrides);
}

/** Reads a YAML config file (or only the defaults without one). @throws MockConfigError */
export async function loadMockConfig(file?: string, overrides?: MockConfigInput): Promise<MockConfig> {
  if (file === undefined) {
    return mockConfig(undefined, 'mock config', Date.now, overrides);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new MockConfigError(file, '(file)', `cannot be read: ${(error as Error).message}`);
  }
  return parseMockConfig(text, file, overrides);
}
