/**
 * A curl line that reproduces an exchange, for reports and failure messages.
 * Built from the recorded (redacted) request, so secrets already read `***`.
 */
import type { Exchange } from '../model/exchange.js';

/** Quotes for a POSIX shell: `'` … `'`, with each `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** Headers curl computes itself; repeating them would only add noise. */
const SKIPPED = new Set(['content-length', 'host', 'connection']);

/** Returns a copy-pasteable one-line curl command for the exchange's request. */
export function curlCommand(exchange: Exchange): string {
  const { method, url, headers, bodyText } = exchange.request;
  const parts = ['curl', '-sS', '-i', '-X', method, shellQuote(url)];
  for (const [name, value] of Object.entries(headers)) {
    if (!SKIPPED.has(name.toLowerCase())) {
      parts.push('-H', shellQuote(`${name}: ${value}`));
    }
  }
  if (bodyText !== undefined) {
    parts.push('--data-binary', shellQuote(bodyText));
  }
  return parts.join(' ');
}
