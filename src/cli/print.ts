/**
 * The CLI's one voice on stderr (STYLE.md §3.6): `✘` for errors, `⚠` for warnings, plain info lines.
 * Colour only when stderr is a terminal and NO_COLOR is unset (https://no-color.org).
 */

/** Where the printers write; swapped in tests. */
export interface PrintSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

let sink: PrintSink = process.stderr;

/** Redirects every printer (tests); returns the previous sink. */
export function setPrintSink(next: PrintSink): PrintSink {
  const previous = sink;
  sink = next;
  return previous;
}

/** True when escape codes should be written: stderr is a TTY and NO_COLOR is unset or empty. */
export function useColour(target: PrintSink = sink, env: NodeJS.ProcessEnv = process.env): boolean {
  return target.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

function paint(code: string, text: string): string {
  return useColour() ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** `✘ message` on stderr (red on a terminal). */
export function printError(message: string): void {
  sink.write(`${paint('31', '✘')} ${message}\n`);
}

/** `⚠ message` on stderr (yellow on a terminal). */
export function printWarning(message: string): void {
  sink.write(`${paint('33', '⚠')} ${message}\n`);
}

/** A plain progress line on stderr, so stdout stays machine-readable. */
export function printInfo(message: string): void {
  sink.write(`${message}\n`);
}
