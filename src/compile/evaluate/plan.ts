/**
 * The plan step of the evaluator: what each constraint of an operation needs to be judged, worked out once per
 * constraint list (at compile time, on first use) and kept: its path as walker steps, its escaped pointer segments,
 * its kind's predicate, which variant it applies to, and which constraints share a path so that one walk serves
 * them all. The scan step (./scan.ts) applies a plan to bodies.
 */

import { cachedSegmentsOf, escapeSegment } from '../../json/pointer.js';
import type { Constraint, PathStep } from '../../model/compiled.js';
import type { OperationSpec, VariantSpec } from '../../model/spec.js';
import { holdsOf } from './holds.js';
import { variantConditions } from './variants.js';
import type { Step } from './walk.js';

/** One constraint, prepared: what judging it needs, looked up once. */
export interface Prepared {
  readonly c: Constraint;
  /** The walker's steps: the key of each step, undefined for item steps. */
  readonly steps: readonly Step[];
  /** Escaped pointer segment of each step (`''` for item steps), for the pointers of violations. */
  readonly escaped: readonly string[];
  /** `c.kind === 'required'`: judged where the last key is missing, never on a present value. */
  readonly required: boolean;
  /** Request side: a variant constraint on a discriminator's path (its enum/type apply when no variant is chosen). */
  readonly discriminator: boolean;
  /** The kind's predicate on the constraint's field (src/compile/kinds), built once. */
  readonly holds: (value: unknown) => boolean;
  /** For `additional`: the known property names, per selected variant (root) or for all variants (filled on use). */
  readonly known: Map<string | undefined, Set<string>>;
}

/** Constraints on the same path, consecutive in the list: one walk finds their places, each is judged in turn. */
export interface Group {
  readonly steps: readonly Step[];
  readonly members: readonly Prepared[];
}

/** What a scan goes through, in list order: a group of field constraints, or a cross-field rule. */
export type Entry = { readonly group: Group } | { readonly rule: Prepared };

export interface Plan {
  readonly spec: OperationSpec;
  readonly variants: readonly (readonly [string, VariantSpec['when']])[];
  readonly request: readonly Prepared[];
  /** The request entries that apply to a body selecting each variant (or none); filled on first use. */
  readonly applicable: Map<string | undefined, readonly Entry[]>;
  /** The response entries of each documented status. */
  readonly response: ReadonlyMap<number, readonly Entry[]>;
}

const plans = new WeakMap<readonly Constraint[], Plan>();

/** The plan of a constraint list (built on first use, then kept as long as the list lives). */
export function planOf(spec: OperationSpec, constraints: readonly Constraint[]): Plan {
  const cached = plans.get(constraints);
  if (cached && cached.spec === spec) {
    return cached;
  }
  const variants = variantConditions(spec);
  const discriminators = variants.map(([, when]) => when.pointer);
  const prepare = (c: Constraint): Prepared => ({
    c,
    steps: c.path.map((step) => ('key' in step ? step.key : undefined)),
    escaped: c.path.map((step) => ('key' in step ? escapeSegment(step.key) : '')),
    required: c.kind === 'required',
    discriminator: discriminators.some((p) => samePath(c.path, p)),
    holds: holdsOf(c.kind, c.field),
    known: new Map(),
  });
  const byStatus = new Map<number, Prepared[]>();
  for (const c of constraints) {
    if (c.side === 'response' && c.kind !== 'default' && c.kind !== 'echo' && c.status !== undefined) {
      const list = byStatus.get(c.status) ?? [];
      list.push(prepare(c));
      byStatus.set(c.status, list);
    }
  }
  const plan: Plan = {
    spec,
    variants,
    request: constraints.filter((c) => c.side === 'request' && c.violations.length > 0).map(prepare),
    applicable: new Map(),
    response: new Map([...byStatus].map(([status, list]) => [status, entriesOf(list)])),
  };
  plans.set(constraints, plan);
  return plan;
}

/**
 * Variant constraints apply only to the variant the body selects; when it selects none, only the discriminator's
 * own enum/type constraints apply. Decided once per variant, not per constraint and body (scanRequest's own
 * time was 3.5 % of the offline loop).
 */
export function applicableTo(plan: Plan, variant: string | undefined): readonly Entry[] {
  let list = plan.applicable.get(variant);
  if (!list) {
    list = entriesOf(
      plan.request.filter((p) => {
        const c = p.c;
        if (c.variants && !(variant && c.variants.includes(variant))) {
          const isDiscriminator = variant === undefined && p.discriminator;
          return isDiscriminator && (c.kind === 'enum' || c.kind === 'type');
        }
        return true;
      }),
    );
    plan.applicable.set(variant, list);
  }
  return list;
}

/**
 * A list of constraints as scan entries, order kept (violations are listed in list order): consecutive field
 * constraints on the same path form one group (`/name`: type, required, length, charset, trim; `/tags/*`: type,
 * format and the split parts), so the path is walked once for all of them. Walking it again per constraint was the
 * top line of the request scan, which runs two to three times per generated case. A constraint with neither rule
 * nor field has nothing to judge in a body and is left out.
 */
function entriesOf(list: readonly Prepared[]): Entry[] {
  const out: Entry[] = [];
  let group: { steps: readonly Step[]; members: Prepared[] } | undefined;
  for (const p of list) {
    if (p.c.rule) {
      group = undefined;
      out.push({ rule: p });
    } else if (!p.c.field) {
      group = undefined;
    } else if (group && sameSteps(group.steps, p.steps)) {
      group.members.push(p);
    } else {
      group = { steps: p.steps, members: [p] };
      out.push({ group });
    }
  }
  return out;
}

/** The names of properties an object may hold at a constraint's path (shared fields plus the selected variant's). */
export function knownKeys(spec: OperationSpec, p: Prepared, variant: string | undefined): Set<string> {
  const c = p.c;
  const root = c.path.length === 0 && spec.request !== undefined;
  const key = root ? variant : undefined;
  let known = p.known.get(key);
  if (!known) {
    if (root && spec.request) {
      const v = variant ? spec.request.variants?.[variant] : undefined;
      known = new Set([...Object.keys(spec.request.fields), ...Object.keys(v?.fields ?? {})]);
    } else {
      known = new Set(Object.keys(c.field?.fields ?? {}));
    }
    p.known.set(key, known);
  }
  return known;
}

function sameSteps(a: readonly Step[], b: readonly Step[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function samePath(a: readonly PathStep[], pointer: string): boolean {
  const segs = cachedSegmentsOf(pointer);
  if (a.length !== segs.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    const step = a[i] as PathStep;
    if (!('key' in step) || step.key !== segs[i]) {
      return false;
    }
  }
  return true;
}
