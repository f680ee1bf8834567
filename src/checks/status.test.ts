import { describe, expect, test } from 'vitest';
import type { GeneratedCase } from '../model/case.js';
import type { Exchange } from '../model/exchange.js';
import { compiledSpecs, operationById } from '../run/specs.js';
import { statusCheck } from './status.js';
import type { CheckContext } from './types.js';

const specs = compiledSpecs({ revision: '004' });
const imageCreate = operationById(specs, 'ims.imagecreate');
const dataImage = operationById(specs, 'ims.dataimage');

function exchange(status: number | undefined, body: unknown = {}): Exchange {
  const text = JSON.stringify(body);
  return {
    id: 'x1',
    service: 'ims',
    request: { method: 'POST', url: 'http://127.0.0.1:1/v2/images', headers: {} },
    ...(status === undefined
      ? { error: { kind: 'timeout' as const, message: 'no answer within 500 ms' } }
      : { response: { status, headers: { 'content-type': 'application/json' }, text, json: body } }),
    startedAt: '2024-01-01T00:00:00.000Z',
    durationMs: 1,
    attempts: 1,
  };
}

function gcase(expectation: GeneratedCase['expect'], constraintId?: string): GeneratedCase {
  return {
    operationId: 'ims.imagecreate',
    expect: expectation,
    body: { name: 'n' },
    pathParams: {},
    label: 'a case',
    ...(constraintId ? { constraintId } : {}),
  };
}

const ctx = (strict = false, op = imageCreate): CheckContext => ({ op, strict, caseId: 'case-1' });

