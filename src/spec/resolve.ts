/**
 * `$ref` resolution: `$ref: ../shared/<file>.yaml#/definitions/<name>` (relative to the referring file,
 * or `#/…` for the same file) is replaced by the referenced value, and the sibling keys next to `$ref`
 * override the referenced keys (shallow merge). A definition may itself use `$ref`; cycles are reported.
 */
import { dirname, relative, resolve } from 'node:path';
import { type Diagnostic, ErrorCodes } from '../errors.js';
import { pointer, segmentsOf, valueAtPointer } from '../json/pointer.js';
import { isPlainObject } from '../json/value.js';
import type { ParsedFile } from './parse.js';

export interface ResolveContext {
  /** Every parsed spec file of the run, by absolute path. */
  readonly files: ReadonlyMap<string, ParsedFile>;
  readonly report: (d: Diagnostic) => void;
  /** Cycles already reported (by their sorted members): a cycle is met once from each of its refs. */
  readonly cycles: Set<string>;
}

export interface Resolved {
  readonly value: unknown;
  /** False when a `$ref` below could not be resolved (reported, unless its target file is itself broken). */
  readonly ok: boolean;
}

/**
 * Resolves every `$ref` in `value`, which sits at `at` (segments) in `file`.
 * `within` names the definitions being expanded (`<abs path>#<pointer>`), to detect cycles.
 */
export function resolveRefs(
  value: unknown,
  file: ParsedFile,
  ctx: ResolveContext,
  at: readonly string[] = [],
  within: readonly string[] = [],
): Resolved {
  let ok = true;
  const walk = (node: unknown, here: readonly string[]): unknown => {
    if (Array.isArray(node)) {
      return node.map((item, i) => walk(item, [...here, String(i)]));
    }
    if (!isPlainObject(node)) {
      return node;
    }
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      if (key !== '$ref') {
        out[key] = walk(child, [...here, key]);
      }
    }
    const ref = node.$ref;
    if (typeof ref !== 'string') {
      return out;
    }
    const target = follow(ref, file, here, ctx, within);
    if (target === undefined) {
      ok = false;
      return out;
    }
    // Shallow merge: the referring node's own keys win (e.g. `required: true` on a shared name).
    return { ...target, ...out };
  };
  const value2 = walk(value, at);
  return { value: value2, ok };

  function follow(
    ref: string,
    from: ParsedFile,
    here: readonly string[],
    c: ResolveContext,
    stack: readonly string[],
  ): Record<string, unknown> | undefined {
    const refPointer = pointer([...here, '$ref']);
    const where = from.position(refPointer);
    const fail = (code: Diagnostic['code'], message: string): undefined => {
      c.report({ code, message, file: from.file, line: where.line, column: where.column, pointer: refPointer });
      return undefined;
    };
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    const targetPath = filePart === '' ? from.path : resolve(dirname(from.path), filePart);
    const target = c.files.get(targetPath);
    if (target === undefined) {
      return fail(ErrorCodes.SPEC_DANGLING_REF, `$ref "${ref}": no spec file ${relative(process.cwd(), targetPath)}`);
    }
    if (!target.ok) {
      // Its own syntax diagnostics already say why; a second message here would only repeat them.
      return undefined;
    }
    // A fragment that is not a JSON pointer (RFC 6901 §3) names nothing: reported as a dangling $ref below.
    const isPointer = fragment === '' || fragment.startsWith('/');
    const node = isPointer ? valueAtPointer(target.value, fragment).value : undefined;
    if (!isPlainObject(node)) {
      const what = node === undefined ? 'nothing' : 'no object';
      return fail(ErrorCodes.SPEC_DANGLING_REF, `$ref "${ref}": there is ${what} at #${fragment} in ${target.file}`);
    }
    const key = `${targetPath}#${fragment}`;
    if (stack.includes(key)) {
      const members = stack.slice(stack.indexOf(key));
      const id = [...members].sort().join('\u0000');
      if (c.cycles.has(id)) {
        return undefined;
      }
      c.cycles.add(id);
      const chain = [...members, key].map((k) => relative(process.cwd(), k)).join(' → ');
      return fail(
        ErrorCodes.SPEC_REF_CYCLE,
        `$ref "${ref}" closes a cycle: ${chain}; break it by inlining one definition`,
      );
    }
    const inner = resolveRefs(node, target, c, segmentsOf(fragment), [...stack, key]);
    if (!inner.ok) {
      return undefined;
    }
    // A citation of a shared definition names the document of the file it comes from (`document:` at its top):
    // Image Attributes, Image Tag Format… — not the operation's document, which contains none of those sentences.
    const document = isPlainObject(target.value) ? target.value.document : undefined;
    return (typeof document === 'string' ? withCiteDoc(inner.value, document) : inner.value) as Record<string, unknown>;
  }
}

/** `value` with `doc` set on every `cite` object that has none (nested definitions already carry their own). */
export function withCiteDoc(value: unknown, doc: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => withCiteDoc(item, doc));
  }
  if (!isPlainObject(value)) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === 'cite' && isPlainObject(child) && child.doc === undefined ? { ...child, doc } : withCiteDoc(child, doc);
  }
  return out;
}
