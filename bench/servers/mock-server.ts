/**
 * The mock in its own process for the throughput benchmark: `startMock` with fast job timings (1 ms + 1 ms, so an
 * exported volume is `available` again almost at once) and `volumes` extra available volumes in project A, so the
 * EVS export can be measured repeatedly on a rotating volume. Binds 127.0.0.1 on a free port.
 * Forked by bench/run.ts: `mock-server.ts <volumes> [initMs runMs]`.
 */
import { DEFAULT_MOCK_INPUT, PROJECT_A } from '../../mock/config.js';
import { startMock } from '../../mock/main.js';
import { exitWithParent } from './child.js';
import { benchVolumeIds } from './volumes.js';

const count = Number(process.argv[2] ?? '0');
const initMs = Number(process.argv[3] ?? '1');
const runMs = Number(process.argv[4] ?? '1');
const extra = Object.fromEntries(
  benchVolumeIds(count).map((id) => [id, { status: 'available', size: 40, multiattach: false }]),
);

const running = await startMock({
  config: {
    projects: {
      ...DEFAULT_MOCK_INPUT.projects,
      [PROJECT_A]: { volumes: { ...DEFAULT_MOCK_INPUT.projects[PROJECT_A].volumes, ...extra } },
    },
    jobs: { initMs, runMs },
  },
});
process.send?.({ url: running.url, pid: process.pid });
exitWithParent(() => running.close(), 30 * 60_000);
