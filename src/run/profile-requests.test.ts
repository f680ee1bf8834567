import { describe, expect, test } from 'vitest';
import type { GeneratedCase } from '../model/case.js';
import type { ProfileRequests } from '../spec/profile.js';
import { shapeCase } from './profile-requests.js';
import { compiledSpecs, operationById } from './specs.js';

const specs = compiledSpecs({ revision: '004' });
const create = operationById(specs, 'ims.imagecreate');
const del = operationById(specs, 'ims.imagedelete');
const difference = { profile: 'glance', reason: 'r', citation: 'c' };
const values: ProfileRequests = {
  values: { container_format: ['bare'], disk_format: ['qcow2', 'raw'] },
  difference,
};
const noBody: ProfileRequests = { values: {}, body: 'none', difference };
const base = (over: Partial<GeneratedCase> = {}): GeneratedCase => ({
  operationId: create.id,
  expect: 'accept',
  body: { name: 'n', container_format: 'x1', disk_format: 'zvhd2', min_disk: 5 },
  pathParams: {},
  label: 'valid request',
  ...over,
});

describe('shapeCase', () => {
  test('a value outside the list takes the first listed one, and the label says so', () => {
    const shaped = shapeCase(create, base(), values, 'glance');
    expect(shaped.body).toEqual({ name: 'n', container_format: 'bare', disk_format: 'qcow2', min_disk: 5 });
    expect(shaped.label).toBe(
      'valid request (/container_format "x1" → "bare", /disk_format "zvhd2" → "qcow2": profile glance)',
    );
  });

  test('listed values, absent fields and cases about the field itself are sent as generated', () => {
    const ok = base({ body: { name: 'n', disk_format: 'raw' } });
    expect(shapeCase(create, ok, values, 'glance')).toBe(ok);
    const about = base({ constraintId: 'ims.imagecreate.disk_format.enum', expect: 'reject' });
    const shaped = shapeCase(create, about, values, 'glance');
    expect(shaped.body).toMatchObject({ disk_format: 'zvhd2', container_format: 'bare' });
  });

  test('no body under body: none, unless the case is about a body field', () => {
    const withBody = base({ operationId: del.id, body: { delete_backup: true }, label: 'document example' });
    const shaped = shapeCase(del, withBody, noBody, 'glance');
    expect(shaped.body).toBeUndefined();
    expect(shaped.label).toBe('document example (sent without a body: profile glance)');
    const about = { ...withBody, constraintId: 'ims.imagedelete.delete_backup.type', body: { delete_backup: 'x' } };
    expect(shapeCase(del, about, noBody, 'glance')).toBe(about);
  });

  test('without a profile entry nothing changes', () => {
    const c = base();
    expect(shapeCase(create, c, undefined, 'default')).toBe(c);
  });
});
