/**
 * The scan step of the evaluator: a plan (./plan.ts) applied to one body. The walker (./walk.ts) finds the places
 * each group's path reaches; the kinds' predicates (./holds.ts) judge the values there; cross-field rules are judged
 * on the body. Where violations go depends on the question asked (`Scan`).
 */

import { escapeSegment, valueAtPointer } from '../../json/pointer.js';
import { isPlainObject } from '../../json/value.js';
import type { Constraint, PathStep } from '../../model/compiled.js';
import type { OperationSpec, RuleSpec } from '../../model/spec.js';
import { splitValue } from '../patterns.js';
import { fieldHolds } from './holds.js';
import { applicableTo, type Entry, type Group, knownKeys, type Plan, type Prepared } from './plan.js';
import { firstVariant, whenHolds } from './variants.js';
import { Places, placesOf } from './walk.js';

/** A constraint broken by a body, at a JSON pointer. */
export interface Violation {
  readonly constraintId: string;
  readonly pointer: string;
  readonly message: string;
}

/**
 * Where the results of a scan go. `all`: every violation, with its message. `any`: stop at the first violation.
 * `only`: stop at the first violation of another constraint than `id`, and note whether `id` was broken.
 */
export interface Scan {
  readonly mode: 'all' | 'any' | 'only';
  readonly id: string;
  readonly out: Violation[];
  /** A violation was found (any), or one of another constraint (only): the scan stops. */
  stop: boolean;
  /** only: constraint `id` was broken. */
  hit: boolean;
}

/** A fresh scan for one question. */
export function newScan(mode: Scan['mode'], id = ''): Scan {
  return { mode, id, out: [], stop: false, hit: false };
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

/** The request entries that apply to a body (by the variant it selects), scanned in list order. */
export function scanRequest(plan: Plan, body: unknown, scan: Scan): void {
  const variant = firstVariant(plan.variants, body);
  scanEntries(plan.spec, applicableTo(plan, variant), body, variant, scan);
}

/** The response entries of one status, scanned in list order. */
export function scanResponse(plan: Plan, status: number, body: unknown, scan: Scan): void {
  scanEntries(plan.spec, plan.response.get(status) ?? [], body, undefined, scan);
}

function scanEntries(
  spec: OperationSpec,
  entries: readonly Entry[],
  body: unknown,
  variant: string | undefined,
  scan: Scan,
): void {
  for (const e of entries) {
    if ('rule' in e) {
      scanRule(e.rule.c, e.rule.c.rule as RuleSpec, body, scan);
    } else {
      scanGroup(spec, e.group, body, variant, scan);
    }
    if (scan.stop) {
      return;
    }
  }
}

/**
 * Every member of a group over every place its path reaches, member by member (so violations come in list order,
 * as if each constraint were walked on its own): a `required` member flags a missing last key; every other member
 * judges each present value.
 */
function scanGroup(spec: OperationSpec, g: Group, body: unknown, variant: string | undefined, scan: Scan): void {
  // One Places for every group: nothing judged below scans again, so it is free once this group is done.
  const places = placesOf(g.steps, body, scratch);
  const n = places.count;
  for (const p of g.members) {
    for (let i = 0; i < n; i++) {
      if (places.missing[i]) {
        if (p.required) {
          flag(scan, p.c, pointerOf(p, places.items[i] as readonly number[]), () => 'is missing');
        }
      } else if (!p.required) {
        scanValue(spec, p, places.values[i], places.items[i] as readonly number[], variant, scan);
      }
      if (scan.stop) {
        return;
      }
    }
  }
}

const scratch = new Places();

/** A present value at the end of a constraint's path. */
function scanValue(
  spec: OperationSpec,
  p: Prepared,
  value: unknown,
  items: readonly number[],
  variant: string | undefined,
  scan: Scan,
): void {
  const c = p.c;
  if (c.kind === 'additional') {
    const extra = c.field?.additional;
    if (!isPlainObject(value) || extra === undefined || extra === 'allow') {
      return;
    }
    const known = knownKeys(spec, p, variant);
    for (const key in value) {
      if (!Object.hasOwn(value, key) || known.has(key)) {
        continue;
      }
      if (extra === 'forbid' || !fieldHolds(extra, value[key])) {
        flag(scan, c, `${pointerOf(p, items)}/${escapeSegment(key)}`, () => `property "${key}" is not allowed here`);
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
    flag(scan, c, pointerOf(p, items), () => `${JSON.stringify(v)} is not ${c.description}`);
  }
}

/** Cross-field rules (src/model/spec.ts `RuleSpec`): at most one of `fields`; `then` when `when` holds. */
function scanRule(c: Constraint, rule: RuleSpec, body: unknown, scan: Scan): void {
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

/** The pointer of a constraint's path with the item indexes of a place. */
function pointerOf(p: Prepared, items: readonly number[]): string {
  let out = '';
  let k = 0;
  const path = p.c.path;
  for (let j = 0; j < path.length; j++) {
    out += 'key' in (path[j] as PathStep) ? `/${p.escaped[j]}` : `/${items[k++]}`;
  }
  return out;
}
