import fc from 'fast-check';
import { splitValue } from '../src/compile/patterns.js';
import type { CompiledOperation, Constraint } from '../src/model/compiled.js';
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
  readonly name: 'min' | 'max' | 'min-1' | 'max+1';
}

function boundsOf(c: Constraint): Bound[] {
  const block = c.kind === 'length' ? c.field?.length : c.kind === 'range' ? c.field?.range : c.field?.count;
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

/**
 * The boundary cases of an operation: min, max (accepted) and min−1, max+1 (refused) of every length, range and
 * item count of the request, built on one canonical valid body. A plain list, so they always run.
 */
export function boundaryCases(op: CompiledOperation, ctx: GenerationContext): GeneratedCase[] {
  const request = op.spec.request;
  if (!request) {
    return [];
  }
  const out: GeneratedCase[] = [];
  const pathParams = pathParamsOf(op, ctx);
  for (const c of op.constraints) {
    if (c.side !== 'request' || !['length', 'range', 'count'].includes(c.kind)) {
      continue;
    }
    const variant = c.variants?.[0];
    const [base] = fc.sample(validBodyArbitrary(op, ctx, variant), { numRuns: 1, seed: BASE_SEED });
    const [top] = c.path;
    const topField =
      top && 'key' in top
        ? variantFields(request, variant ? request.variants?.[variant] : undefined)[top.key]
        : undefined;
    if (!base || !top || !('key' in top) || !topField) {
      continue;
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
    for (const b of boundsOf(c)) {
      const body = editAt(withTop, c.path, { set: (cur) => boundaryValue(c, b.value, cur, leaf) }, leaf);
      out.push({
        operationId: op.id,
        expect: b.expect,
        body,
        pathParams,
        constraintId: c.id,
        ...(b.expect === 'reject'
          ? {
              violation:
                b.name === 'min-1'
                  ? c.kind === 'range'
                    ? 'range_below'
                    : 'length_below'
                  : c.kind === 'range'
                    ? 'range_above'
                    : 'length_above',
            }
          : {}),
        label: `${c.pointer} at ${b.name} = ${b.value} (${b.expect}; documented ${c.description})`,
        citation: c.citation,
        ...(variant ? { variant } : {}),
      });
    }
  }
  return out;
}
