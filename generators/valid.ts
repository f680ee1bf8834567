import fc from 'fast-check';
import { requestValid, whenHolds } from '../src/compile/evaluate.js';
import { cachedSegmentsOf, segmentsOf } from '../src/json/pointer.js';
import { isPlainObject } from '../src/json/value.js';
import type { CompiledOperation } from '../src/model/compiled.js';
import type { FieldSpec, RequestBodySpec, VariantSpec } from '../src/model/spec.js';
import type { GenerationContext } from './case.js';
import { fieldArbitraryKeyed, recordArbitrary } from './fields/field.js';
import { contextKey, memo } from './memo.js';

type Body = Record<string, unknown>;

/** The fields of one variant: shared fields, the variant's own, and the discriminator pinned to its values. */
export function variantFields(request: RequestBodySpec, variant: VariantSpec | undefined): Record<string, FieldSpec> {
  const fields: Record<string, FieldSpec> = { ...request.fields, ...(variant?.fields ?? {}) };
  const [key, ...deeper] = variant ? segmentsOf(variant.when.pointer) : [];
  if (variant && key !== undefined && deeper.length === 0) {
    const base = fields[key] ?? { type: 'string' as const, cite: variant.cite };
    fields[key] = {
      ...base,
      enum: { ...(base.enum ?? { cite: variant.cite }), values: [...variant.when.in] },
      required: !variant.when.absent,
    };
  }
  return fields;
}

/**
 * The first segment of a rule's pointer, split once per pointer: applyRules runs per generated body and split
 * its rules' pointers every time (1.9 % of the offline loop).
 */
function firstSegment(pointer: string): string | undefined {
  return cachedSegmentsOf(pointer)[0];
}

/**
 * Applies the cross-field rules to a generated body: at most one exclusive field, conditions satisfied. The body
 * is the fresh object its caller just built, changed in place (no third copy of every generated body).
 */
function applyRules(request: RequestBodySpec, out: Body, extras: Body, prefer?: string): Body {
  for (const rule of request.rules ?? []) {
    if (rule.kind === 'exclusive') {
      const present = (rule.fields ?? []).filter((f) => Object.hasOwn(out, f));
      const kept = prefer && present.includes(prefer) ? prefer : present[0];
      for (const f of present.filter((p) => p !== kept)) {
        delete out[f];
      }
    } else if (rule.when && rule.then) {
      // The evaluator's reading of a condition (src/compile/evaluate/variants.ts), not a second one.
      if (whenHolds(rule.when, out)) {
        for (const p of rule.then.required ?? []) {
          const k = firstSegment(p);
          if (k !== undefined && !Object.hasOwn(out, k)) {
            out[k] = extras[k];
          }
        }
        for (const p of rule.then.forbidden ?? []) {
          const k = firstSegment(p);
          if (k !== undefined) {
            delete out[k];
          }
        }
      }
    }
  }
  return out;
}

/**
 * Arbitrary of valid request bodies of an operation (optionally of one variant): every field within its
 * constraints, optional fields present or absent, extra properties where the document allows them, rules kept.
 * Every value is checked against the constraint list, so a generator bug cannot pass as a valid case.
 */
export function validBodyArbitrary(
  op: CompiledOperation,
  ctx: GenerationContext,
  variant?: string,
  prefer?: string,
): fc.Arbitrary<Body> {
  return memo(contextKey(ctx), ['valid', op, variant, prefer], () =>
    candidateBodyArbitrary(op, ctx, variant, prefer).filter((body) => requestValid(op.spec, op.constraints, body)),
  );
}

/**
 * The bodies validBodyArbitrary draws from, before the check against the constraint list: for callers that
 * check their own result anyway (an invalid case must break exactly its constraint), one evaluation less.
 */
export function candidateBodyArbitrary(
  op: CompiledOperation,
  ctx: GenerationContext,
  variant?: string,
  prefer?: string,
): fc.Arbitrary<Body> {
  const key = contextKey(ctx);
  return memo(key, ['candidate', op, variant, prefer], () => buildCandidateBody(op, ctx, key, variant, prefer));
}

function buildCandidateBody(
  op: CompiledOperation,
  ctx: GenerationContext,
  key: string,
  variant?: string,
  prefer?: string,
): fc.Arbitrary<Body> {
  const request = op.spec.request;
  if (!request) {
    return fc.constant({});
  }
  const variants = Object.entries(request.variants ?? {}).filter(([name]) => variant === undefined || name === variant);
  const shapes =
    variants.length > 0 ? variants.map(([, v]) => variantFields(request, v)) : [variantFields(request, undefined)];
  const ruleFields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const rule of request.rules ?? []) {
    for (const p of rule.then?.required ?? []) {
      const [k] = segmentsOf(p);
      const field = k === undefined ? undefined : (shapes[0]?.[k] ?? request.fields[k]);
      if (k !== undefined && field) {
        ruleFields[k] = fieldArbitraryKeyed(field, ctx, key);
      }
    }
  }
  const extra = request.additional;
  const extras =
    typeof extra === 'object'
      ? fc.option(
          fc.dictionary(fc.constantFrom('x_conformance_a', 'x_conformance_b'), fieldArbitraryKeyed(extra, ctx, key)),
          {
            nil: undefined,
          },
        )
      : fc.constant(undefined);
  const bodies = fc.oneof(...shapes.map((fields) => recordArbitrary(fields, ctx)));
  return fc
    .tuple(bodies, fc.record(ruleFields), extras)
    .map(([body, ruleValues, extraProps]) =>
      applyRules(request, { ...(extraProps ?? {}), ...body }, ruleValues, prefer),
    );
}

