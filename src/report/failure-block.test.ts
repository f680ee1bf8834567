import { describe, expect, test } from 'vitest';
import type { ConstraintVerdict } from '../model/verdict.js';
import { buildCompliance } from './compliance.js';
import { renderFailureBlock } from './failure-block.js';
import { fixtureConstraints, fixtureRecords, fixtureRun } from './report-fixtures.js';

const rows = buildCompliance(fixtureConstraints, fixtureRecords, fixtureRun).constraints;
function row(id: string): ConstraintVerdict {
  const r = rows.find((x) => x.constraintId === id);
  if (r === undefined) {
    throw new Error(id);
  }
  return r;
}

describe('renderFailureBlock', () => {
  test('the STYLE.md §3.4 block of a failing constraint', () => {
    expect(renderFailureBlock(row('ims.dataimage.min_disk.range'))).toEqual([
      '✖ ims.dataimage.min_disk.range — invalid request accepted',
      '  Received: 202 {"job_id":"ff8080828a"}        Documented: 400 with the IMS error envelope',
      '  Request: /min_disk = 39 (range_below; documented range 40–2048)',
      '  Document: 000_e6aba1037ae22d43.txt, Request parameters: "Value range: 40 GB to 2048 GB"',
      '  Reproduce: ims-conformance run --only ims.dataimage.min_disk.range --seed 1234 --path "17:3"',
      `             curl -X POST https://ims.example/v1/cloudimages/dataimages/action -H 'X-Auth-Token: ***' -d '{"min_disk":39}'`,
    ]);
  });

  test('a warning names its erratum', () => {
    const lines = renderFailureBlock(row('ims.quickimport.min_disk.range'));
    expect(lines[0]).toBe('⚠ ims.quickimport.min_disk.range — range 1–1024');
    expect(lines).toContain('  Erratum: min-disk-data-image (a warning, not a failure, unless the profile is strict)');
  });

  test('line breaks in values do not break the block', () => {
    const base = row('ims.dataimage.min_disk.range');
    const ce = base.counterexample;
    if (ce === undefined) {
      throw new Error('fixture has a counterexample');
    }
    const lines = renderFailureBlock({ ...base, counterexample: { ...ce, received: '400 {\n  "error": 1\n}' } });
    expect(lines[1]).toBe('  Received: 400 { "error": 1 }        Documented: 400 with the IMS error envelope');
  });
});
