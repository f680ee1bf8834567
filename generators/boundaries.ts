import fc from 'fast-check';
import { breaksOnly, selectVariant } from '../src/compile/evaluate.js';
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

/**
 * `n` characters the field allows; a run's name (`fixture: run_name`) starts with the run prefix whenever it fits,
 * so cleanup finds what the case created (issue 18, point 3). Shorter names are the case's point: the run's
 * creation guard (src/run/create-guard.ts) records them in the ledger before they are sent.
 */
function filledName(c: Constraint, n: number, prefix: string | undefined): string {
  const field = c.field;
  const filler = field ? fillerChar(field) : 'a';
  if (field?.fixture === 'run_name' && !c.part && prefix && n >= prefix.length) {
    return prefix + filler.repeat(n - prefix.length);
  }
  return filler.repeat(n);
}

function boundaryValue(c: Constraint, n: number, current: unknown, item: unknown, prefix?: string): unknown {
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
  const text = filledName(c, n, prefix);
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
          edited = boundaryValue(c, b.value, cur, leaf, ctx.namePrefix);
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
 * The length boundary of the extra properties a request may carry (002's NOTE: "Parameters in the request body are
 * strings of no more than 255 characters"): an extra string of max characters is accepted, of max+1 refused.
 */
function extraLengthCases(
  op: CompiledOperation,
  c: Constraint,
  ctx: GenerationContext,
  pathParams: Readonly<Record<string, string>>,
): BoundaryCase[] {
  const extra = op.spec.request?.additional;
  const max = typeof extra === 'object' ? extra.length?.max : undefined;
  const [base] = fc.sample(validBodyArbitrary(op, ctx, undefined), { numRuns: 1, seed: BASE_SEED });
  if (max === undefined || !base) {
    return [];
  }
  return [
    { n: max, expect: 'accept' as const },
    { n: max + 1, expect: 'reject' as const },
  ].map(({ n, expect }) => ({
    key: `${c.id}:extra-length=${n}`,
    operationId: op.id,
    expect,
    body: { ...(base as Record<string, unknown>), x_conformance_extra: 'x'.repeat(n) },
    pathParams,
    constraintId: c.id,
    ...(expect === 'reject' ? { violation: 'extra_property' as const } : {}),
    label: `/x_conformance_extra of ${n} characters (${expect}; documented extra properties: strings of at most ${max})`,
    citation: c.citation,
  }));
}

/**
 * The edges of an enum, sent every run like the boundaries of a range: each value another reading of its erratum
 * lists (architecture "Arm", disputed), each value another page names for the field (visibility public and shared,
 * Image Attributes) and the plain lower- and upper-case variants of the first listed values ("linux" for Linux) —
 * the wrong values a real service most plausibly accepts. Expected as the enforced reading says; kept only when the
 * body breaks this constraint alone.
 */
function enumEdgeCases(
  op: CompiledOperation,
  c: Constraint,
  ctx: GenerationContext,
  pathParams: Readonly<Record<string, string>>,
): BoundaryCase[] {
  const variant = c.variants?.[0];
  const [base] = fc.sample(validBodyArbitrary(op, ctx, variant), { numRuns: 1, seed: BASE_SEED });
  if (!base || c.path.length === 0 || c.part || c.path.some((step) => !('key' in step))) {
    return [];
  }
  const listed = c.field?.enum?.values ?? [];
  const strings = listed.filter((v): v is string => typeof v === 'string' && v.toLowerCase() !== v.toUpperCase());
  const edges: { value: unknown; why: string; violation: 'enum_miss' | 'enum_case' }[] = [
    ...(c.readings ?? []).flatMap((r) =>
      (r.values ?? []).map((value) => ({ value, why: "another reading's value", violation: 'enum_miss' as const })),
    ),
    ...(c.field?.enum?.examplesOutside ?? []).map((value) => ({
      value,
      why: 'named by another page',
      violation: 'enum_miss' as const,
    })),
    ...(c.field?.enum?.caseSensitive === false ? [] : strings.slice(0, 2)).flatMap((v) => [
      { value: v.toLowerCase(), why: 'lower case', violation: 'enum_case' as const },
      { value: v.toUpperCase(), why: 'upper case', violation: 'enum_case' as const },
    ]),
  ];
  const seen = new Set<unknown>(listed);
  const out: BoundaryCase[] = [];
  for (const edge of edges) {
    if (seen.has(edge.value)) {
      continue;
    }
    seen.add(edge.value);
    const body = editAt(base, c.path, { set: () => edge.value }, undefined);
    if (!breaksOnly(op.spec, op.constraints, body, c.id)) {
      continue;
    }
    const disputed =
      c.readings && judgeUnderReadings(c, edge.value, variant ? { variant } : {}) === 'disputed'
        ? c.erratum
        : undefined;
    out.push({
      key: `${c.id}:edge=${JSON.stringify(edge.value)}${variant ? `:${variant}` : ''}`,
      operationId: op.id,
      expect: 'reject',
      body,
      pathParams,
      constraintId: c.id,
      violation: edge.violation,
      // The constraint id, not its description: a long value list is described with an ellipsis, and test names
      // must be whole.
      label: `${c.pointer} = ${JSON.stringify(edge.value)} (${edge.why}${disputed ? `, disputed: ${disputed}` : ''}; not one of the values of ${c.id})`,
      citation: c.citation,
      ...(disputed ? { disputed } : {}),
      ...(variant ? { variant } : {}),
    });
  }
  return out;
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
    if (c.side === 'request' && c.kind === 'enum') {
      out.push(...enumEdgeCases(op, c, ctx, pathParams));
      continue;
    }
    if (c.side === 'request' && c.kind === 'additional' && c.path.length === 0) {
      out.push(...extraLengthCases(op, c, ctx, pathParams));
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
