/**
 * The offline suite loop as its own process, so it can run under `node --cpu-prof`:
 * `node --import tsx bench/offline-main.ts <budgetMs> [validRuns invalidRuns]`; prints the OfflineResult as JSON.
 */
import { runOffline } from './offline.js';

const budgetMs = Number(process.argv[2] ?? '3000');
const validRuns = Number(process.argv[3] ?? '15');
const invalidRuns = Number(process.argv[4] ?? '3');
const result = runOffline({ budgetMs, validRuns, invalidRuns, maxRounds: 1_000 });
process.stdout.write(`${JSON.stringify(result)}\n`);
