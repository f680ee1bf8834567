/**
 * The verdicts a page counts, in the order it shows them, with their labels and colours. `differs` (a profile
 * documents that the target family differs) is counted when compliance.json has it; `uncovered` is not a verdict
 * but a document row no constraint rests on.
 * @see ../../../../shared/DESIGN.md "Verdicts"
 */
export const verdictOrder = ['fail', 'warning', 'differs', 'not_checked', 'pass'] as const;

export type ShownVerdict = (typeof verdictOrder)[number];

export const verdictLabels: Readonly<Record<ShownVerdict | 'uncovered', string>> = {
  fail: 'fail',
  warning: 'warning',
  differs: 'differs',
  not_checked: 'not checked',
  pass: 'pass',
  uncovered: 'uncovered',
};

/** Colours chosen to stay apart for the common colour-vision deficiencies (Okabe–Ito palette). */
export const verdictColours: Readonly<Record<ShownVerdict | 'uncovered', string>> = {
  fail: '#d55e00',
  warning: '#e69f00',
  differs: '#56b4e9',
  not_checked: '#999999',
  pass: '#009e73',
  uncovered: '#cc79a7',
};

/** Counts by verdict, every shown verdict present (0 when none). */
export function countVerdicts(verdicts: Iterable<string>): Record<ShownVerdict, number> {
  const counts: Record<ShownVerdict, number> = { fail: 0, warning: 0, differs: 0, not_checked: 0, pass: 0 };
  for (const v of verdicts) {
    if (v in counts) {
      counts[v as ShownVerdict] += 1;
    }
  }
  return counts;
}
