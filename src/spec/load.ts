/**
 * Loads the spec folder: every YAML file parsed with positions, validated against the meta-schema,
 * `$ref`s resolved, regexes, errata, examples and constraint ids checked. Every problem of every file
 * is collected in one run; a file with a problem yields no operation, the others still load.
 *
 * @see specs/spec.schema.json
 * @see ../shared/STYLE.md §3 item 1
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Diagnostic, ErrorCodes } from '../errors.js';
import { isPlainObject } from '../json/value.js';
import type { DefinitionsSpec, ErratumSpec, ExampleSpec, OperationSpec } from '../model/spec.js';
import { checkErrata, checkRegexes, errataIdsOf, loadExamples } from './checks.js';
import { constraintIdsOf } from './constraint-ids.js';
import { type ParsedFile, parseSpecFile } from './parse.js';
import { resolveRefs } from './resolve.js';
import { validateSpecFile } from './validate.js';

/** A spec problem; `file` is relative to the working directory, `line` and `column` 1-based. */
export type SpecDiagnostic = Diagnostic;

export interface LoadSpecsOptions {
  /** The spec folder; defaults to the repository's `specs/`. */
  readonly root?: string;
}

export interface LoadedOperation {
  /** The operation, `$ref`s resolved and merged. */
  readonly spec: OperationSpec;
  /** Path relative to the working directory. */
  readonly file: string;
  readonly examples: readonly { readonly spec: ExampleSpec; readonly json: unknown; readonly text: string }[];
  /**
   * Position of the node at `pointer` in the UNRESOLVED spec file; for keys merged in from a `$ref`, the
   * referring node (the deepest node of the pointer that the file itself holds).
   */
  locate(pointer: string): { file: string; line: number; column: number };
}

export interface LoadedSpecs {
  /** Absolute path of the spec folder. */
  readonly root: string;
  /** Operations in file order. */
  readonly operations: readonly LoadedOperation[];
  /** Shared definitions files by file name without extension (`image-name`, `ims-error`), refs resolved. */
  readonly definitions: ReadonlyMap<string, DefinitionsSpec>;
  /** All errata of all loaded files, in file order. */
  readonly errata: readonly ErratumSpec[];
}

export interface LoadSpecsResult {
  /** Absent only when the folder cannot be read at all. */
  readonly value?: LoadedSpecs;
  /** Sorted by file, line, column. Empty means every spec file loaded. */
  readonly diagnostics: SpecDiagnostic[];
}

const defaultRoot = fileURLToPath(new URL('../../specs/', import.meta.url));

