import type { Constraint, PathStep } from '../model/compiled.js';
import type { FieldSpec, FieldType, OperationSpec, RuleSpec, VariantSpec } from '../model/spec.js';
import { charsetPattern, splitValue, trimPattern } from './patterns.js';
import { pointerSegments } from './request-schema.js';

/** A constraint broken by a body, at a JSON pointer. */
export interface Violation {
  readonly constraintId: string;
  readonly pointer: string;
  readonly message: string;
}

interface Instance {
  readonly value: unknown;
  readonly present: boolean;
  readonly parent: unknown;
  readonly pointer: string;
}

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every place a path reaches in a body: array items fan out; a missing key is an absent instance. */
function instances(root: unknown, path: readonly PathStep[]): Instance[] {
  let current: Instance[] = [{ value: root, present: true, parent: undefined, pointer: '' }];
  for (const step of path) {
    const next: Instance[] = [];
    for (const inst of current) {
      if ('key' in step) {
        if (isPlainObject(inst.value)) {
          const present = Object.hasOwn(inst.value, step.key);
          const pointer = `${inst.pointer}/${escapeKey(step.key)}`;
          next.push({ value: present ? inst.value[step.key] : undefined, present, parent: inst.value, pointer });
        }
      } else if (Array.isArray(inst.value)) {
        inst.value.forEach((value, i) => {
          next.push({ value, present: true, parent: inst.value, pointer: `${inst.pointer}/${i}` });
        });
      }
    }
    current = next;
  }
  return current;
}

/** The JSON type of a value as JSON Schema names it (integers are also numbers). */
export function jsonTypeOf(value: unknown): FieldType {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value as FieldType;
}

export function typeMatches(field: FieldSpec, value: unknown): boolean {
  const types = Array.isArray(field.type) ? field.type : [field.type as FieldType];
  const actual = jsonTypeOf(value);
  if (actual === 'null' && field.nullable) {
    return true;
  }
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

const length = (s: string) => [...s].length;
const regexCache = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let r = regexCache.get(source);
  if (!r) {
    r = new RegExp(source, 'u');
    regexCache.set(source, r);
  }
  return r;
}

/** Whether one field-level constraint of `kind` holds for a present value (other kinds: true). */
export function fieldConstraintHolds(kind: Constraint['kind'], field: FieldSpec, value: unknown): boolean {
  switch (kind) {
    case 'type':
      return typeMatches(field, value);
    case 'length':
      return typeof value !== 'string' || inBounds(length(value), field.length);
    case 'count':
      return !Array.isArray(value) || inBounds(value.length, field.count);
    case 'range':
      return typeof value !== 'number' || inBounds(value, field.range);
    case 'enum': {
      const values = field.enum?.values ?? [];
      const sameType = values.some((v) => typeof v === typeof value);
      return !sameType || values.includes(value as string);
    }
    case 'charset':
      return typeof value !== 'string' || !field.charset || regex(charsetPattern(field.charset)).test(value);
    case 'trim':
      return typeof value !== 'string' || !field.trim || regex(trimPattern(field.trim)).test(value);
    case 'format': {
      if (typeof value !== 'string') {
        return true;
      }
      if (field.format) {
        return regex(field.format.pattern).test(value);
      }
      return !field.split || value.includes(field.split.separator);
    }
    default:
      return true;
  }
}

function inBounds(n: number, b: { min?: number; max?: number } | undefined): boolean {
  return (b?.min === undefined || n >= b.min) && (b?.max === undefined || n <= b.max);
}

/** Whether a value satisfies every simple constraint of a field (used for the extra-property rule). */
function fieldHolds(field: FieldSpec, value: unknown): boolean {
  const kinds = ['type', 'length', 'range', 'enum', 'charset', 'trim', 'format', 'count'] as const;
  return kinds.every((k) => fieldConstraintHolds(k, field, value));
}

function valueAtPointer(body: unknown, pointer: string): { present: boolean; value: unknown } {
  let value = body;
  for (const key of pointerSegments(pointer)) {
    if (!isPlainObject(value) || !Object.hasOwn(value, key)) {
      return { present: false, value: undefined };
    }
    value = value[key];
  }
  return { present: true, value };
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
  const segs = pointerSegments(pointer);
  return a.length === segs.length && a.every((s, i) => 'key' in s && s.key === segs[i]);
}

