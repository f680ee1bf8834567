/**
 * Derives the constraint ids of an operation spec, as the header of src/model/spec.ts defines them:
 * `<spec id>.<field path>.<kind>`, one per constraint block, the field path joining keys with `.`,
 * array items as `item`, split parts by name, response fields under `response.<status>`.
 *
 * @see src/model/spec.ts (header comment)
 */

import { pointer } from '../json/pointer.js';
import type { ConstraintKind } from '../model/compiled.js';
import { BLOCK_KINDS } from '../model/kinds.js';
import type { FieldSpec, OperationSpec } from '../model/spec.js';

/** The kinds of constraint a spec states (a subset of the compiled model's kinds). */
export type { ConstraintKind };

export interface ConstraintIdEntry {
  readonly id: string;
  readonly kind: ConstraintKind;
  /** JSON pointer into the spec to the block (or the field's key, for `type` and `required`). */
  readonly pointer: string;
}

/** One id segment of a field key: lower-case, characters outside [a-z0-9_] replaced by `_`. */
export function keySegment(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/**
 * Every constraint id of `spec` (with `$ref`s resolved), in spec order. The same field in two body
 * variants yields its ids once; rule ids are listed as written, so a repeated rule id stays visible.
 */
export function constraintIdsOf(spec: OperationSpec): ConstraintIdEntry[] {
  const out: ConstraintIdEntry[] = [];
  const seen = new Set<string>();
  const add = (path: readonly string[], kind: ConstraintKind, at: readonly string[]): void => {
    const id = [spec.id, ...path, kind].join('.');
    if (!seen.has(id)) {
      seen.add(id);
      out.push({ id, kind, pointer: pointer(at) });
    }
  };
  const field = (f: FieldSpec, path: readonly string[], at: readonly string[]): void => {
    add(path, 'type', [...at, 'type']);
    const revisions = Object.entries(f.revisions ?? {});
    const where = (key: keyof FieldSpec, holds: (x: Partial<FieldSpec>) => boolean): string[] | undefined => {
      if (holds(f)) {
        return [...at, key];
      }
      // A block only a revision has (e.g. a default that one revision of 003/004 documents) is still one id.
      const hit = revisions.find(([, r]) => holds(r));
      return hit === undefined ? undefined : [...at, 'revisions', hit[0], key];
    };
    const required = where('required', (x) => x.required === true);
    if (required !== undefined) {
      add(path, 'required', required);
    }
    for (const kind of BLOCK_KINDS) {
      const blockAt = where(kind, (x) => x[kind] !== undefined);
      if (blockAt !== undefined) {
        add(path, kind, blockAt);
      }
    }
    const additional = where('additional', (x) => x.additional !== undefined && x.additional !== 'allow');
    if (additional !== undefined) {
      add(path, 'additional', additional);
    }
    for (const [name, part] of Object.entries(f.split?.parts ?? {})) {
      field(part, [...path, keySegment(name)], [...at, 'split', 'parts', name]);
    }
    if (f.items !== undefined) {
      field(f.items, [...path, 'item'], [...at, 'items']);
    }
    for (const [name, child] of Object.entries(f.fields ?? {})) {
      field(child, [...path, keySegment(name)], [...at, 'fields', name]);
    }
  };

  for (const [name, param] of Object.entries(spec.pathParams ?? {})) {
    field(param, [keySegment(name)], ['pathParams', name]);
  }
  const request = spec.request;
  if (request !== undefined) {
    for (const [name, f] of Object.entries(request.fields)) {
      field(f, [keySegment(name)], ['request', 'fields', name]);
    }
    for (const [variant, v] of Object.entries(request.variants ?? {})) {
      for (const [name, f] of Object.entries(v.fields)) {
        field(f, [keySegment(name)], ['request', 'variants', variant, 'fields', name]);
      }
    }
    if (request.additional !== undefined && request.additional !== 'allow') {
      add([], 'additional', ['request', 'additional']);
    }
    for (const [i, rule] of (request.rules ?? []).entries()) {
      out.push({ id: rule.id, kind: rule.kind, pointer: pointer(['request', 'rules', String(i), 'id']) });
    }
  }
  for (const [status, response] of Object.entries(spec.responses)) {
    if (response.body !== undefined) {
      field(response.body, ['response', keySegment(status)], ['responses', status, 'body']);
    }
  }
  return out;
}
