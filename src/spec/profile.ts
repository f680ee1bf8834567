/**
 * A profile's documented differences (profiles/<name>.yaml, e.g. the `glance` profile): per constraint id, how
 * another implementation differs and where that is documented, plus how requests keep to what both services
 * document. Never throws for a bad file: returns `{ value, diagnostics }` with `file:line:col` (STYLE.md §3).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Document, isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { type Diagnostic, ErrorCodes } from '../errors.js';
import { isPlainObject } from '../json/value.js';
import type { ProfileDifference } from '../model/verdict.js';

/** How the cases of one operation are sent under the profile. */
export interface ProfileRequests {
  /** Top-level body field → the only values a request sends (unless the case is about that field). */
  readonly values: Readonly<Record<string, readonly unknown[]>>;
  /** `none`: no request body (unless the case is about a body field). */
  readonly body?: 'none';
  /** The difference this shaping rests on (reported for cases about the shaped fields). */
  readonly difference: ProfileDifference;
}

export interface ProfileData {
  readonly name: string;
  readonly title?: string;
  /** The operations the profile's service has (absent: all); the others are not checked. */
  readonly serves?: ReadonlySet<string>;
  /** Documented differences by constraint id. */
  readonly differences: ReadonlyMap<string, ProfileDifference>;
  /** Request shaping by operation id. */
  readonly requests: ReadonlyMap<string, ProfileRequests>;
}

export interface ProfileLoadResult {
  readonly value?: ProfileData;
  readonly diagnostics: readonly Diagnostic[];
}

const profilesDir = fileURLToPath(new URL('../../profiles/', import.meta.url));

/** The profile file of a profile name; `default` and `strict` have none. */
export function profileFile(name: string): string | undefined {
  return name === 'default' || name === 'strict' ? undefined : `${profilesDir}${name}.yaml`;
}

/** An empty profile: no difference, no shaping (the `default` and `strict` profiles). */
export function emptyProfile(name: string): ProfileData {
  return { name, differences: new Map(), requests: new Map() };
}

/**
 * Reads and checks a profile: every difference has an id, a reason, a citation and constraint ids that exist
 * (`knownIds`), every request shaping names a known operation and difference.
 */
export function loadProfile(
  name: string,
  knownIds: ReadonlySet<string>,
  file: string | undefined = profileFile(name),
): ProfileLoadResult {
  if (file === undefined) {
    return { value: emptyProfile(name), diagnostics: [] };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { diagnostics: [at(file, 1, 1, `cannot read the profile ${name} (${why})`)] };
  }
  return parseProfile(text, file, name, knownIds);
}

