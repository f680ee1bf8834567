/**
 * Validates a parsed spec file against specs/spec.schema.json and turns ajv's errors into positioned
 * diagnostics: an unknown key names the key and lists the allowed ones, anything else quotes ajv.
 *
 * @see specs/spec.schema.json
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { type Diagnostic, ErrorCodes } from '../errors.js';
import { escapeSegment } from '../json/pointer.js';
import type { ParsedFile } from './parse.js';

const schemaUrl = new URL('../../specs/spec.schema.json', import.meta.url);

// Compiled once per process: compiling the meta-schema costs far more than validating a spec.
let compiled: ValidateFunction | undefined;

/** The compiled meta-schema (strict ajv: a mistake in the schema itself throws here, as a bug should). */
export function metaSchemaValidator(): ValidateFunction {
  if (compiled === undefined) {
    // verbose: the error's parentSchema gives the allowed keys of an `additionalProperties: false` object.
    const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true, allowUnionTypes: true });
    compiled = ajv.compile(JSON.parse(readFileSync(schemaUrl, 'utf8')) as object);
  }
  return compiled;
}

/** Every meta-schema violation of one parsed file, positioned; [] when it conforms. */
export function validateSpecFile(parsed: ParsedFile): Diagnostic[] {
  const validate = metaSchemaValidator();
  if (validate(parsed.value)) {
    return [];
  }
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const error of validate.errors ?? []) {
    // `if` only repeats the then/else failure reported next to it.
    if (error.keyword === 'if') {
      continue;
    }
    const d = diagnosticOf(parsed, error);
    const key = `${d.pointer}\u0000${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      diagnostics.push(d);
    }
  }
  return diagnostics;
}

function diagnosticOf(parsed: ParsedFile, error: ErrorObject): Diagnostic {
  const at = error.instancePath === '' ? '/' : error.instancePath;
  const { file } = parsed;
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const ptr = `${error.instancePath}/${escapeSegment(key)}`;
    const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const expected = allowed.length > 0 ? `; expected one of: ${allowed.join(', ')}` : '';
    const { line, column } = parsed.position(ptr, 'key');
    const message = `unknown key "${key}" at ${at}${expected}`;
    return { code: ErrorCodes.SPEC_UNKNOWN_KEY, message, file, line, column, pointer: ptr };
  }
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    // At the key of the incomplete object: its value's range starts at its first child, the wrong line.
    const { line, column } = parsed.position(error.instancePath, 'key');
    const message = `missing required key "${missing}" at ${at}`;
    return { code: ErrorCodes.SPEC_SCHEMA, message, file, line, column, pointer: error.instancePath };
  }
  const { line, column } = parsed.position(error.instancePath);
  const message = `${at}: ${error.message ?? 'is invalid'}${detail(error)} (${error.keyword})`;
  return { code: ErrorCodes.SPEC_SCHEMA, message, file, line, column, pointer: error.instancePath };
}

/** The allowed values of an enum or the data's actual type: what to do about it, not just what is wrong. */
function detail(error: ErrorObject): string {
  if (error.keyword === 'enum') {
    const values = (error.params as { allowedValues: unknown[] }).allowedValues;
    return `: ${values.map((v) => JSON.stringify(v)).join(', ')} (got ${clip(JSON.stringify(error.data))})`;
  }
  if (error.keyword === 'type') {
    return ` (got ${clip(JSON.stringify(error.data))})`;
  }
  return '';
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
