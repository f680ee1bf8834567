import { expect, test } from 'vitest';
import { renderCoverageMarkdown } from './coverage-md.js';

test('the coverage section: one row per seed, then every erratum with its readings', () => {
  const md = renderCoverageMarkdown({
    totals: [
      {
        document: '002_8c42299bbd57248d.txt',
        rows: { covered: 41, reasoned: 0, missing: 0 },
        sentences: { covered: 2, reasoned: 1, missing: 0 },
        checked: 40,
      },
    ],
    readings: [
      {
        erratum: 'erratum.imagecreate.name_length',
        constraintId: 'ims.imagecreate.name.length',
        readings: ['length 1–255 (enforced; …)', 'length 1–128 (…"1 to 128 | characters")'],
      },
    ],
  });
  expect(md).toContain('| 002_8c42299bbd57248d.txt | 41 | 0 | 0 | 2 | 1 | 0 | 40 |');
  expect(md).toContain('### Errata and their readings');
  expect(md).toContain(
    '| erratum.imagecreate.name_length | `ims.imagecreate.name.length` | length 1–255 (enforced; …)<br>',
  );
  expect(md).toContain('1 to 128 \\| characters');
});
