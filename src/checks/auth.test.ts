import { describe, expect, test } from 'vitest';
import type { GeneratedCase } from '../model/case.js';
import type { CompiledOperation } from '../model/compiled.js';
import { compiledSpecs, operationById } from '../run/specs.js';
import { authCheck } from './auth.js';
import { statusCheck } from './status.js';
import { jsonExchange } from './test-exchange.js';
import type { CheckContext } from './types.js';

const imageCreate = operationById(compiledSpecs({ revision: '004' }), 'ims.imagecreate');

const ctx = (strict = false, op: CompiledOperation = imageCreate): CheckContext => ({ op, strict, caseId: 'case-1' });

function authCase(constraintId = 'ims.imagecreate.auth'): GeneratedCase {
  return {
    operationId: 'ims.imagecreate',
    expect: 'reject',
    expectStatus: 401,
    body: { name: 'n' },
    pathParams: {},
    label: 'request without a valid token',
    constraintId,
  };
}

describe('auth check', () => {
  test('a request without a valid token refused with 401 passes, and counts for the auth constraint', () => {
    const x = jsonExchange(401, { error: { code: 'APIGW.0301' } });
    expect(authCheck.run(ctx(), x, authCase())).toEqual([]);
    expect(authCheck.covers(ctx(), x, authCase())).toEqual(['ims.imagecreate.auth']);
  });

  test('accepted without a token: one failure on <op>.auth, received the status, documented 401', () => {
    const findings = authCheck.run(ctx(), jsonExchange(201, {}), authCase());
    expect(findings).toEqual([
      expect.objectContaining({
        checkId: 'auth',
        constraintId: 'ims.imagecreate.auth',
        severity: 'failure',
        received: '201',
        documented: '401 Unauthorized: Authentication failed.',
      }),
    ]);
  });

  test('refused with 400 instead of 401 fails too (the status check leaves auth cases to this check)', () => {
    const x = jsonExchange(400, { error: { code: 'IMG.0001' } });
    expect(authCheck.run(ctx(), x, authCase()).map((f) => f.constraintId)).toEqual(['ims.imagecreate.auth']);
    expect(statusCheck.run(ctx(), x, authCase())).toEqual([]);
  });

  test('an erratum on the auth constraint makes it a warning, and a failure under --profile strict', () => {
    const withErratum: CompiledOperation = {
      ...imageCreate,
      constraints: imageCreate.constraints.map((c) =>
        c.id === 'ims.imagecreate.auth' ? { ...c, erratum: 'ims.erratum.example' } : c,
      ),
    };
    const x = jsonExchange(403, {});
    expect(authCheck.run(ctx(false, withErratum), x, authCase()).map((f) => f.severity)).toEqual(['warning']);
    expect(authCheck.run(ctx(true, withErratum), x, authCase()).map((f) => f.severity)).toEqual(['failure']);
  });

  test('a case about another constraint is not the auth check’s business', () => {
    const other = authCase('ims.imagecreate.name.length');
    expect(authCheck.run(ctx(), jsonExchange(201, {}), other)).toEqual([]);
    expect(authCheck.covers(ctx(), jsonExchange(201, {}), other)).toEqual([]);
  });
});
