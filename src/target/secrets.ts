/**
 * Which values of a target are secrets, so they are registered the moment they are read.
 */
import type { SecretRegistry } from '../http/redact.js';

function at(root: unknown, ...path: string[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Registers every secret of a (possibly invalid, partly parsed) target object: tokens, password, AK, SK. */
export function registerTargetSecrets(target: unknown, secrets: SecretRegistry): void {
  const paths = [
    ['auth', 'token'],
    ['auth', 'password'],
    ['auth', 'accessKey'],
    ['auth', 'secretKey'],
    ['fixtures', 'otherProject', 'token'],
  ];
  // Header values from the environment (TargetConfig.secretHeaders), once the target is resolved.
  const headers = at(target, 'headers');
  const secretHeaders = at(target, 'secretHeaders');
  if (Array.isArray(secretHeaders) && headers !== null && typeof headers === 'object') {
    for (const name of secretHeaders) {
      const value = (headers as Record<string, unknown>)[String(name)];
      if (typeof value === 'string') {
        secrets.add(value);
      }
    }
  }
  for (const path of paths) {
    const value = at(target, ...path);
    if (typeof value === 'string') {
      secrets.add(value);
    } else if (typeof value === 'number') {
      secrets.add(String(value));
    }
  }
}
