/**
 * The spec checks the meta-schema cannot express: regexes compile, `erratum:` keys name an erratum
 * that exists, example files exist and are JSON.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type Diagnostic, ErrorCodes } from '../errors.js';
import { pointer } from '../json/pointer.js';
import { isPlainObject } from '../json/value.js';
import type { ParsedFile } from './parse.js';

type Visit = (field: Record<string, unknown>, at: readonly string[]) => void;

/** Calls `visit` for every field (FieldSpec position) of a raw spec file, operation or definitions. */
export function walkFields(value: unknown, visit: Visit): void {
  if (!isPlainObject(value)) {
    return;
  }
  const field = (node: unknown, at: readonly string[]): void => {
    if (!isPlainObject(node)) {
      return;
    }
    visit(node, at);
    field(node.items, [...at, 'items']);
    each(node.fields, [...at, 'fields'], field);
    each(isPlainObject(node.split) ? node.split.parts : undefined, [...at, 'split', 'parts'], field);
    field(node.additional, [...at, 'additional']);
    each(node.revisions, [...at, 'revisions'], field);
  };
  if (isPlainObject(value.definitions)) {
    each(value.definitions, ['definitions'], (d, at) => {
      // An envelope is not a field, but its body is.
      if (isPlainObject(d) && d.envelope === true) {
        field(d.body, [...at, 'body']);
      } else {
        field(d, at);
      }
    });
    return;
  }
  each(value.pathParams, ['pathParams'], field);
  const request = value.request;
  if (isPlainObject(request)) {
    each(request.fields, ['request', 'fields'], field);
    each(request.variants, ['request', 'variants'], (v, at) => {
      each(isPlainObject(v) ? v.fields : undefined, [...at, 'fields'], field);
    });
    field(request.additional, ['request', 'additional']);
  }
  each(value.responses, ['responses'], (r, at) => field(isPlainObject(r) ? r.body : undefined, [...at, 'body']));
}

function each(node: unknown, at: readonly string[], fn: (child: unknown, at: readonly string[]) => void): void {
  if (isPlainObject(node)) {
    for (const [key, child] of Object.entries(node)) {
      fn(child, [...at, key]);
    }
  }
}

/** `charset.allowed` (as `[…]`) and `format.pattern` must compile as unicode-mode JS regexes. */
export function checkRegexes(parsed: ParsedFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkFields(parsed.value, (field, at) => {
    const charset = field.charset;
    if (isPlainObject(charset) && typeof charset.allowed === 'string') {
      const error = compileError(`[${charset.allowed}]`);
      if (error !== undefined) {
        const message = `charset.allowed is not a regex character class body (unicode mode): ${error}`;
        out.push(diagnosticAt(parsed, [...at, 'charset', 'allowed'], ErrorCodes.SPEC_BAD_REGEX, message));
      }
    }
    const format = field.format;
    if (isPlainObject(format) && typeof format.pattern === 'string') {
      const error = compileError(format.pattern);
      if (error !== undefined) {
        const message = `format.pattern is not a regex (unicode mode): ${error}`;
        out.push(diagnosticAt(parsed, [...at, 'format', 'pattern'], ErrorCodes.SPEC_BAD_REGEX, message));
      }
    }
  });
  return out;
}

function compileError(source: string): string | undefined {
  try {
    new RegExp(source, 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Ids of the errata a raw spec file defines. */
export function errataIdsOf(value: unknown): string[] {
  const errata = isPlainObject(value) ? value.errata : undefined;
  if (!Array.isArray(errata)) {
    return [];
  }
  return errata.flatMap((e: unknown) => (isPlainObject(e) && typeof e.id === 'string' ? [e.id] : []));
}

/** Every `erratum: <id>` in the file names an erratum of the same file or of a shared file. */
export function checkErrata(parsed: ParsedFile, sharedIds: ReadonlySet<string>): Diagnostic[] {
  const own = new Set(errataIdsOf(parsed.value));
  const out: Diagnostic[] = [];
  const walk = (node: unknown, at: readonly string[]): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) {
        walk(item, [...at, String(i)]);
      }
      return;
    }
    if (!isPlainObject(node)) {
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      // A string under `erratum` is a reference; an object there would be a field named "erratum".
      if (key === 'erratum' && typeof child === 'string') {
        if (!own.has(child) && !sharedIds.has(child)) {
          const known = [...own, ...sharedIds].sort().join(', ') || 'none';
          const message = `erratum "${child}" is not defined in this spec's errata nor in a shared file (known: ${known})`;
          out.push(diagnosticAt(parsed, [...at, key], ErrorCodes.SPEC_DANGLING_ERRATUM, message));
        }
      } else {
        walk(child, [...at, key]);
      }
    }
  };
  walk(parsed.value, []);
  return out;
}

export interface LoadedExample {
  readonly index: number;
  readonly json: unknown;
  readonly text: string;
}

/**
 * Reads every example file of an operation spec; `file` is relative to `baseDir` (the repository root
 * for specs/, i.e. the parent of the spec root).
 */
export function loadExamples(
  parsed: ParsedFile,
  baseDir: string,
): { examples: LoadedExample[]; diagnostics: Diagnostic[] } {
  const examples: LoadedExample[] = [];
  const diagnostics: Diagnostic[] = [];
  const list = isPlainObject(parsed.value) ? parsed.value.examples : undefined;
  if (!Array.isArray(list)) {
    return { examples, diagnostics };
  }
  list.forEach((example: unknown, index) => {
    if (!isPlainObject(example) || typeof example.file !== 'string') {
      return;
    }
    const path = resolve(baseDir, example.file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      const message = `example file ${relative(process.cwd(), path)} does not exist; copy the document's example there verbatim`;
      diagnostics.push(
        diagnosticAt(parsed, ['examples', String(index), 'file'], ErrorCodes.SPEC_MISSING_EXAMPLE, message),
      );
      return;
    }
    try {
      examples.push({ index, json: JSON.parse(text) as unknown, text });
    } catch (error) {
      diagnostics.push(jsonError(path, text, (error as Error).message));
    }
  });
  return { examples, diagnostics };
}

/** A JSON syntax error, positioned in the example file itself (V8 says "at position N"). */
function jsonError(path: string, text: string, message: string): Diagnostic {
  const offset = Number(/at position (\d+)/.exec(message)?.[1] ?? 0);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  const file = relative(process.cwd(), path);
  return { code: ErrorCodes.SPEC_BAD_EXAMPLE, message: `example is not JSON: ${message}`, file, line, column };
}

function diagnosticAt(
  parsed: ParsedFile,
  at: readonly string[],
  code: Diagnostic['code'],
  message: string,
): Diagnostic {
  const ptr = pointer(at);
  const { line, column } = parsed.position(ptr);
  return { code, message, file: parsed.file, line, column, pointer: ptr };
}
