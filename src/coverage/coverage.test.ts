/**
 * The suite's own conformance index: every normative row and sentence of every seed, and of every reference page a
 * seed links to or a spec cites (docs/reference), has a constraint resting on it or a recorded reason why none does
 * (specs/coverage/uncovered.json); a reason no unit needs any more is stale.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compiledSpecs } from '../run/specs.js';
import { coverageTotals, documentCoverage, documentUnits, specsCoverage } from './index.js';
import { uncoveredReasons } from './uncovered.js';

const coverage = specsCoverage();

describe.for(coverage.map((d) => ({ ...d, name: d.document })))('$name', (doc) => {
  test('every normative row and sentence has a constraint or a recorded reason', () => {
    const missing = doc.units
      .filter((u) => u.normative && u.constraints.length === 0 && u.uncovered === undefined)
      .map((u) => `${doc.document}:${u.line} ${u.kind} [${u.section}] ${u.text}`);
    expect(missing, 'add a constraint citing the unit, or a reason to specs/coverage/uncovered.json').toEqual([]);
  });

  test('the index finds the parameter rows (a seed) or its rows and sentences (a reference page)', () => {
    const totals = coverageTotals(doc);
    const found = totals.rows.covered + totals.rows.reasoned;
    if (doc.kind === 'seed') {
      expect(found).toBeGreaterThanOrEqual(15);
    } else {
      expect(found + totals.sentences.covered + totals.sentences.reasoned).toBeGreaterThanOrEqual(5);
    }
  });
});

test('the reference pages the seeds link to and the specs cite are indexed', () => {
  expect(coverage.filter((d) => d.kind === 'reference').map((d) => d.document)).toEqual([
    'evs-error_codes.rst',
    'evs-querying_details_about_a_disk.rst',
    'evs-status_codes.rst',
    'ims-deleting_an_image_native_openstack_api.rst',
    'ims-error_codes.rst',
    'ims-image_attributes.rst',
    'ims-image_tag_format.rst',
    'ims-querying_image_details_native_openstack_api.rst',
    'ims-querying_the_status_of_an_asynchronous_job.rst',
    'ims-values_of_related_parameters.rst',
  ]);
  // Every document a constraint cites is indexed: a spec citing a page nobody indexes would escape the test above.
  const indexed = new Set(coverage.map((d) => d.document));
  const cited = new Set(compiledSpecs().operations.flatMap((o) => o.constraints.map((c) => c.citation.doc)));
  expect([...cited].filter((doc) => !indexed.has(doc))).toEqual([]);
});

test('a normative reference row nothing rests on and no reason names is reported missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imsc-coverage-'));
  try {
    mkdirSync(join(dir, 'seeds'));
    mkdirSync(join(dir, 'reference'));
    const page = [
      '.. _x:',
      '',
      'Error Codes',
      '===========',
      '',
      '+-------------+-------------+------------------------+',
      '| Status Code | Error Code  | Message                |',
      '+=============+=============+========================+',
      '| 400         | IMG.9999    | A code no spec knows.  |',
      '+-------------+-------------+------------------------+',
    ].join('\n');
    writeFileSync(join(dir, 'reference', 'ims-error_codes.rst'), page);
    const [doc] = documentCoverage([], {
      docsDir: join(dir, 'seeds'),
      referenceDir: join(dir, 'reference'),
      reasons: [],
    });
    expect(doc?.kind).toBe('reference');
    expect(doc && coverageTotals(doc).rows).toEqual({ covered: 0, reasoned: 0, missing: 1 });
    const [withReason] = documentCoverage([], {
      docsDir: join(dir, 'seeds'),
      referenceDir: join(dir, 'reference'),
      reasons: [
        { document: 'ims-error_codes.rst', text: '| IMG.9999 |', reason: 'an operation the suite never sends' },
      ],
    });
    expect(withReason && coverageTotals(withReason).rows).toEqual({ covered: 0, reasoned: 1, missing: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no recorded reason is stale: each names a unit of its document that no constraint covers', () => {
  const stale = uncoveredReasons().filter(
    (r) =>
      !coverage
        .find((d) => d.document === r.document)
        ?.units.some((u) => u.constraints.length === 0 && u.text.includes(r.text)),
  );
  expect(stale.map((r) => `${r.document}: ${r.text}`)).toEqual([]);
});

test('rows of an HTML table and of an RST grid table are units with their cells joined', () => {
  const html = [
    '- Request parameters',
    '<table><tbody><tr id="r1"><td class="c"><p>min_disk</p>',
    '</td>',
    '<td class="c"><p>Yes</p></td><td><p>Value range: 40 GB to 2048 GB</p></td></tr></tbody></table>',
  ].join('\n');
  expect(documentUnits('x.txt', html).map((u) => [u.kind, u.section, u.text])).toEqual([
    ['row', 'Request parameters', 'min_disk | Yes | Value range: 40 GB to 2048 GB'],
  ]);
  const rst = [
    '.. _x:',
    '',
    'Request',
    '-------',
    '',
    ' +-----------+--------------------+',
    ' | force     | The default value  |',
    ' |           | is **false**.      |',
    ' +-----------+--------------------+',
    '',
    '.. code-block::',
    '',
    '   {"force": true}',
    '',
    'Or it is. The service refuses it.',
  ].join('\n');
  expect(documentUnits('y.rst', rst).map((u) => [u.kind, u.section, u.text, u.normative])).toEqual([
    ['row', 'Request', 'force | The default value is false.', true],
    ['sentence', 'Request', 'Or it is.', false],
    ['sentence', 'Request', 'The service refuses it.', true],
  ]);
});
