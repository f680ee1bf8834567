import fc from 'fast-check';
import { selectVariant } from '../src/compile/evaluate.js';
import { splitValue } from '../src/compile/patterns.js';
import { judgeUnderReadings, readingBounds } from '../src/compile/readings.js';
import type { CompiledOperation, Constraint, ViolationKind } from '../src/model/compiled.js';
import type { GeneratedCase, GenerationContext } from './case.js';
import { fillerChar } from './fields/chars.js';
import { fieldArbitrary, leafArbitrary } from './fields/field.js';
import { pathParamsOf, validBodyArbitrary, variantFields, withField } from './valid.js';
import { editAt } from './violations/location.js';

/** Seed of the canonical base body boundaries are built on: fixed, so boundaries are the same every run. */
const BASE_SEED = 20_260_101;

interface Bound {
  readonly value: number;
  readonly expect: 'accept' | 'reject';
  readonly name: 'min' | 'max' | 'min-1' | 'max+1' | 'reading min' | 'reading max' | 'reading min-1' | 'reading max+1';
}

/**
 * The enforced reading's min, max, min−1, max+1, then every other reading's edges (an erratum's readings: 1–128
 * next to 1–255), each expected as the enforced reading says; whether it is disputed is judged per value.
 */
function boundsOf(c: Constraint, variant: string | undefined): Bound[] {
  const block = c.kind === 'length' ? c.field?.length : c.kind === 'range' ? c.field?.range : c.field?.count;
  const out: Bound[] = [...ownBounds(c, block)];
  const seen = new Set(out.map((b) => b.value));
  for (const r of readingBounds(c, variant)) {
    for (const b of ownBounds(c, r)) {
      if (!seen.has(b.value) && b.value >= 0) {
        seen.add(b.value);
        const inside =
          (block?.min === undefined || b.value >= block.min) && (block?.max === undefined || b.value <= block.max);
        out.push({ value: b.value, expect: inside ? 'accept' : 'reject', name: `reading ${b.name}` as Bound['name'] });
      }
    }
  }
  return out;
}

function ownBounds(c: Constraint, block: { min?: number; max?: number } | undefined): Bound[] {
  const out: Bound[] = [];
  if (block?.min !== undefined) {
    out.push({ value: block.min, expect: 'accept', name: 'min' });
    if (block.min > 0 || c.kind === 'range') {
      out.push({ value: block.min - 1, expect: 'reject', name: 'min-1' });
    }
  }
  if (block?.max !== undefined) {
    out.push({ value: block.max, expect: 'accept', name: 'max' });
    out.push({ value: block.max + 1, expect: 'reject', name: 'max+1' });
  }
  return out;
}

function boundaryValue(c: Constraint, n: number, current: unknown, item: unknown): unknown {
  const field = c.field;
  if (!field) {
    return current;
  }
  if (c.kind === 'range') {
    return n;
  }
  if (c.kind === 'count') {
    return Array.from({ length: n }, () => item);
  }
  const text = fillerChar(field).repeat(n);
  if (c.part) {
    const parts = typeof current === 'string' ? splitValue(c.part.split, current) : undefined;
    return parts ? Object.values({ ...parts, [c.part.name]: text }).join(c.part.split.separator) : current;
  }
  return text;
}

/** A boundary case with a stable key (constraint id, bound, variant): the same key in every call. */
export interface BoundaryCase extends GeneratedCase {
  readonly key: string;
}

function violationOf(c: Constraint, value: number): ViolationKind {
  const block = c.kind === 'length' ? c.field?.length : c.kind === 'range' ? c.field?.range : c.field?.count;
  const below = block?.min !== undefined && value < block.min;
  return c.kind === 'range' ? (below ? 'range_below' : 'range_above') : below ? 'length_below' : 'length_above';
}

