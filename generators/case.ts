/** The generated-case types live in src/model (checks and reports read them too); re-exported for generators. */
export type { GeneratedCase, GenerationContext } from '../src/model/case.js';
