/**
 * The run's profile data (profiles/<name>.yaml) against the compiled specs, loaded once per process, and the check
 * context that carries its differences to every check.
 */
import type { CheckContext } from '../checks/types.js';
import { formatDiagnostic } from '../errors.js';
import type { CompiledOperation } from '../model/compiled.js';
import { loadProfile, type ProfileData, type ProfileLoadResult } from '../spec/profile.js';
import type { CompiledSpecs } from './specs.js';

const cache = new Map<string, ProfileData>();

/** Every constraint id of the compiled specs (what a profile may name). */
export function constraintIdsOf(specs: CompiledSpecs): ReadonlySet<string> {
  return new Set(specs.operations.flatMap((op) => op.constraints.map((c) => c.id)));
}

/** Loads and checks a profile against the compiled specs (diagnostics for the CLI to print). */
export function checkProfile(name: string, specs: CompiledSpecs): ProfileLoadResult {
  return loadProfile(name, constraintIdsOf(specs));
}

/** The profile of a run; a broken profile file throws with every diagnostic (the CLI checks it before a run). */
export function runProfile(name: string, specs: CompiledSpecs): ProfileData {
  const hit = cache.get(name);
  if (hit) {
    return hit;
  }
  const result = checkProfile(name, specs);
  if (result.value === undefined) {
    throw new Error(`the profile ${name} does not load:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  }
  cache.set(name, result.value);
  return result.value;
}

/** What a check needs from a run: the operation, the strict flag and the profile's documented differences. */
export function checkContextOf(
  run: { readonly options: { readonly profile: string }; readonly profile?: ProfileData },
  op: CompiledOperation,
  caseId: string,
): CheckContext {
  return {
    op,
    strict: run.options.profile === 'strict',
    caseId,
    ...(run.profile !== undefined && run.profile.differences.size > 0 ? { differences: run.profile.differences } : {}),
  };
}

/** Why the profile's service does not have an operation (`serves` in profiles/<name>.yaml), or undefined. */
export function unservedReason(profile: ProfileData, op: CompiledOperation): string | undefined {
  if (profile.serves === undefined || profile.serves.has(op.id)) {
    return undefined;
  }
  return `the ${profile.name} profile's service has no ${op.spec.method} ${op.spec.path} (${profile.title ?? profile.name} serves ${[...profile.serves].join(', ')})`;
}
