/**
 * The offline suite loop as its own process: `node --import tsx bench/offline-main.ts <budgetMs> [profileFile]`;
 * prints the OfflineResult as JSON. With `profileFile`, the loop alone (not module loading and spec compiling)
 * is CPU-profiled through node:inspector and written there as a `.cpuprofile` (the format of node --cpu-prof).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { compiledSpecs } from '../src/run/specs.js';
import { runOffline } from './offline.js';

const budgetMs = Number(process.argv[2] ?? '3000');
const profileFile = process.argv[3];
const options = { budgetMs, validRuns: 15, invalidRuns: 3, maxRounds: 1_000 };
if (profileFile) {
  compiledSpecs({ revision: '004' });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const result = runOffline(options);
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profileFile, JSON.stringify(profile));
  session.disconnect();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stdout.write(`${JSON.stringify(runOffline(options))}\n`);
}
