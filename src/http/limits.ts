/**
 * Request limits: at most `concurrency` requests in flight, and at most `rps` started per second.
 * The rate is a token bucket of size one (requests evenly spaced `1000 / rps` ms apart): a remote
 * target sees a steady trickle, never a burst.
 */

export interface LimiterOptions {
  /** Requests in flight at once (>= 1). */
  readonly concurrency: number;
  /** Requests started per second; 0 or absent = unlimited. */
  readonly rps?: number;
  /** Clock, injectable for tests. */
  readonly now?: () => number;
  /** Abortable sleep, injectable for tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface Limiter {
  /** Waits for a slot and a token; resolves to the function that frees the slot. Rejects if `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Requests currently holding a slot. */
  readonly inFlight: number;
}

interface Waiter {
  readonly grant: () => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/** An abortable `setTimeout` promise; rejects with the signal's reason. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Creates a limiter; slots are granted first come, first served. */
export function createLimiter(options: LimiterOptions): Limiter {
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const interval = options.rps !== undefined && options.rps > 0 ? 1000 / options.rps : 0;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const queue: Waiter[] = [];
  let active = 0;
  let nextStart = Number.NEGATIVE_INFINITY;

  const release = (): void => {
    const next = queue.shift();
    if (next === undefined) {
      active -= 1;
      return;
    }
    next.signal?.removeEventListener('abort', next.onAbort);
    next.grant();
  };

  const slot = (signal: AbortSignal | undefined): Promise<void> => {
    if (signal?.aborted) {
      return Promise.reject(signal.reason);
    }
    if (active < concurrency) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: resolve,
        signal,
        onAbort: () => {
          queue.splice(queue.indexOf(waiter), 1);
          reject(signal?.reason);
        },
      };
      queue.push(waiter);
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
    });
  };

  const token = async (signal: AbortSignal | undefined): Promise<void> => {
    if (interval === 0) {
      return;
    }
    const t = now();
    const start = Math.max(t, nextStart);
    nextStart = start + interval;
    if (start > t) {
      await sleep(start - t, signal);
    }
  };

  return {
    async acquire(signal) {
      await slot(signal);
      try {
        await token(signal);
      } catch (error) {
        release();
        throw error;
      }
      let released = false;
      return () => {
        if (!released) {
          released = true;
          release();
        }
      };
    },
    get inFlight() {
      return active;
    },
  };
}
