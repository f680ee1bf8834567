/**
 * Subcommands whose modules another engineer owns (`run`, `mutation`): imported when used, through a
 * variable specifier so the CLI type-checks and starts whether or not the module exists yet, and checked at
 * run time against the small interface the dispatcher needs.
 */
import { fileURLToPath } from 'node:url';

/** What the dispatcher needs of a command module. */
export interface LoadedCommand {
  run(argv: string[]): Promise<number>;
  readonly help: string;
}

/** Whether the path (or URL) in a not-found message is the module `specifier` names, extension aside. */
function sameModule(missing: string, specifier: string): boolean {
  const stem = (path: string): string => path.replace(/\.[cm]?[jt]s$/, '');
  const wanted = fileURLToPath(new URL(specifier, import.meta.url));
  const found = missing.startsWith('file:') ? fileURLToPath(missing) : missing;
  return stem(found) === stem(wanted);
}

type AnyFunction = (...args: never[]) => unknown;

/** `problem` is a sentence for printError when the module or its exports are missing. */
export type LoadResult = { readonly command: LoadedCommand } | { readonly problem: string };

/**
 * Loads `specifier` (relative to this file) and picks `<name>Command` and `<name>Help` from it.
 * @param file the source path to name in messages, e.g. `src/cli/commands/run.ts`
 */
export async function loadLazyCommand(specifier: string, name: string, file: string): Promise<LoadResult> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    // Only the command module itself missing; a module it imports being missing is a bug to show as is.
    const missing = /'([^']+)'/.exec(message)?.[1];
    if (code === 'ERR_MODULE_NOT_FOUND' && missing !== undefined && sameModule(missing, specifier)) {
      return { problem: `"ims-conformance ${name}" is not available in this checkout (${file} is missing)` };
    }
    throw error;
  }
  const run = mod[`${name}Command`];
  const help = mod[`${name}Help`];
  if (typeof run !== 'function') {
    return { problem: `${file} does not export ${name}Command(argv); "ims-conformance ${name}" cannot run` };
  }
  const call = run as AnyFunction as (argv: string[]) => Promise<number>;
  return {
    command: {
      run: (argv) => call(argv),
      help: typeof help === 'string' ? help : `Usage: ims-conformance ${name} [flags]\n`,
    },
  };
}
