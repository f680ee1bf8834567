import { describe, expect, test } from 'vitest';
import type { GeneratedCase } from '../model/case.js';
import { compiledSpecs, operationById } from '../run/specs.js';
import { defaultsCheck } from './defaults.js';
import { jsonExchange } from './test-exchange.js';
import type { CheckContext } from './types.js';

const op = operationById(compiledSpecs({ revision: '004' }), 'ims.imagecreate');

const exchange = jsonExchange;

/** A request that leaves every defaulted field out, and the answer 002 documents for it. */
const minimal: GeneratedCase = {
  operationId: op.id,
  expect: 'accept',
  body: { name: 'n' },
  pathParams: {},
  label: 'v',
};
const defaulted = {
  name: 'n',
  container_format: 'bare',
  disk_format: 'vhd',
  min_ram: 0,
  visibility: 'private',
  protected: false,
  __os_version: 'Other Linux(64 bit)',
  status: 'queued',
};
const ctx = (strict = false): CheckContext => ({ op, strict, caseId: 'case-1' });

describe('defaults check', () => {
  test('an answer carrying every documented default passes, and each default counts as covered', () => {
    expect(defaultsCheck.run(ctx(), exchange(201, defaulted), minimal)).toEqual([]);
    expect([...defaultsCheck.covers(ctx(), exchange(201, defaulted), minimal)].sort()).toEqual([
      'ims.imagecreate.__os_version.default',
      'ims.imagecreate.container_format.default',
      'ims.imagecreate.disk_format.default',
      'ims.imagecreate.min_ram.default',
      'ims.imagecreate.protected.default',
      'ims.imagecreate.response.201.status.default',
      'ims.imagecreate.visibility.default',
    ]);
  });

  test('a wrong default is one failure on <field>.default with Received and Documented', () => {
    const findings = defaultsCheck.run(ctx(), exchange(201, { ...defaulted, container_format: 'ovf' }), minimal);
    expect(findings).toEqual([
      expect.objectContaining({
        checkId: 'defaults',
        constraintId: 'ims.imagecreate.container_format.default',
        severity: 'failure',
        received: '/container_format = "ovf"',
        documented: '/container_format = "bare"',
        pointer: '/container_format',
      }),
    ]);
  });

  test('an absent default and a wrong initial status of the fresh image', () => {
    const { min_ram: _gone, ...rest } = defaulted;
    const findings = defaultsCheck.run(ctx(), exchange(201, { ...rest, status: 'active' }), minimal);
    expect(findings.map((f) => [f.constraintId, f.received])).toEqual([
      ['ims.imagecreate.min_ram.default', '/min_ram absent'],
      ['ims.imagecreate.response.201.status.default', '/status = "active"'],
    ]);
  });

  test('a default wrong under every reading of its erratum fails: raw where the readings say vhd or zvhd2', () => {
    const x = exchange(201, { ...defaulted, disk_format: 'raw' });
    expect(defaultsCheck.run(ctx(), x, minimal).map((f) => [f.constraintId, f.severity, f.erratum])).toEqual([
      ['ims.imagecreate.disk_format.default', 'failure', undefined],
    ]);
  });

  test("another reading's default warns by default and fails under strict", () => {
    // 002 says vhd, Image Attributes zvhd2 (erratum.imagecreate.disk_format_default).
    const x = exchange(201, { ...defaulted, disk_format: 'zvhd2' });
    expect(defaultsCheck.run(ctx(), x, minimal).map((f) => [f.constraintId, f.severity, f.erratum])).toEqual([
      ['ims.imagecreate.disk_format.default', 'warning', 'erratum.imagecreate.disk_format_default'],
    ]);
    expect(defaultsCheck.run(ctx(true), x, minimal).map((f) => [f.constraintId, f.severity])).toEqual([
      ['ims.imagecreate.disk_format.default', 'failure'],
    ]);
  });

  test('a field the request set is not held to its default', () => {
    const gcase = { ...minimal, body: { name: 'n', container_format: 'ovf' } };
    const x = exchange(201, { ...defaulted, container_format: 'ovf' });
    expect(defaultsCheck.run(ctx(), x, gcase)).toEqual([]);
    expect(defaultsCheck.covers(ctx(), x, gcase)).not.toContain('ims.imagecreate.container_format.default');
  });

  test('refused or invalid requests are not checked', () => {
    expect(defaultsCheck.run(ctx(), exchange(400, { error: {} }), minimal)).toEqual([]);
    expect(defaultsCheck.run(ctx(), exchange(201, {}), { ...minimal, expect: 'reject' })).toEqual([]);
    expect(defaultsCheck.covers(ctx(), exchange(201, {}), { ...minimal, expect: 'reject' })).toEqual([]);
  });
});

describe('defaults check under a profile difference', () => {
  const difference = {
    profile: 'glance',
    reason: 'Glance documents visibility default shared',
    citation: 'Image API v2 Create image',
  };
  const withDiff: CheckContext = {
    op,
    strict: false,
    caseId: 'case-1',
    differences: new Map([['ims.imagecreate.visibility.default', difference]]),
  };

  test('the marked constraint gives a differs finding with the difference; the others still fail', () => {
    const findings = defaultsCheck.run(
      withDiff,
      exchange(201, { ...defaulted, visibility: 'shared', min_ram: 1 }),
      minimal,
    );
    const visibility = findings.find((f) => f.constraintId === 'ims.imagecreate.visibility.default');
    expect(visibility).toMatchObject({ severity: 'differs', difference });
    expect(visibility?.message).toContain('Differs (profile glance): Glance documents visibility default shared');
    expect(findings.find((f) => f.constraintId === 'ims.imagecreate.min_ram.default')?.severity).toBe('failure');
  });
});
