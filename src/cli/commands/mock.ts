/**
 * `ims-conformance mock`: the reference mock server as a process. The flags are checked here (so a typo is a
 * usage error like everywhere else) and handed on to the mock's own entry point, `runMock` in mock/main.ts.
 */
import { parseArgs } from 'node:util';
import { ExitCodes } from '../../errors.js';
import { parseFlags, printHelp } from '../flags.js';
import { printError } from '../print.js';

export const mockHelp = `Usage: ims-conformance mock [--port N] [--host HOST] [--config FILE] [--deviation NAME]…

Starts the IMS + EVS mock server (the suite's default target) and serves until
SIGINT/SIGTERM. Token for project a1b2c3d4e5f60718293a4b5c6d7e8f90: mock-token-project-a.

Flags:
  --port N        port to listen on (default 8080; 0 picks a free port)
  --host HOST     address to bind (default 127.0.0.1)
  --config FILE   mock config (YAML): tokens, revision, latency, deviations
  --deviation N   misbehave as the named deviation of mock/deviations.ts (repeatable)
  --latency MS    delay every answer
  --error-rate R  answer this fraction (0–1) of requests with a 500/503
  -h, --help      show this help

Exit codes: 0 served and stopped; 2 bad flag or config.

Example:
  ims-conformance mock --port 8080 --config mock.yaml
`;

/** The part of mock/main.ts this command uses. */
interface MockEntry {
  runMock(argv: readonly string[]): Promise<number>;
}

function isMockEntry(value: unknown): value is MockEntry {
  return typeof (value as Partial<MockEntry> | null)?.runMock === 'function';
}

/** Runs the mock; returns the exit code of its entry point, or 2 on a usage error. */
export async function mockCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('mock', () =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        config: { type: 'string' },
        deviation: { type: 'string', multiple: true },
        latency: { type: 'string' },
        'error-rate': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    return printHelp(mockHelp);
  }
  // Imported lazily: the rest of the CLI works without loading Fastify, and the message below is clear if the
  // mock's entry point is absent from a build.
  const specifier = '../../../mock/main.js';
  let entry: unknown;
  try {
    entry = await import(specifier);
  } catch (error) {
    printError(`cannot load the mock server (mock/main.ts): ${error instanceof Error ? error.message : String(error)}`);
    return ExitCodes.USAGE;
  }
  if (!isMockEntry(entry)) {
    printError('mock/main.ts does not export runMock(argv); the mock server cannot start from the CLI');
    return ExitCodes.USAGE;
  }
  return entry.runMock(argv);
}
