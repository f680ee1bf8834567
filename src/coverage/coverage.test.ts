/**
 * The suite's own conformance index: every normative row and sentence of every seed has a constraint resting on it
 * or a recorded reason why none does (specs/coverage/uncovered.json); a reason no unit needs any more is stale.
 */
import { describe, expect, test } from 'vitest';
import { coverageTotals, documentUnits, seedCoverage } from './index.js';
import { uncoveredReasons } from './uncovered.js';

const coverage = seedCoverage();

describe.for(coverage.map((d) => ({ ...d, name: d.document })))('$name', (doc) => {
  test('every normative row and sentence has a constraint or a recorded reason', () => {
    const missing = doc.units
      .filter((u) => u.normative && u.constraints.length === 0 && u.uncovered === undefined)
      .map((u) => `${doc.document}:${u.line} ${u.kind} [${u.section}] ${u.text}`);
    expect(missing, 'add a constraint citing the unit, or a reason to specs/coverage/uncovered.json').toEqual([]);
  });

  test('the index finds the parameter rows', () => {
    const totals = coverageTotals(doc);
    expect(totals.rows.covered + totals.rows.reasoned).toBeGreaterThanOrEqual(15);
  });
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
