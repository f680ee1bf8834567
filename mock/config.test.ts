import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { MockConfigError, mockConfig, PROJECT_A, PROJECT_B, parseMockConfig } from './config.js';
import { startMock } from './main.js';

describe('mockConfig', () => {
  test('built-in defaults', () => {
    const c = mockConfig();
    expect(c.tokens.get('mock-token-project-a')).toBe(PROJECT_A);
    expect(c.tokens.get('mock-token-project-b')).toBe(PROJECT_B);
    expect(c.aksk.get('MOCKAKPROJECTA000001')).toEqual({ sk: 'mock-sk-project-a-0123456789', projectId: PROJECT_A });
    expect(c.aksk.get('MOCKAKPROJECTB000001')).toEqual({ sk: 'mock-sk-project-b-0123456789', projectId: PROJECT_B });
    expect(c.obs.get('ims-image:centos70.zvhd2')).toEqual({ format: 'ZVHD2', size: 10737418240 });
    expect(c.obs.get('ims-image:huge.raw')).toEqual({ format: 'RAW', size: 2199023255552 });
    expect(c.obs.size).toBe(5);
    expect(c.volumes.map((v) => [v.id, v.projectId, v.status, v.size, v.multiattach])).toEqual([
      ['5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e01', PROJECT_A, 'available', 40, false],
      ['5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e04', PROJECT_A, 'available', 40, false],
      ['5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e02', PROJECT_A, 'in-use', 40, false],
      ['5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e03', PROJECT_A, 'in-use', 100, true],
      ['6d9f4b63-7a1f-4c9b-8e5d-1b2c3d4e5f01', PROJECT_B, 'available', 20, false],
    ]);
    expect(c.jobs).toEqual({ initMs: 50, runMs: 100 });
    expect(c.revision).toBe('004');
    expect(c.deviations.size).toBe(0);
    expect(c.faults).toEqual({ latencyMs: 0, errorRate: 0 });
  });

  test('YAML merges into the defaults: maps by key, scalars replaced', () => {
    const c = parseMockConfig(
      [
        'revision: "003"',
        'jobs: { initMs: 0 }',
        'tokens: { extra: a1b2c3d4e5f60718293a4b5c6d7e8f90 }',
        'obs: { "b1:f.raw": { format: raw, size: 1 } }',
        'deviations: [image-create-missing-owner]',
      ].join('\n'),
      'x.yaml',
    );
    expect(c.revision).toBe('003');
    expect(c.jobs).toEqual({ initMs: 0, runMs: 100 });
    expect(c.tokens.get('extra')).toBe(PROJECT_A);
    expect(c.tokens.get('mock-token-project-a')).toBe(PROJECT_A);
    expect(c.obs.get('b1:f.raw')).toEqual({ format: 'RAW', size: 1 });
    expect(c.deviations.has('image-create-missing-owner')).toBe(true);
  });

  test.for([
    ['revision: "005"', 'revision'],
    ['jobs: { initMs: -1 }', 'jobs.initMs'],
    ['jobs: { initMS: 1 }', 'jobs.initMS'],
    ['bodyLimit: big', 'bodyLimit'],
    ['tokens: { t: nosuchproject }', 'tokens.t'],
    ['projects: { p1: { volumes: { v1: { status: deleting, size: 1 } } } }', 'projects.p1.volumes.v1.status'],
    ['faults: { errorRate: 2 }', 'faults.errorRate'],
    ['unknownKey: 1', 'unknownKey'],
    ['deviations: [job-never-ends, no-virtual-size]', 'deviations.1'],
    ['obs: { "a:b": { format: RAW } }', 'obs.a:b.size'],
  ] as const)('%s → MockConfigError naming %s', ([yaml, key]) => {
    try {
      parseMockConfig(yaml, 'bad.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MockConfigError);
      expect((error as MockConfigError).key).toBe(key);
      expect((error as Error).message).toContain(`bad.yaml: MOCK_CONFIG_BAD_KEY: ${key}`);
    }
  });

  test('targets/local-mock.yaml matches the built-in defaults', async () => {
    const target = parse(await readFile(new URL('../targets/local-mock.yaml', import.meta.url), 'utf8'));
    const c = mockConfig();
    expect(c.tokens.get(target.auth.token)).toBe(target.projectId);
    expect(c.tokens.get(target.fixtures.otherProject.token)).toBe(target.fixtures.otherProject.projectId);
    for (const key of ['system', 'data', 'dataimage']) {
      expect(c.obs.has(target.fixtures.obs[key])).toBe(true);
    }
    expect(c.obs.has(target.fixtures.obs.missing)).toBe(false);
    const volume = (id: string) => c.volumes.find((v) => v.id === id);
    expect(volume(target.fixtures.volumes.available)?.status).toBe('available');
    expect(volume(target.fixtures.volumes.inUse)?.status).toBe('in-use');
    expect(volume(target.fixtures.otherProject.volume)?.projectId).toBe(target.fixtures.otherProject.projectId);
    expect(target.revision).toBe(c.revision);
  });
});

describe('startMock', () => {
  test('listens on a free loopback port and answers over HTTP', async () => {
    const mock = await startMock({ config: { jobs: { initMs: 0, runMs: 0 } } });
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${mock.url}/health`);
      expect(health.status).toBe(200);
      const res = await fetch(`${mock.url}/v2/images`, {
        method: 'POST',
        headers: { 'x-auth-token': 'mock-token-project-a', 'content-type': 'application/json' },
        body: '{"name":"over-http"}',
      });
      expect(res.status).toBe(201);
    } finally {
      await mock.close();
    }
  });
});

test('an unknown deviation name is an error that lists the valid names', () => {
  expect(() => parseMockConfig('deviations: [bogus]', 'bad.yaml')).toThrow(
    /deviations\.0 names no known deviation \(got "bogus"\); expected one of: dataimage-min-disk-unchecked, /,
  );
});
