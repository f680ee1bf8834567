import { escapeSegment } from '../json/pointer.js';
import type { Constraint, ConstraintKind, PathStep, ViolationKind } from '../model/compiled.js';
import { BLOCK_KINDS } from '../model/kinds.js';
import type { Citation, FieldSpec, OperationSpec, Reading, ResolvedCitation, SplitBlock } from '../model/spec.js';
import { keySegment } from '../spec/constraint-ids.js';
import { describeConstraint } from './describe.js';
import { isFieldKind, KINDS } from './kinds/index.js';
import { readingsOf } from './readings.js';

export { keySegment };

interface Walk {
  readonly spec: OperationSpec;
  readonly side: Constraint['side'];
  readonly segments: readonly string[];
  readonly path: readonly PathStep[];
  readonly variants?: readonly string[];
  readonly status?: number;
  readonly part?: { readonly name: string; readonly split: SplitBlock };
}

type Out = Map<string, Constraint>;

function cite(spec: OperationSpec, c: Citation): ResolvedCitation {
  return { ...c, doc: c.doc ?? spec.document };
}

function pointerOf(path: readonly PathStep[]): string {
  return path.map((s) => ('key' in s ? `/${escapeSegment(s.key)}` : '/*')).join('');
}

/** Violations a request generator can produce for a kind, given the field (none on the response side). */
function violationsFor(kind: ConstraintKind, field: FieldSpec | undefined, w: Walk): ViolationKind[] {
  if (w.side !== 'request' || !field || !isFieldKind(kind)) {
    return [];
  }
  return [...KINDS[kind].violations(field)];
}

function add(
  out: Out,
  w: Walk,
  kind: ConstraintKind,
  field: FieldSpec | undefined,
  block: { cite: Citation; erratum?: string; readings?: readonly Reading[] },
) {
  const id = [w.spec.id, ...w.segments, kind].join('.');
  const existing = out.get(id);
  if (existing) {
    // The same field in two body variants: one constraint, applying to both variants.
    if (existing.variants && w.variants) {
      const variants = [...new Set([...existing.variants, ...w.variants])];
      // A discriminator (quick import `type`) lists each variant's values: its enum is their union.
      const merged =
        kind === 'enum' && existing.field?.enum && field?.enum
          ? {
              field: {
                ...existing.field,
                enum: {
                  ...existing.field.enum,
                  values: [...new Set([...existing.field.enum.values, ...field.enum.values])],
                },
              },
            }
          : {};
      out.set(id, { ...existing, variants, ...merged });
    }
    return;
  }
  const fieldLevel = kind === 'type' || kind === 'required';
  const readings = readingsOf(kind, field, fieldLevel ? undefined : block, (c) => cite(w.spec, c));
  // A field-level erratum with readings touches only the constraint its readings change (virtual_size's existence,
  // not its type); without readings it touches both, as before.
  const fieldErratum =
    fieldLevel && field?.erratum && (field.readings === undefined || readings.length > 0) ? field.erratum : undefined;
  const erratum = fieldLevel ? fieldErratum : block.erratum;
  const base = {
    id,
    operationId: w.spec.id,
    kind,
    side: w.side,
    path: w.path,
    pointer: pointerOf(w.path),
    citation: cite(w.spec, block.cite),
    violations: violationsFor(kind, field, w),
  };
  const c: Constraint = {
    ...base,
    description: describeConstraint(kind, field, w.part?.name),
    ...(erratum ? { erratum } : {}),
    ...(erratum && readings.length > 0 ? { readings } : {}),
    ...(field ? { field } : {}),
    ...(w.variants ? { variants: w.variants } : {}),
    ...(w.status !== undefined ? { status: w.status } : {}),
    ...(w.part ? { part: w.part } : {}),
  };
  out.set(id, unobservable(c));
}

/**
 * A request default that no documented answer shows (no echo block, e.g. EVS `force`) cannot be observed by any
 * request: it is reported `not_checked` with that reason instead of silently passing.
 */
function unobservable(c: Constraint): Constraint {
  if (c.kind === 'default' && c.side === 'request' && !c.field?.echo && !c.field?.default?.observedOn) {
    return { ...c, notChecked: 'no documented response or resource field shows this default' };
  }
  return c;
}

/** Adds the constraints of one field and, recursively, of its items, properties and split parts. */
export function walkField(out: Out, w: Walk, field: FieldSpec): void {
  // A split part is a substring: it has no JSON type of its own and cannot be absent.
  if (!w.part) {
    add(out, w, 'type', field, field);
  }
  if (field.required && !w.part) {
    add(out, w, 'required', field, field);
  }
  for (const kind of BLOCK_KINDS) {
    const block = field[kind];
    if (block) {
      add(out, w, kind, field, block);
    }
  }
  if (field.split) {
    // A split value without its separator breaks the documented format (`key.value`, `bucket:file`).
    add(out, w, 'format', { ...field, format: splitAsFormat(field.split) }, field.split);
    for (const [name, part] of Object.entries(field.split.parts)) {
      walkField(out, { ...w, segments: [...w.segments, keySegment(name)], part: { name, split: field.split } }, part);
    }
  }
  if (field.additional !== undefined && field.additional !== 'allow') {
    add(out, w, 'additional', field, typeof field.additional === 'string' ? field : field.additional);
  }
  if (field.items) {
    walkField(out, { ...w, segments: [...w.segments, 'item'], path: [...w.path, { item: true }] }, field.items);
  }
  for (const [name, child] of Object.entries(field.fields ?? {})) {
    walkField(out, { ...w, segments: [...w.segments, keySegment(name)], path: [...w.path, { key: name }] }, child);
  }
}

function splitAsFormat(split: SplitBlock) {
  const names = Object.keys(split.parts);
  return {
    pattern: `^[^${split.separator}]*(\\${split.separator}[\\s\\S]*)+$`,
    description: names.join(split.separator),
    example: names.join(split.separator),
    cite: split.cite,
  };
}

export type { Out as ConstraintMap, Walk as ConstraintWalk };
