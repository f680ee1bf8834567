import { cachedSegmentsOf, escapeSegment, valueAtPointer } from '../json/pointer.js';
import { isPlainObject } from '../json/value.js';
import type { Constraint, PathStep } from '../model/compiled.js';
import type { FieldSpec, OperationSpec, RuleSpec, VariantSpec } from '../model/spec.js';
import { isFieldKind, KINDS, VALUE_KINDS } from './kinds/index.js';
import { always } from './kinds/kind.js';
import { splitValue } from './patterns.js';

/** A constraint broken by a body, at a JSON pointer. */
export interface Violation {
  readonly constraintId: string;
  readonly pointer: string;
  readonly message: string;
}

/**
 * The predicate of one field kind on one field, built once (src/compile/kinds) and kept per field object: the
 * evaluator's constraints, the extra-property rule and the errata readings all judge values through it.
 */
const holdsCache = new WeakMap<FieldSpec, Map<string, (value: unknown) => boolean>>();
function holdsOf(kind: Constraint['kind'], field: FieldSpec): (value: unknown) => boolean {
  if (!isFieldKind(kind)) {
    return always;
  }
  let byKind = holdsCache.get(field);
  if (!byKind) {
    byKind = new Map();
    holdsCache.set(field, byKind);
  }
  let holds = byKind.get(kind);
  if (!holds) {
    holds = KINDS[kind].holds(field);
    byKind.set(kind, holds);
  }
  return holds;
}

/** Whether one field-level constraint of `kind` holds for a present value (other kinds: true). */
export function fieldConstraintHolds(kind: Constraint['kind'], field: FieldSpec, value: unknown): boolean {
  return holdsOf(kind, field)(value);
}

/** Whether a value satisfies every value kind of a field (used for the extra-property rule). */
function fieldHolds(field: FieldSpec, value: unknown): boolean {
  for (const k of VALUE_KINDS) {
    if (!holdsOf(k, field)(value)) {
      return false;
    }
  }
  return true;
}

/** Whether a variant (or rule) condition holds for a body. */
export function whenHolds(when: VariantSpec['when'] | NonNullable<RuleSpec['when']>, body: unknown): boolean {
  const at = valueAtPointer(body, when.pointer);
  return at.present ? (when.in as readonly unknown[]).includes(at.value) : when.absent === true;
}

