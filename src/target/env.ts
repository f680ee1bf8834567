/**
 * Environment variables override the target file (or make a target without one). Each value set
 * here remembers which variable it came from, so a bad value is reported as `env IMS_ENDPOINT: …`.
 */

/** Variable → the key it sets (JSON pointer into the target object). */
export const ENV_KEYS = {
  IMS_ENDPOINT: '/endpoints/ims',
  EVS_ENDPOINT: '/endpoints/evs',
  IMS_PROJECT_ID: '/projectId',
  IMS_AUTH_TOKEN: '/auth/token',
  IMS_AK: '/auth/accessKey',
  IMS_SK: '/auth/secretKey',
  IMS_IAM_ENDPOINT: '/auth/iamEndpoint',
  IMS_DOMAIN: '/auth/domain',
  IMS_USER: '/auth/user',
  IMS_PASSWORD: '/auth/password',
  IMS_PROJECT_NAME: '/auth/project',
} as const;

export type EnvVariable = keyof typeof ENV_KEYS;

const TOKEN_VARS: readonly EnvVariable[] = ['IMS_AUTH_TOKEN'];
const AKSK_VARS: readonly EnvVariable[] = ['IMS_AK', 'IMS_SK'];
const PASSWORD_VARS: readonly EnvVariable[] = [
  'IMS_IAM_ENDPOINT',
  'IMS_DOMAIN',
  'IMS_USER',
  'IMS_PASSWORD',
  'IMS_PROJECT_NAME',
];

/** The variable that sets a pointer, for "set IMS_SK" hints. */
export function envVariableFor(pointer: string): EnvVariable | undefined {
  return (Object.keys(ENV_KEYS) as EnvVariable[]).find((v) => ENV_KEYS[v] === pointer);
}

export interface EnvOverlay {
  /** The target object with the overrides applied (a copy). */
  readonly value: Record<string, unknown>;
  /** Pointer → variable, for every key set from the environment (including `/auth/mode`). */
  readonly origins: ReadonlyMap<string, EnvVariable>;
  /** Conflicts between variables: `{ variable, message }`. */
  readonly problems: readonly { variable: EnvVariable; message: string }[];
  /** True when at least one variable was set. */
  readonly used: boolean;
}

function read(env: NodeJS.ProcessEnv, name: EnvVariable): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? { ...(value as Record<string, unknown>) }
    : {};
}

/** Applies the variables over `base`. Auth precedence when several modes are set: token, AK/SK, password. */
export function applyEnv(base: Record<string, unknown>, env: NodeJS.ProcessEnv): EnvOverlay {
  const value: Record<string, unknown> = { ...base };
  const origins = new Map<string, EnvVariable>();
  const problems: { variable: EnvVariable; message: string }[] = [];
  let used = false;

  const endpoints = asObject(value.endpoints);
  for (const [name, key] of [
    ['IMS_ENDPOINT', 'ims'],
    ['EVS_ENDPOINT', 'evs'],
  ] as const) {
    const v = read(env, name);
    if (v !== undefined) {
      endpoints[key] = v;
      origins.set(ENV_KEYS[name], name);
      used = true;
    }
  }
  if (origins.size > 0) {
    value.endpoints = endpoints;
  }
  const projectId = read(env, 'IMS_PROJECT_ID');
  if (projectId !== undefined) {
    value.projectId = projectId;
    origins.set(ENV_KEYS.IMS_PROJECT_ID, 'IMS_PROJECT_ID');
    used = true;
  }

  const groups = [
    { mode: 'token', vars: TOKEN_VARS },
    { mode: 'aksk', vars: AKSK_VARS },
    { mode: 'password', vars: PASSWORD_VARS },
  ] as const;
  const present = groups
    .map((g) => ({ ...g, set: g.vars.filter((v) => read(env, v) !== undefined) }))
    .filter((g) => g.set.length > 0);
  const chosen = present[0];
  if (chosen !== undefined) {
    used = true;
    for (const other of present.slice(1)) {
      for (const variable of other.set) {
        problems.push({
          variable,
          message: `conflicts with ${chosen.set[0]} (auth mode ${chosen.mode}); set the variables of one auth mode only`,
        });
      }
    }
    const fileAuth = asObject(value.auth);
    // Password fields may be split between file and environment; the other modes come whole from the environment.
    const auth: Record<string, unknown> = chosen.mode === 'password' && fileAuth.mode === 'password' ? fileAuth : {};
    auth.mode = chosen.mode;
    origins.set('/auth', chosen.set[0] as EnvVariable);
    origins.set('/auth/mode', chosen.set[0] as EnvVariable);
    for (const variable of chosen.set) {
      const pointer = ENV_KEYS[variable];
      auth[pointer.slice('/auth/'.length)] = read(env, variable);
      origins.set(pointer, variable);
    }
    value.auth = auth;
  }
  return { value, origins, problems, used };
}
