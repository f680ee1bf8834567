/**
 * A curl line that reproduces an exchange, for reports and failure messages.
 * Built from the recorded (redacted) request, so secrets already read `***`.
 */
import type { Exchange } from '../model/exchange.js';
import { REDACTED } from './redact.js';

/** Quotes for a POSIX shell: `'` … `'`, with each `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** Headers curl computes itself; repeating them would only add noise. */
const SKIPPED = new Set(['content-length', 'host', 'connection']);

/**
 * A redacted credential header as something a person can run: the token from `$IMS_AUTH_TOKEN` (double quotes, so
 * the shell expands it; README "Running against a real region"), any other credential named as the value to fill in.
 */
function secretHeader(name: string): string {
  if (name.toLowerCase() === 'x-auth-token') {
    return `"${name}: $IMS_AUTH_TOKEN"`;
  }
  const what = name.toLowerCase() === 'authorization' ? 'an SDK-HMAC-SHA256 signature of this request (AK/SK)' : name;
  return shellQuote(`${name}: <fill in ${what}>`);
}

/**
 * Returns a copy-pasteable one-line curl command for the exchange's request: every header the suite sent (Accept
 * included, so the replay asks for what the suite asked for), credentials as `$IMS_AUTH_TOKEN` or a fill-in note.
 */
export function curlCommand(exchange: Exchange): string {
  const { method, url, headers, bodyText } = exchange.request;
  const parts = ['curl', '-sS', '-i', '-X', method, shellQuote(url)];
  for (const [name, value] of Object.entries(headers)) {
    if (SKIPPED.has(name.toLowerCase())) {
      continue;
    }
    parts.push('-H', value === REDACTED ? secretHeader(name) : shellQuote(`${name}: ${value}`));
  }
  if (bodyText !== undefined) {
    parts.push('--data-binary', shellQuote(bodyText));
  }
  return parts.join(' ');
}
