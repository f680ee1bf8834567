import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { GeneratedCase } from '../model/case.js';
import type { Exchange } from '../model/exchange.js';
import { compiledSpecs, operationById } from '../run/specs.js';
import { ajvLines, bodySchemaCheck } from './body-schema.js';
import { jsonExchange } from './test-exchange.js';
import type { CheckContext } from './types.js';

const specs = compiledSpecs({ revision: '004' });
const imageCreate = operationById(specs, 'ims.imagecreate');
const upload = operationById(specs, 'evs.uploadimage');

const example = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../specs/examples/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
/** 002's 201 example lacks virtual_size (erratum.imagecreate.virtual_size); with it, the body conforms. */
const image201: Record<string, unknown> = { ...example('002/response-201.json'), virtual_size: null };

const exchange = jsonExchange;

const gcase: GeneratedCase = { operationId: 'ims.imagecreate', expect: 'accept', body: {}, pathParams: {}, label: 'c' };
const ctx = (strict = false, op = imageCreate): CheckContext => ({ op, strict, caseId: 'case-1' });

describe('body_schema check', () => {
  test('the documented 201 body (with virtual_size) passes and covers the 201 response constraints', () => {
    const x = exchange(201, image201);
    expect(bodySchemaCheck.run(ctx(), x, gcase)).toEqual([]);
    const covered = bodySchemaCheck.covers(ctx(), x, gcase);
    expect(covered).toContain('ims.imagecreate.response.201.min_disk.type');
    expect(covered).not.toContain('ims.imagecreate.response.201.status.default');
  });

  test('004\'s 202 example is in the disputed zone of one erratum only: description "None" (table: Integer) warns', () => {
    const x = exchange(202, example('004/response-202.json'));
    const evs = { ...gcase, operationId: upload.id };
    expect(bodySchemaCheck.run(ctx(false, upload), x, evs).map((f) => [f.constraintId, f.severity])).toEqual([
      ['evs.uploadimage.response.202.os_volume_upload_image.volume_type.description.type', 'warning'],
    ]);
    expect(bodySchemaCheck.run(ctx(true, upload), x, evs).map((f) => f.severity)).toEqual(['failure']);
  });

  test('extra_specs under its other name (extra_spec) warns; under neither name it fails', () => {
    const body = example('004/response-202.json') as { 'os-volume_upload_image': { volume_type: object } };
    const evs = { ...gcase, operationId: upload.id };
    const withType = (volumeType: object) =>
      exchange(202, {
        ...body,
        'os-volume_upload_image': { ...body['os-volume_upload_image'], volume_type: { ...volumeType, description: 1 } },
      });
    const { extra_specs: specs, ...bare } = body['os-volume_upload_image'].volume_type as { extra_specs: object };
    const judged = (volumeType: object) =>
      bodySchemaCheck.run(ctx(false, upload), withType(volumeType), evs).map((f) => [f.constraintId, f.severity]);
    const id = 'evs.uploadimage.response.202.os_volume_upload_image.volume_type.extra_specs';
    expect(judged({ ...bare, extra_specs: specs })).toEqual([]);
    expect(judged({ ...bare, extra_spec: specs })).toEqual([[`${id}.required`, 'warning']]);
    expect(judged(bare)).toEqual([[`${id}.required`, 'failure']]);
    expect(judged({ ...bare, extra_specs: 'SAS' })).toEqual([[`${id}.type`, 'failure']]);
  });

  test('a wrong type is one failure on that field, with its pointer and the ajv line', () => {
    const findings = bodySchemaCheck.run(ctx(), exchange(201, { ...image201, min_ram: '1024' }), gcase);
    expect(findings).toEqual([
      expect.objectContaining({
        checkId: 'body_schema',
        constraintId: 'ims.imagecreate.response.201.min_ram.type',
        severity: 'failure',
        pointer: '/min_ram',
      }),
    ]);
    expect(findings[0]?.received).toContain('/min_ram: must be integer (type)');
  });

  test('a missing field and a wrong type are two findings', () => {
    const { id: _id, ...withoutId } = image201;
    const findings = bodySchemaCheck.run(ctx(), exchange(201, { ...withoutId, protected: 'no' }), gcase);
    expect(findings.map((f) => f.constraintId).sort()).toEqual([
      'ims.imagecreate.response.201.id.required',
      'ims.imagecreate.response.201.protected.type',
    ]);
    expect(findings.find((f) => f.constraintId.endsWith('id.required'))?.title).toBe('response /id is missing');
  });

  test('a response constraint resting on an erratum warns by default (002 example without virtual_size)', () => {
    const findings = bodySchemaCheck.run(ctx(), exchange(201, example('002/response-201.json')), gcase);
    expect(findings.map((f) => [f.constraintId, f.severity, f.erratum])).toEqual([
      ['ims.imagecreate.response.201.virtual_size.required', 'warning', 'erratum.imagecreate.virtual_size'],
    ]);
    expect(findings[0]?.message).toContain('Erratum: erratum.imagecreate.virtual_size');
  });

  test('and fails under the strict profile', () => {
    const findings = bodySchemaCheck.run(ctx(true), exchange(201, example('002/response-201.json')), gcase);
    expect(findings.map((f) => [f.constraintId, f.severity])).toEqual([
      ['ims.imagecreate.response.201.virtual_size.required', 'failure'],
    ]);
  });

  test('the documented IMS error envelope passes; another body fails on <op>.envelope', () => {
    const refused = { ...gcase, expect: 'reject' as const };
    expect(bodySchemaCheck.run(ctx(), exchange(400, { error: { code: 'IMG.0001', message: 'x' } }), refused)).toEqual(
      [],
    );
    const findings = bodySchemaCheck.run(ctx(), exchange(400, { message: 'bad request' }), refused);
    expect(findings).toEqual([
      expect.objectContaining({
        constraintId: 'ims.imagecreate.envelope',
        severity: 'failure',
        title: 'error body is not the ims-error envelope',
        documented: 'the ims-error envelope',
      }),
    ]);
    expect(findings[0]?.received).toMatch(/^400 \{"message":"bad request"\} — /);
    expect(bodySchemaCheck.covers(ctx(), exchange(400, {}), refused)).toEqual(['ims.imagecreate.envelope']);
  });

  test('a body that did not parse judges nothing: every constraint of its status is not checked, with the reason', () => {
    const html: Exchange = {
      ...exchange(201, undefined),
      response: {
        status: 201,
        headers: { 'content-type': 'text/html' },
        text: '<html></html>',
        parseError: 'content type is "text/html"',
      },
    };
    expect(bodySchemaCheck.covers(ctx(), html, gcase)).toEqual([]);
    const findings = bodySchemaCheck.run(ctx(), html, gcase);
    expect(findings.length).toBeGreaterThan(20);
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['not_checked']));
    expect(findings.map((f) => f.constraintId)).toContain('ims.imagecreate.response.201.id.required');
    expect(findings[0]?.message).toMatch(/not parsed as JSON \(Content-Type: text\/html/);
    const refused = { ...gcase, expect: 'reject' as const };
    const error = { ...html, response: { ...html.response, status: 400 } } as Exchange;
    expect(bodySchemaCheck.run(ctx(), error, refused).map((f) => [f.constraintId, f.severity])).toEqual([
      ['ims.imagecreate.envelope', 'not_checked'],
    ]);
  });

  test('a 202 without `error` does not judge error.code.required; a 202 with it does', () => {
    const body = example('004/response-202.json');
    const u = ctx(false, upload);
    const ugcase = { ...gcase, operationId: upload.id };
    expect(bodySchemaCheck.covers(u, exchange(202, body), ugcase)).not.toContain(
      'evs.uploadimage.response.202.error.code.required',
    );
    expect(bodySchemaCheck.covers(u, exchange(202, body), ugcase)).toContain(
      'evs.uploadimage.response.202.os_volume_upload_image.id.required',
    );
    const withError = { ...body, error: { message: 'm', code: 'c' } };
    expect(bodySchemaCheck.covers(u, exchange(202, withError), ugcase)).toContain(
      'evs.uploadimage.response.202.error.code.required',
    );
  });

  test('a status without a documented body is not checked', () => {
    expect(bodySchemaCheck.run(ctx(), exchange(418, { a: 1 }), gcase)).toEqual([]);
    expect(bodySchemaCheck.covers(ctx(), exchange(418, { a: 1 }), gcase)).toEqual([]);
  });

  test('ajvLines keeps ajv pointers and names the keyword (and the missing property)', () => {
    expect(
      ajvLines([
        { instancePath: '/min_disk', keyword: 'minimum', message: 'must be >= 40', params: {}, schemaPath: '#' },
        {
          instancePath: '',
          keyword: 'required',
          message: "must have required property 'id'",
          params: { missingProperty: 'id' },
          schemaPath: '#',
        },
      ]),
    ).toEqual(['/min_disk: must be >= 40 (minimum)', '/: must have required property \'id\' "id" (required)']);
    expect(ajvLines(null)).toEqual([]);
  });
  test('IMS documents its error body for 400 only: a 404 body is judged under --profile strict alone', () => {
    const html = exchange(404, { message: 'not found' });
    expect(bodySchemaCheck.run(ctx(), html, gcase)).toEqual([]);
    expect(bodySchemaCheck.covers(ctx(), html, gcase)).toEqual([]);
    expect(bodySchemaCheck.run(ctx(true), html, gcase).map((f) => [f.constraintId, f.severity])).toEqual([
      ['ims.imagecreate.envelope', 'failure'],
    ]);
    // 400 keeps the envelope in every profile.
    expect(bodySchemaCheck.run(ctx(), exchange(400, { message: 'bad' }), gcase)).toHaveLength(1);
  });

  test('EVS names error keys "for example": another key, or a key beside it, is the documented body', () => {
    const evs = { ...gcase, operationId: upload.id };
    const inner = { message: 'x', code: 'EVS.5400' };
    for (const body of [{ badRequest: inner }, { overLimit: inner }, { badRequest: inner, request_id: 'r-1' }]) {
      expect(bodySchemaCheck.run(ctx(false, upload), exchange(400, body), evs), JSON.stringify(body)).toEqual([]);
    }
    for (const body of [{}, { message: 'x', code: 'y' }, { badRequest: { message: 'x' } }]) {
      expect(bodySchemaCheck.run(ctx(false, upload), exchange(400, body), evs), JSON.stringify(body)).toHaveLength(1);
    }
  });
});

describe('an erratum applies exactly where its page says', () => {
  const volumeGet = operationById(specs, 'evs.volumeget');
  const vctx: CheckContext = { op: volumeGet, strict: false, caseId: 'c' };
  const refused = { ...gcase, operationId: volumeGet.id, expect: 'reject' as const };
  test('the spelling erratum of one error key (badrequest/badRequest) has no disputed zone: a 400 without an envelope fails', () => {
    // Both spellings are examples of an open key set, so no body is valid under one reading only.
    const broken = { message: 'no envelope' };
    for (const status of [400, 404]) {
      const found = bodySchemaCheck.run(vctx, exchange(status, broken), refused);
      expect(found.map((f) => [f.constraintId, f.severity, f.erratum])).toEqual([
        ['evs.volumeget.envelope', 'failure', undefined],
      ]);
    }
    const inner = { message: 'x', code: 'EVS.5400' };
    for (const key of ['badrequest', 'badRequest']) {
      expect(bodySchemaCheck.run(vctx, exchange(400, { [key]: inner }), refused)).toEqual([]);
    }
    expect(volumeGet.constraints.find((c) => c.id === 'evs.volumeget.envelope')?.erratum).toBeUndefined();
  });
});
