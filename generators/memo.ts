import type { GenerationContext } from './case.js';

/**
 * Memoisation of arbitraries. Building an arbitrary is costly (fast-check's `string` tokenizes a list of
 * "dangerous" strings per new unit arbitrary), and arbitraries are pure descriptions (generation depends on the
 * random source only), so one built for the same inputs can be reused: same seed → same values.
 *
 * A context is keyed by its content (name prefix, completeness, fixture values), never by identity: a run's
 * fixtures object is updated in place as resources are created, and an arbitrary captures the values it saw.
 * Objects in a key (fields, constraints, operations) are keyed by identity through WeakMaps.
 */
interface Node {
  weak?: WeakMap<object, Node>;
  strong?: Map<unknown, Node>;
  has: boolean;
  value?: unknown;
}

const roots = new Map<string, Node>();
/** A bound on distinct contexts kept (a run sees a few fixture states; tests a handful). */
const MAX_CONTEXTS = 64;

/** A context's key with the fixture entries it was computed from (keys and values in order). */
interface KeyEntry {
  readonly entries: readonly string[];
  readonly key: string;
}

/**
 * Keys per fixtures object and prefix/completeness: every arbitrary lookup asks for its context's key, and
 * stringifying the fixtures each time was 2 % of the offline loop (contextKey plus memo: 4 %). A cached key is
 * reused only while the fixtures hold the same entries, so a fixture updated in place still changes the key.
 */
const keyCache = new WeakMap<object, Map<string, (KeyEntry | undefined)[]>>();

function sameEntries(fixtures: Readonly<Record<string, string>>, entries: readonly string[]): boolean {
  let i = 0;
  for (const name in fixtures) {
    if (!Object.hasOwn(fixtures, name)) {
      return false;
    }
    if (entries[i] !== name || entries[i + 1] !== fixtures[name]) {
      return false;
    }
    i += 2;
  }
  return i === entries.length;
}

/** The content key of a generation context. */
export function contextKey(ctx: GenerationContext): string {
  const prefix = ctx.namePrefix ?? '';
  const slot = ctx.complete ? 1 : 0;
  let byPrefix = keyCache.get(ctx.fixtures);
  const hit = byPrefix?.get(prefix)?.[slot];
  if (hit && sameEntries(ctx.fixtures, hit.entries)) {
    return hit.key;
  }
  const key = `${prefix}\u0000${slot}\u0000${JSON.stringify(ctx.fixtures)}`;
  const entries: string[] = [];
  for (const name in ctx.fixtures) {
    entries.push(name, ctx.fixtures[name] as string);
  }
  if (!byPrefix) {
    byPrefix = new Map();
    keyCache.set(ctx.fixtures, byPrefix);
  }
  let slots = byPrefix.get(prefix);
  if (!slots) {
    slots = [undefined, undefined];
    byPrefix.set(prefix, slots);
  }
  slots[slot] = { entries, key };
  return key;
}

function child(node: Node, part: unknown): Node {
  const isObject = (typeof part === 'object' && part !== null) || typeof part === 'function';
  if (isObject) {
    node.weak ??= new WeakMap();
    let next = node.weak.get(part as object);
    if (!next) {
      next = { has: false };
      node.weak.set(part as object, next);
    }
    return next;
  }
  node.strong ??= new Map();
  let next = node.strong.get(part);
  if (!next) {
    next = { has: false };
    node.strong.set(part, next);
  }
  return next;
}

/** The value built by `build` for this context (by content) and these key parts, built once. */
export function memo<T>(ctxKey: string, parts: readonly unknown[], build: () => T): T {
  let node = roots.get(ctxKey);
  if (!node) {
    if (roots.size >= MAX_CONTEXTS) {
      roots.clear();
    }
    node = { has: false };
    roots.set(ctxKey, node);
  }
  for (const part of parts) {
    node = child(node, part);
  }
  if (!node.has) {
    node.value = build();
    node.has = true;
  }
  return node.value as T;
}

/** The value built by `build` for one object (context-free), built once per object. */
export function memoByObject<K extends object, T>(cache: WeakMap<K, T>, key: K, build: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}
