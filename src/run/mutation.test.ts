import { describe, expect, test } from 'vitest';
import { mutationVerdictLine } from './mutation.js';

describe('mutationVerdictLine', () => {
  const report = {
    depth: 'smoke',
    seeds: [1],
    wallMs: 1,
    killRate: 0.5,
    caught: 1,
    total: 2,
    cleanFailures: [],
    cleanFlips: [],
    deviations: [],
  };
  test('says PASS or FAIL with the kill rate and the report paths', () => {
    expect(mutationVerdictLine(report, ['r/mutation.md', 'r/mutation.json'])).toBe(
      'mutation: FAIL: kill rate 50.0% (1 of 2 deviations caught), 0 failing on the clean mock, 0 flipped between seeds; reports: r/mutation.md, r/mutation.json',
    );
    expect(mutationVerdictLine({ ...report, caught: 2, killRate: 1 }, ['m'])).toMatch(
      /^mutation: PASS: kill rate 100\.0%/,
    );
    expect(mutationVerdictLine({ ...report, caught: 2, killRate: 1, cleanFailures: ['x'] }, ['m'])).toMatch(
      /^mutation: FAIL/,
    );
  });
});
