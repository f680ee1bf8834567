/**
 * A target that cannot be used at all — unreachable, refusing the credentials, or no longer answering — is not a
 * verdict on the documents (DESIGN.md "Verdicts": "the run says so and exits with its own code"; issue 18, point 4).
 * The preflight (preflight.ts) or any worker that sees the target stop answering (target-health.ts) writes
 * `<reportDir>/unusable.json` once; every worker then stops sending, and the CLI marks the report and exits 3 (src/errors.ts `ExitCodes.TARGET_UNUSABLE`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange, Service } from '../model/exchange.js';
import type { TargetUnusable } from '../model/verdict.js';

export function unusableFile(reportDir: string): string {
  return join(reportDir, 'unusable.json');
}

/** Records that the target is unusable; the first writer wins (later calls keep the first reason). */
export function markUnusable(reportDir: string, unusable: TargetUnusable): void {
  mkdirSync(reportDir, { recursive: true });
  try {
    writeFileSync(unusableFile(reportDir), `${JSON.stringify(unusable)}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
}

/** The mark, when some worker (or the preflight) wrote one. */
export function readUnusable(reportDir: string): TargetUnusable | undefined {
  const file = unusableFile(reportDir);
  if (!existsSync(file)) {
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TargetUnusable;
  } catch {
    // Being written right now by another worker: the mark exists, its text follows.
    return {
      service: 'ims',
      endpoint: '',
      kind: 'unreachable',
      what: 'target marked unusable',
      when: 'during the run',
    };
  }
}

/** What an exchange that ended without a usable answer says, in one line (`ECONNREFUSED …`, `401 {"error"…}`). */
export function whatCameBack(x: Exchange): string {
  if (x.response) {
    const text = x.response.text.replace(/\s+/g, ' ').trim();
    return `HTTP ${x.response.status}${text ? ` ${text.slice(0, 160)}` : ''}`;
  }
  return `no answer (${x.error?.kind ?? 'unknown'}: ${x.error?.message ?? ''})`;
}

/** The one-screen message for the terminal: which endpoint, what came back, what to do. */
export function unusableMessage(u: TargetUnusable): string[] {
  const advice =
    u.kind === 'credentials'
      ? 'check the credentials (IMS_AUTH_TOKEN, IMS_AK/IMS_SK, the IAM password) and the project id'
      : u.kind === 'throttled'
        ? 'the target keeps asking to come back later (429/503): try again later, or lower limits.rps/concurrency'
        : 'check the endpoint URL, the network and that the service is up';
  return [
    `target unusable (${u.when}): ${u.service.toUpperCase()} endpoint ${u.endpoint}`,
    `  what came back: ${u.what}`,
    `  ${advice}`,
    '  The report is marked "target unusable": no verdict on the documents, and --baseline refuses it.',
  ];
}

/** Service of an exchange, for a mark made from it. */
export function unusableFrom(
  x: Exchange,
  endpoint: string,
  kind: TargetUnusable['kind'],
  when: TargetUnusable['when'],
): TargetUnusable {
  const service: Service = x.service;
  return { service, endpoint, kind, what: whatCameBack(x), when };
}
