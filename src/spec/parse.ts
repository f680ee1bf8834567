/**
 * Reads one spec file: YAML text → document with positions → plain JS value, or syntax diagnostics.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { type Diagnostic, ErrorCodes } from '../errors.js';
import { type Position, type PositionMode, positionOf } from './positions.js';

/** One parsed spec file. `value` is undefined when the YAML is broken (see `diagnostics`). */
export interface ParsedFile {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the working directory, as diagnostics show it. */
  readonly file: string;
  readonly value: unknown;
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** Position of the node at a JSON pointer (the deepest existing ancestor if it does not exist). */
  position(pointer: string, mode?: PositionMode): Position;
}

/** Parses the YAML file at `path`; never throws for a bad file. */
export function parseSpecFile(path: string): ParsedFile {
  const file = relative(process.cwd(), path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const message = `cannot read spec file: ${(error as Error).message}`;
    return broken(path, file, [{ code: ErrorCodes.SPEC_IO, message, file, line: 1, column: 1 }]);
  }
  const lineCounter = new LineCounter();
  // uniqueKeys (the default) makes a repeated key a syntax error: the second one would silently win.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (ptr: string, mode?: PositionMode): Position =>
    positionOf({ contents: doc.contents, lineCounter }, ptr, mode);
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((error): Diagnostic => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return {
        code: ErrorCodes.SPEC_YAML_SYNTAX,
        message: `${error.message} (${error.code})`,
        file,
        line,
        column: col,
      };
    });
    return { path, file, value: undefined, ok: false, diagnostics, position };
  }
  try {
    return { path, file, value: doc.toJS({ maxAliasCount: 100 }), ok: true, diagnostics: [], position };
  } catch (error) {
    // toJS throws on alias bombs ("Excessive alias count") and unresolvable aliases.
    const message = (error as Error).message;
    return { path, file, value: undefined, ok: false, diagnostics: [syntax(file, message)], position };
  }
}

function syntax(file: string, message: string): Diagnostic {
  return { code: ErrorCodes.SPEC_YAML_SYNTAX, message, file, line: 1, column: 1 };
}

function broken(path: string, file: string, diagnostics: Diagnostic[]): ParsedFile {
  return { path, file, value: undefined, ok: false, diagnostics, position: () => ({ line: 1, column: 1 }) };
}