function boundaryCasesOf(
  op: CompiledOperation,
  c: Constraint,
  variant: string | undefined,
  ctx: GenerationContext,
  pathParams: Readonly<Record<string, string>>,
  request: NonNullable<CompiledOperation['spec']['request']>,
): BoundaryCase[] {
  const out: BoundaryCase[] = [];
  const [base] = fc.sample(validBodyArbitrary(op, ctx, variant), { numRuns: 1, seed: BASE_SEED });
  const [top] = c.path;
  const topField =
    top && 'key' in top
      ? variantFields(request, variant ? request.variants?.[variant] : undefined)[top.key]
      : undefined;
  if (!base || !top || !('key' in top) || !topField) {
    return out;
  }
  const [topValue] = fc.sample(
    fieldArbitrary(topField, ctx).filter((v) => !Array.isArray(v) || v.length > 0),
    { numRuns: 1, seed: BASE_SEED },
  );
  // The value the edit starts from: an item for an item count, the whole `key.value` string for a split part.
  const leafArb =
    c.kind === 'count' && c.field?.items
      ? fieldArbitrary(c.field.items, ctx)
      : c.field
        ? leafArbitrary(c.field, c.part, ctx)
        : undefined;
  const [leaf] = leafArb ? fc.sample(leafArb, { numRuns: 1, seed: BASE_SEED }) : [];
  const withTop = withField(request, base, top.key, topValue);
  // The variant the body really is (a field common to every variant is built on whichever the base is).
  const actual = variant ?? selectVariant(op.spec, withTop);
  for (const b of boundsOf(c, variant)) {
    let edited: unknown;
    const body = editAt(
      withTop,
      c.path,
      {
        set: (cur) => {
          edited = boundaryValue(c, b.value, cur, leaf);
          return edited;
        },
      },
      leaf,
    );
    const judged = c.readings && !c.part ? judgeUnderReadings(c, edited, actual ? { variant: actual } : {}) : 'valid';
    const disputed = judged === 'disputed' ? c.erratum : undefined;
    out.push({
      key: `${c.id}:${b.name}=${b.value}${variant ? `:${variant}` : ''}`,
      operationId: op.id,
      expect: b.expect,
      body,
      pathParams,
      constraintId: c.id,
      ...(b.expect === 'reject' ? { violation: violationOf(c, b.value) } : {}),
      label: `${c.pointer} at ${b.name} = ${b.value} (${b.expect}${disputed ? `, disputed: ${disputed}` : ''}; documented ${c.description})`,
      citation: c.citation,
      ...(disputed ? { disputed } : {}),
      ...(actual ? { variant: actual } : {}),
    });
  }
  return out;
}

/**
 * The disputed zone of an enum erratum, sent deterministically: each value another reading lists and the enforced one
 * does not (architecture "Arm", from IMG.0212), expected as the enforced reading says and marked disputed.
 */
function readingValueCases(
  op: CompiledOperation,
  c: Constraint,
  ctx: GenerationContext,
  pathParams: Readonly<Record<string, string>>,
): BoundaryCase[] {
  const [top] = c.path;
  const variant = c.variants?.[0];
  const [base] = fc.sample(validBodyArbitrary(op, ctx, variant), { numRuns: 1, seed: BASE_SEED });
  if (!base || !top || !('key' in top) || c.path.length !== 1 || c.part) {
    return [];
  }
  const primary = c.field?.enum?.values ?? [];
  const values = [...new Set((c.readings ?? []).flatMap((r) => r.values ?? []))].filter((v) => !primary.includes(v));
  return values.map((value) => {
    // Set, not withField (which keeps a value the base already has).
    const body = { ...(base as Record<string, unknown>), [top.key]: value };
    const disputed = judgeUnderReadings(c, value, variant ? { variant } : {}) === 'disputed' ? c.erratum : undefined;
    return {
      key: `${c.id}:reading=${JSON.stringify(value)}${variant ? `:${variant}` : ''}`,
      operationId: op.id,
      expect: 'reject' as const,
      body,
      pathParams,
      constraintId: c.id,
      violation: 'enum_miss' as const,
      label: `${c.pointer} = ${JSON.stringify(value)} (another reading's value${disputed ? `, disputed: ${disputed}` : ''}; documented ${c.description})`,
      citation: c.citation,
      ...(disputed ? { disputed } : {}),
      ...(variant ? { variant } : {}),
    };
  });
}

/**
 * The boundary cases of an operation: min, max (accepted) and min−1, max+1 (refused) of every length, range and
 * item count of the request, built on one canonical valid body. A plain list, so they always run.
 */
export function boundaryCases(op: CompiledOperation, ctx: GenerationContext): BoundaryCase[] {
  const request = op.spec.request;
  if (!request) {
    return [];
  }
  const out: BoundaryCase[] = [];
  const pathParams = pathParamsOf(op, ctx);
  for (const c of op.constraints) {
    if (c.side === 'request' && c.kind === 'enum' && c.readings) {
      out.push(...readingValueCases(op, c, ctx, pathParams));
      continue;
    }
    if (c.side !== 'request' || !['length', 'range', 'count'].includes(c.kind)) {
      continue;
    }
    // A reading scoped to one body variant (quick import's data min_disk) splits the boundaries per variant: each
    // variant's body is judged under the readings that apply to it.
    const scoped = (c.readings ?? []).some((r) => r.variants);
    const variants = scoped ? (c.variants ?? Object.keys(request.variants ?? {})) : [c.variants?.[0]];
    for (const variant of variants) {
      out.push(...boundaryCasesOf(op, c, variant, ctx, pathParams, request));
    }
  }
  return out;
}
