import { describe, expect, test } from 'vitest';
import type { GeneratedCase } from '../model/case.js';
import type { Exchange } from '../model/exchange.js';
import { compiledSpecs, operationById } from '../run/specs.js';
import { judgesResponseConstraint, notSent } from './judged.js';
import { checkRegistry, runChecks } from './registry.js';
import { jsonExchange } from './test-exchange.js';

const specs = compiledSpecs({ revision: '004' });
const imageCreate = operationById(specs, 'ims.imagecreate');
const ctx = { op: imageCreate, strict: false, caseId: 'c1' };
const gcase: GeneratedCase = {
  operationId: 'ims.imagecreate',
  expect: 'reject',
  body: { name: '' },
  pathParams: {},
  label: 'name too short',
  constraintId: 'ims.imagecreate.name.length',
};

function failed(error: Exchange['error'], attempts = 0): Exchange {
  const { response: _r, ...rest } = jsonExchange(201, {});
  return { ...rest, attempts, ...(error ? { error } : {}) };
}

describe('judgesResponseConstraint', () => {
  const steps = (...keys: string[]) => keys.map((key) => ({ key }));
  test('required needs the object that should hold the field; other kinds need the value', () => {
    const required = { kind: 'required' as const, path: steps('error', 'code') };
    const type = { kind: 'type' as const, path: steps('error', 'code') };
    expect(judgesResponseConstraint(required, { other: 1 })).toBe(false);
    expect(judgesResponseConstraint(required, { error: {} })).toBe(true);
    expect(judgesResponseConstraint(type, { error: {} })).toBe(false);
    expect(judgesResponseConstraint(type, { error: { code: 'x' } })).toBe(true);
  });

  test('through array items: any item with the value', () => {
    const c = { kind: 'type' as const, path: [{ key: 'tags' }, { item: true as const }] };
    expect(judgesResponseConstraint(c, { tags: [] })).toBe(false);
    expect(judgesResponseConstraint(c, { tags: ['a'] })).toBe(true);
  });
});

describe('a request that was never sent', () => {
  test('budget, credentials, an unreachable target, a dropped connection and a request the run kept back judge nothing; a timeout is an answer missing', () => {
    expect(notSent(failed({ kind: 'budget', message: 'run time budget of 1 ms exhausted; request not sent' }))).toMatch(
      /^not checked \(budget spent\)/,
    );
    expect(notSent(failed({ kind: 'auth', message: 'IAM refused' }))).toMatch(/^not checked \(credentials\)/);
    expect(notSent(failed({ kind: 'connection', message: 'ECONNREFUSED 127.0.0.1:9' }, 1))).toMatch(
      /^not checked \(target unreachable\)/,
    );
    expect(notSent(failed({ kind: 'timeout', message: 'no complete answer within 500 ms' }, 1))).toBeUndefined();
    // Issue 18, point 5: a reset before any answer is the network's, not the target's word on the request (a flaky
    // proxy dropping 20 % of connections must not add failures; test/flaky-target.test.ts).
    expect(notSent(failed({ kind: 'connection', message: 'ECONNRESET: socket hang up' }, 1))).toMatch(
      /^not checked \(connection dropped before an answer\)/,
    );
    expect(notSent(failed({ kind: 'refused', message: 'needs --allow-create' }))).toMatch(
      /^not checked \(creation not allowed\)/,
    );
    expect(notSent(failed({ kind: 'unusable', message: 'not sent' }))).toMatch(/^not checked \(target unusable\)/);
    expect(notSent(failed({ kind: 'fixture', message: 'the image to delete could not be created' }))).toBe(
      'not checked (fixture): the image to delete could not be created',
    );
    expect(notSent(jsonExchange(201, {}))).toBeUndefined();
    // A DELETE answered only after being sent again: its first attempt may have deleted the image already.
    const resent = { ...jsonExchange(404, {}), resentAfter: 'ECONNRESET: socket hang up' };
    expect(notSent({ ...resent, request: { ...resent.request, method: 'DELETE' } })).toMatch(
      /^not checked \(DELETE sent again after a dropped connection/,
    );
    expect(notSent({ ...resent, request: { ...resent.request, method: 'GET' } })).toBeUndefined();
    // A 503 with Retry-After whose retry the budget cut: the last answer says nothing about the case.
    const retryCut = {
      ...jsonExchange(503, {}),
      error: { kind: 'budget' as const, message: 'run time budget of 20000 ms exhausted while waiting to retry a 503' },
    };
    expect(notSent(retryCut)).toMatch(/^not checked \(budget spent\)/);
  });

  test('runChecks gives the exercised constraint a not_checked finding, never a failure', () => {
    const checks = checkRegistry(() => undefined);
    const x = failed({ kind: 'budget', message: 'run time budget of 1 ms exhausted; request not sent' });
    const { findings, covered } = runChecks(checks, ctx, x, gcase);
    expect(covered).toEqual([]);
    expect(findings.map((f) => [f.constraintId, f.severity])).toEqual([['ims.imagecreate.name.length', 'not_checked']]);
    expect(findings[0]?.message).toMatch(/budget spent/);
    // The same exchange timing out after it was sent is judged: silence is a failure.
    const timeout = failed({ kind: 'timeout', message: 'no complete answer within 500 ms' }, 1);
    expect(runChecks(checks, ctx, timeout, gcase).findings.map((f) => f.severity)).not.toContain('not_checked');
    const plain = { ...gcase, constraintId: 'ims.imagecreate.min_disk.range' };
    expect(runChecks(checks, ctx, timeout, plain).findings.map((f) => f.severity)).toEqual(['failure']);
  });

  test('the auth rule: not sent → not checked; an answer other than 401 → failure; 401 → nothing', () => {
    const checks = checkRegistry(() => undefined);
    const auth = { ...gcase, constraintId: 'ims.imagecreate.auth', expectStatus: 401 };
    const budget = failed({ kind: 'budget', message: 'request not sent' });
    const ofAuth = (x: Exchange) =>
      runChecks(checks, ctx, x, auth).findings.filter((f) => f.constraintId === 'ims.imagecreate.auth');
    expect(ofAuth(budget).map((f) => f.severity)).toEqual(['not_checked']);
    expect(ofAuth(jsonExchange(400, {})).map((f) => f.severity)).toContain('failure');
    expect(ofAuth(jsonExchange(401, {}))).toEqual([]);
  });
});
