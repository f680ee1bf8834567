import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a test allows the waits it starts (issue 18, point 7): vitest kills a test at its timeout, and a wait still
 * running then keeps sending requests for a test whose records are already lost. A test runs its body in a scope;
 * every wait (a job followed, a disk or an image waited for) ends by the scope's deadline, and stops without sending
 * another request once the test's signal is aborted (timeout, Ctrl-C).
 */
export interface WaitScope {
  /** Epoch ms by which every wait of the test has ended: the test's end less the time its last steps need. */
  readonly deadline: number;
  /** vitest's test signal: aborted when the test ends before its body does. */
  readonly signal?: AbortSignal;
}

const scopes = new AsyncLocalStorage<WaitScope>();

/** Runs `body` with its waits bounded by `scope`. */
export function withWaitScope<T>(scope: WaitScope, body: () => Promise<T>): Promise<T> {
  return scopes.run(scope, body);
}

/** How long a wait that wants `maxMs` may last from now, and whether the test's deadline is what bounds it. */
export function waitBound(maxMs: number, now = Date.now()): { ms: number; cut: boolean } {
  const scope = scopes.getStore();
  if (scope === undefined) {
    return { ms: maxMs, cut: false };
  }
  const left = Math.max(0, scope.deadline - now);
  return left < maxMs ? { ms: left, cut: true } : { ms: maxMs, cut: false };
}

/** Why a wait must stop at once (its test has ended), or undefined. */
export function waitStopped(): string | undefined {
  return scopes.getStore()?.signal?.aborted ? 'the test ended before the wait did' : undefined;
}

/**
 * The scope of a vitest test starting now: its waits end `marginMs` (the requests that may follow the last wait)
 * before vitest would stop the test, and stop when the test's signal is aborted.
 */
export function testWaitScope(
  test: { readonly task: { readonly timeout: number }; readonly signal: AbortSignal },
  marginMs: number,
): WaitScope {
  // vitest's timeout 0 means none.
  const deadline =
    test.task.timeout > 0 ? Date.now() + Math.max(0, test.task.timeout - marginMs) : Number.POSITIVE_INFINITY;
  return { deadline, signal: test.signal };
}
