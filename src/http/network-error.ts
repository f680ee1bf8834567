/**
 * Classifies what undici and Node throw into an exchange error kind.
 */
import type { ExchangeErrorKind } from '../model/exchange.js';

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const PROTOCOL_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_INFO',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
]);

function codeOf(error: unknown): string | undefined {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/** The innermost error with a code (undici wraps socket errors in `cause`). */
function coded(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    if (codeOf(current) !== undefined && !String(codeOf(current)).startsWith('UND_ERR_SOCKET')) {
      return current;
    }
    const next = (current as { cause?: unknown }).cause;
    if (next === undefined) {
      return current;
    }
    current = next;
  }
  return current;
}

/** Kind and one-line message of a network or protocol failure. */
export function classifyNetworkError(error: unknown): { kind: ExchangeErrorKind; message: string } {
  const inner = coded(error);
  const code = codeOf(inner) ?? codeOf(error);
  const text = inner instanceof Error ? inner.message : String(inner);
  const message = code !== undefined && !text.includes(code) ? `${code}: ${text}` : text;
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return { kind: 'timeout', message };
  }
  if (code !== undefined && (PROTOCOL_CODES.has(code) || code.startsWith('HPE_'))) {
    return { kind: 'protocol', message };
  }
  return { kind: 'connection', message };
}
