/**
 * loadTarget: target file (YAML) + environment variables + defaults → TargetConfig, or every problem.
 *
 * Never throws for a user's mistake: returns `{ value, diagnostics }` (STYLE.md §3); `value` is absent
 * when there is any diagnostic, and also when nothing at all is configured (no file, no variable): the
 * caller then starts the embedded mock. Every secret read is registered before any message is built.
 *
 * @see ./config.schema.json
 * @see ../shared/DESIGN.md "Targets"
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument } from 'yaml';
import type { AuthConfig } from '../auth/types.js';
import { ErrorCodes } from '../errors.js';
import { redactText, SecretRegistry } from '../http/redact.js';
import { isRemote, LOCAL_LIMITS, LOCAL_SAFETY, REMOTE_LIMITS, REMOTE_SAFETY } from './defaults.js';
import { applyEnv, ENV_KEYS } from './env.js';
import { resolveTargetHeaders } from './headers.js';
import { renderSchemaErrors, type SourceFile } from './schema-errors.js';
import { registerTargetSecrets } from './secrets.js';
import type { TargetConfig, TargetDiagnostic, TargetFixtures } from './types.js';

export interface LoadTargetOptions {
  /** Path of a target file; defaults to `env.IMS_TARGET`. */
  readonly file?: string;
  /** Defaults to `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Receives every secret read; a private registry is used when absent. */
  readonly secrets?: SecretRegistry;
}

export interface LoadTargetResult {
  readonly value?: TargetConfig;
  readonly diagnostics: TargetDiagnostic[];
}

let validator: ValidateFunction | undefined;

/** The compiled config.schema.json (draft 2020-12, strict, all errors). */
function validate(): ValidateFunction {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(new URL('./config.schema.json', import.meta.url), 'utf8')) as object;
    // verbose: the messages need `parentSchema` (known keys, the description of a pattern). strictRequired is
    // off because each auth mode's `then: {required}` names properties the parent object defines.
    validator = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, verbose: true }).compile(schema);
  }
  return validator;
}

function fileDiagnostic(path: string, line: number, column: number, text: string): TargetDiagnostic {
  const code = ErrorCodes.TARGET_BAD_KEY;
  return { code, message: `${path}:${line}:${column}: ${code}: ${text}`, source: path, file: path, line, column };
}

/** Reads and parses the file; YAML errors become diagnostics (first line of the message only: no source excerpt). */
function readTargetFile(
  path: string,
  secrets: SecretRegistry,
): { file?: SourceFile; data: unknown; diagnostics: TargetDiagnostic[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { data: undefined, diagnostics: [fileDiagnostic(path, 1, 1, `cannot read the target file (${why})`)] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const data: unknown = doc.toJS();
  registerTargetSecrets(data, secrets);
  const diagnostics = doc.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const first = error.message.split('\n')[0] ?? error.message;
    return fileDiagnostic(path, line, col, redactText(`YAML syntax: ${first}`, secrets));
  });
  return { file: { path, doc, lineCounter }, data, diagnostics };
}

function byLocation(a: TargetDiagnostic, b: TargetDiagnostic): number {
  const fileA = a.file === undefined ? 1 : 0;
  const fileB = b.file === undefined ? 1 : 0;
  // Variables in the order ENV_KEYS lists them (endpoints, project, auth): the order a user sets them in.
  const order = Object.keys(ENV_KEYS);
  const envIndex = (d: TargetDiagnostic): number => order.indexOf(d.source.replace(/^env /, ''));
  return (
    fileA - fileB || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || envIndex(a) - envIndex(b)
  );
}