/** Parses a profile's text; see {@link loadProfile}. */
export function parseProfile(
  text: string,
  file: string,
  name: string,
  knownIds: ReadonlySet<string>,
): ProfileLoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const { line, col } = lines.linePos(e.pos[0]);
    return at(file, line, col, `YAML syntax: ${e.message.split('\n')[0] ?? e.message}`);
  });
  if (diagnostics.length > 0) {
    return { diagnostics };
  }
  const where = (path: readonly (string | number)[]): { line: number; col: number } => {
    const node = nodeAt(doc, path);
    return node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
  };
  const problem = (path: readonly (string | number)[], message: string): void => {
    const { line, col } = where(path);
    diagnostics.push(at(file, line, col, `${path.join('.') || '(top)'}: ${message}`));
  };
  const data: unknown = doc.toJS();
  if (!isPlainObject(data)) {
    problem([], 'a profile is a mapping with profile, title, differences and requests');
    return { diagnostics };
  }
  for (const key of Object.keys(data)) {
    if (!['profile', 'title', 'serves', 'differences', 'requests'].includes(key)) {
      problem([key], 'unknown key; expected profile, title, serves, differences, requests');
    }
  }
  if (data.profile !== name) {
    problem(['profile'], `must be ${JSON.stringify(name)}, the profile's name (got ${JSON.stringify(data.profile)})`);
  }
  const byId = new Map<string, ProfileDifference>();
  const differences = new Map<string, ProfileDifference>();
  const list = Array.isArray(data.differences) ? data.differences : [];
  if (!Array.isArray(data.differences)) {
    problem(['differences'], 'must be a list of { id, reason, citation, constraints }');
  }
  for (const [i, entry] of list.entries()) {
    const path = ['differences', i];
    if (!isPlainObject(entry)) {
      problem(path, 'must be a mapping { id, reason, citation, constraints }');
      continue;
    }
    for (const key of ['id', 'reason', 'citation'] as const) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') {
        problem(
          [...path, key],
          'must be a non-empty string (a difference names its reason and where it is documented)',
        );
      }
    }
    for (const key of Object.keys(entry)) {
      if (!['id', 'reason', 'citation', 'constraints'].includes(key)) {
        problem([...path, key], 'unknown key; expected id, reason, citation, constraints');
      }
    }
    const difference: ProfileDifference = {
      profile: name,
      reason: String(entry.reason ?? '').trim(),
      citation: String(entry.citation ?? '').trim(),
    };
    byId.set(String(entry.id), difference);
    const ids = Array.isArray(entry.constraints) ? entry.constraints : [];
    if (!Array.isArray(entry.constraints) || ids.length === 0) {
      problem([...path, 'constraints'], 'must list at least one constraint id');
    }
    for (const [j, id] of ids.entries()) {
      if (typeof id !== 'string' || !knownIds.has(id)) {
        problem([...path, 'constraints', j], `${JSON.stringify(id)} is not a constraint id of the specs`);
      } else if (differences.has(id)) {
        problem([...path, 'constraints', j], `${id} is listed under two differences`);
      } else {
        differences.set(id, difference);
      }
    }
  }
  const operations = new Set([...knownIds].map((id) => id.split('.').slice(0, 2).join('.')));
  let serves: Set<string> | undefined;
  if (data.serves !== undefined) {
    serves = new Set();
    if (!Array.isArray(data.serves)) {
      problem(['serves'], 'must list the operation ids the service has');
    }
    for (const [i, op] of (Array.isArray(data.serves) ? data.serves : []).entries()) {
      if (typeof op !== 'string' || !operations.has(op)) {
        problem(['serves', i], `${JSON.stringify(op)} is not an operation id of the specs`);
      } else {
        serves.add(op);
      }
    }
  }
  const requests = new Map<string, ProfileRequests>();
  const shaping = data.requests ?? {};
  if (!isPlainObject(shaping)) {
    problem(['requests'], 'must map operation ids to { values, body, difference }');
  } else {
    for (const [op, entry] of Object.entries(shaping)) {
      const path = ['requests', op];
      if (!operations.has(op)) {
        problem(path, `${op} is not an operation id of the specs`);
        continue;
      }
      if (!isPlainObject(entry)) {
        problem(path, 'must be a mapping { values, body, difference }');
        continue;
      }
      for (const key of Object.keys(entry)) {
        if (!['values', 'body', 'difference'].includes(key)) {
          problem([...path, key], 'unknown key; expected values, body, difference');
        }
      }
      const difference = byId.get(String(entry.difference));
      if (difference === undefined) {
        problem(
          [...path, 'difference'],
          `must name the id of a difference above (got ${JSON.stringify(entry.difference)})`,
        );
        continue;
      }
      if (entry.body !== undefined && entry.body !== 'none') {
        problem([...path, 'body'], `must be none (got ${JSON.stringify(entry.body)})`);
      }
      const values: Record<string, readonly unknown[]> = {};
      const rawValues = entry.values ?? {};
      if (!isPlainObject(rawValues)) {
        problem([...path, 'values'], 'must map body fields to lists of values');
      } else {
        for (const [field, list] of Object.entries(rawValues)) {
          if (!Array.isArray(list) || list.length === 0) {
            problem([...path, 'values', field], 'must be a non-empty list of values');
          } else {
            values[field] = list;
          }
        }
      }
      requests.set(op, { values, ...(entry.body === 'none' ? { body: 'none' as const } : {}), difference });
    }
  }
  if (diagnostics.length > 0) {
    return { diagnostics };
  }
  return {
    value: {
      name,
      ...(typeof data.title === 'string' ? { title: data.title } : {}),
      ...(serves !== undefined ? { serves } : {}),
      differences,
      requests,
    },
    diagnostics: [],
  };
}

function nodeAt(
  doc: Document,
  path: readonly (string | number)[],
): { range?: [number, number, number] | null } | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      node = pair === undefined ? undefined : (pair.value ?? pair.key);
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return undefined;
    }
  }
  return node as { range?: [number, number, number] | null } | undefined;
}

function at(file: string, line: number, column: number, message: string): Diagnostic {
  return { code: ErrorCodes.PROFILE_BAD_KEY, message, file, line, column };
}
