/**
 * Server children of the benchmark: each server runs in its own process (forked with tsx), so the load
 * generator never shares its event loop. A child reports its URL over IPC and exits by itself when the
 * parent disconnects or after its time limit, so an interrupted benchmark leaves nothing listening.
 */
import { type ChildProcess, fork } from 'node:child_process';

/** What a server child sends once it listens. */
export interface ReadyMessage {
  readonly url: string;
  readonly pid: number;
}

export interface ServerChild {
  readonly url: string;
  readonly pid: number;
  /** Sends SIGTERM and resolves when the child has exited. */
  stop(): Promise<void>;
}

function isReady(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && typeof (message as ReadyMessage).url === 'string';
}

/** Forks `script` under tsx (after `nodeArgs`, e.g. --cpu-prof) with `args` and resolves once it reports its URL (rejects after `timeoutMs`). */
export function startServerChild(
  script: string,
  args: readonly string[],
  options: { readonly timeoutMs?: number; readonly nodeArgs?: readonly string[] } = {},
): Promise<ServerChild> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child: ChildProcess = fork(script, [...args], {
    execArgv: [...(options.nodeArgs ?? []), '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not report a URL within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (code ${code}) before reporting a URL`));
    });
    child.once('message', (message) => {
      clearTimeout(timer);
      if (!isReady(message)) {
        reject(new Error(`${script} sent an unexpected message: ${JSON.stringify(message)}`));
        return;
      }
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      resolve({
        url: message.url,
        pid: message.pid,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
          }
          await exited;
        },
      });
    });
  });
}

/** In a child: exit when the parent goes away or after `maxMs`, whichever comes first. */
export function exitWithParent(close: () => Promise<void>, maxMs: number): void {
  const stop = (): void => {
    void close().finally(() => process.exit(0));
  };
  process.once('disconnect', stop);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  setTimeout(stop, maxMs).unref();
}
