/**
 * Defaults that depend on where the target is: a remote target gets a gentle load and no resource
 * creation unless the user opts in (DESIGN.md "Targets": "creating resources on a non-local target
 * needs an explicit opt-in").
 */
import type { TargetLimits, TargetSafety } from './types.js';

export const LOCAL_LIMITS: TargetLimits = { concurrency: 8, rps: 0, timeoutMs: 10_000, budgetMs: 600_000 };
export const REMOTE_LIMITS: TargetLimits = { concurrency: 2, rps: 5, timeoutMs: 30_000, budgetMs: 1_800_000 };
export const LOCAL_SAFETY: Omit<TargetSafety, 'remote'> = { allowCreate: true, maxCreates: 1000 };
export const REMOTE_SAFETY: Omit<TargetSafety, 'remote'> = { allowCreate: false, maxCreates: 20 };

/** True for 127.0.0.0/8, localhost and ::1. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A target is remote unless every endpoint is loopback. */
export function isRemote(endpoints: readonly string[]): boolean {
  return !endpoints.every(isLoopbackUrl);
}
