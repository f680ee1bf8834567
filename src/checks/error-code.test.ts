import { describe, expect, test } from 'vitest';
import { envelopeLookup } from '../compile/index.js';
import type { GeneratedCase } from '../model/case.js';
import { compiledSpecs, operationById } from '../run/specs.js';
import { errorCodeCheck, errorCodeOf } from './error-code.js';
import { jsonExchange } from './test-exchange.js';
import type { CheckContext } from './types.js';

const specs = compiledSpecs({ revision: '004' });
const check = errorCodeCheck(envelopeLookup(specs.loaded));
const op = operationById(specs, 'ims.imagecreate');
const refused: GeneratedCase = { operationId: op.id, expect: 'reject', body: {}, pathParams: {}, label: 'r' };
const ctx = (strict: boolean): CheckContext => ({ op, strict, caseId: 'case-1' });

const exchange = jsonExchange;

describe('error_code check (strict profile only)', () => {
  test('a documented code with its documented status passes', () => {
    // ims-error_codes.rst: IMG.0001 "The request message format is invalid.", 400.
    const x = exchange(400, { error: { code: 'IMG.0001', message: 'x' } });
    expect(check.run(ctx(true), x, refused)).toEqual([]);
    expect(check.covers(ctx(true), x, refused)).toEqual(['ims.imagecreate.envelope']);
  });

  test('an undocumented code fails on <op>.envelope', () => {
    const findings = check.run(ctx(true), exchange(400, { error: { code: 'NOPE.0001', message: 'x' } }), refused);
    expect(findings).toEqual([
      expect.objectContaining({
        checkId: 'error_code',
        constraintId: 'ims.imagecreate.envelope',
        severity: 'failure',
        title: 'error code not documented',
        received: '400 {"error":{"code":"NOPE.0001","message":"x"}}',
      }),
    ]);
    expect(findings[0]?.documented).toMatch(/^one of the \d+ codes of the ims-error page$/);
  });

  test('a documented code with another status fails, naming the documented one', () => {
    // IMG.0026 is documented with 403.
    const findings = check.run(ctx(true), exchange(400, { error: { code: 'IMG.0026', message: 'x' } }), refused);
    expect(findings.map((f) => [f.title, f.documented])).toEqual([
      ['error code documented with another status', 'IMG.0026 with status 403'],
    ]);
  });

  test('the default profile neither checks nor counts error codes', () => {
    const x = exchange(400, { error: { code: 'NOPE.0001', message: 'x' } });
    expect(check.run(ctx(false), x, refused)).toEqual([]);
    expect(check.covers(ctx(false), x, refused)).toEqual([]);
  });

  test('errorCodeOf reads the code inside any envelope name', () => {
    expect(errorCodeOf({ error: { code: 'IMG.0001' } })).toBe('IMG.0001');
    expect(errorCodeOf({ badRequest: { code: 'EVS.2024', message: 'm' } })).toBe('EVS.2024');
    expect(errorCodeOf({ message: 'plain' })).toBeUndefined();
    expect(errorCodeOf('text')).toBeUndefined();
  });
});
