import type { Constraint } from '../model/compiled.js';
import type { Finding } from '../model/verdict.js';
import { opIndex } from './op-index.js';
import type { CheckContext } from './types.js';

/** Short JSON for Received/Documented lines. */
export function shortJson(value: unknown, max = 160): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A JSON value as JSON (strings keep their quotes), for `pointer = value` lines: the string "40" and the number 40
 * must not read the same in a Received/Documented pair.
 */
export function jsonValue(value: unknown, max = 160): string {
  return shortJson(JSON.stringify(value) ?? String(value), max);
}

/**
 * A finding about a constraint, with the severity its erratum gives it. A constraint whose erratum lists readings
 * warns only for a value in the disputed zone (`parts.disputed`, valid under one reading and invalid under
 * another); a value wrong under every reading is a failure. An erratum without readings warns on every finding.
 * Under `--profile strict` nothing warns.
 * A constraint the profile documents as different gives a `differs` finding (never
 * a failure: the vitest case does not fail on it), carrying the difference.
 */
export function findingFor(
  ctx: CheckContext,
  checkId: string,
  c: Constraint,
  parts: { title: string; received: string; documented: string; pointer?: string; disputed?: boolean },
): Finding {
  const disputed = c.readings && c.readings.length > 0 ? parts.disputed === true : true;
  const warning = c.erratum !== undefined && disputed && !ctx.strict;
  const difference = ctx.differences?.get(c.id);
  const note =
    difference !== undefined
      ? `\nDiffers (profile ${difference.profile}): ${difference.reason} — ${difference.citation}`
      : warning
        ? `\nErratum: ${c.erratum}`
        : '';
  return {
    checkId,
    constraintId: c.id,
    severity: difference !== undefined ? 'differs' : warning ? 'warning' : 'failure',
    title: parts.title,
    message: `Received: ${parts.received}\nDocumented: ${parts.documented}${note}`,
    received: parts.received,
    documented: parts.documented,
    citation: c.citation,
    caseId: ctx.caseId,
    ...(parts.pointer !== undefined ? { pointer: parts.pointer } : {}),
    ...(c.erratum && disputed ? { erratum: c.erratum } : {}),
    ...(difference !== undefined ? { difference } : {}),
  };
}

/** The constraint with `id` in the operation, or the operation's status constraint as a fallback. */
export function constraintOf(ctx: CheckContext, id: string | undefined): Constraint | undefined {
  const index = opIndex(ctx.op);
  return (id ? index.byId.get(id) : undefined) ?? index.status;
}
