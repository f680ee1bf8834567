import { describe, expect, test } from 'vitest';
import { selectedSuiteFiles } from './vitest-run.js';

const files = (...only: string[]) => selectedSuiteFiles({ only, revision: '004' });

describe('selectedSuiteFiles', () => {
  test('no --only: every file (an empty filter)', () => {
    expect(files()).toEqual([]);
  });

  test('a constraint selects the file of its operation only', () => {
    expect(files('ims.dataimage.min_disk.range')).toEqual(['suites/ims/data-image.test.ts']);
  });

  test('an operation selects its suite and the flows that name its constraints', () => {
    expect(files('ims.imagedelete')).toEqual(['suites/flows/images.test.ts', 'suites/ims/image-delete.test.ts']);
  });

  test('a glob over operations', () => {
    expect(files('evs.*')).toEqual([
      'suites/evs/volume-get.test.ts',
      'suites/evs/volume-upload-image.test.ts',
      'suites/flows/export.test.ts',
    ]);
  });
});
