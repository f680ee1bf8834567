/**
 * Flag parsing for every subcommand: `node:util` parseArgs in strict mode, its errors turned into one
 * usage line that names the flag and points at `--help` (exit 2, STYLE.md §3.6).
 */

import { ExitCodes } from '../errors.js';

/** A user's mistake on the command line; main prints it and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `ims-conformance <command>: <what>; run "ims-conformance <command> --help" for the flags`. */
export function usageError(command: string, what: string): UsageError {
  const where = command === '' ? 'ims-conformance' : `ims-conformance ${command}`;
  return new UsageError(`${where}: ${what}; run "${where} --help" for usage`);
}

/** The quoted token of a parseArgs message (`Unknown option '--foo'`), if any. */
function quoted(message: string): string | undefined {
  return /'([^']+)'/.exec(message)?.[1];
}

/** Rewrites a parseArgs error as a usage line; other errors pass through. */
function rewrite(command: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return usageError(command, `unknown flag ${quoted(message) ?? message}`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return usageError(command, `unexpected argument ${JSON.stringify(quoted(message) ?? message)}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = quoted(message) ?? '';
      return usageError(
        command,
        message.includes('argument missing')
          ? `${flag.replace(' <value>', '')} needs a value`
          : (message.split('. ')[0] ?? message),
      );
    }
    default:
      return error;
  }
}

/** Runs `parse` (a parseArgs call); a parse error becomes a {@link UsageError} for `command`. */
export function parseFlags<R>(command: string, parse: () => R): R {
  try {
    return parse();
  } catch (error) {
    throw rewrite(command, error);
  }
}

/** Prints a command's help on stdout; returns exit code 0. */
export function printHelp(help: string): number {
  process.stdout.write(help.endsWith('\n') ? help : `${help}\n`);
  return ExitCodes.OK;
}
