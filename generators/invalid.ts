import fc from 'fast-check';
import { breaksOnly, selectVariant } from '../src/compile/evaluate.js';
import { splitValue } from '../src/compile/patterns.js';
import { judgeUnderReadings } from '../src/compile/readings.js';
import { segmentsOf } from '../src/json/pointer.js';
import type { CompiledOperation, Constraint, ViolationKind } from '../src/model/compiled.js';
import type { FieldSpec } from '../src/model/spec.js';
import type { GeneratedCase, GenerationContext } from './case.js';
import { fieldArbitrary, leafArbitrary } from './fields/field.js';
import { contextKey, memo } from './memo.js';
import { candidateBodyArbitrary, pathParamsOf, validBodyArbitrary, variantFields, withField } from './valid.js';
import { type Edit, editAt } from './violations/location.js';
import {
  edgeViolations,
  extraPropertyArbitrary,
  extraPropertyEdges,
  type Violate,
  violationArbitrary,
} from './violations/space.js';

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

/** The edit that breaks a field-level constraint with the given violation (drawn from the kind's space). */
function fieldEdit(kind: ViolationKind, c: Constraint, violate: Violate): Edit {
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
        const broken = violate(parts[name]);
        return typeof broken === 'string' ? Object.values({ ...parts, [name]: broken }).join(split.separator) : current;
      },
    };
  }
  return { set: violate };
}

/**
 * A run name keeps its `imsc-<run>-` prefix where the violation leaves room for it: a forbidden character goes into
 * the part after the prefix (a service that accepts the name creates an image the cleanup's sweep must still find
 * by that prefix, README "Running against a real region"); a trim violation keeps it by its trailing characters (a
 * leading one drawn after the prefix is no violation and is dropped by the filter). Lengths already build on the
 * valid value; a name shorter than the prefix cannot keep it.
 */
function keepingRunPrefix(kind: ViolationKind, c: Constraint, ctx: GenerationContext, violate: Violate): Violate {
  const prefix = ctx.namePrefix;
  if (c.field?.fixture !== 'run_name' || !prefix || kind !== 'forbidden_char') {
    return violate;
  }
  return (valid) => {
    if (typeof valid !== 'string' || !valid.startsWith(prefix)) {
      return violate(valid);
    }
    const rest = violate(valid.slice(prefix.length));
    return typeof rest === 'string' ? prefix + rest : rest;
  };
}

/** The non-empty subsets of `items` with at least `min` members, in the order fc.subarray draws them. */
function subsetArbitrary<T>(items: readonly T[], min: number): fc.Arbitrary<T[]> {
  return fc.subarray([...items], { minLength: Math.min(min, items.length) });
}

/** Bodies breaking an exclusive rule: any two or more of its fields present together, each with a valid value. */
function exclusiveBodies(
  base: fc.Arbitrary<Body>,
  fields: Record<string, FieldSpec>,
  rule: NonNullable<Constraint['rule']>,
  ctx: GenerationContext,
): fc.Arbitrary<Body> {
  const names = rule.fields ?? [];
  const values = Object.fromEntries(
    names.map((f) => [f, fieldArbitrary(fields[f] ?? { type: 'string', cite: rule.cite }, ctx)]),
  );
  return fc
    .tuple(base, fc.record(values), subsetArbitrary(names, 2))
    .map(([b, v, chosen]) => ({ ...b, ...Object.fromEntries(chosen.map((k) => [k, v[k]])) }));
}

/**
 * Bodies breaking a condition: the `when` field at each of its trigger values, and then each combination of the
 * required fields missing (at least one) and of the forbidden fields present (with a valid value).
 */
