/**
 * Reads V8 `.cpuprofile` files (node --cpu-prof) and sums self time by function and script: a sample's time
 * (its timeDelta) belongs to the node it landed in. No dependency: the format is plain JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface HotSpot {
  /** `functionName (file:line)`, file relative to the repository, `node_modules/<pkg>/…` kept. */
  readonly name: string;
  readonly selfMs: number;
  /** Share of the non-idle sampled time. */
  readonly percent: number;
}

export interface ProfileSummary {
  readonly files: readonly string[];
  /** Sampled time without `(idle)`, in ms. */
  readonly busyMs: number;
  readonly idleMs: number;
  readonly top: readonly HotSpot[];
  /** Self time by area: `node_modules/<package>`, the project's top folder (`src/compile`, `mock`…), `node:` or V8. */
  readonly areas: readonly HotSpot[];
}

function areaOf(url: string, functionName: string, root: string): string {
  if (!url) {
    return functionName.startsWith('(') ? functionName : '(native/V8 builtins)';
  }
  if (url.startsWith('node:')) {
    return 'node: internals';
  }
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const rel = relative(root, path);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel);
  if (pkg) {
    return `node_modules/${pkg[1]}`;
  }
  const parts = rel.split('/');
  return parts[0] === 'src' && parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] ?? rel);
}

function where(url: string, line: number, root: string): string {
  if (!url) {
    return '';
  }
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const shown = path.startsWith('/') ? relative(root, path) : path;
  // tsx-transformed files report line 1 for everything (V8 sees the generated code): the file alone then.
  return line > 0 ? ` (${shown}:${line + 1})` : ` (${shown})`;
}

/** Sums self time by function+url over every `.cpuprofile` in `dir` (or the listed files); the top `n`. */
export function summariseProfiles(files: readonly string[], root: string, n = 15): ProfileSummary {
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const node = byId.get(samples[i] ?? -1);
      // timeDeltas[i] is the time before sample i; attributing it to sample i is what Chrome DevTools does.
      const us = Math.max(0, deltas[i] ?? 0);
      if (!node) {
        continue;
      }
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)') {
        idle += us;
        continue;
      }
      busy += us;
      const key = `${functionName || '(anonymous)'}${where(url, lineNumber, root)}`;
      self.set(key, (self.get(key) ?? 0) + us);
      const area = areaOf(url, functionName, root);
      areas.set(area, (areas.get(area) ?? 0) + us);
    }
  }
  const rank = (m: Map<string, number>, count: number): HotSpot[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ name, selfMs: us / 1000, percent: busy > 0 ? (us / busy) * 100 : 0 }));
  return {
    files: files.map((f) => relative(root, f)),
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    top: rank(self, n),
    areas: rank(areas, 10),
  };
}

/** The `.cpuprofile` files of a folder, sorted by name. */
export function profilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .map((f) => join(dir, f));
}
