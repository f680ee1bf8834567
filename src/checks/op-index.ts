import type { CompiledOperation, Constraint } from '../model/compiled.js';

/**
 * What the checks look up in an operation's constraint list, found once per operation instead of per case: the
 * checks scanned the ~100 constraints of an operation six to eight times per case (`find` by id, `filter` for
 * echoes, defaults and covered response constraints) — a fifth of the offline loop's check time.
 */
export interface OpIndex {
  /** The first constraint of each id (what `constraints.find((c) => c.id === id)` returns). */
  readonly byId: ReadonlyMap<string, Constraint>;
  /** `<op>.status`, `<op>.envelope`, `<op>.content_type`. */
  readonly status: Constraint | undefined;
  readonly envelope: Constraint | undefined;
  readonly contentType: Constraint | undefined;
  /** Request or path constraints of kind `echo` whose field comes back in the response. */
  readonly echoes: readonly Constraint[];
  /** Constraints of kind `default`, in list order. */
  readonly defaults: readonly Constraint[];
  /** Response constraints of each status that the body-schema check verifies (not defaults, not echoes). */
  readonly responseCovers: ReadonlyMap<number, readonly string[]>;
}

const indexes = new WeakMap<CompiledOperation, { constraints: readonly Constraint[]; index: OpIndex }>();

function build(op: CompiledOperation): OpIndex {
  const byId = new Map<string, Constraint>();
  const responseCovers = new Map<number, string[]>();
  const echoes: Constraint[] = [];
  const defaults: Constraint[] = [];
  for (const c of op.constraints) {
    if (!byId.has(c.id)) {
      byId.set(c.id, c);
    }
    if ((c.side === 'request' || c.side === 'path') && c.kind === 'echo' && c.field?.echo?.in === 'response') {
      echoes.push(c);
    }
    if (c.kind === 'default') {
      defaults.push(c);
    }
  }
  for (const status of op.responseSchemas.keys()) {
    responseCovers.set(
      status,
      op.constraints
        .filter((c) => c.side === 'response' && c.status === status && c.kind !== 'default' && c.kind !== 'echo')
        .map((c) => c.id),
    );
  }
  return {
    byId,
    status: byId.get(`${op.id}.status`),
    envelope: byId.get(`${op.id}.envelope`),
    contentType: byId.get(`${op.id}.content_type`),
    echoes,
    defaults,
    responseCovers,
  };
}

/** The index of an operation, rebuilt if its constraint list was replaced. */
export function opIndex(op: CompiledOperation): OpIndex {
  const cached = indexes.get(op);
  if (cached && cached.constraints === op.constraints) {
    return cached.index;
  }
  const index = build(op);
  indexes.set(op, { constraints: op.constraints, index });
  return index;
}