function conditionBodies(
  base: fc.Arbitrary<Body>,
  fields: Record<string, FieldSpec>,
  rule: NonNullable<Constraint['rule']>,
  ctx: GenerationContext,
): fc.Arbitrary<Body> {
  const [whenKey] = segmentsOf(rule.when?.pointer ?? '');
  const required = (rule.then?.required ?? []).map((p) => segmentsOf(p)[0]).filter((k) => k !== undefined);
  const forbidden = (rule.then?.forbidden ?? []).map((p) => segmentsOf(p)[0]).filter((k) => k !== undefined);
  const triggers = rule.when?.in ?? [];
  const forbiddenValues = fc.record(
    Object.fromEntries(
      forbidden.map((f) => [f, fieldArbitrary(fields[f] ?? { type: 'string', cite: rule.cite }, ctx)]),
    ),
  );
  // Which fields break the rule: at least one missing required or present forbidden field.
  const broken = subsetArbitrary(
    [...required.map((k) => ({ k, missing: true })), ...forbidden.map((k) => ({ k, missing: false }))],
    1,
  ).filter((chosen) => chosen.length > 0);
  return fc
    .tuple(base, triggers.length > 0 ? fc.constantFrom(...triggers) : fc.constant(undefined), broken, forbiddenValues)
    .map(([b, trigger, chosen, values]) => {
      const out: Body = { ...b };
      if (whenKey !== undefined) {
        out[whenKey] = trigger;
      }
      for (const { k, missing } of chosen) {
        if (missing) {
          delete out[k];
        } else {
          out[k] = (values as Body)[k];
        }
      }
      return out;
    });
}

/** Arbitrary of bodies of one variant that break constraint `c` with violation `kind` and nothing else. */
function invalidBodiesOf(
  op: CompiledOperation,
  c: Constraint,
  kind: ViolationKind,
  ctx: GenerationContext,
  variant: string | undefined,
  space: Space,
): fc.Arbitrary<Body> {
  const request = op.spec.request;
  const fields = fieldsFor(op, variant);
  // The base need not be checked on its own: the filter below keeps only bodies breaking exactly `c`.
  const base = candidateBodyArbitrary(op, ctx, variant);
  let broken: fc.Arbitrary<Body>;
  if (c.rule) {
    broken =
      kind === 'exclusive_both'
        ? exclusiveBodies(base, fields, c.rule, ctx)
        : conditionBodies(base, fields, c.rule, ctx);
  } else if (kind === 'extra_property') {
    const extra = request?.additional;
    const names = fc.constantFrom('x_conformance_extra', 'xConformanceExtra', '__x_conformance');
    broken = fc
      .tuple(base, names, space.extra(extra === 'allow' ? undefined : extra))
      .map(([b, name, value]) => ({ ...b, [name]: value }));
  } else {
    const [top] = c.path;
    const topField = top && 'key' in top ? fields[top.key] : undefined;
    if (!top || !('key' in top) || !topField) {
      return fc.constant({}).filter(() => false);
    }
    broken = fc
      .tuple(
        base,
        fieldArbitrary(topField, ctx),
        c.field ? leafArbitrary(c.field, c.part, ctx) : fc.constant(undefined),
        space.violation(op, c, kind),
      )
      .map(([b, topValue, leaf, violate]) => {
        const withTop = request ? withField(request, b, top.key, topValue) : b;
        return editAt(withTop, c.path, fieldEdit(kind, c, keepingRunPrefix(kind, c, ctx, violate)), leaf) as Body;
      });
  }
  return space.filtered ? broken.filter((body) => keeps(op, c, kind, body, variant)) : broken;
}

/**
 * Whether a body is an invalid case of `c`: it breaks exactly that constraint. A violation that cannot be
 * expressed on the drawn value leaves `undefined`, which JSON would drop: that body would test a missing field
 * under another label, so it is not kept either.
 */
function keeps(
  op: CompiledOperation,
  c: Constraint,
  kind: ViolationKind,
  body: Body,
  variant: string | undefined,
): boolean {
  const expressed = c.rule || kind === 'missing_required' || kind === 'extra_property';
  // Under an erratum with readings, a random invalid value is one every reading refuses (the disputed zone is sent
  // deterministically by boundaryCases), so that a service accepting it fails rather than warns.
  const undisputed =
    !c.readings ||
    c.part !== undefined ||
    judgeUnderReadings(c, valueAt(body, c), variant ? { variant } : {}) !== 'disputed';
  return (expressed || valueAt(body, c) !== undefined) && breaksOnly(op.spec, op.constraints, body, c.id) && undisputed;
}

/**
 * Arbitrary of bodies that break constraint `c` with violation `kind` and nothing else, on every body variant the
 * constraint applies to (quick import's system and data bodies share a min_disk rule: both are sent).
 */