/** Names of properties an object may hold at `path` (shared fields plus the selected variant's). */
function knownKeys(spec: OperationSpec, c: Constraint, variant: string | undefined): Set<string> {
  if (c.path.length === 0 && spec.request) {
    const v = variant ? spec.request.variants?.[variant] : undefined;
    return new Set([...Object.keys(spec.request.fields), ...Object.keys(v?.fields ?? {})]);
  }
  return new Set(Object.keys(c.field?.fields ?? {}));
}

function evaluateOne(spec: OperationSpec, c: Constraint, body: unknown, variant: string | undefined): Violation[] {
  const out: Violation[] = [];
  const flag = (pointer: string, message: string) => out.push({ constraintId: c.id, pointer, message });
  if (c.rule) {
    const rule = c.rule;
    if (rule.kind === 'exclusive') {
      const present = (rule.fields ?? []).filter((f) => isPlainObject(body) && Object.hasOwn(body, f));
      if (present.length > 1) {
        flag('', `has ${present.join(' and ')}; at most one is allowed`);
      }
    } else if (rule.when && whenHolds(rule.when, body)) {
      for (const p of rule.then?.required ?? []) {
        if (!valueAtPointer(body, p).present) {
          flag(
            p,
            `${p} is required when ${rule.when.pointer} is ${JSON.stringify(valueAtPointer(body, rule.when.pointer).value)}`,
          );
        }
      }
      for (const p of rule.then?.forbidden ?? []) {
        if (valueAtPointer(body, p).present) {
          flag(
            p,
            `${p} is not allowed when ${rule.when.pointer} is ${JSON.stringify(valueAtPointer(body, rule.when.pointer).value)}`,
          );
        }
      }
    }
    return out;
  }
  const field = c.field;
  if (!field) {
    return out;
  }
  for (const inst of instances(body, c.path)) {
    if (c.kind === 'required') {
      if (!inst.present && isPlainObject(inst.parent)) {
        flag(inst.pointer, 'is missing');
      }
      continue;
    }
    if (!inst.present) {
      continue;
    }
    if (c.kind === 'additional') {
      if (!isPlainObject(inst.value)) {
        continue;
      }
      const known = knownKeys(spec, c, variant);
      for (const [key, value] of Object.entries(inst.value)) {
        const extra = field.additional;
        if (known.has(key) || extra === undefined || extra === 'allow') {
          continue;
        }
        if (extra === 'forbid' || !fieldHolds(extra, value)) {
          flag(`${inst.pointer}/${escapeKey(key)}`, `property "${key}" is not allowed here`);
        }
      }
      continue;
    }
    let value = inst.value;
    if (c.part) {
      const parts = typeof value === 'string' ? splitValue(c.part.split, value) : undefined;
      if (!parts) {
        continue;
      }
      value = parts[c.part.name];
    }
    if (!fieldConstraintHolds(c.kind, field, value)) {
      flag(inst.pointer, `${JSON.stringify(value)} is not ${c.description}`);
    }
  }
  return out;
}

/**
 * Every request constraint a body breaks, each evaluated on its own (a wrong type is not also a range error).
 * Variant constraints apply only to the variant the body selects; when it selects none, only the discriminator's
 * own constraints apply.
 */
export function evaluateRequest(spec: OperationSpec, constraints: readonly Constraint[], body: unknown): Violation[] {
  const variant = selectVariant(spec, body);
  const discriminators = Object.values(spec.request?.variants ?? {}).map((v) => v.when.pointer);
  const out: Violation[] = [];
  for (const c of constraints) {
    if (c.side !== 'request' || c.violations.length === 0) {
      continue;
    }
    if (c.variants && !(variant && c.variants.includes(variant))) {
      const isDiscriminator = variant === undefined && discriminators.some((p) => samePath(c.path, p));
      if (!isDiscriminator || (c.kind !== 'enum' && c.kind !== 'type')) {
        continue;
      }
    }
    out.push(...evaluateOne(spec, c, body, variant));
  }
  return out;
}

/** Every response constraint of one status that a response body breaks. */
export function evaluateResponse(
  spec: OperationSpec,
  constraints: readonly Constraint[],
  status: number,
  body: unknown,
): Violation[] {
  const out: Violation[] = [];
  for (const c of constraints) {
    if (c.side === 'response' && c.status === status && c.kind !== 'default' && c.kind !== 'echo') {
      out.push(...evaluateOne(spec, c, body, undefined));
    }
  }
  return out;
}
