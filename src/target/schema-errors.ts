/**
 * ajv errors of a target → diagnostics that name the key and where it came from (STYLE.md §3 item 2):
 * `target.yaml:3:9: TARGET_BAD_KEY: auth.mode must be one of none, token, password, aksk (got "akks")`,
 * `env IMS_ENDPOINT: not an http(s) URL ("ims.example")`. Secret values show as `***`.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { type Document, isMap, isScalar, type LineCounter } from 'yaml';
import { ErrorCodes } from '../errors.js';
import { REDACTED, redactText, type SecretRegistry } from '../http/redact.js';
import { segmentsOf, valueAtPointer } from '../json/pointer.js';
import { type EnvVariable, envVariableFor } from './env.js';
import type { TargetDiagnostic } from './types.js';

/** Keys whose values are never shown. */
export const SECRET_POINTERS: ReadonlySet<string> = new Set([
  '/auth/token',
  '/auth/password',
  '/auth/accessKey',
  '/auth/secretKey',
  '/fixtures/otherProject/token',
]);

export interface SourceFile {
  readonly path: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

export interface RenderContext {
  readonly value: unknown;
  readonly origins: ReadonlyMap<string, EnvVariable>;
  readonly file: SourceFile | undefined;
  readonly secrets: SecretRegistry;
}

function dotted(pointer: string): string {
  return segmentsOf(pointer).join('.');
}

function shown(pointer: string, value: unknown): string {
  return SECRET_POINTERS.has(pointer) ? REDACTED : (JSON.stringify(value) ?? 'nothing');
}

/** 1-based line and column of a node (the key's node when `keyOf` is given), if the file has it. */
export function positionOf(file: SourceFile, pointer: string, keyOf?: string): { line: number; column: number } {
  const node = file.doc.getIn(segmentsOf(pointer), true) as { range?: [number, number, number] } | undefined;
  let offset = node?.range?.[0];
  if (keyOf !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === keyOf);
    const range = isScalar(pair?.key) ? pair.key.range : undefined;
    offset = range?.[0] ?? offset;
  }
  if (offset === undefined) {
    return pointer === '' ? { line: 1, column: 1 } : positionOf(file, pointer.slice(0, pointer.lastIndexOf('/')));
  }
  const { line, col } = file.lineCounter.linePos(offset);
  return { line, column: col };
}

interface Problem {
  /** Where the problem is (the missing or unknown key for required / additionalProperties). */
  readonly pointer: string;
  /** Where to point in the file. */
  readonly at: { pointer: string; keyOf?: string };
  /** Text after the key in the file form, e.g. `must be one of a, b (got "c")`. */
  readonly fileText: string;
  /** Text after `env VAR: `. */
  readonly envText: string;
  /** Whether `fileText` starts with the dotted key. */
  readonly keyed: boolean;
}

const ARTICLE: Record<string, string> = { object: 'a mapping', array: 'a list', integer: 'an integer' };

function problemOf(error: ErrorObject, value: unknown): Problem | undefined {
  const path = error.instancePath;
  const got = shown(path, valueAtPointer(value, path).value);
  const params = error.params as Record<string, unknown>;
  const simple = (phrase: string): Problem => ({
    pointer: path,
    at: { pointer: path },
    fileText: `${phrase} (got ${got})`,
    envText: `${phrase.replace(/^is /, '')} (${got})`,
    keyed: true,
  });
  switch (error.keyword) {
    case 'if':
    case 'allOf':
      return undefined;
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const where = path === '' ? '' : ` in ${dotted(path)}`;
      const text = `unknown key "${name}"${where}; expected one of: ${known.join(', ')}`;
      return {
        pointer: `${path}/${name}`,
        at: { pointer: path, keyOf: name },
        fileText: text,
        envText: text,
        keyed: false,
      };
    }
    case 'required': {
      const missing = `${path}/${String(params.missingProperty)}`;
      const mode = path === '/auth' ? valueAtPointer(value, '/auth/mode').value : undefined;
      const when = typeof mode === 'string' && mode !== '' ? ` when auth.mode is ${mode}` : '';
      const variable = envVariableFor(missing);
      return {
        pointer: missing,
        at: { pointer: path },
        fileText: `is required${when}`,
        envText: `not set (${dotted(missing)} is required${when}${variable === undefined ? '' : `; set ${variable}`})`,
        keyed: true,
      };
    }
    case 'enum':
      return simple(`must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`);
    case 'type':
      return simple(`must be ${ARTICLE[String(params.type)] ?? `a ${String(params.type)}`}`);
    case 'pattern': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return simple(description === undefined ? `must match ${String(params.pattern)}` : `is not ${description}`);
    }
    case 'minLength': {
      const why = (error.parentSchema as { description?: string } | undefined)?.description;
      const phrase = params.limit === 1 ? 'must not be empty' : `must have at least ${String(params.limit)} characters`;
      return simple(why === undefined ? phrase : `${phrase} (${why})`);
    }
    case 'minimum':
    case 'maximum':
      return simple(`must be ${String(params.comparison)} ${String(params.limit)}`);
    default:
      return simple(error.message ?? `fails ${error.keyword}`);
  }
}

/** One diagnostic per ajv error (minus the `if` wrappers), worded for the file or the variable it came from. */
export function renderSchemaErrors(errors: readonly ErrorObject[], ctx: RenderContext): TargetDiagnostic[] {
  const out: TargetDiagnostic[] = [];
  for (const error of errors) {
    const problem = problemOf(error, ctx.value);
    if (problem === undefined) {
      continue;
    }
    const key = dotted(problem.pointer) || 'the target';
    const parent = problem.pointer.slice(0, problem.pointer.lastIndexOf('/'));
    const variable =
      ctx.origins.get(problem.pointer) ??
      (error.keyword === 'required' && (ctx.origins.has(parent) || ctx.file === undefined)
        ? (envVariableFor(problem.pointer) ?? ctx.origins.get(parent))
        : undefined);
    const code = ErrorCodes.TARGET_BAD_KEY;
    if (variable !== undefined || ctx.file === undefined) {
      const source = `env ${variable ?? 'IMS_TARGET'}`;
      const text = variable === undefined ? `${key} ${problem.fileText}` : problem.envText;
      out.push({
        code,
        message: redactText(`${source}: ${text}`, ctx.secrets),
        source,
        key,
        pointer: problem.pointer,
      });
      continue;
    }
    const { line, column } = positionOf(ctx.file, problem.at.pointer, problem.at.keyOf);
    const text = problem.keyed ? `${key} ${problem.fileText}` : problem.fileText;
    out.push({
      code,
      message: redactText(`${ctx.file.path}:${line}:${column}: ${code}: ${text}`, ctx.secrets),
      source: ctx.file.path,
      key,
      file: ctx.file.path,
      line,
      column,
      pointer: problem.pointer,
    });
  }
  return out;
}
