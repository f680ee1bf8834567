/**
 * The verdict of one constraint from what the run observed about it (DESIGN.md "Reports").
 * Precedence: differs (the profile documents the difference, a case exercised it) > fail > warning > not checked by design >
 * not decidable > pass > not exercised.
 */
import type { ProfileDifference, VerdictValue } from '../model/verdict.js';

/** What the run observed about one constraint, counted per case. */
export interface ConstraintTally {
  /** Cases that exercised the constraint or produced a finding about it. */
  readonly cases: number;
  /** Cases with at least one `failure` finding about it. */
  readonly failures: number;
  /** Cases with at least one `warning` finding about it. */
  readonly warnings: number;
  /** Cases with at least one `not_checked` finding about it. */
  readonly undecided: number;
  /** Cases with at least one `differs` finding about it (a failure or warning the profile documents). */
  readonly differing?: number;
  /** Title of the first failure finding (in record order). */
  readonly firstFailureTitle?: string;
  /** Title of the first warning finding. */
  readonly firstWarningTitle?: string;
  /** Errata named by warning findings, in first-seen order. */
  readonly warningErrata: readonly string[];
  /** Messages of the `not_checked` findings, deduplicated, in first-seen order. */
  readonly undecidedReasons: readonly string[];
}

/** The static facts of the constraint that bear on its verdict. */
export interface VerdictRuleInput {
  readonly erratum?: string;
  readonly notChecked?: string;
  /** The run profile's documented difference for this constraint. */
  readonly difference?: ProfileDifference;
}

export interface DecidedVerdict {
  readonly verdict: VerdictValue;
  /** fail: the first failure's title; warning: the erratum; not_checked: why; differs: reason — citation. */
  readonly reason?: string;
  /** The erratum a warning rests on. */
  readonly erratum?: string;
}

/** The reason of a constraint no case touched. */
export const NOT_EXERCISED = 'no case exercised this constraint';

/** The verdict, with its reason, for one constraint. */
export function decideVerdict(constraint: VerdictRuleInput, tally: ConstraintTally): DecidedVerdict {
  // A documented difference is neither a pass nor a failure, whatever the cases observed (their counts stay); a
  // constraint no case exercised stays not checked, below, like any other.
  if (constraint.difference !== undefined && tally.cases > 0) {
    return { verdict: 'differs', reason: differenceText(constraint.difference) };
  }
  if (tally.failures > 0) {
    return tally.firstFailureTitle === undefined
      ? { verdict: 'fail' }
      : { verdict: 'fail', reason: tally.firstFailureTitle };
  }
  if (tally.warnings > 0) {
    const errata = tally.warningErrata.length > 0 ? tally.warningErrata : listOf(constraint.erratum);
    const first = errata[0];
    if (first === undefined) {
      return { verdict: 'warning', reason: `warning without an erratum: ${tally.firstWarningTitle ?? 'no title'}` };
    }
    return { verdict: 'warning', reason: `rests on erratum ${errata.join(', ')}`, erratum: first };
  }
  if (constraint.notChecked !== undefined) {
    return { verdict: 'not_checked', reason: constraint.notChecked };
  }
  // Only undecided observations: every case that touched the constraint got a not_checked finding.
  // A case without any finding about it is a pass of every check (a passing check produces no finding),
  // so one decided case is enough for `pass`.
  if (tally.undecided > 0 && tally.undecided >= tally.cases) {
    return { verdict: 'not_checked', reason: tally.undecidedReasons.join('; ') || 'no check could decide' };
  }
  if (tally.cases > 0) {
    return { verdict: 'pass' };
  }
  return { verdict: 'not_checked', reason: NOT_EXERCISED };
}

function listOf(value: string | undefined): readonly string[] {
  return value === undefined ? [] : [value];
}

/** `reason — citation`: how a `differs` row reads everywhere. */
export function differenceText(difference: ProfileDifference): string {
  return `${difference.reason} — ${difference.citation}`;
}
