import { describe, expect, test } from 'vitest';
import type { GeneratedCase } from '../model/case.js';
import type { Exchange, RecordedResponse } from '../model/exchange.js';
import { compiledSpecs, operationById } from '../run/specs.js';
import { contentTypeCheck } from './content-type.js';
import type { CheckContext } from './types.js';

const op = operationById(compiledSpecs({ revision: '004' }), 'ims.imagecreate');
const ctx: CheckContext = { op, strict: false, caseId: 'case-1' };
const gcase: GeneratedCase = { operationId: op.id, expect: 'accept', body: {}, pathParams: {}, label: 'a case' };

function exchange(response: RecordedResponse): Exchange {
  return {
    id: 'x1',
    service: 'ims',
    request: { method: 'POST', url: 'http://127.0.0.1:1/v2/images', headers: {} },
    response,
    startedAt: '2024-01-01T00:00:00.000Z',
    durationMs: 1,
    attempts: 1,
  };
}

describe('content_type check', () => {
  test.for(['application/json', 'application/json; charset=UTF-8', 'application/problem+json'])(
    'a parsed body served as %s passes',
    (type) => {
      const x = exchange({ status: 201, headers: { 'content-type': type }, text: '{"a":1}', json: { a: 1 } });
      expect(contentTypeCheck.run(ctx, x, gcase)).toEqual([]);
      expect(contentTypeCheck.covers(ctx, x, gcase)).toEqual(['ims.imagecreate.content_type']);
    },
  );

  test('an HTML answer: one failure on <op>.content_type with the received header', () => {
    const x = exchange({ status: 201, headers: { 'content-type': 'text/html' }, text: '<html></html>' });
    expect(contentTypeCheck.run(ctx, x, gcase)).toEqual([
      expect.objectContaining({
        checkId: 'content_type',
        constraintId: 'ims.imagecreate.content_type',
        severity: 'failure',
        title: 'response is not JSON',
        received: 'Content-Type: text/html',
        documented: 'application/json',
      }),
    ]);
  });

  test('a JSON content type whose body does not parse fails, quoting the parser', () => {
    const x = exchange({
      status: 201,
      headers: { 'content-type': 'application/json' },
      text: '{"a":',
      parseError: 'Unexpected end of JSON input',
    });
    const [finding] = contentTypeCheck.run(ctx, x, gcase);
    expect(finding?.title).toBe('JSON content type but the body does not parse');
    expect(finding?.received).toBe('Content-Type: application/json (Unexpected end of JSON input)');
  });

  test('a body without any content type fails as (none)', () => {
    const x = exchange({ status: 201, headers: {}, text: '{}' });
    expect(contentTypeCheck.run(ctx, x, gcase).map((f) => f.received)).toEqual(['Content-Type: (none)']);
  });

  test('an empty body (204) is neither checked nor counted', () => {
    const x = exchange({ status: 204, headers: {}, text: '' });
    expect(contentTypeCheck.run(ctx, x, gcase)).toEqual([]);
    expect(contentTypeCheck.covers(ctx, x, gcase)).toEqual([]);
  });
});
