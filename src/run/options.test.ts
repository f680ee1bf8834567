import { describe, expect, test } from 'vitest';
import { operationSelected, seedFor, selected } from './options.js';

describe('selected (--only globs)', () => {
  test.for([
    { only: [], id: 'ims.dataimage.min_disk.range', want: true },
    { only: ['ims.dataimage'], id: 'ims.dataimage', want: true },
    { only: ['ims.dataimage'], id: 'ims.dataimage.min_disk.range', want: true },
    { only: ['ims.dataimage'], id: 'ims.dataimagex.min_disk.range', want: false },
    { only: ['ims.dataimage.min_disk.range'], id: 'ims.dataimage.min_disk', want: false },
    { only: ['ims.*.min_disk.*'], id: 'ims.quickimport.min_disk.range', want: true },
    { only: ['ims.*.min_disk.*'], id: 'ims.quickimport.name.length', want: false },
    { only: ['ims'], id: 'evs.uploadimage.status', want: false },
    { only: ['evs', 'ims.job'], id: 'ims.job.status', want: true },
    // a dot is literal, not "any character"
    { only: ['ims.dataimage'], id: 'imsXdataimage.status', want: false },
    // regex metacharacters in a glob are literal
    { only: ['ims.(job)'], id: 'ims.job', want: false },
  ])('$only matches $id: $want', ({ only, id, want }) => {
    expect(selected(only, id)).toBe(want);
  });

  test('operationSelected: the operation, or any one of its constraints', () => {
    const ids = ['ims.dataimage.min_disk.range', 'ims.dataimage.status'];
    expect(operationSelected([], 'ims.dataimage', ids)).toBe(true);
    expect(operationSelected(['ims.dataimage.min_disk.range'], 'ims.dataimage', ids)).toBe(true);
    expect(operationSelected(['ims.quickimport'], 'ims.dataimage', ids)).toBe(false);
  });
});

describe('seedFor', () => {
  test('is a pure function of the run seed and the test name', () => {
    expect(seedFor(1234, 'ims.dataimage:valid:body')).toBe(seedFor(1234, 'ims.dataimage:valid:body'));
  });

  test('differs between the tests of one run and between runs of one test; a signed 32-bit integer', () => {
    const names = ['ims.dataimage:valid:body', 'ims.dataimage.min_disk.range:range_below', 'ims.job:valid:body'];
    const sameRun = names.map((n) => seedFor(1234, n));
    expect(new Set(sameRun).size).toBe(names.length);
    const sameTest = [1, 2, 1234, -5].map((s) => seedFor(s, names[0] ?? ''));
    expect(new Set(sameTest).size).toBe(4);
    const seeds = [...sameRun, ...sameTest];
    for (const s of seeds) {
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(-(2 ** 31));
      expect(s).toBeLessThan(2 ** 31);
    }
  });
});