describe('status check', () => {
  test('a valid request answered with the documented success status passes', () => {
    expect(statusCheck.run(ctx(), exchange(201), gcase('accept'))).toEqual([]);
  });

  test('a valid boundary accepted with another 2xx is charged to <op>.status, not to the boundary', () => {
    const findings = statusCheck.run(ctx(), exchange(200, {}), gcase('accept', 'ims.imagecreate.name.length'));
    expect(findings.map((f) => [f.constraintId, f.title])).toEqual([
      ['ims.imagecreate.status', 'valid request accepted with an undocumented status'],
    ]);
  });

  test('an invalid request refused with 400 passes', () => {
    const refused = exchange(400, { error: { code: 'IMG.0001', message: 'x' } });
    expect(statusCheck.run(ctx(), refused, gcase('reject', 'ims.imagecreate.visibility.enum'))).toEqual([]);
  });

  test('a valid request refused: one failure on <op>.status, Received the answer, Documented the success status', () => {
    const findings = statusCheck.run(ctx(), exchange(400, { error: { code: 'IMG.0001' } }), gcase('accept'));
    expect(findings).toEqual([
      expect.objectContaining({
        checkId: 'status',
        constraintId: 'ims.imagecreate.status',
        severity: 'failure',
        title: 'valid request not answered as documented',
        received: '400 {"error":{"code":"IMG.0001"}}',
        documented: '201',
        caseId: 'case-1',
      }),
    ]);
    expect(findings[0]?.message).toBe('Received: 400 {"error":{"code":"IMG.0001"}}\nDocumented: 201');
    expect(findings[0]?.citation).toEqual(
      imageCreate.constraints.find((c) => c.id === 'ims.imagecreate.status')?.citation,
    );
  });

  test('a refused valid boundary is charged to the constraint the case exercises', () => {
    const boundary = { ...gcase('accept', 'ims.dataimage.min_disk.range'), operationId: 'ims.dataimage' };
    const findings = statusCheck.run(ctx(false, dataImage), exchange(400), boundary);
    expect(findings.map((f) => [f.constraintId, f.severity, f.title, f.documented])).toEqual([
      ['ims.dataimage.min_disk.range', 'failure', 'valid request refused', '200'],
    ]);
  });

  test.for([
    { name: 'accepted (200)', status: 200, title: 'invalid request accepted' },
    { name: 'accepted (201)', status: 201, title: 'invalid request accepted' },
    { name: 'server error (500)', status: 500, title: 'invalid request answered with a server error' },
    { name: 'undocumented 4xx (422)', status: 422, title: 'invalid request refused with an undocumented status' },
    { name: 'no answer', status: undefined, title: 'invalid request not answered' },
  ])('an invalid request $name: one failure naming the broken constraint', ({ status, title }) => {
    const findings = statusCheck.run(ctx(), exchange(status), gcase('reject', 'ims.imagecreate.visibility.enum'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      constraintId: 'ims.imagecreate.visibility.enum',
      severity: 'failure',
      title,
      documented: '400 or 401 or 403 or 404 (a documented error status) with its documented body',
    });
    expect(findings[0]?.received).toBe(
      status === undefined ? 'no answer (timeout: no answer within 500 ms)' : `${status} {}`,
    );
  });

  test('by default any documented 4xx refuses an invalid request; strict wants exactly the expected status', () => {
    const refused = exchange(404, { error: { code: 'IMG.0001', message: 'x' } });
    const invalid = gcase('reject', 'ims.imagecreate.visibility.enum');
    expect(statusCheck.run(ctx(), refused, invalid)).toEqual([]);
    expect(statusCheck.run(ctx(true), refused, invalid).map((f) => [f.severity, f.documented])).toEqual([
      ['failure', '400 with the error envelope (strict)'],
    ]);
  });

  test('415 badMediaType, listed on the EVS status-code page, is a documented refusal of the EVS export', () => {
    const upload = operationById(specs, 'evs.uploadimage');
    const wrongType = { ...gcase('reject'), operationId: upload.id, label: 'the valid JSON body as text/plain' };
    const media = exchange(415, { badMediaType: { message: 'Unsupported Content-Type', code: 415 } });
    expect(statusCheck.run(ctx(false, upload), media, wrongType)).toEqual([]);
    // Not on the IMS operations' pages: there a 415 stays an undocumented status.
    expect(statusCheck.run(ctx(), media, gcase('reject')).map((f) => f.title)).toEqual([
      'invalid request refused with an undocumented status',
    ]);
  });

  test('a value wrong under every reading of an erratum fails: a 256-character name accepted', () => {
    // 002: 1–255 in the request table, 1–128 in the response table: 256 breaks both readings.
    const findings = statusCheck.run(ctx(), exchange(201), gcase('reject', 'ims.imagecreate.name.length'));
    expect(findings.map((f) => [f.constraintId, f.severity, f.erratum])).toEqual([
      ['ims.imagecreate.name.length', 'failure', undefined],
    ]);
  });

  test('a case in the disputed zone of an erratum warns by default, naming the erratum', () => {
    // 002: the name is 1–255 characters in one table and 1–128 in another (erratum.imagecreate.name_length).
    const disputed = { ...gcase('accept', 'ims.imagecreate.name.length'), disputed: 'erratum.imagecreate.name_length' };
    const [finding] = statusCheck.run(ctx(), exchange(400), disputed);
    expect(finding).toMatchObject({
      constraintId: 'ims.imagecreate.name.length',
      severity: 'warning',
      erratum: 'erratum.imagecreate.name_length',
    });
    expect(finding?.message).toContain('Erratum: erratum.imagecreate.name_length');
  });

  test('the same disputed case fails under the strict profile', () => {
    const disputed = { ...gcase('accept', 'ims.imagecreate.name.length'), disputed: 'erratum.imagecreate.name_length' };
    const findings = statusCheck.run(ctx(true), exchange(400), disputed);
    expect(findings.map((f) => [f.constraintId, f.severity])).toEqual([['ims.imagecreate.name.length', 'failure']]);
    expect(findings[0]?.message).not.toContain('Erratum');
  });

  test('covers the case constraint, or <op>.status for a plain valid request', () => {
    expect(statusCheck.covers(ctx(), exchange(201), gcase('accept'))).toEqual(['ims.imagecreate.status']);
    expect(statusCheck.covers(ctx(), exchange(400), gcase('reject', 'ims.imagecreate.visibility.enum'))).toEqual([
      'ims.imagecreate.visibility.enum',
    ]);
  });
});
