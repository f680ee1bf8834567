import { compileAll } from '../compile/index.js';
import { documentedRevisions } from '../compile/revision.js';
import { formatDiagnostic } from '../errors.js';
import type { CompiledOperation } from '../model/compiled.js';
import { type LoadedSpecs, loadSpecs } from '../spec/load.js';

export interface CompiledSpecs {
  readonly loaded: LoadedSpecs;
  readonly operations: readonly CompiledOperation[];
}

const cache = new Map<string, CompiledSpecs>();

/**
 * Loads and compiles every spec for a revision, once per process. A broken spec throws with every
 * diagnostic as `file:line:col: CODE: message` (the CLI's lint-specs prints them without a stack).
 */
export function compiledSpecs(options: { revision?: string; root?: string } = {}): CompiledSpecs {
  const key = `${options.root ?? ''}|${options.revision ?? ''}`;
  const hit = cache.get(key);
  if (hit) {
    return hit;
  }
  const result = loadSpecs(options.root ? { root: options.root } : {});
  if (!result.value || result.diagnostics.length > 0) {
    throw new Error(`the specs do not load:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  }
  const compiled = {
    loaded: result.value,
    operations: compileAll(result.value, options.revision ? { revision: options.revision } : {}),
  };
  cache.set(key, compiled);
  return compiled;
}

/** One compiled operation by id; throws naming the known ids when it does not exist. */
export function operationById(specs: CompiledSpecs, id: string): CompiledOperation {
  const op = specs.operations.find((o) => o.id === id);
  if (!op) {
    throw new Error(`no operation "${id}"; known: ${specs.operations.map((o) => o.id).join(', ')}`);
  }
  return op;
}

/**
 * The document revisions the specs state (`revisions:`, e.g. the EVS export's 003 and 004) and the one a run uses
 * when none is chosen: what every command offers and defaults to, instead of a list of its own.
 */
export function specRevisions(specs: CompiledSpecs = compiledSpecs()): SpecRevisions {
  let hit = revisionsOf.get(specs.loaded);
  if (!hit) {
    const { all, default: chosen } = documentedRevisions(specs.loaded.operations.map((o) => o.spec));
    hit = { all, default: chosen ?? '' };
    revisionsOf.set(specs.loaded, hit);
  }
  return hit;
}

export interface SpecRevisions {
  readonly all: readonly string[];
  /** The revision marked `default` (empty when the specs state no revisions at all). */
  readonly default: string;
}

// Per loaded spec set: every compiled revision of it shares one answer (the replay line asks once per case).
const revisionsOf = new WeakMap<LoadedSpecs, SpecRevisions>();