/** Loads the target; see the module comment for the contract. */
export function loadTarget(options: LoadTargetOptions = {}): LoadTargetResult {
  const env = options.env ?? process.env;
  const secrets = options.secrets ?? new SecretRegistry();
  const path = options.file ?? (env.IMS_TARGET === '' ? undefined : env.IMS_TARGET);

  let file: SourceFile | undefined;
  let data: unknown = {};
  const diagnostics: TargetDiagnostic[] = [];
  if (path !== undefined) {
    const read = readTargetFile(path, secrets);
    diagnostics.push(...read.diagnostics);
    if (read.file === undefined || read.diagnostics.length > 0) {
      return { diagnostics };
    }
    file = read.file;
    data = read.data;
  }

  const isObject = data !== null && typeof data === 'object' && !Array.isArray(data);
  const overlay = applyEnv(isObject ? (data as Record<string, unknown>) : {}, env);
  if (file === undefined && !overlay.used) {
    return { diagnostics: [] };
  }
  const merged: Record<string, unknown> = isObject || file === undefined ? overlay.value : (data as never);
  if (file === undefined) {
    // From the environment only: both endpoints are needed, reported per variable.
    merged.endpoints ??= {};
  }
  registerTargetSecrets(merged, secrets);
  for (const { variable, message } of overlay.problems) {
    diagnostics.push({
      code: ErrorCodes.TARGET_BAD_KEY,
      message: `env ${variable}: ${message}`,
      source: `env ${variable}`,
    });
  }
  const check = validate();
  if (!check(merged)) {
    diagnostics.push(
      ...renderSchemaErrors(check.errors ?? [], { value: merged, origins: overlay.origins, file, secrets }),
    );
  }
  const headers = resolveTargetHeaders(merged.headers, env, secrets, file);
  diagnostics.push(...headers.diagnostics);
  if (diagnostics.length > 0) {
    return { diagnostics: diagnostics.sort(byLocation) };
  }
  const fallbackName = path === undefined ? 'env' : basename(path).replace(/\.ya?ml$/, '');
  const moved = file !== undefined && endpointsMoved(isObject ? (data as Record<string, unknown>) : {}, merged);
  const target = resolveTarget(merged, path ?? 'env', fallbackName, moved);
  return {
    value:
      Object.keys(headers.headers).length === 0
        ? target
        : {
            ...target,
            headers: headers.headers,
            ...(headers.secret.length > 0 ? { secretHeaders: headers.secret } : {}),
          },
    diagnostics: [],
  };
}

interface ValidTarget {
  name?: string;
  endpoints: { ims: string; evs: string };
  projectId: string;
  auth?: AuthConfig;
  fixtures?: TargetFixtures;
  limits?: Partial<TargetConfig['limits']>;
  safety?: Partial<TargetConfig['safety']>;
  revision?: string;
}

/** True when the environment points an endpoint somewhere else than the file names. */
function endpointsMoved(fileData: Record<string, unknown>, merged: Record<string, unknown>): boolean {
  const from = fileData.endpoints as Record<string, unknown> | undefined;
  const to = merged.endpoints as Record<string, unknown> | undefined;
  return from?.ims !== to?.ims || from?.evs !== to?.evs;
}

/**
 * The safety of a target (issue 18, point 1). Loopback or not is decided from the endpoints alone: the file's
 * `safety.remote` can only make a loopback target remote, never the other way round. On a remote target creation
 * needs the command line's `--allow-create` (run.ts), whatever the file says (its `maxCreates` still applies).
 * When the environment moved the endpoints, the file's safety was written for other endpoints and
 * is not applied.
 */
function resolveSafety(t: ValidTarget, moved: boolean): TargetConfig['safety'] {
  const fileSafety = moved ? undefined : t.safety;
  const remote = fileSafety?.remote === true || isRemote([t.endpoints.ims, t.endpoints.evs]);
  if (!remote) {
    return { ...LOCAL_SAFETY, ...fileSafety, remote };
  }
  return {
    ...REMOTE_SAFETY,
    maxCreates: fileSafety?.maxCreates ?? REMOTE_SAFETY.maxCreates,
    allowCreate: false,
    remote,
  };
}

/**
 * Applies the defaults to a schema-valid target object. `moved`: the environment replaced the file's endpoints,
 * so the file's limits and safety (written for its own endpoints) give way to the defaults of where the target is.
 */
function resolveTarget(
  data: Record<string, unknown>,
  source: string,
  fallbackName: string,
  moved: boolean,
): TargetConfig {
  const t = data as unknown as ValidTarget;
  const safety = resolveSafety(t, moved);
  const remote = safety.remote;
  return {
    name: t.name ?? fallbackName,
    endpoints: { ims: t.endpoints.ims, evs: t.endpoints.evs },
    projectId: t.projectId,
    auth: t.auth ?? { mode: 'none' },
    fixtures: t.fixtures ?? {},
    limits: { ...(remote ? REMOTE_LIMITS : LOCAL_LIMITS), ...(moved ? {} : t.limits) },
    safety,
    ...(t.revision !== undefined ? { revision: t.revision } : {}),
    source,
  };
}
