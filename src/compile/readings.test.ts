import { describe, expect, test } from 'vitest';
import { compiledSpecs, operationById } from '../run/specs.js';
import { disputedBy, judgeUnderReadings, undisputedField, widestField } from './readings.js';

const specs = compiledSpecs({ revision: '004' });
const constraint = (op: string, id: string) => {
  const c = operationById(specs, op).constraints.find((k) => k.id === id);
  if (!c) {
    throw new Error(`no ${id}`);
  }
  return c;
};

describe('judgeUnderReadings', () => {
  test.for([
    // 002 name: 1–255 (request table, enforced) vs 1–128 (response table, Image Attributes).
    { id: 'ims.imagecreate.name.length', value: 'n'.repeat(128), want: 'valid' },
    { id: 'ims.imagecreate.name.length', value: 'n'.repeat(200), want: 'disputed' },
    { id: 'ims.imagecreate.name.length', value: 'n'.repeat(256), want: 'invalid' },
    { id: 'ims.imagecreate.name.length', value: '', want: 'invalid' },
    // default vhd (002) vs zvhd2 (Image Attributes): each is right under one reading only (the check finds nothing
    // for the enforced vhd, warns on zvhd2); raw is wrong under both.
    { id: 'ims.imagecreate.disk_format.default', value: 'vhd', want: 'disputed' },
    { id: 'ims.imagecreate.disk_format.default', value: 'zvhd2', want: 'disputed' },
    { id: 'ims.imagecreate.disk_format.default', value: 'raw', want: 'invalid' },
    // protected Boolean (table) vs String (the note): a number is wrong under both.
    { id: 'ims.imagecreate.protected.type', value: 'true', want: 'disputed' },
    { id: 'ims.imagecreate.protected.type', value: 5, want: 'invalid' },
  ] as const)('$id $value → $want', ({ id, value, want }) => {
    expect(judgeUnderReadings(constraint('ims.imagecreate', id), value)).toBe(want);
  });

  test('a reading scoped to a variant: quick import min_disk is disputed on a data body only', () => {
    const c = constraint('ims.quickimport', 'ims.quickimport.min_disk.range');
    expect(judgeUnderReadings(c, 1500, { variant: 'system' })).toBe('invalid');
    expect(judgeUnderReadings(c, 1500, { variant: 'data' })).toBe('disputed');
    expect(judgeUnderReadings(c, 1024, { variant: 'data' })).toBe('valid');
    expect(judgeUnderReadings(c, 30, { variant: 'data' })).toBe('disputed');
    expect(judgeUnderReadings(c, 2049, { variant: 'data' })).toBe('invalid');
  });

  test('architecture: only "Arm" is disputed; other case variants are wrong under both readings', () => {
    const c = constraint('ims.quickimport', 'ims.quickimport.architecture.enum');
    expect(judgeUnderReadings(c, 'Arm')).toBe('disputed');
    expect(judgeUnderReadings(c, 'ARM')).toBe('invalid');
    expect(judgeUnderReadings(c, 'x86')).toBe('valid');
  });

  test('virtual_size: only its absence is disputed, a wrong type is not', () => {
    const required = constraint('ims.imagecreate', 'ims.imagecreate.response.201.virtual_size.required');
    expect(judgeUnderReadings(required, undefined, { present: false })).toBe('disputed');
    expect(constraint('ims.imagecreate', 'ims.imagecreate.response.201.virtual_size.type').erratum).toBeUndefined();
  });
});

test('undisputedField narrows to what every reading allows; widestField widens to what some reading allows', () => {
  const name = operationById(specs, 'ims.imagecreate').spec.request?.fields.name;
  if (!name) {
    throw new Error('no name field');
  }
  expect(undisputedField(name).length).toMatchObject({ min: 1, max: 128 });
  expect(widestField(name).length).toMatchObject({ min: 1, max: 255 });
  const arch = operationById(specs, 'ims.quickimport').spec.request?.variants?.system?.fields.architecture;
  if (!arch) {
    throw new Error('no architecture field');
  }
  expect(undisputedField(arch).enum?.values).toEqual(['x86']);
  expect(widestField(arch).enum?.values).toEqual(['x86', 'arm', 'Arm']);
});

test('a field typed with the union of its readings: a third type is wrong under every reading', () => {
  const upload = operationById(specs, 'evs.uploadimage');
  const c = upload.constraints.find((k) => k.id.endsWith('volume_type.description.type'));
  if (!c) {
    throw new Error('no volume_type.description.type');
  }
  expect(judgeUnderReadings(c, true)).toBe('invalid');
  expect(judgeUnderReadings(c, 'None')).toBe('disputed');
  const job = operationById(specs, 'ims.job').constraints.find((k) => k.id.endsWith('results.item.status.enum'));
  expect(job && judgeUnderReadings(job, 'success')).toBe('disputed');
  expect(job && judgeUnderReadings(job, 'done')).toBe('invalid');
});

