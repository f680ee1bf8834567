import type { ViolationKind } from './compiled.js';
import type { ResolvedCitation } from './spec.js';

/** Values the target supplies for fields and path parameters marked `fixture:` in the specs. */
export interface GenerationContext {
  /** Flattened fixtures, e.g. `obs.system` → `ims-image:centos70.zvhd2`, `project_id` → `a1b2…`. */
  readonly fixtures: Readonly<Record<string, string>>;
  /** Prefix for generated image names, so a run's resources can be found and cleaned up (`imsc-<run id>-`). */
  readonly namePrefix?: string;
  /** Every optional field present, at every depth (the maximal request of the documented-values cases). */
  readonly complete?: boolean;
}

/** One generated request and what the documents say must happen to it (Schemathesis's case metadata). */
export interface GeneratedCase {
  readonly operationId: string;
  /** `accept`: a valid request, expect the success status. `reject`: breaks `constraintId`, expect 400. */
  readonly expect: 'accept' | 'reject';
  /** The status a refused case must get when it is not 400 (e.g. 404 for an id that does not exist). */
  readonly expectStatus?: number;
  readonly body?: unknown;
  readonly pathParams: Readonly<Record<string, string>>;
  /** The constraint the case breaks (reject) or exercises (boundary accept). */
  readonly constraintId?: string;
  readonly violation?: ViolationKind;
  /** Human summary: `/min_disk = 39 (range_below; documented value 40–2048)`. */
  readonly label: string;
  readonly citation?: ResolvedCitation;
  /**
   * Set when the value the case exercises is in the disputed zone of an erratum (valid under one reading, invalid
   * under another): the erratum id. Its `expect` is the enforced reading's; a different answer only warns.
   */
  readonly disputed?: string;
  /** Body variant the case uses (quick import: system or data). */
  readonly variant?: string;
}