/** Path parameters from the target's fixtures (`fixture:` of each path parameter). */
export function pathParamsOf(op: CompiledOperation, ctx: GenerationContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, param] of Object.entries(op.spec.pathParams ?? {})) {
    const value = param.fixture ? ctx.fixtures[param.fixture] : undefined;
    out[name] = value ?? `missing-fixture-${param.fixture ?? name}`;
  }
  return out;
}

/**
 * Sets a top-level field (if absent or an empty array) and drops the fields an exclusive rule forbids beside it.
 * The copy is built key by key, leaving the dropped fields out, instead of spread and `delete`: same keys in the same
 * order, without turning the copy into a dictionary-mode object (withField was 2.9 % of the offline loop, once per
 * invalid candidate; 2.2 → 1.3 µs per call measured on generated bodies).
 */
export function withField(request: RequestBodySpec, body: Body, key: string, value: unknown): Body {
  const existing = body[key];
  const present = Object.hasOwn(body, key);
  const keep = present && !(Array.isArray(existing) && existing.length === 0);
  if (key === '__proto__') {
    return withFieldBySpread(request, body, key, keep ? existing : value);
  }
  let dropped: Set<string> | undefined;
  for (const rule of request.rules ?? []) {
    if (rule.kind === 'exclusive' && rule.fields?.includes(key)) {
      for (const other of rule.fields) {
        if (other !== key) {
          dropped ??= new Set();
          dropped.add(other);
        }
      }
    }
  }
  const out: Body = {};
  for (const k of Object.keys(body)) {
    if (k === '__proto__') {
      return withFieldBySpread(request, body, key, keep ? existing : value);
    }
    if (k === key) {
      out[k] = keep ? existing : value;
    } else if (!dropped?.has(k)) {
      out[k] = body[k];
    }
  }
  if (!present) {
    out[key] = value;
  }
  return out;
}

/** withField for an own `__proto__` key, which an assignment would not define as a property. */
function withFieldBySpread(request: RequestBodySpec, body: Body, key: string, value: unknown): Body {
  const out: Body = { ...body, [key]: value };
  for (const rule of request.rules ?? []) {
    if (rule.kind === 'exclusive' && rule.fields?.includes(key)) {
      for (const other of rule.fields) {
        if (other !== key) {
          delete out[other];
        }
      }
    }
  }
  return out;
}

function stripOptional(fields: Readonly<Record<string, FieldSpec>>, body: Body): Body {
  const out: Body = {};
  for (const [key, value] of Object.entries(body)) {
    const field = fields[key];
    if (!field?.required) {
      continue;
    }
    out[key] = field.fields && isPlainObject(value) ? stripOptional(field.fields, value) : value;
  }
  return out;
}

/**
 * Arbitrary of minimal valid bodies: mandatory fields only (at every depth), so that every documented default
 * applies — the case the defaults check needs.
 */
export function minimalBodyArbitrary(
  op: CompiledOperation,
  ctx: GenerationContext,
  variant?: string,
): fc.Arbitrary<Body> {
  const request = op.spec.request;
  if (!request) {
    return fc.constant({});
  }
  const v = variant ? request.variants?.[variant] : undefined;
  const fields = variantFields(request, v);
  return candidateBodyArbitrary(op, ctx, variant)
    .map((body) => stripOptional(fields, body))
    .filter((body) => requestValid(op.spec, op.constraints, body));
}

/**
 * The maximal valid requests: every optional field present at every depth, once per alternative of each
 * exclusive rule (one with `tags`, one with `image_tags`), so that every documented echo is exercised by every run.
 */
export function maximalBodyArbitraries(
  op: CompiledOperation,
  ctx: GenerationContext,
  variant?: string,
): { name: string; arbitrary: fc.Arbitrary<Body> }[] {
  const exclusive = (op.spec.request?.rules ?? []).filter((r) => r.kind === 'exclusive').flatMap((r) => r.fields ?? []);
  const alternatives = exclusive.length > 0 ? exclusive : [undefined];
  return alternatives.map((prefer) => ({
    name: prefer ? `every field, with ${prefer}` : 'every field',
    arbitrary: validBodyArbitrary(op, { ...ctx, complete: true }, variant, prefer),
  }));
}