/** The body variant a request selects, or undefined when none does (or the operation has none). */
export function selectVariant(spec: OperationSpec, body: unknown): string | undefined {
  for (const [name, v] of Object.entries(spec.request?.variants ?? {})) {
    if (whenHolds(v.when, body)) {
      return name;
    }
  }
  return undefined;
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

/**
 * Where the results of a scan go. `all`: every violation, with its message. `any`: stop at the first violation.
 * `only`: stop at the first violation of another constraint than `id`, and note whether `id` was broken.
 */
interface Scan {
  readonly mode: 'all' | 'any' | 'only';
  readonly id: string;
  readonly out: Violation[];
  /** A violation was found (any), or one of another constraint (only): the scan stops. */
  stop: boolean;
  /** only: constraint `id` was broken. */
  hit: boolean;
}

function flag(scan: Scan, c: Constraint, pointer: string, message: () => string): void {
  if (scan.mode === 'all') {
    scan.out.push({ constraintId: c.id, pointer, message: message() });
  } else if (scan.mode === 'any' || c.id !== scan.id) {
    scan.stop = true;
  } else {
    scan.hit = true;
  }
}

/** A request or response constraint prepared once per constraint list: its pointer steps escaped, known keys. */
interface Prepared {
  readonly c: Constraint;
  /** Escaped pointer segment of each step (`''` for item steps). */
  readonly escaped: readonly string[];
  /** The key of each step, undefined for item steps: the walk reads these instead of testing `'key' in step`. */
  readonly keys: readonly (string | undefined)[];
  /** `c.kind === 'required'`. */
  readonly required: boolean;
  /** For `additional`: the known property names, per selected variant (root) or for all variants. */
  readonly known: Map<string | undefined, Set<string>>;
  /** Request side: variant constraint whose path is a discriminator's (its enum/type still apply without variant). */
  readonly discriminator: boolean;
  /** `fieldConstraintHolds(c.kind, c.field, value)`, with the field's bounds, values and regex looked up once. */
  readonly holds: (value: unknown) => boolean;
}

/** The predicate of a constraint, specialised once per constraint (src/compile/kinds). */
function compileHolds(kind: Constraint['kind'], field: FieldSpec | undefined): (value: unknown) => boolean {
  return field ? holdsOf(kind, field) : always;
}

interface Plan {
  readonly spec: OperationSpec;
  readonly variants: readonly (readonly [string, VariantSpec['when']])[];
  readonly request: readonly Prepared[];
  /** The request constraints that apply to a body selecting each variant (or none), in list order. */
  readonly applicable: Map<string | undefined, readonly Entry[]>;
  readonly response: readonly Prepared[];
}

const plans = new WeakMap<readonly Constraint[], Plan>();

function planOf(spec: OperationSpec, constraints: readonly Constraint[]): Plan {
  const cached = plans.get(constraints);
  if (cached && cached.spec === spec) {
    return cached;
  }
  const variants = Object.entries(spec.request?.variants ?? {}).map(([name, v]) => [name, v.when] as const);
  const discriminators = variants.map(([, when]) => when.pointer);
  const prepare = (c: Constraint): Prepared => ({
    c,
    escaped: c.path.map((step) => ('key' in step ? escapeSegment(step.key) : '')),
    keys: c.path.map((step) => ('key' in step ? step.key : undefined)),
    required: c.kind === 'required',
    known: new Map(),
    discriminator: discriminators.some((p) => samePath(c.path, p)),
    holds: compileHolds(c.kind, c.field),
  });
  const plan: Plan = {
    spec,
    variants,
    request: constraints.filter((c) => c.side === 'request' && c.violations.length > 0).map(prepare),
    applicable: new Map(),
    response: constraints
      .filter((c) => c.side === 'response' && c.kind !== 'default' && c.kind !== 'echo')
      .map(prepare),
  };
  plans.set(constraints, plan);
  return plan;
}

/** Names of properties an object may hold at `path` (shared fields plus the selected variant's). */
function knownKeys(spec: OperationSpec, p: Prepared, variant: string | undefined): Set<string> {
  const c = p.c;
  const key = c.path.length === 0 && spec.request ? variant : undefined;
  let known = p.known.get(key);
  if (!known) {
    if (c.path.length === 0 && spec.request) {
      const v = variant ? spec.request.variants?.[variant] : undefined;
      known = new Set([...Object.keys(spec.request.fields), ...Object.keys(v?.fields ?? {})]);
    } else {
      known = new Set(Object.keys(c.field?.fields ?? {}));
    }
    p.known.set(key, known);
  }
  return known;
}

function evaluateRule(c: Constraint, rule: RuleSpec, body: unknown, scan: Scan): void {
  if (rule.kind === 'exclusive') {
    const present: string[] = [];
    if (isPlainObject(body)) {
      for (const f of rule.fields ?? []) {
        if (Object.hasOwn(body, f)) {
          present.push(f);
        }
      }
    }
    if (present.length > 1) {
      flag(scan, c, '', () => `has ${present.join(' and ')}; at most one is allowed`);
    }
    return;
  }
  const when = rule.when;
  if (!when || !whenHolds(when, body)) {
    return;
  }
  const shown = () => JSON.stringify(valueAtPointer(body, when.pointer).value);
  for (const p of rule.then?.required ?? []) {
    if (!valueAtPointer(body, p).present) {
      flag(scan, c, p, () => `${p} is required when ${when.pointer} is ${shown()}`);
      if (scan.stop) {
        return;
      }
    }
  }
  for (const p of rule.then?.forbidden ?? []) {
    if (valueAtPointer(body, p).present) {
      flag(scan, c, p, () => `${p} is not allowed when ${when.pointer} is ${shown()}`);
      if (scan.stop) {
        return;
      }
    }
  }
}

/** A present value at the end of the constraint's path. */
function evaluateValue(
  spec: OperationSpec,
  p: Prepared,
  field: FieldSpec,
  value: unknown,
  items: readonly number[],
  variant: string | undefined,
  scan: Scan,
): void {
  const c = p.c;
  if (c.kind === 'additional') {
    const extra = field.additional;
    if (!isPlainObject(value) || extra === undefined || extra === 'allow') {
      return;
    }
    const known = knownKeys(spec, p, variant);
    for (const key in value) {
      if (!Object.hasOwn(value, key) || known.has(key)) {
        continue;
      }
      if (extra === 'forbid' || !fieldHolds(extra, value[key])) {
        flag(
          scan,
          c,
          `${pointerOf(p, c.path.length, items)}/${escapeSegment(key)}`,
          () => `property "${key}" is not allowed here`,
        );
        if (scan.stop) {
          return;
        }
      }
    }
    return;
  }
  let v = value;
  if (c.part) {
    const parts = typeof v === 'string' ? splitValue(c.part.split, v) : undefined;
    if (!parts) {
      return;
    }
    v = parts[c.part.name];
  }
  if (!p.holds(v)) {
    flag(scan, c, pointerOf(p, c.path.length, items), () => `${JSON.stringify(v)} is not ${c.description}`);
  }
}

/** The pointer of the first `n` steps of the path, with the item indexes the walk is at. */
function pointerOf(p: Prepared, n: number, items: readonly number[]): string {
  let out = '';
  let k = 0;
  for (let j = 0; j < n; j++) {
    const step = p.c.path[j] as PathStep;
    out += 'key' in step ? `/${p.escaped[j]}` : `/${items[k++]}`;
  }
  return out;
}

/**
 * Every place the path reaches from `node` at step `i` (array items fan out; a missing key is an absent
 * instance, flagged by `required` when its parent is an object). Pointers are built only for violations.
 * Key steps are followed in a loop, recursing only at item steps: the walk was the top self-time function of the
 * offline loop (7.5 %), once per request constraint and body, two to three bodies per generated case.
 */
function walk(
  spec: OperationSpec,
  p: Prepared,
  field: FieldSpec,
  node: unknown,
  from: number,
  items: number[],
  variant: string | undefined,
  scan: Scan,
): void {
  const keys = p.keys;
  const n = keys.length;
  let cur = node;
  for (let i = from; i < n; i++) {
    const key = keys[i];
    if (key === undefined) {
      if (Array.isArray(cur)) {
        for (let k = 0; k < cur.length; k++) {
          items.push(k);
          walk(spec, p, field, cur[k], i + 1, items, variant, scan);
          items.pop();
          if (scan.stop) {
            return;
          }
        }
      }
      return;
    }
    if (!isPlainObject(cur)) {
      return;
    }
    if (!Object.hasOwn(cur, key)) {
      if (p.required && i === n - 1) {
        flag(scan, p.c, pointerOf(p, i + 1, items), () => 'is missing');
      }
      return;
    }
    cur = cur[key];
  }
  if (!p.required) {
    evaluateValue(spec, p, field, cur, items, variant, scan);
  }
}

function evaluateOne(spec: OperationSpec, p: Prepared, body: unknown, variant: string | undefined, scan: Scan): void {
  const c = p.c;
  if (c.rule) {
    evaluateRule(c, c.rule, body, scan);
    return;
  }
  if (c.field) {
    walk(spec, p, c.field, body, 0, [], variant, scan);
  }
}

function selectFrom(plan: Plan, body: unknown): string | undefined {
  for (const [name, when] of plan.variants) {
    if (whenHolds(when, body)) {
      return name;
    }
  }
  return undefined;
}

/**
 * Consecutive field constraints on the same path of object keys (`/name`: type, required, length, charset, trim):
 * the path is followed once for all of them. Looking the keys up again per constraint was the top line of the
 * request scan (`Object.hasOwn` and the property read), which runs two to three times per generated case.
 */
interface Group {
  readonly keys: readonly string[];
  readonly members: readonly Prepared[];
}

/**
 * Consecutive field constraints on the same path through array items (`/tags/*`: type, format and four split-part
 * constraints): the items are found once, then each constraint goes over them in order, as its own walk would.
 */
interface ItemGroup {
  readonly steps: readonly (string | undefined)[];
  readonly itemMembers: readonly Prepared[];
}

/** A place an item path reaches: a present value, or a key missing at the last step; with its item indexes. */
interface Leaf {
  readonly value: unknown;
  readonly missing: boolean;
  readonly items: readonly number[];
}

type Entry = Prepared | Group | ItemGroup;

const NO_ITEMS: readonly number[] = [];

/** A field constraint whose path has only key steps, or undefined. */
function keyPath(p: Prepared): readonly string[] | undefined {
  if (!groupable(p)) {
    return undefined;
  }
  const keys: string[] = [];
  for (const key of p.keys) {
    if (key === undefined) {
      return undefined;
    }
    keys.push(key);
  }
  return keys;
}

function groupable(p: Prepared): boolean {
  return !p.c.rule && p.c.field !== undefined;
}

function sameKeys(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** Consecutive constraints of a list grouped by path (order kept: violations are listed in list order). */
function grouped(list: readonly Prepared[]): Entry[] {
  const out: Entry[] = [];
  let group: { keys: readonly string[]; members: Prepared[] } | undefined;
  let itemGroup: { steps: readonly (string | undefined)[]; itemMembers: Prepared[] } | undefined;
  for (const p of list) {
    const keys = keyPath(p);
    if (keys === undefined) {
      group = undefined;
      if (!groupable(p)) {
        itemGroup = undefined;
        out.push(p);
      } else if (itemGroup && sameKeys(itemGroup.steps, p.keys)) {
        itemGroup.itemMembers.push(p);
      } else {
        itemGroup = { steps: p.keys, itemMembers: [p] };
        out.push(itemGroup);
      }
    } else if (group && sameKeys(group.keys, keys)) {
      itemGroup = undefined;
      group.members.push(p);
    } else {
      itemGroup = undefined;
      group = { keys, members: [p] };
      out.push(group);
    }
  }
  return out;
}

/** The places an item path reaches from `node` at step `from`, in the order `walk` visits them. */
function leavesOf(
  steps: readonly (string | undefined)[],
  node: unknown,
  from: number,
  items: number[],
  out: Leaf[],
): void {
  const n = steps.length;
  let cur = node;
  for (let i = from; i < n; i++) {
    const key = steps[i];
    if (key === undefined) {
      if (Array.isArray(cur)) {
        for (let k = 0; k < cur.length; k++) {
          items.push(k);
          leavesOf(steps, cur[k], i + 1, items, out);
          items.pop();
        }
      }
      return;
    }
    if (!isPlainObject(cur)) {
      return;
    }
    if (!Object.hasOwn(cur, key)) {
      if (i === n - 1) {
        out.push({ value: undefined, missing: true, items: [...items] });
      }
      return;
    }
    cur = cur[key];
  }
  out.push({ value: cur, missing: false, items: [...items] });
}

/** Every constraint of an item group over the places its path reaches, each in turn, as `walk` does. */
function evaluateItemGroup(
  spec: OperationSpec,
  g: ItemGroup,
  body: unknown,
  variant: string | undefined,
  scan: Scan,
): void {
  const leaves: Leaf[] = [];
  leavesOf(g.steps, body, 0, [], leaves);
  if (leaves.length === 0) {
    return;
  }
  for (const p of g.itemMembers) {
    for (const leaf of leaves) {
      if (p.required) {
        if (leaf.missing) {
          flag(scan, p.c, pointerOf(p, p.keys.length, leaf.items), () => 'is missing');
        }
      } else if (!leaf.missing) {
        evaluateValue(spec, p, p.c.field as FieldSpec, leaf.value, leaf.items, variant, scan);
      }
      if (scan.stop) {
        return;
      }
    }
  }
}

/**
 * Every constraint of a group, as `walk` evaluates each: a key missing at the last step is flagged by `required`
 * members; a missing or non-object parent stops all; a present value goes to every other member, in order.
 */
function evaluateGroup(spec: OperationSpec, g: Group, body: unknown, variant: string | undefined, scan: Scan): void {
  const keys = g.keys;
  const n = keys.length;
  let cur = body;
  for (let i = 0; i < n; i++) {
    if (!isPlainObject(cur)) {
      return;
    }
    const key = keys[i] as string;
    if (!Object.hasOwn(cur, key)) {
      if (i === n - 1) {
        for (const p of g.members) {
          if (p.required) {
            flag(scan, p.c, pointerOf(p, n, NO_ITEMS), () => 'is missing');
            if (scan.stop) {
              return;
            }
          }
        }
      }
      return;
    }
    cur = cur[key];
  }
  for (const p of g.members) {
    if (!p.required) {
      evaluateValue(spec, p, p.c.field as FieldSpec, cur, NO_ITEMS, variant, scan);
      if (scan.stop) {
        return;
      }
    }
  }
}

/**
 * Variant constraints apply only to the variant the body selects; when it selects none, only the discriminator's
 * own enum/type constraints apply. Decided once per variant, not per constraint and body (scanRequest's own
 * time was 3.5 % of the offline loop).
 */
function applicableTo(plan: Plan, variant: string | undefined): readonly Entry[] {
  let list = plan.applicable.get(variant);
  if (!list) {
    list = grouped(
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

function scanRequest(spec: OperationSpec, constraints: readonly Constraint[], body: unknown, scan: Scan): void {
  const plan = planOf(spec, constraints);
  const variant = selectFrom(plan, body);
  for (const e of applicableTo(plan, variant)) {
    if ('members' in e) {
      evaluateGroup(spec, e, body, variant, scan);
    } else if ('itemMembers' in e) {
      evaluateItemGroup(spec, e, body, variant, scan);
    } else {
      evaluateOne(spec, e, body, variant, scan);
    }
    if (scan.stop) {
      return;
    }
  }
}

/**
 * Every request constraint a body breaks, each evaluated on its own (a wrong type is not also a range error).
 * Variant constraints apply only to the variant the body selects; when it selects none, only the discriminator's
 * own constraints apply.
 */
export function evaluateRequest(spec: OperationSpec, constraints: readonly Constraint[], body: unknown): Violation[] {
  const scan: Scan = { mode: 'all', id: '', out: [], stop: false, hit: false };
  scanRequest(spec, constraints, body, scan);
  return scan.out;
}

/** Whether a body breaks no request constraint: `evaluateRequest(...).length === 0`, stopping at the first. */
export function requestValid(spec: OperationSpec, constraints: readonly Constraint[], body: unknown): boolean {
  const scan: Scan = { mode: 'any', id: '', out: [], stop: false, hit: false };
  scanRequest(spec, constraints, body, scan);
  return !scan.stop;
}

/**
 * Whether the constraints a body breaks are exactly `constraintId` (the set of ids of `evaluateRequest`),
 * stopping at the first violation of another constraint.
 */
export function breaksOnly(
  spec: OperationSpec,
  constraints: readonly Constraint[],
  body: unknown,
  constraintId: string,
): boolean {
  const scan: Scan = { mode: 'only', id: constraintId, out: [], stop: false, hit: false };
  scanRequest(spec, constraints, body, scan);
  return !scan.stop && scan.hit;
}

/** Every response constraint of one status that a response body breaks. */
export function evaluateResponse(
  spec: OperationSpec,
  constraints: readonly Constraint[],
  status: number,
  body: unknown,
): Violation[] {
  const scan: Scan = { mode: 'all', id: '', out: [], stop: false, hit: false };
  for (const p of planOf(spec, constraints).response) {
    if (p.c.status === status) {
      evaluateOne(spec, p, body, undefined, scan);
    }
  }
  return scan.out;
}
