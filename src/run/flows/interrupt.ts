/**
 * Ctrl-C during a run: stop the tests, then still write the reports and clean up (DESIGN.md "Targets": "every
 * created resource is recorded and cleaned up"). Vitest's logger registers its own SIGINT/SIGTERM listener that
 * exits the process at once (node_modules/vitest/dist/chunks/cli-api.*.js, Logger.addCleanupListeners:
 * `process.once("SIGINT", onExit)` → `process.exit()`), which skips both: the CLI takes the signals over.
 */

/** What of a Vitest instance the takeover needs. */
export interface Cancellable {
  cancelCurrentRun(reason: 'keyboard-input'): Promise<void>;
}

type Listener = NodeJS.SignalsListener;

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** The signal listeners present now, to tell later which ones vitest added. */
export function signalListeners(): Record<(typeof SIGNALS)[number], Listener[]> {
  return { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
}

/**
 * Removes the SIGINT/SIGTERM listeners added since `before` (vitest's) and installs one that cancels the run on the
 * first signal (`onInterrupt` is told) and calls `abort` on the second.
 * @returns a function that removes the handler again (call it after the run, before the reports)
 */
export function takeOverSignals(
  vitest: Cancellable,
  before: ReturnType<typeof signalListeners>,
  hooks: { onInterrupt: () => void; abort: () => void },
): () => void {
  for (const signal of SIGNALS) {
    for (const l of process.listeners(signal)) {
      if (!before[signal].includes(l)) {
        process.off(signal, l);
      }
    }
  }
  let count = 0;
  const handler = () => {
    count++;
    if (count === 1) {
      hooks.onInterrupt();
      void vitest.cancelCurrentRun('keyboard-input');
    } else {
      hooks.abort();
    }
  };
  for (const signal of SIGNALS) {
    process.on(signal, handler);
  }
  return () => {
    for (const signal of SIGNALS) {
      process.off(signal, handler);
    }
  };
}
