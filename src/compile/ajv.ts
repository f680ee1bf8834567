import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the module object, the function is `.default`.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

let shared: Ajv2020 | undefined;
const cache = new WeakMap<object, ValidateFunction>();

/**
 * The one ajv instance of the process: draft 2020-12, strict, all errors (STYLE.md §11: we generate our
 * own schemas, so a compiler bug throws at compile time instead of validating nothing).
 */
export function sharedAjv(): Ajv2020 {
  if (!shared) {
    // strictRequired is off: cross-field rules say "not both required" inside `not`/`if`, naming properties that
    // the parent object defines; everything else of strict mode stays on.
    shared = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
    addFormats(shared);
  }
  return shared;
}

/** Compiles a schema once per schema object (identity-cached) and returns its validator. */
export function compileSchema(schema: object): ValidateFunction {
  const hit = cache.get(schema);
  if (hit) {
    return hit;
  }
  const validate = sharedAjv().compile(schema);
  cache.set(schema, validate);
  return validate;
}
