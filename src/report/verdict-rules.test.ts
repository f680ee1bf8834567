import { describe, expect, test } from 'vitest';
import { type ConstraintTally, type DecidedVerdict, decideVerdict, type VerdictRuleInput } from './verdict-rules.js';

const none: ConstraintTally = {
  cases: 0,
  failures: 0,
  warnings: 0,
  undecided: 0,
  warningErrata: [],
  undecidedReasons: [],
};

interface Row {
  readonly name: string;
  readonly constraint: VerdictRuleInput;
  readonly tally: Partial<ConstraintTally>;
  readonly want: DecidedVerdict;
}

const glanceDiff = {
  profile: 'glance',
  reason: 'Glance defaults visibility to shared',
  citation: 'api-ref images-images-v2',
};

const rows: readonly Row[] = [
  {
    name: "a profile's documented difference wins over a failure: never a pass, never a failure",
    constraint: { difference: glanceDiff, erratum: 'e1' },
    tally: { cases: 5, failures: 2, warnings: 1, firstFailureTitle: 'invalid request accepted' },
    want: { verdict: 'differs', reason: 'Glance defaults visibility to shared — api-ref images-images-v2' },
  },
  {
    name: 'a documented difference whose cases all agreed with the document is still differs, not a pass',
    constraint: { difference: glanceDiff },
    tally: { cases: 4 },
    want: { verdict: 'differs', reason: 'Glance defaults visibility to shared — api-ref images-images-v2' },
  },
  {
    name: 'a documented difference no case exercised is not checked, like any unexercised constraint',
    constraint: { difference: glanceDiff },
    tally: {},
    want: { verdict: 'not_checked', reason: 'no case exercised this constraint' },
  },
  {
    name: 'a failure wins over everything',
    constraint: { notChecked: 'cannot check', erratum: 'e1' },
    tally: { cases: 5, failures: 1, warnings: 2, undecided: 1, firstFailureTitle: 'invalid request accepted' },
    want: { verdict: 'fail', reason: 'invalid request accepted' },
  },
  {
    name: 'a warning names the erratum of its findings',
    constraint: { notChecked: 'cannot check' },
    tally: { cases: 3, warnings: 1, warningErrata: ['min-disk-data-image'] },
    want: { verdict: 'warning', reason: 'rests on erratum min-disk-data-image', erratum: 'min-disk-data-image' },
  },
  {
    name: "a warning without erratum on its findings falls back to the constraint's",
    constraint: { erratum: 'name-length' },
    tally: { cases: 1, warnings: 1 },
    want: { verdict: 'warning', reason: 'rests on erratum name-length', erratum: 'name-length' },
  },
  {
    name: 'a warning with no erratum at all says so',
    constraint: {},
    tally: { cases: 1, warnings: 1, firstWarningTitle: 'odd' },
    want: { verdict: 'warning', reason: 'warning without an erratum: odd' },
  },
  {
    name: 'not checked by design, even when cases passed',
    constraint: { notChecked: 'no fixture volume' },
    tally: { cases: 4 },
    want: { verdict: 'not_checked', reason: 'no fixture volume' },
  },
  {
    name: 'only undecided findings: not checked with their reasons',
    constraint: {},
    tally: { cases: 2, undecided: 2, undecidedReasons: ['no body', 'no content type'] },
    want: { verdict: 'not_checked', reason: 'no body; no content type' },
  },
  {
    name: 'an undecided case beside a decided one: pass',
    constraint: {},
    tally: { cases: 2, undecided: 1, undecidedReasons: ['no body'] },
    want: { verdict: 'pass' },
  },
  { name: 'cases and no findings: pass', constraint: {}, tally: { cases: 7 }, want: { verdict: 'pass' } },
  {
    name: 'no case: not checked',
    constraint: {},
    tally: {},
    want: { verdict: 'not_checked', reason: 'no case exercised this constraint' },
  },
];

describe('decideVerdict', () => {
  test.for(rows)('$name', ({ constraint, tally, want }) => {
    expect(decideVerdict(constraint, { ...none, ...tally })).toEqual(want);
  });
});
