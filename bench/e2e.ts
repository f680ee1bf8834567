/**
 * End-to-end: wall time and peak memory of `node bin/ims-conformance.js run …` as a child process, and the cases
 * it recorded. Peak RSS two ways: the largest single process (GNU `/usr/bin/time -v`, when present) and the peak
 * of the whole process tree's summed VmRSS (sampled from /proc every 100 ms; vitest runs suites in forks).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ProcessRun {
  readonly command: string;
  readonly exitCode: number | null;
  readonly wallMs: number;
  /** Largest resident set of one process of the tree (time -v), in MB; undefined without GNU time. */
  readonly peakProcessRssMb?: number;
  /** Peak of the summed resident set of the process tree (sampled), in MB; undefined without /proc. */
  readonly peakTreeRssMb?: number;
  readonly timedOut: boolean;
  /** Last lines of stderr, for a report when the run failed. */
  readonly stderrTail: string;
}

const GNU_TIME = '/usr/bin/time';

function childrenOf(): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 is the ppid; the command (field 2) is in parentheses and may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = out.get(ppid) ?? [];
      list.push(Number(entry));
      out.set(ppid, list);
    } catch {
      // The process ended while we read /proc.
    }
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Summed VmRSS of `root` and all its descendants, in kB. */
export function treeRssKb(root: number): number {
  const children = childrenOf();
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += rssKb(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Sends SIGTERM to `root` and every descendant (by pid; GNU time does not forward SIGTERM to its child). */
function killTree(root: number): void {
  const children = childrenOf();
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    stack.push(...(children.get(pid) ?? []));
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

/** Runs `node args…` (under GNU time when present), bounded by `timeoutMs`; measures wall time and memory. */
export function measureProcess(
  args: readonly string[],
  options: { readonly timeoutMs: number; readonly env?: NodeJS.ProcessEnv },
): Promise<ProcessRun> {
  const useTime = existsSync(GNU_TIME);
  const argv = useTime ? ['-v', process.execPath, ...args] : [...args];
  const started = performance.now();
  const child = spawn(useTime ? GNU_TIME : process.execPath, argv, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...options.env, FORCE_COLOR: '0' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const hasProc = existsSync('/proc/self/status');
  let peakTree = 0;
  const poll = hasProc
    ? setInterval(() => {
        if (child.pid !== undefined) {
          peakTree = Math.max(peakTree, treeRssKb(child.pid));
        }
      }, 100)
    : undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) {
      killTree(child.pid);
    }
  }, options.timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      const wallMs = performance.now() - started;
      const max = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const tail = stderr
        .replace(/\tCommand being timed[\s\S]*$/, '')
        .trim()
        .split('\n')
        .slice(-5)
        .join('\n');
      resolve({
        command: `node ${args.join(' ')}`,
        exitCode: code,
        wallMs,
        ...(max ? { peakProcessRssMb: Number(max[1]) / 1024 } : {}),
        ...(hasProc ? { peakTreeRssMb: peakTree / 1024 } : {}),
        timedOut,
        stderrTail: tail,
      });
    });
  });
}

/** Number of case records (JSON lines) under `<dir>/records`. */
export function countRecords(dir: string): number {
  const folder = join(dir, 'records');
  if (!existsSync(folder)) {
    return 0;
  }
  let n = 0;
  for (const file of readdirSync(folder)) {
    if (file.endsWith('.jsonl')) {
      n += readFileSync(join(folder, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '').length;
    }
  }
  return n;
}
