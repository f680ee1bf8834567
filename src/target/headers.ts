/**
 * A target's static request headers (`headers:` in the target file), e.g. the identity headers of an
 * OpenStack Glance without Keystone or `X-Auth-Token: ${OS_TOKEN}` on a cloud. A value written `${NAME}` is read
 * from the environment and is a secret (registered, so it reads `***` in every report, curl line and log);
 * a literal value sits in a file anyone can read and is sent as written.
 */
import { ErrorCodes } from '../errors.js';
import type { SecretRegistry } from '../http/redact.js';
import type { SourceFile } from './schema-errors.js';
import type { TargetDiagnostic } from './types.js';

/** `${NAME}`: the whole value comes from the environment variable NAME. */
const ENV_VALUE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Headers the HTTP client computes or owns for each request: a target may not fix them. */
const RESERVED = new Set(['content-type', 'content-length', 'host', 'transfer-encoding', 'connection']);

export interface ResolvedHeaders {
  readonly headers: Readonly<Record<string, string>>;
  /** Names of the headers whose value came from the environment. */
  readonly secret: readonly string[];
  readonly diagnostics: readonly TargetDiagnostic[];
}

/**
 * The target's headers with `${NAME}` values read from `env` (registered as secrets), or what is wrong:
 * a reserved header, a variable that is not set, a `${` that is not the whole value.
 */
export function resolveTargetHeaders(
  raw: unknown,
  env: NodeJS.ProcessEnv,
  secrets: SecretRegistry,
  file: SourceFile | undefined,
): ResolvedHeaders {
  if (raw === undefined || raw === null || typeof raw !== 'object') {
    return { headers: {}, secret: [], diagnostics: [] };
  }
  const headers: Record<string, string> = {};
  const secret: string[] = [];
  const diagnostics: TargetDiagnostic[] = [];
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'string') {
      continue; // the schema reports it
    }
    const problem = (text: string): void => {
      diagnostics.push(diagnostic(file, name, `headers.${name}: ${text}`));
    };
    if (RESERVED.has(name.toLowerCase())) {
      problem('the HTTP client sets this header itself; remove it from headers');
      continue;
    }
    const variable = ENV_VALUE.exec(value)?.[1];
    if (variable !== undefined) {
      const fromEnv = env[variable];
      if (fromEnv === undefined || fromEnv === '') {
        problem(`environment variable ${variable} is not set (the value is \${${variable}})`);
        continue;
      }
      secrets.add(fromEnv);
      headers[name] = fromEnv;
      secret.push(name);
    } else if (value.includes('${')) {
      problem(`a value from the environment must be the whole value, e.g. "\${OS_TOKEN}"`);
    } else {
      headers[name] = value;
    }
  }
  return { headers, secret, diagnostics };
}

/** `file:line:col: TARGET_BAD_KEY: …` at the header's key, or `env` for a target without a file. */
function diagnostic(file: SourceFile | undefined, name: string, text: string): TargetDiagnostic {
  const code = ErrorCodes.TARGET_BAD_KEY;
  const node = file?.doc.getIn(['headers', name], true) as { range?: [number, number, number] } | undefined;
  if (file === undefined || node?.range === undefined) {
    return { code, message: `${code}: ${text}`, source: file?.path ?? 'env' };
  }
  const { line, col } = file.lineCounter.linePos(node.range[0]);
  return {
    code,
    message: `${file.path}:${line}:${col}: ${code}: ${text}`,
    source: file.path,
    file: file.path,
    line,
    column: col,
  };
}
