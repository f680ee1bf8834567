import type { GeneratedCase } from '../model/case.js';
import type { CompiledOperation, Constraint } from '../model/compiled.js';
import type { Exchange } from '../model/exchange.js';
import type { Finding, ProfileDifference } from '../model/verdict.js';

/** What a check knows besides the exchange: the compiled operation and the run's profile. */
export interface CheckContext {
  readonly op: CompiledOperation;
  /** Strict profile: erratum-backed checks fail instead of warn, error codes must be documented ones. */
  readonly strict: boolean;
  /** The run profile's documented differences by constraint id: findings about them are `differs`. */
  readonly differences?: ReadonlyMap<string, ProfileDifference>;
  readonly caseId: string;
}

/**
 * A check: a pure function of one exchange and the case that produced it. `[]` when it passes; a finding per
 * broken constraint; `not_checked` findings when it cannot decide. Never throws for a non-conformance.
 */
export type Check = (ctx: CheckContext, exchange: Exchange, gcase: GeneratedCase) => Finding[];

export interface RegisteredCheck {
  readonly id: string;
  readonly description: string;
  readonly run: Check;
  /** Constraint ids this check verifies for a case (whether or not it finds anything), for case counts. */
  readonly covers: (ctx: CheckContext, exchange: Exchange, gcase: GeneratedCase) => readonly string[];
}

export type { Constraint };
