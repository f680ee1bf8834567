import fc from 'fast-check';
import { breaksOnly, selectVariant } from '../src/compile/evaluate.js';
import { splitValue } from '../src/compile/patterns.js';
import { judgeUnderReadings } from '../src/compile/readings.js';
import { pointerSegments } from '../src/compile/request-schema.js';
import type { CompiledOperation, Constraint, ViolationKind } from '../src/model/compiled.js';
import type { FieldSpec } from '../src/model/spec.js';
import type { GeneratedCase, GenerationContext } from './case.js';
import { fieldArbitrary, leafArbitrary } from './fields/field.js';
import { contextKey, memo } from './memo.js';
import { candidateBodyArbitrary, pathParamsOf, validBodyArbitrary, variantFields, withField } from './valid.js';
import { type Edit, editAt } from './violations/location.js';
import { violateValue } from './violations/value.js';

type Body = Record<string, unknown>;

function fieldsFor(op: CompiledOperation, variant: string | undefined): Record<string, FieldSpec> {
  const request = op.spec.request;
  if (!request) {
    return {};
  }
  return variantFields(request, variant ? request.variants?.[variant] : undefined);
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60
    ? `${text.slice(0, 40)}… (${typeof value === 'string' ? [...value].length : text.length} chars)`
    : text;
}

/** The edit that breaks a field-level constraint with the given violation. */
function fieldEdit(kind: ViolationKind, c: Constraint): Edit {
  if (kind === 'missing_required') {
    return { remove: true };
  }
  if (c.part) {
    const { name, split } = c.part;
    return {
      set: (current) => {
        const parts = typeof current === 'string' ? splitValue(split, current) : undefined;
        if (!parts) {
          return current;
        }
        const broken = violateValue(kind, c, parts[name]);
        return typeof broken === 'string' ? Object.values({ ...parts, [name]: broken }).join(split.separator) : current;
      },
    };
  }
  return { set: (current) => violateValue(kind, c, current) };
}

/** Arbitrary of bodies that break constraint `c` with violation `kind` and nothing else. */
function invalidBodies(
  op: CompiledOperation,
  c: Constraint,
  kind: ViolationKind,
  ctx: GenerationContext,
): fc.Arbitrary<Body> {
  const variant = c.variants?.[0];
  const request = op.spec.request;
  const fields = fieldsFor(op, variant);
  // The base need not be checked on its own: the filter below keeps only bodies breaking exactly `c`.
  const base = candidateBodyArbitrary(op, ctx, variant);
  let broken: fc.Arbitrary<Body>;
  if (c.rule) {
    const rule = c.rule;
    if (kind === 'exclusive_both') {
      const values = Object.fromEntries(
        (rule.fields ?? []).map((f) => [f, fieldArbitrary(fields[f] ?? { type: 'string', cite: rule.cite }, ctx)]),
      );
      broken = fc.tuple(base, fc.record(values)).map(([b, v]) => ({ ...b, ...v }));
    } else {
      const [whenKey] = pointerSegments(rule.when?.pointer ?? '');
      const [reqKey] = pointerSegments(rule.then?.required?.[0] ?? '');
      broken = base.map((b) => {
        const out: Body = { ...b };
        if (whenKey !== undefined) {
          out[whenKey] = rule.when?.in[0];
        }
        if (reqKey !== undefined) {
          delete out[reqKey];
        }
        return out;
      });
    }
  } else if (kind === 'extra_property') {
    const extra = op.spec.request?.additional;
    const value =
      typeof extra === 'object'
        ? violateValue(
            extra.length?.max !== undefined ? 'length_above' : 'wrong_type',
            { ...c, field: extra },
            undefined,
          )
        : 'x';
    broken = base.map((b) => ({ ...b, x_conformance_extra: value }));
  } else {
    const [top] = c.path;
    const topField = top && 'key' in top ? fields[top.key] : undefined;
    if (!top || !('key' in top) || !topField) {
      return fc.constant({}).filter(() => false);
    }
    const edit = fieldEdit(kind, c);
    broken = fc
      .tuple(
        base,
        fieldArbitrary(topField, ctx),
        c.field ? leafArbitrary(c.field, c.part, ctx) : fc.constant(undefined),
      )
      .map(([b, topValue, leaf]) => {
        const withTop = request ? withField(request, b, top.key, topValue) : b;
        return editAt(withTop, c.path, edit, leaf) as Body;
      });
  }
  return broken.filter((body) => breaksOnly(op.spec, op.constraints, body, c.id));
}

/** Arbitrary of invalid cases for one constraint and violation kind, labelled with both. */
export function invalidCaseArbitrary(
  op: CompiledOperation,
  c: Constraint,
  kind: ViolationKind,
  ctx: GenerationContext,
): fc.Arbitrary<GeneratedCase> {
  return memo(contextKey(ctx), ['invalid', op, c, kind], () => buildInvalidCase(op, c, kind, ctx));
}

function buildInvalidCase(
  op: CompiledOperation,
  c: Constraint,
  kind: ViolationKind,
  ctx: GenerationContext,
): fc.Arbitrary<GeneratedCase> {
  const pathParams = pathParamsOf(op, ctx);
  return invalidBodies(op, c, kind, ctx).map((body) => {
    const at = c.pointer || '/';
    const value = valueAt(body, c);
    const shown = c.rule ? '' : ` = ${describeValue(value)}`;
    // A value another reading of the erratum allows (a 1025 GB data image under 000's 40–2048) is disputed.
    const variant = c.variants?.[0] ?? selectVariant(op.spec, body);
    const disputed = c.readings && !c.part && judgeUnderReadings(c, value, variant ? { variant } : {}) === 'disputed';
    return {
      operationId: op.id,
      expect: 'reject' as const,
      body,
      pathParams,
      constraintId: c.id,
      violation: kind,
      label: `${at}${shown} (${kind}${disputed ? `, disputed: ${c.erratum}` : ''}; documented ${c.description})`,
      citation: c.citation,
      ...(disputed && c.erratum ? { disputed: c.erratum } : {}),
      ...(c.variants?.[0] ? { variant: c.variants[0] } : {}),
    };
  });
}

function valueAt(body: unknown, c: Constraint): unknown {
  let v: unknown = body;
  for (const step of c.path) {
    if ('key' in step) {
      v = typeof v === 'object' && v !== null ? (v as Body)[step.key] : undefined;
    } else {
      v = Array.isArray(v) ? v[0] : undefined;
    }
  }
  return v;
}

/** Arbitrary of valid cases (optionally of one variant). */
export function validCaseArbitrary(
  op: CompiledOperation,
  ctx: GenerationContext,
  variant?: string,
): fc.Arbitrary<GeneratedCase> {
  return memo(contextKey(ctx), ['validCase', op, variant], () => buildValidCase(op, ctx, variant));
}

function buildValidCase(op: CompiledOperation, ctx: GenerationContext, variant?: string): fc.Arbitrary<GeneratedCase> {
  const pathParams = pathParamsOf(op, ctx);
  return validBodyArbitrary(op, ctx, variant).map((body) => ({
    operationId: op.id,
    expect: 'accept' as const,
    body,
    pathParams,
    label: `valid request${variant ? ` (${variant})` : ''}`,
    ...(variant ? { variant } : {}),
  }));
}
