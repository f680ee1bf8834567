import type { CompiledOperation } from '../model/compiled.js';
import type { EnvelopeSpec, ErratumSpec } from '../model/spec.js';
import type { LoadedOperation, LoadedSpecs } from '../spec/load.js';
import { compileSchema } from './ajv.js';
import { planOf } from './evaluate/plan.js';
import { compileConstraints } from './operation-constraints.js';
import { compileRequestSchema } from './request-schema.js';
import { compileResponseSchemas, type EnvelopeLookup } from './response-schema.js';
import { applyRevision, defaultRevision } from './revision.js';

export interface CompileOptions {
  /** Document revision (`003` or `004` for the EVS export); each spec's default when absent. */
  readonly revision?: string;
}

/** Looks up a shared envelope by its definition name across every definitions file. */
export function envelopeLookup(specs: LoadedSpecs): EnvelopeLookup {
  return (name) => {
    for (const defs of specs.definitions.values()) {
      const def = defs.definitions[name];
      if (def && 'envelope' in def) {
        return def as EnvelopeSpec;
      }
    }
    return undefined;
  };
}

const cache = new WeakMap<LoadedOperation, Map<string, CompiledOperation>>();

/**
 * Compiles one operation for one revision: request and response JSON Schemas (validated once by ajv, so a
 * compiler bug throws here, not during a run), the constraint list and the errata it rests on. Cached per
 * loaded operation and revision.
 * @see ../shared/DESIGN.md "Data flows one way"
 */
export function compileOperation(
  loaded: LoadedOperation,
  specs: LoadedSpecs,
  options: CompileOptions = {},
): CompiledOperation {
  const revision = loaded.spec.revisions ? (options.revision ?? defaultRevision(loaded.spec)) : undefined;
  const key = revision ?? '';
  let byRevision = cache.get(loaded);
  const hit = byRevision?.get(key);
  if (hit) {
    return hit;
  }
  const spec = applyRevision(loaded.spec, revision);
  const requestSchema = compileRequestSchema(spec);
  const responseSchemas = compileResponseSchemas(spec, envelopeLookup(specs));
  if (requestSchema) {
    compileSchema(requestSchema);
  }
  for (const schema of responseSchemas.values()) {
    compileSchema(schema);
  }
  const constraints = compileConstraints(spec);
  // The evaluator's plan (each constraint's steps and kind predicate) is built here, once, like the ajv validators:
  // a kind that cannot judge its field fails at compile time, not in the middle of a run.
  planOf(spec, constraints);
  const cited = new Set(constraints.map((c) => c.erratum).filter((e): e is string => e !== undefined));
  const errata: ErratumSpec[] = [
    ...(spec.errata ?? []),
    ...specs.errata.filter((e) => cited.has(e.id) && !spec.errata?.some((o) => o.id === e.id)),
  ];
  const compiled: CompiledOperation = {
    id: spec.id,
    spec,
    document: spec.document,
    responseSchemas,
    constraints,
    errata,
    ...(revision ? { revision } : {}),
    ...(requestSchema ? { requestSchema } : {}),
  };
  if (!byRevision) {
    byRevision = new Map();
    cache.set(loaded, byRevision);
  }
  byRevision.set(key, compiled);
  return compiled;
}

/** Compiles every loaded operation. */
export function compileAll(specs: LoadedSpecs, options: CompileOptions = {}): CompiledOperation[] {
  return specs.operations.map((op) => compileOperation(op, specs, options));
}
