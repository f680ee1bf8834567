/**
 * The `ims-conformance` command line: one dispatcher over the subcommands. Exit codes (STYLE.md §3.6):
 * 0 pass, 1 checks failed (run/cleanup), 2 usage or config error. Errors go to stderr through print.ts.
 */
import { readFileSync } from 'node:fs';
import { ExitCodes } from '../errors.js';
import { cleanupCommand, cleanupHelp } from './commands/cleanup.js';
import { coverageCommand, coverageHelp } from './commands/coverage.js';
import { lintSpecsCommand, lintSpecsHelp } from './commands/lint-specs.js';
import { mockCommand, mockHelp } from './commands/mock.js';
import { openapiCommand, openapiHelp } from './commands/openapi.js';
import { reportCommand, reportHelp } from './commands/report.js';
import { UsageError, usageError } from './flags.js';
import { type LoadedCommand, type LoadResult, loadLazyCommand } from './lazy-command.js';
import { printError } from './print.js';

interface CommandEntry {
  readonly summary: string;
  load(): Promise<LoadResult>;
}

const local = (run: (argv: string[]) => Promise<number>, help: string) => async (): Promise<LoadResult> => ({
  command: { run, help },
});

const commands: Readonly<Record<string, CommandEntry>> = {
  run: {
    summary: 'run the conformance suites against a target (or the embedded mock)',
    load: () => loadLazyCommand('./commands/run.js', 'run', 'src/cli/commands/run.ts'),
  },
  mock: { summary: 'start the IMS + EVS mock server', load: local(mockCommand, mockHelp) },
  'lint-specs': {
    summary: 'check and compile every spec; print what each operation holds',
    load: local(lintSpecsCommand, lintSpecsHelp),
  },
  openapi: {
    summary: 'write OpenAPI 3.1 documents (IMS, EVS) generated from the specs',
    load: local(openapiCommand, openapiHelp),
  },
  report: {
    summary: 'regenerate Allure HTML and compliance.md from a report folder',
    load: local(reportCommand, reportHelp),
  },
  cleanup: { summary: "delete the resources listed in a run's ledger", load: local(cleanupCommand, cleanupHelp) },
  coverage: {
    summary: 'list each document row / normative sentence with the constraints resting on it, or why none',
    load: local(coverageCommand, coverageHelp),
  },
  mutation: {
    summary: 'run the suite against deliberately broken mocks and report which deviations it catches',
    load: () => loadLazyCommand('./commands/mutation.js', 'mutation', 'src/cli/commands/mutation.ts'),
  },
};

/** The top-level help text. */
export function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const list = Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `Usage: ims-conformance <command> [flags]

Contract/conformance tests for Huawei Cloud IMS image APIs and the EVS export action.

Commands:
${list}

Flags:
  -h, --help      show this help (or "ims-conformance <command> --help" for a command's flags)
  -v, --version   print the version

Exit codes: 0 pass; 1 checks failed; 2 usage or configuration error.

Example:
  ims-conformance lint-specs
  ims-conformance run --target targets/ap-southeast-1.yaml
`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** The known command nearest to a typo (edit distance ≤ 2), for "did you mean". */
function nearest(name: string): string | undefined {
  const distance = (a: string, b: string): number => {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost));
      }
      row = next;
    }
    return row[b.length] ?? Number.POSITIVE_INFINITY;
  };
  return Object.keys(commands).find((c) => distance(name, c) <= 2);
}

async function dispatch(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(mainHelp());
    throw usageError('', 'no command given');
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(mainHelp());
    return ExitCodes.OK;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version()}\n`);
    return ExitCodes.OK;
  }
  if (first.startsWith('-')) {
    throw usageError('', `unknown flag ${first}`);
  }
  const entry = commands[first];
  if (entry === undefined) {
    const guess = nearest(first);
    const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
    throw usageError('', `unknown command "${first}"${hint}; commands: ${Object.keys(commands).join(', ')}`);
  }
  const loaded = await entry.load();
  if ('problem' in loaded) {
    printError(loaded.problem);
    return ExitCodes.USAGE;
  }
  const command: LoadedCommand = loaded.command;
  return command.run(rest);
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      printError(error.message);
      return ExitCodes.USAGE;
    }
    throw error;
  }
}
