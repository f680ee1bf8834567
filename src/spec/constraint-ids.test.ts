import { describe, expect, test } from 'vitest';
import type { FieldSpec, OperationSpec } from '../model/spec.js';
import { constraintIdsOf, keySegment } from './constraint-ids.js';

const cite = { section: 'S', quote: 'q' };
const str = (extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'string', cite, ...extra });

const spec: OperationSpec = {
  id: 'evs.upload',
  service: 'evs',
  title: 'T',
  document: '003_a8bfe361bd8e1ef3.txt',
  method: 'POST',
  path: '/v2/{project_id}/volumes/{volume_id}/action',
  success: 202,
  pathParams: { volume_id: str({ required: true }) },
  request: {
    contentType: 'application/json',
    additional: 'forbid',
    fields: {
      'os-volume_upload_image': {
        type: 'object',
        cite,
        required: true,
        additional: 'allow',
        fields: {
          image_name: str({ length: { min: 1, max: 128, cite }, trim: { cite } }),
          __os_version: str({ enum: { values: ['Ubuntu 20.04'], cite } }),
          'Disk-Format': str({
            default: { value: 'vhd', cite },
            revisions: { '004': { default: { value: 'zvhd2', cite } } },
          }),
          tags: {
            type: 'array',
            cite,
            count: { max: 10, cite },
            items: str({
              split: { separator: '.', cite, parts: { key: str({ length: { max: 36, cite } }), value: str() } },
            }),
          },
          only_in_004: str({ revisions: { '004': { range: { min: 1, cite } } } }),
        },
      },
    },
    variants: {
      system: { cite, when: { pointer: '/type', in: ['ECS'] }, fields: { os_version: str({ required: true }) } },
      data: { cite, when: { pointer: '/type', in: ['DataImage'] }, fields: { os_version: str({ required: true }) } },
    },
    rules: [{ id: 'evs.upload.tags.exclusive', kind: 'exclusive', cite, fields: ['tags', 'image_tags'] }],
  },
  responses: {
    '202': {
      cite,
      description: 'Accepted',
      body: { type: 'object', cite, additional: 'forbid', fields: { job_id: str({ required: true }) } },
    },
    '400': { cite, description: 'Bad', envelope: 'evs-error' },
  },
};

describe('constraintIdsOf', () => {
  const entries = constraintIdsOf(spec);
  const byId = new Map(entries.map((e) => [e.id, e]));

  test('derives one id per constraint block, in spec order', () => {
    const u = 'evs.upload.os_volume_upload_image';
    expect(entries.map((e) => e.id)).toEqual([
      'evs.upload.volume_id.type',
      'evs.upload.volume_id.required',
      `${u}.type`,
      `${u}.required`,
      `${u}.image_name.type`,
      `${u}.image_name.length`,
      `${u}.image_name.trim`,
      `${u}.__os_version.type`,
      `${u}.__os_version.enum`,
      `${u}.disk_format.type`,
      `${u}.disk_format.default`,
      `${u}.tags.type`,
      `${u}.tags.count`,
      `${u}.tags.item.type`,
      `${u}.tags.item.key.type`,
      `${u}.tags.item.key.length`,
      `${u}.tags.item.value.type`,
      `${u}.only_in_004.type`,
      `${u}.only_in_004.range`,
      'evs.upload.os_version.type',
      'evs.upload.os_version.required',
      'evs.upload.additional',
      'evs.upload.tags.exclusive',
      'evs.upload.response.202.type',
      'evs.upload.response.202.additional',
      'evs.upload.response.202.job_id.type',
      'evs.upload.response.202.job_id.required',
    ]);
  });

  test('the same field in two variants yields its ids once, pointing at the first variant', () => {
    expect(byId.get('evs.upload.os_version.required')?.pointer).toBe(
      '/request/variants/system/fields/os_version/required',
    );
  });

  test('each entry has its kind and a pointer to its block', () => {
    const u = 'evs.upload.os_volume_upload_image';
    expect(byId.get(`${u}.image_name.length`)).toEqual({
      id: `${u}.image_name.length`,
      kind: 'length',
      pointer: '/request/fields/os-volume_upload_image/fields/image_name/length',
    });
    expect(byId.get(`${u}.tags.item.key.length`)?.pointer).toBe(
      '/request/fields/os-volume_upload_image/fields/tags/items/split/parts/key/length',
    );
    expect(byId.get('evs.upload.tags.exclusive')).toEqual({
      id: 'evs.upload.tags.exclusive',
      kind: 'exclusive',
      pointer: '/request/rules/0/id',
    });
  });

  test('a block only a revision holds points into that revision', () => {
    expect(byId.get('evs.upload.os_volume_upload_image.only_in_004.range')?.pointer).toBe(
      '/request/fields/os-volume_upload_image/fields/only_in_004/revisions/004/range',
    );
    // Present in the base field too: the base block is where the id points.
    expect(byId.get('evs.upload.os_volume_upload_image.disk_format.default')?.pointer).toBe(
      '/request/fields/os-volume_upload_image/fields/Disk-Format/default',
    );
  });

  test('"allow" is no constraint; responses without a body have no ids', () => {
    expect(byId.has('evs.upload.os_volume_upload_image.additional')).toBe(false);
    expect(entries.some((e) => e.id.startsWith('evs.upload.response.400'))).toBe(false);
  });

  test('a rule id repeated inside one spec stays visible, for the duplicate check', () => {
    const rule = spec.request?.rules?.[0];
    const twice: OperationSpec = {
      ...spec,
      request: { contentType: 'application/json', fields: {}, rules: rule ? [rule, rule] : [] },
    };
    expect(constraintIdsOf(twice).filter((e) => e.id === 'evs.upload.tags.exclusive')).toHaveLength(2);
  });
});

test.for<[string, string]>([
  ['os-volume_upload_image', 'os_volume_upload_image'],
  ['__os_version', '__os_version'],
  ['Disk-Format', 'disk_format'],
  ['a.b', 'a_b'],
  ['镜像', '__'],
])('keySegment(%s) is %s', ([name, want]) => {
  expect(keySegment(name)).toBe(want);
});
