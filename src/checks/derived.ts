/**
 * Response fields the documents tie to another field through a table: 002 says `__os_type`, `__platform` and
 * `__os_bit` "depend on" `__os_version`, and Table 1 of Values of Related Parameters lists every version under its OS
 * Type. A rule's `derived` block (specs/ims/image-create.yaml, ims.imagecreate.os.depends) carries that table row by
 * row; this check judges every accepted answer that reports a version the table lists, and says `not_checked` for a
 * version it does not list (the default "Other Linux(64 bit)", a version of a later edition).
 * @see ../../specs/ims/image-create.yaml ims.imagecreate.os.depends
 */
import { valueAtPointer } from '../json/pointer.js';
import { isPlainObject } from '../json/value.js';
import type { Constraint } from '../model/compiled.js';
import type { DerivedRow, DerivedSpec } from '../model/spec.js';
import type { Finding } from '../model/verdict.js';
import { findingFor, jsonValue } from './finding.js';
import { notJudged, unparsedBody } from './judged.js';
import type { CheckContext, RegisteredCheck } from './types.js';

/** What the table says about one value: nothing (not listed), or per response pointer the values it allows. */
export interface DerivedExpectation {
  readonly listed: boolean;
  /** Pointer → the allowed values (every matching row's list must hold) and the rows that say so. */
  readonly then: ReadonlyMap<string, { readonly allowed: readonly string[]; readonly rows: readonly DerivedRow[] }>;
}

const patterns = new Map<string, RegExp>();

function rowMatches(row: DerivedRow, value: string): boolean {
  if (row.values?.includes(value)) {
    return true;
  }
  if (row.matches === undefined) {
    return false;
  }
  let re = patterns.get(row.matches);
  if (!re) {
    re = new RegExp(row.matches);
    patterns.set(row.matches, re);
  }
  return re.test(value);
}

/**
 * The response values `value` implies under `spec`. A value is listed when a row names it in `values`; pattern rows
 * (`matches`) only add to what a listed value implies. Pointers a matching row leaves `undecided` are not judged.
 */
export function derivedExpectation(spec: DerivedSpec, value: string): DerivedExpectation {
  const listed = spec.rows.some((r) => r.values?.includes(value));
  const then = new Map<string, { allowed: readonly string[]; rows: DerivedRow[] }>();
  if (!listed) {
    return { listed, then };
  }
  const undecided = new Set<string>();
  for (const row of spec.rows.filter((r) => rowMatches(r, value))) {
    for (const p of Object.keys(row.undecided ?? {})) {
      undecided.add(p);
    }
    for (const [pointer, allowed] of Object.entries(row.then)) {
      const before = then.get(pointer);
      then.set(
        pointer,
        before
          ? { allowed: before.allowed.filter((v) => allowed.includes(v)), rows: [...before.rows, row] }
          : { allowed, rows: [row] },
      );
    }
  }
  for (const p of undecided) {
    then.delete(p);
  }
  return { listed, then };
}

/** The value the derived fields depend on: the one the answer reports, else the one the request sent. */
function sourceValue(spec: DerivedSpec, body: unknown, request: unknown): unknown {
  const answered = valueAtPointer(body, spec.echoedAt);
  return answered.present ? answered.value : valueAtPointer(request, spec.from).value;
}

/**
 * Findings of one rule with a `derived` table on one answer body (an image: the 201 of POST /v2/images, an image a
 * flow reads): `undefined` when the body reports no value to judge or none of the fields it decides, a `not_checked`
 * finding when the table does not list the value, else one failure per field whose value the table does not allow
 * (an absent field is the body schema's business, not this check's).
 */
export function derivedFindings(
  ctx: CheckContext,
  checkId: string,
  c: Constraint,
  body: unknown,
  request?: unknown,
): Finding[] | undefined {
  const spec = c.rule?.derived;
  const value = spec ? sourceValue(spec, body, request) : undefined;
  if (!spec || typeof value !== 'string' || !isPlainObject(body)) {
    return undefined;
  }
  const expected = derivedExpectation(spec, value);
  if (!expected.listed) {
    return notJudged(
      ctx,
      checkId,
      [c],
      `${spec.echoedAt} ${JSON.stringify(value)} is not a value the table lists (${spec.cite.quote})`,
    );
  }
  if (![...expected.then.keys()].some((p) => valueAtPointer(body, p).present)) {
    // None of the fields the version decides is in the body (a plain Glance answer): nothing was judged.
    return undefined;
  }
  const out: Finding[] = [];
  for (const [pointer, { allowed, rows }] of expected.then) {
    const got = valueAtPointer(body, pointer);
    if (got.present && !allowed.includes(got.value as string)) {
      out.push(
        findingFor(ctx, checkId, c, {
          title: `${pointer} does not follow ${spec.echoedAt} ${JSON.stringify(value)}`,
          received: `${pointer} = ${jsonValue(got.value)}`,
          documented: `${pointer} ${allowed.length === 1 ? '=' : 'one of'} ${allowed.map((v) => JSON.stringify(v)).join(', ')} (${rows.map((r) => `"${r.cite.quote}"`).join('; ')})`,
          pointer,
        }),
      );
    }
  }
  return out;
}

const derivedRules = new WeakMap<readonly Constraint[], readonly Constraint[]>();

function rulesOf(ctx: CheckContext): readonly Constraint[] {
  let rules = derivedRules.get(ctx.op.constraints);
  if (!rules) {
    rules = ctx.op.constraints.filter((c) => c.rule?.derived !== undefined);
    derivedRules.set(ctx.op.constraints, rules);
  }
  return rules;
}

/** Whether the exchange is an accepted valid case whose answer the derived rules can read. */
function judgeable(ctx: CheckContext, x: Parameters<RegisteredCheck['run']>[1], expect: string): boolean {
  return expect === 'accept' && x.response?.status === ctx.op.spec.success;
}

export const derivedCheck: RegisteredCheck = {
  id: 'derived',
  description: 'response fields follow the field they depend on, as the documents tabulate it',
  covers(ctx, x, gcase) {
    if (!judgeable(ctx, x, gcase.expect) || x.response?.json === undefined) {
      return [];
    }
    const body = x.response.json;
    return rulesOf(ctx)
      .filter((c) => derivedFindings(ctx, 'derived', c, body, gcase.body) !== undefined)
      .map((c) => c.id);
  },
  run(ctx, x, gcase) {
    const rules = rulesOf(ctx);
    const r = x.response;
    if (rules.length === 0 || !r || !judgeable(ctx, x, gcase.expect)) {
      return [];
    }
    if (unparsedBody(r) !== undefined) {
      return [];
    }
    return rules.flatMap((c) => derivedFindings(ctx, 'derived', c, r.json, gcase.body) ?? []);
  },
};
