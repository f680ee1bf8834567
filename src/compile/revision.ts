import type { FieldSpec, OperationSpec } from '../model/spec.js';

/**
 * The spec as one revision of its document states it: every field's `revisions[revision]` merged over the
 * field (shallow, like `$ref` siblings), `revisions` keys dropped, `document` taken from the revision.
 * A spec without revisions is returned as is.
 * @see specs/evs/volume-upload-image.yaml (003 vs 004)
 */
export function applyRevision(spec: OperationSpec, revision: string | undefined): OperationSpec {
  if (!spec.revisions) {
    return spec;
  }
  const chosen = revision ?? defaultRevision(spec);
  const rev = chosen === undefined ? undefined : spec.revisions[chosen];
  if (!rev || chosen === undefined) {
    const known = Object.keys(spec.revisions).join(', ');
    throw new Error(`${spec.id}: unknown revision "${revision}"; the spec has ${known}`);
  }
  const out = mapFields(spec, chosen) as OperationSpec;
  return { ...out, document: rev.document };
}

/** The revision a run uses when none is chosen: the one marked `default`, else the last listed. */
export function defaultRevision(spec: OperationSpec): string | undefined {
  if (!spec.revisions) {
    return undefined;
  }
  const entries = Object.entries(spec.revisions);
  return (entries.find(([, r]) => r.default) ?? entries.at(-1))?.[0];
}

function isField(value: unknown): value is FieldSpec {
  return typeof value === 'object' && value !== null && 'type' in value && 'cite' in value;
}

function mapFields(node: unknown, revision: string): unknown {
  if (Array.isArray(node)) {
    return node.map((n) => mapFields(n, revision));
  }
  if (typeof node !== 'object' || node === null) {
    return node;
  }
  let source = node as Record<string, unknown>;
  if (isField(node) && node.revisions) {
    const { revisions, ...rest } = node;
    source = { ...rest, ...(revisions[revision] ?? {}) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    // `revisions` of the operation itself (documents per revision) is kept; field-level ones were merged above.
    out[key] = key === 'revisions' && source === node && !isField(node) ? value : mapFields(value, revision);
  }
  return out;
}

/**
 * The revisions the specs document (an EVS export as 003 or 004 states it) and the one a run uses by default:
 * what the CLI offers for --revision, read from the specs' `revisions:` instead of a list of its own.
 */
export function documentedRevisions(specs: readonly OperationSpec[]): {
  readonly all: readonly string[];
  readonly default: string | undefined;
} {
  const all = [...new Set(specs.flatMap((s) => Object.keys(s.revisions ?? {})))].sort();
  const defaults = [...new Set(specs.map(defaultRevision).filter((r): r is string => r !== undefined))];
  return { all, default: defaults.length === 1 ? defaults[0] : all.at(-1) };
}
