/**
 * What a check may count as judged (DESIGN.md "Verdicts": a constraint passes only when at least one response was
 * actually judged for it). A body that did not parse judges nothing; a constraint on a field of an object the body
 * does not have (`error.code.required` on a 202 that has no `error`) is not judged by that body either.
 */
import { isPlainObject } from '../json/value.js';
import type { Constraint, PathStep } from '../model/compiled.js';
import type { Exchange, RecordedResponse } from '../model/exchange.js';
import type { Finding } from '../model/verdict.js';
import type { CheckContext } from './types.js';

/** Why a response body could not be judged, or undefined when it parsed as JSON. */
export function unparsedBody(r: RecordedResponse): string | undefined {
  if (r.json !== undefined) {
    return undefined;
  }
  const type = r.headers['content-type'] ?? '(none)';
  return `response body not parsed as JSON (Content-Type: ${type}; ${r.parseError ?? 'no JSON value'})`;
}

/** Whether `steps` reach at least one value in `node` (items of an array: any of them). */
function reaches(steps: readonly PathStep[], node: unknown, test: (value: unknown) => boolean): boolean {
  const [step, ...rest] = steps;
  if (step === undefined) {
    return test(node);
  }
  if ('item' in step) {
    return Array.isArray(node) && node.some((item) => reaches(rest, item, test));
  }
  return isPlainObject(node) && Object.hasOwn(node, step.key) && reaches(rest, node[step.key], test);
}

/**
 * Whether a response body judges a response constraint: `required` needs the object that should hold the field,
 * every other kind needs the value itself (a type or enum of an absent optional field says nothing).
 */
export function judgesResponseConstraint(c: Pick<Constraint, 'kind' | 'path'>, body: unknown): boolean {
  if (c.kind === 'required') {
    return reaches(c.path.slice(0, -1), body, isPlainObject);
  }
  return reaches(c.path, body, () => true);
}

/** `not_checked` findings for constraints a check could not judge on this exchange, with the reason. */
export function notJudged(
  ctx: CheckContext,
  checkId: string,
  constraints: readonly Pick<Constraint, 'id' | 'citation'>[],
  reason: string,
): Finding[] {
  return constraints.map((c) => ({
    checkId,
    constraintId: c.id,
    severity: 'not_checked' as const,
    title: 'not checked',
    message: reason,
    citation: c.citation,
    caseId: ctx.caseId,
  }));
}

/**
 * Why an exchange judges nothing at all: the request was never (completely) sent because the run's budget was spent,
 * the authorizer failed before sending, the target could not be reached or dropped the connection before any answer,
 * or the run kept the request back (creation not allowed, target unusable). A verdict on the documents needs an
 * answer; these say nothing about the target's conformance (DESIGN.md "A target that cannot be used at all … is
 * not a verdict on the documents"). A target that took the request and never answered is judged (silence).
 */
export function notSent(x: Exchange): string | undefined {
  const e = x.error;
  if (e === undefined && x.resentAfter !== undefined && x.request.method === 'DELETE') {
    // The DELETE was sent again after a dropped connection: the first attempt may have reached the target and
    // deleted the resource, so a 404 to the retry is the right answer to a second DELETE, not evidence about the
    // documented answer to the first (seen through a proxy dropping 20 % of connections). A GET's answer does not
    // depend on an earlier GET, so it stays judged.
    return `not checked (DELETE sent again after a dropped connection, ${x.resentAfter}: the first attempt may have taken effect)`;
  }
  if (e === undefined) {
    return undefined;
  }
  if (e.kind === 'budget') {
    return `not checked (budget spent): ${e.message}`;
  }
  if (e.kind === 'auth') {
    return `not checked (credentials): ${e.message}`;
  }
  if (e.kind === 'refused') {
    return `not checked (creation not allowed): ${e.message}`;
  }
  if (e.kind === 'unusable') {
    return `not checked (target unusable): ${e.message}`;
  }
  if (e.kind === 'fixture') {
    return `not checked (fixture): ${e.message}`;
  }
  if (e.kind === 'connection' && x.response === undefined && UNREACHABLE.test(e.message)) {
    return `not checked (target unreachable): ${e.message}`;
  }
  if (e.kind === 'connection' && x.response === undefined) {
    // Reset or closed before any answer (issue 18, point 5): a flaky network, not a statement of the target about
    // the request. Idempotent requests were already retried (http/retry.ts); a POST is never re-sent. A target
    // that drops every such request leaves the constraint not checked with this reason (and, ten in a row, is
    // marked unusable: run/target-health.ts) — never a pass. Silence (a timeout) is still judged.
    return `not checked (connection dropped before an answer): ${e.message}`;
  }
  return undefined;
}

/** Connection errors that mean the request never reached a server (refused, no route, name not resolved). */
const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL/;