test('revision 003 image_name: a Han character is disputed (004 drops it), "<" is wrong under both', () => {
  const r003 = compiledSpecs({ revision: '003' });
  const c = operationById(r003, 'evs.uploadimage').constraints.find((k) => k.id.endsWith('image_name.charset'));
  if (!c) {
    throw new Error('no image_name.charset');
  }
  expect(judgeUnderReadings(c, 'disk中')).toBe('disputed');
  expect(judgeUnderReadings(c, 'disk<1>')).toBe('invalid');
  expect(judgeUnderReadings(c, 'disk-1')).toBe('valid');
  const field = c.field;
  expect(field && undisputedField(field).charset?.allowed).toBe('A-Za-z0-9\\-._ ');
});

describe('the errata converted to readings (issue 16): each has a zone that fails under every reading', () => {
  const find = (s: ReturnType<typeof compiledSpecs>, op: string, suffix: string) => {
    const c = operationById(s, op).constraints.find((k) => k.id.endsWith(suffix));
    if (!c) {
      throw new Error(`no ${suffix}`);
    }
    return c;
  };

  test('__os_version default: "Other Linux(64 bit)" (002) or some Table 1 value (the value range)', () => {
    const c = constraint('ims.imagecreate', 'ims.imagecreate.__os_version.default');
    // Each is right under one reading only: the enforced one finds nothing, the other warns (like vhd/zvhd2).
    expect(judgeUnderReadings(c, 'Other Linux(64 bit)')).toBe('disputed');
    expect(judgeUnderReadings(c, 'CentOS 7.3 64bit')).toBe('disputed');
    expect(judgeUnderReadings(c, 'Linux')).toBe('invalid');
    expect(judgeUnderReadings(c, '')).toBe('invalid');
  });

  test('__image_source_type: "uds" (the examples) or "UDS" (the sentence); another backend is wrong under both', () => {
    const c = constraint('ims.imagecreate', 'ims.imagecreate.response.201.__image_source_type.enum');
    expect(judgeUnderReadings(c, 'UDS')).toBe('disputed');
    expect(judgeUnderReadings(c, 'obs')).toBe('invalid');
    // The presence and type rest on no dispute any more.
    expect(
      constraint('ims.imagecreate', 'ims.imagecreate.response.201.__image_source_type.type').erratum,
    ).toBeUndefined();
  });

  test('description: any characters but CR < > (examples) or only letters and digits (the row)', () => {
    const c = constraint('ims.dataimage', 'ims.dataimage.description.charset');
    expect(judgeUnderReadings(c, 'Data disk 1 of Fedora')).toBe('disputed');
    expect(judgeUnderReadings(c, 'Datadisk1')).toBe('valid');
    expect(judgeUnderReadings(c, 'a<b')).toBe('invalid');
    const field = c.field;
    expect(field && undisputedField(field).charset?.allowed).toBe('A-Za-z0-9');
    // 000's example request is sent as a disputed case; without the spaces it is undisputed.
    const op = operationById(specs, 'ims.dataimage');
    const example = { name: 'fedora-data1', image_url: 'image-test:f.qcow2', min_disk: 40, os_type: 'Linux' };
    expect(disputedBy(op.spec, op.constraints, { ...example, description: 'Data disk 1 of Fedora' })).toBe(
      'erratum.description.letters_digits',
    );
    expect(disputedBy(op.spec, op.constraints, { ...example, description: 'Datadisk1' })).toBeUndefined();
    // A reading scoped to a variant: quick import's min_disk 1500 is disputed on a data body, not a system one.
    const quick = operationById(specs, 'ims.quickimport');
    const data = { name: 'n', image_url: 'b:f.zvhd2', os_type: 'Linux', type: 'DataImage', min_disk: 1500 };
    expect(disputedBy(quick.spec, quick.constraints, data)).toBe('erratum.quickimport.data_min_disk');
    expect(disputedBy(quick.spec, quick.constraints, { ...data, min_disk: 100 })).toBeUndefined();
  });

  test('created_at or create_at (Image Attributes): present under one of the names', () => {
    const c = constraint('ims.imagecreate', 'ims.imagecreate.response.201.created_at.required');
    const under = (body: Record<string, unknown>) => (key: string) =>
      Object.hasOwn(body, key) ? { present: true, value: body[key] } : { present: false, value: undefined };
    expect(judgeUnderReadings(c, undefined, { present: false, sibling: under({ create_at: 'x' }) })).toBe('disputed');
    expect(judgeUnderReadings(c, undefined, { present: false, sibling: under({}) })).toBe('invalid');
  });

  test('null where the tables say String or Object (the examples): accepted, wrong types still fail', () => {
    const r003 = compiledSpecs({ revision: '003' });
    for (const [s, op, suffix] of [
      [r003, 'evs.uploadimage', 'volume_type.deleted_at.type'],
      [specs, 'evs.volumeget', 'volume.volume_image_metadata.type'],
      [specs, 'ims.job', 'response.200.error_code.type'],
      [specs, 'ims.job', 'sub_jobs_result.item.fail_reason.type'],
    ] as const) {
      const c = find(s, op, suffix);
      expect(judgeUnderReadings(c, null), suffix).toBe('disputed');
      expect(judgeUnderReadings(c, 5), suffix).toBe('invalid');
    }
  });

  test('virtual_env_type of a created image: IsoImage (Image Attributes) is disputed, KVM is wrong under both', () => {
    const c = constraint('ims.imagecreate', 'ims.imagecreate.response.201.virtual_env_type.enum');
    expect(judgeUnderReadings(c, 'IsoImage')).toBe('disputed');
    expect(judgeUnderReadings(c, 'KVM')).toBe('invalid');
  });

  test('EVS 202 error: Object (004; 003 enforced) or String (003 table); null is wrong under both', () => {
    const r003 = compiledSpecs({ revision: '003' });
    const c = find(r003, 'evs.uploadimage', 'response.202.error.type');
    expect(c.erratum).toBe('erratum.uploadimage.error_type');
    expect(judgeUnderReadings(c, 'failed')).toBe('disputed');
    expect(judgeUnderReadings(c, null)).toBe('invalid');
    expect(judgeUnderReadings(c, 5)).toBe('invalid');
    expect(judgeUnderReadings(c, { message: 'm', code: 'c' })).toBe('disputed');
    // 004 has one reading: no erratum, a string is an ordinary failure.
    expect(find(specs, 'evs.uploadimage', 'response.202.error.type').erratum).toBeUndefined();
  });

  test('disk volume_type: a listed string (table) or null (example); a number is wrong under both', () => {
    const c = find(specs, 'evs.volumeget', 'volume.volume_type.type');
    expect(judgeUnderReadings(c, null)).toBe('disputed');
    expect(judgeUnderReadings(c, 5)).toBe('invalid');
    expect(judgeUnderReadings(c, { name: 'SAS' })).toBe('invalid');
    expect(judgeUnderReadings(c, 'SAS')).toBe('valid');
    expect(find(specs, 'evs.volumeget', 'volume.volume_type.enum').erratum).toBeUndefined();
  });

  test("sub-job job_type: Table 4, or Table 4 plus an example's type; any other value is wrong under all", () => {
    const c = find(specs, 'ims.job', 'sub_jobs_result.item.job_type.enum');
    expect(judgeUnderReadings(c, 'imsImportDataImageJob')).toBe('valid');
    expect(judgeUnderReadings(c, 'imsCopyVolumeToImageJob')).toBe('disputed');
    expect(judgeUnderReadings(c, 'imsImportImageJob')).toBe('disputed');
    expect(judgeUnderReadings(c, 'imsExportJob')).toBe('invalid');
  });

  test('extra_specs or extra_spec: one field, two names; neither, or a non-object alone, is wrong under both', () => {
    const required = find(specs, 'evs.uploadimage', 'volume_type.extra_specs.required');
    const type = find(specs, 'evs.uploadimage', 'volume_type.extra_specs.type');
    const siblings =
      (object: Record<string, unknown>) =>
      (key: string): { present: boolean; value: unknown } =>
        Object.hasOwn(object, key) ? { present: true, value: object[key] } : { present: false, value: undefined };
    expect(judgeUnderReadings(required, undefined, { present: false, sibling: siblings({ extra_spec: {} }) })).toBe(
      'disputed',
    );
    expect(judgeUnderReadings(required, undefined, { present: false, sibling: siblings({}) })).toBe('invalid');
    expect(judgeUnderReadings(type, 5, { sibling: siblings({ extra_specs: 5 }) })).toBe('invalid');
    expect(judgeUnderReadings(type, 5, { sibling: siblings({ extra_specs: 5, extra_spec: {} }) })).toBe('disputed');
    expect(judgeUnderReadings(type, {}, { sibling: siblings({ extra_specs: {} }) })).toBe('disputed');
  });
});