function invalidBodies(
  op: CompiledOperation,
  c: Constraint,
  kind: ViolationKind,
  ctx: GenerationContext,
  space: Space,
): fc.Arbitrary<{ body: Body; variant: string | undefined }> {
  // A constraint of a field every variant shares (no `variants`) applies to each of them.
  const all = Object.keys(op.spec.request?.variants ?? {});
  const listed = c.variants && c.variants.length > 0 ? c.variants : all;
  const variants: (string | undefined)[] = listed.length > 0 ? [...listed] : [undefined];
  const perVariant = variants.map((variant) =>
    invalidBodiesOf(op, c, kind, ctx, variant, space).map((body) => ({ body, variant })),
  );
  return perVariant.length === 1
    ? (perVariant[0] as fc.Arbitrary<{ body: Body; variant: string | undefined }>)
    : fc.oneof(...perVariant);
}

/** Where the violating value comes from: the kind's whole space (drawn), or one fixed edge of it. */
interface Space {
  /** Keep only bodies breaking exactly `c` (an edge is searched for by hand instead: it may have no such body). */
  readonly filtered: boolean;
  readonly violation: (op: CompiledOperation, c: Constraint, kind: ViolationKind) => fc.Arbitrary<Violate>;
  readonly extra: (extra: 'forbid' | FieldSpec | undefined) => fc.Arbitrary<unknown>;
}

const DRAWN: Space = { filtered: true, violation: violationArbitrary, extra: extraPropertyArbitrary };

/** How many drawn bodies an edge is tried on before it is given up (an edge another constraint forbids too). */
const EDGE_TRIES = 20;

/**
 * The fixed edges of a kind's space (generators/violations/space.ts edgeViolations), each as one invalid case
 * whose violating value is that edge (the rest of the body drawn with `seed`); an edge no body can carry without
 * breaking another constraint too (an empty tag key also breaks the key's length) is left out.
 */
export function edgeCases(
  op: CompiledOperation,
  c: Constraint,
  kind: ViolationKind,
  ctx: GenerationContext,
  seed: number,
): readonly { readonly name: string; readonly gcase: GeneratedCase }[] {
  const request = op.spec.request;
  const unfiltered = (space: Omit<Space, 'filtered'>): Space => ({ ...space, filtered: false });
  const edges =
    kind === 'extra_property'
      ? extraPropertyEdges(request?.additional === 'allow' ? undefined : request?.additional).map((e) => ({
          name: e.name,
          space: unfiltered({ violation: DRAWN.violation, extra: () => fc.constant(e.value) }),
        }))
      : c.rule
        ? []
        : edgeViolations(c, kind).map((e) => ({
            name: e.name,
            space: unfiltered({ violation: () => fc.constant(e.violate), extra: DRAWN.extra }),
          }));
  return edges.flatMap(({ name, space }) => {
    const arbitrary = memo(contextKey(ctx), ['edge', op, c, kind, name], () =>
      buildInvalidCase(op, c, kind, ctx, space, name),
    );
    const gcase = fc
      .sample(arbitrary, { numRuns: EDGE_TRIES, seed })
      .find((g) => keeps(op, c, kind, g.body as Body, g.variant));
    return gcase ? [{ name, gcase }] : [];
  });
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
  space: Space = DRAWN,
  edge?: string,
): fc.Arbitrary<GeneratedCase> {
  const pathParams = pathParamsOf(op, ctx);
  return invalidBodies(op, c, kind, ctx, space).map(({ body, variant: drawn }) => {
    const at = c.pointer || '/';
    const value = valueAt(body, c);
    const shown = c.rule ? '' : ` = ${describeValue(value)}`;
    // A value another reading of the erratum allows (a 1025 GB data image under 000's 40–2048) is disputed.
    const variant = drawn ?? selectVariant(op.spec, body);
    const disputed = c.readings && !c.part && judgeUnderReadings(c, value, variant ? { variant } : {}) === 'disputed';
    return {
      operationId: op.id,
      expect: 'reject' as const,
      body,
      pathParams,
      constraintId: c.id,
      violation: kind,
      label: `${at}${shown} (${kind}${edge ? ` edge ${edge}` : ''}${disputed ? `, disputed: ${c.erratum}` : ''}; documented ${c.description})`,
      citation: c.citation,
      ...(disputed && c.erratum ? { disputed: c.erratum } : {}),
      ...(drawn ? { variant: drawn } : {}),
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
