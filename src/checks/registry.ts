import type { GeneratedCase } from '../model/case.js';
import type { Exchange } from '../model/exchange.js';
import type { EnvelopeSpec } from '../model/spec.js';
import type { Finding } from '../model/verdict.js';
import { authCheck } from './auth.js';
import { bodySchemaCheck } from './body-schema.js';
import { contentTypeCheck } from './content-type.js';
import { defaultsCheck } from './defaults.js';
import { derivedCheck } from './derived.js';
import { echoCheck } from './echo.js';
import { errorCodeCheck } from './error-code.js';
import { notJudged, notSent } from './judged.js';
import { opIndex } from './op-index.js';
import { statusCheck } from './status.js';
import type { CheckContext, RegisteredCheck } from './types.js';

/** Every check of a run, in the order findings are listed. */
export function checkRegistry(envelopes: (name: string) => EnvelopeSpec | undefined): readonly RegisteredCheck[] {
  return [
    statusCheck,
    contentTypeCheck,
    bodySchemaCheck,
    echoCheck,
    defaultsCheck,
    derivedCheck,
    errorCodeCheck(envelopes),
    authCheck,
  ];
}

export interface CheckOutcome {
  readonly findings: Finding[];
  /** Constraint ids the checks verified for this case. */
  readonly covered: string[];
}

/**
 * Runs every check on one exchange; a check that throws is our bug and is reported as such, not swallowed. An
 * exchange that was never sent (budget spent, credentials, target unreachable) judges nothing: the constraint the
 * case exercises is `not_checked` with that reason, never a failure.
 */
export function runChecks(
  checks: readonly RegisteredCheck[],
  ctx: CheckContext,
  exchange: Exchange,
  gcase: GeneratedCase,
): CheckOutcome {
  const unsent = notSent(exchange);
  if (unsent !== undefined) {
    const index = opIndex(ctx.op);
    const c = (gcase.constraintId ? index.byId.get(gcase.constraintId) : undefined) ?? index.status;
    return { findings: c ? notJudged(ctx, 'status', [c], unsent) : [], covered: [] };
  }
  const findings: Finding[] = [];
  const covered = new Set<string>();
  for (const check of checks) {
    for (const id of check.covers(ctx, exchange, gcase)) {
      covered.add(id);
    }
    findings.push(...check.run(ctx, exchange, gcase));
  }
  return { findings, covered: [...covered] };
}
