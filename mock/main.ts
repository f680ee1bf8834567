/**
 * The mock as a process: `ims-conformance mock [--port 8080] [--host 127.0.0.1] [--config FILE]`, and
 * `startMock()` for the suite's embedded mock on a free loopback port.
 */
import type { FastifyInstance } from 'fastify';
import { buildMockApp } from './app.js';
import { loadMockConfig, type MockConfig, MockConfigError, mockConfig } from './config.js';

export interface StartMockOptions {
  /** A resolved config, or YAML-shaped input merged into the defaults. */
  readonly config?: MockConfig | Record<string, unknown>;
  readonly host?: string;
  readonly port?: number;
}

export interface RunningMock {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

function isResolved(config: MockConfig | Record<string, unknown>): config is MockConfig {
  return config.tokens instanceof Map;
}

/** Starts the mock on a free loopback port (port 0) and returns its base URL. */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const config =
    options.config === undefined
      ? mockConfig()
      : isResolved(options.config)
        ? options.config
        : mockConfig(options.config);
  const app = await buildMockApp(config);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://${host}:${port}`, app, close: () => app.close() };
}

interface MockArgs {
  port: number;
  host: string;
  config?: string;
  /** --deviation, --latency, --error-rate, merged over the config file. */
  overrides: { deviations?: string[]; faults?: { latencyMs?: number; errorRate?: number } };
}

const FLAGS = ['--port', '--host', '--config', '--deviation', '--latency', '--error-rate'];

/** Applies a fault or deviation flag; returns a message when its value is wrong. */
function overrideFlag(args: MockArgs, flag: string, value: string): string | undefined {
  if (flag === '--deviation') {
    args.overrides.deviations = [...(args.overrides.deviations ?? []), value];
    return undefined;
  }
  const n = Number(value);
  if (flag === '--latency') {
    if (!Number.isSafeInteger(n) || n < 0) {
      return `--latency must be a non-negative integer of milliseconds (got ${JSON.stringify(value)})`;
    }
    args.overrides.faults = { ...args.overrides.faults, latencyMs: n };
    return undefined;
  }
  if (value.trim() === '' || !(n >= 0 && n <= 1)) {
    return `--error-rate must be a number from 0 to 1 (got ${JSON.stringify(value)})`;
  }
  args.overrides.faults = { ...args.overrides.faults, errorRate: n };
  return undefined;
}

function parseArgs(argv: readonly string[]): MockArgs | string {
  const args: MockArgs = { port: 8080, host: '127.0.0.1', overrides: {} };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === undefined || !FLAGS.includes(flag)) {
      return `unknown argument ${JSON.stringify(flag)}; expected --port N, --host HOST, --config FILE, --deviation NAME, --latency MS, --error-rate R`;
    }
    if (value === undefined) {
      return `${flag} needs a value`;
    }
    i++;
    if (flag === '--port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        return `--port must be an integer from 0 to 65535 (got ${JSON.stringify(value)})`;
      }
      args.port = port;
    } else if (flag === '--host') {
      args.host = value;
    } else if (flag === '--config') {
      args.config = value;
    } else {
      const problem = overrideFlag(args, flag, value);
      if (problem !== undefined) {
        return problem;
      }
    }
  }
  return args;
}

/** Parses flags, loads the config and listens until SIGINT/SIGTERM. Returns 0, or 2 on a usage/config error. */
export async function runMock(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    console.error(`✘ ims-conformance mock: ${args}`);
    return 2;
  }
  let config: MockConfig;
  try {
    config = await loadMockConfig(args.config, args.overrides);
  } catch (error) {
    if (error instanceof MockConfigError) {
      console.error(`✘ ${error.message}`);
      return 2;
    }
    throw error;
  }
  const running = await startMock({ config, host: args.host, port: args.port });
  const deviations = config.deviations.size > 0 ? `; deviations: ${[...config.deviations].join(', ')}` : '';
  console.log(`IMS/EVS mock listening on ${running.url} (EVS revision ${config.revision}${deviations})`);
  const stop = (): void => {
    void running.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
