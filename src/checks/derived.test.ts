import { describe, expect, test } from 'vitest';
import type { GeneratedCase } from '../model/case.js';
import type { FieldSpec } from '../model/spec.js';
import { compiledSpecs, operationById } from '../run/specs.js';
import { derivedCheck, derivedExpectation } from './derived.js';
import { jsonExchange } from './test-exchange.js';
import type { CheckContext } from './types.js';

const specs = compiledSpecs();
const imageCreate = operationById(specs, 'ims.imagecreate');
const ctx: CheckContext = { op: imageCreate, strict: false, caseId: 'case-1' };
const rule = imageCreate.constraints.find((c) => c.id === 'ims.imagecreate.os.depends');
const table = rule?.rule?.derived;
const accept = (body: Record<string, unknown>): GeneratedCase => ({
  operationId: imageCreate.id,
  expect: 'accept',
  body,
  pathParams: {},
  label: 'v',
});

describe('ims.imagecreate.os.depends: Table 1 of Values of Related Parameters as the rule carries it', () => {
  test('its rows list exactly the __os_version values of the request enum, in the order Table 1 prints them', () => {
    const field = imageCreate.spec.request?.fields.__os_version as FieldSpec | undefined;
    expect(table?.rows.flatMap((r) => r.values ?? [])).toEqual(field?.enum?.values);
  });

  test('a version implies its row: platform of its OS Type, Windows/Linux, and the bit count of its name', () => {
    if (!table) {
      throw new Error('ims.imagecreate.os.depends has no derived table');
    }
    const pick = (v: string) =>
      Object.fromEntries([...derivedExpectation(table, v).then].map(([p, e]) => [p, e.allowed]));
    expect(pick('Ubuntu 14.04 server 64bit')).toEqual({
      '/__os_type': ['Linux'],
      '/__platform': ['Ubuntu'],
      '/__os_bit': ['64'],
    });
    expect(pick('Windows 7 Professional 32bit')).toEqual({
      '/__os_type': ['Windows'],
      '/__platform': ['Windows'],
      '/__os_bit': ['32'],
    });
    expect(pick('Redhat 7.6 64bit')['/__platform']).toEqual(['Red Hat']);
    // Table 1's CoreOS names carry no bit count; Image Attributes names no platform for openEuler.
    expect(pick('CoreOS 1010.5.0')['/__os_bit']).toBeUndefined();
    expect(pick('openEuler 20.03 64bit')['/__platform']).toBeUndefined();
    expect(derivedExpectation(table, 'Other Linux(64 bit)').listed).toBe(false);
  });
});

describe('derived check', () => {
  test('a 201 whose fields follow its __os_version passes and counts as judged', () => {
    const body = { __os_version: 'CentOS 7.0 32bit', __os_type: 'Linux', __platform: 'CentOS', __os_bit: '32' };
    const x = jsonExchange(201, body);
    const gcase = accept({ __os_version: 'CentOS 7.0 32bit' });
    expect(derivedCheck.run(ctx, x, gcase)).toEqual([]);
    expect(derivedCheck.covers(ctx, x, gcase)).toEqual(['ims.imagecreate.os.depends']);
  });

  test("a platform other than the version's row fails, naming the row", () => {
    const body = { __os_version: 'Fedora 30 64bit', __os_type: 'Linux', __platform: 'Ubuntu', __os_bit: '64' };
    expect(derivedCheck.run(ctx, jsonExchange(201, body), accept({ __os_version: 'Fedora 30 64bit' }))).toEqual([
      expect.objectContaining({
        constraintId: 'ims.imagecreate.os.depends',
        severity: 'failure',
        received: '/__platform = "Ubuntu"',
        documented: '/__platform = "Fedora" ("Fedora | Fedora 30 64bit")',
      }),
    ]);
  });

  test('a Windows version reported as Linux with the wrong bit count fails twice', () => {
    const body = {
      __os_version: 'Windows 7 Professional 32bit',
      __os_type: 'Linux',
      __platform: 'Windows',
      __os_bit: '64',
    };
    const findings = derivedCheck.run(ctx, jsonExchange(201, body), accept({}));
    expect(findings.map((f) => [f.severity, f.pointer])).toEqual([
      ['failure', '/__os_type'],
      ['failure', '/__os_bit'],
    ]);
  });

  test('a version the table does not list (the default) is not checked, with the reason', () => {
    const body = { __os_version: 'Other Linux(64 bit)', __os_type: 'Linux', __platform: 'Other', __os_bit: '64' };
    const [finding] = derivedCheck.run(ctx, jsonExchange(201, body), accept({}));
    expect(finding).toMatchObject({ severity: 'not_checked', constraintId: 'ims.imagecreate.os.depends' });
    expect(finding?.message).toContain('"Other Linux(64 bit)" is not a value the table lists');
  });

  test('an answer without any of the fields the version decides (plain Glance) judges nothing', () => {
    const x = jsonExchange(201, { __os_version: 'Fedora 30 64bit', name: 'x' });
    expect(derivedCheck.run(ctx, x, accept({ __os_version: 'Fedora 30 64bit' }))).toEqual([]);
    expect(derivedCheck.covers(ctx, x, accept({ __os_version: 'Fedora 30 64bit' }))).toEqual([]);
  });

  test('refusals and invalid cases judge nothing', () => {
    const body = { __os_version: 'Fedora 30 64bit', __platform: 'Ubuntu' };
    expect(derivedCheck.run(ctx, jsonExchange(400, body), accept({}))).toEqual([]);
    const invalid: GeneratedCase = { ...accept({}), expect: 'reject' };
    expect(derivedCheck.run(ctx, jsonExchange(201, body), invalid)).toEqual([]);
    expect(derivedCheck.covers(ctx, jsonExchange(201, body), invalid)).toEqual([]);
  });
});
