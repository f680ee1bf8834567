/**
 * Keeps the run's exchanges: the newest `limit` in memory, and optionally every one appended to a
 * JSON-lines file. Exchanges are already redacted when they get here.
 */
import { appendFileSync } from 'node:fs';
import type { Exchange } from '../model/exchange.js';

export interface RecorderOptions {
  /** Exchanges kept in memory (oldest dropped first); default 1000. */
  readonly limit?: number;
  /** Append each exchange as one JSON line to this file. */
  readonly file?: string;
}

export interface Recorder {
  record(exchange: Exchange): void;
  /** The kept exchanges, oldest first. */
  exchanges(): readonly Exchange[];
  /** Exchanges recorded since creation, including dropped ones. */
  readonly total: number;
  find(id: string): Exchange | undefined;
}

/** Creates a bounded recorder. Appends synchronously so a crash never loses a recorded line. */
export function createRecorder(options: RecorderOptions = {}): Recorder {
  const limit = Math.max(1, options.limit ?? 1000);
  const kept: Exchange[] = [];
  let total = 0;
  return {
    record(exchange) {
      total += 1;
      kept.push(exchange);
      if (kept.length > limit) {
        kept.splice(0, kept.length - limit);
      }
      if (options.file !== undefined) {
        appendFileSync(options.file, `${JSON.stringify(exchange)}\n`);
      }
    },
    exchanges: () => [...kept],
    get total() {
      return total;
    },
    find: (id) => kept.find((e) => e.id === id),
  };
}