/** Loads and checks every spec under `root`; never throws for a bad spec. */
export function loadSpecs(options: LoadSpecsOptions = {}): LoadSpecsResult {
  const root = resolve(options.root ?? defaultRoot);
  let paths: string[];
  try {
    paths = yamlFilesUnder(root);
  } catch (error) {
    const file = relative(process.cwd(), root);
    const message = `cannot read the spec folder: ${(error as Error).message}`;
    return { diagnostics: [{ code: ErrorCodes.SPEC_IO, message, file, line: 1, column: 1 }] };
  }

  const diagnostics = new Diagnostics();
  const files = new Map(paths.map((p) => [p, parseSpecFile(p)] as const));
  const isDefinitions = (f: ParsedFile): boolean => isPlainObject(f.value) && 'definitions' in f.value;
  const sharedErrata = new Set([...files.values()].filter(isDefinitions).flatMap((f) => errataIdsOf(f.value)));

  const resolved = new Map<string, unknown>();
  const cycles = new Set<string>();
  for (const f of files.values()) {
    diagnostics.add(f.path, f.diagnostics);
    if (!f.ok) {
      continue;
    }
    diagnostics.add(f.path, validateSpecFile(f));
    diagnostics.add(f.path, checkRegexes(f));
    diagnostics.add(f.path, checkErrata(f, sharedErrata));
    // A broken ref inside a shared file is reported against that file, where the fix goes.
    const report = (d: Diagnostic): void => diagnostics.add(resolve(d.file), [d]);
    const r = resolveRefs(f.value, f, { files, report, cycles });
    if (r.ok) {
      resolved.set(f.path, r.value);
    } else {
      diagnostics.fail(f.path);
    }
  }

  const baseDir = dirname(root);
  const operations: LoadedOperation[] = [];
  const definitions = new Map<string, DefinitionsSpec>();
  const errata: ErratumSpec[] = [];
  for (const f of files.values()) {
    const value = resolved.get(f.path);
    if (value === undefined || diagnostics.failed(f.path)) {
      continue;
    }
    if (isDefinitions(f)) {
      const spec = value as DefinitionsSpec;
      definitions.set(stem(f.path), spec);
      errata.push(...(spec.errata ?? []));
      continue;
    }
    const spec = value as OperationSpec;
    const loaded = loadExamples(f, baseDir);
    diagnostics.add(f.path, loaded.diagnostics);
    if (loaded.diagnostics.length > 0) {
      continue;
    }
    const examples = loaded.examples.flatMap(({ index, json, text }) => {
      const example = spec.examples?.[index];
      return example === undefined ? [] : [{ spec: example, json, text }];
    });
    const locate = (ptr: string): { file: string; line: number; column: number } => ({
      file: f.file,
      ...f.position(ptr),
    });
    operations.push({ spec, file: f.file, examples, locate });
    errata.push(...(spec.errata ?? []));
  }

  const unique = checkDuplicateIds(operations);
  for (const [op, d] of unique.duplicates) {
    diagnostics.add(resolve(op.file), [d]);
  }
  return {
    value: { root, operations: unique.operations, definitions, errata },
    diagnostics: diagnostics.sorted(),
  };
}

/** Constraint ids must be unique across all specs: the second occurrence is reported, naming the first. */
function checkDuplicateIds(operations: readonly LoadedOperation[]): {
  operations: LoadedOperation[];
  duplicates: [LoadedOperation, Diagnostic][];
} {
  const first = new Map<string, string>();
  const duplicates: [LoadedOperation, Diagnostic][] = [];
  const bad = new Set<LoadedOperation>();
  for (const op of operations) {
    for (const entry of constraintIdsOf(op.spec)) {
      const where = op.locate(entry.pointer);
      const here = `${where.file}:${where.line}:${where.column}`;
      const previous = first.get(entry.id);
      if (previous === undefined) {
        first.set(entry.id, here);
        continue;
      }
      const message = `constraint id "${entry.id}" is already used at ${previous}; ids must be unique across all specs (rename the rule, or the field key)`;
      duplicates.push([op, { code: ErrorCodes.SPEC_DUPLICATE_ID, message, ...where, pointer: entry.pointer }]);
      bad.add(op);
    }
  }
  return { operations: operations.filter((op) => !bad.has(op)), duplicates };
}

/** Per-file diagnostics, deduplicated (a broken shared definition is met by every spec that uses it). */
class Diagnostics {
  readonly #byFile = new Map<string, Map<string, Diagnostic>>();
  readonly #failed = new Set<string>();

  add(path: string, list: readonly Diagnostic[]): void {
    for (const d of list) {
      const forFile = this.#byFile.get(path) ?? new Map<string, Diagnostic>();
      this.#byFile.set(path, forFile);
      forFile.set(`${d.line}:${d.column}:${d.code}:${d.message}`, d);
      this.#failed.add(path);
    }
  }

  fail(path: string): void {
    this.#failed.add(path);
  }

  failed(path: string): boolean {
    return this.#failed.has(path);
  }

  sorted(): Diagnostic[] {
    return [...this.#byFile.values()]
      .flatMap((m) => [...m.values()])
      .sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.code, b.code));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every .yaml/.yml file under `dir`, sorted, so that runs and duplicate reports are deterministic. */
function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...yamlFilesUnder(path));
    } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      out.push(path);
    }
  }
  return out.sort();
}

function stem(path: string): string {
  return (path.split(/[\\/]/).at(-1) ?? path).replace(/\.ya?ml$/, '');
}
