/**
 * The one door every creating request of a run goes through (issue 18, points 1–3). Whatever path built the
 * request (operation suites, flows, boundaries, document examples, fixtures), before a POST leaves the process:
 * 1. on a target that is not loopback it needs `--allow-create` (DESIGN.md "Targets": "creating resources on a
 *    non-local target needs an explicit opt-in");
 * 2. it takes one of the `--max-creates` slots — requests *sent*, not ids handed back, so a target that creates and
 *    answers an error, times out or returns no id is capped all the same; slots are files created exclusively in
 *    the run's report folder, so the cap holds across vitest workers;
 * 3. a body whose name does not start with the run prefix (a case whose point is the name itself: a 1-character
 *    name, a missing one) is written to the ledger before it is sent, so cleanup can find what it made by name.
 * Every POST the suite sends is to an operation that creates (000, 001, 002, 003/004); a refused one is not sent.
 */
import { closeSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpClient, HttpRequest } from '../http/types.js';
import { isPlainObject } from '../json/value.js';
import type { Exchange } from '../model/exchange.js';
import { isLoopbackUrl } from '../target/defaults.js';
import type { TargetConfig } from '../target/types.js';
import { currentTest } from './current-test.js';
import { appendNameEntry } from './ledger.js';
import { notSentExchange } from './not-sent.js';

/** Whether a request creates something: every POST of the suite does (see the module comment). */
export function isCreatingRequest(req: Pick<HttpRequest, 'method'>): boolean {
  return req.method.toUpperCase() === 'POST';
}

/** The folder of the run's creation slots (one empty file per creating request sent). */
export function createSlotsDir(reportDir: string, runId: string): string {
  return join(reportDir, 'creates', runId);
}

/** Next slot number worth trying, per folder (slots are only ever taken, never given back). */
const nextSlot = new Map<string, number>();

/**
 * Takes one of `cap` slots: file `n` created with O_EXCL, atomic across processes. Resolves to the slot number, or
 * undefined when all are taken.
 */
export function takeCreateSlot(dir: string, cap: number): number | undefined {
  mkdirSync(dir, { recursive: true });
  for (let n = nextSlot.get(dir) ?? 0; n < cap; n++) {
    try {
      closeSync(openSync(join(dir, String(n)), 'wx'));
      nextSlot.set(dir, n + 1);
      return n;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
  }
  nextSlot.set(dir, cap);
  return undefined;
}

/** Creating requests the run has sent so far (slots taken by every worker). */
export function createSlotsTaken(dir: string): number {
  try {
    return readdirSync(dir).length;
  } catch {
    return 0;
  }
}

/** The names a creating body gives (`name`; EVS `os-volume_upload_image.image_name`); undefined = no name at all. */
export function requestedName(body: unknown): string | undefined {
  let value = body;
  if (isPlainObject(body) && 'raw' in body) {
    const raw = String(body.raw);
    try {
      value = JSON.parse(raw);
    } catch {
      return new URLSearchParams(raw).get('name') ?? undefined;
    }
  }
  if (!isPlainObject(value)) {
    return undefined;
  }
  const upload = value['os-volume_upload_image'];
  const name = isPlainObject(upload) ? upload.image_name : value.name;
  return typeof name === 'string' ? name : undefined;
}

export interface CreateGuardOptions {
  readonly target: TargetConfig;
  readonly reportDir: string;
  readonly runId: string;
  readonly namePrefix: string;
  /** Called with the reason of a refusal before the not-sent exchange is returned; default: skip the current test. */
  readonly onRefused?: (reason: string) => void;
}

/** In a test, the test is reported skipped with the reason (vitest marks it before throwing, so a fast-check property
 * that catches the throw still ends skipped); elsewhere nothing, and the caller gets the not-sent exchange. */
function skipCurrentTest(reason: string): void {
  currentTest()?.context.skip(reason);
}

/** Why a creating request may not be sent now, or undefined when it may (and has taken its slot). */
function refusal(req: HttpRequest, o: CreateGuardOptions): string | undefined {
  const endpoint = o.target.endpoints[req.service];
  const { allowCreate, remote, maxCreates } = o.target.safety;
  // A non-loopback endpoint on a target marked local is a target nobody checked (config.ts never makes one): refused.
  if (!allowCreate || (!remote && !isLoopbackUrl(endpoint))) {
    return `needs --allow-create: ${req.method} ${req.path} creates resources and target ${o.target.name} (${endpoint}) is ${remote ? 'remote' : 'not opted in'}`;
  }
  if (takeCreateSlot(createSlotsDir(o.reportDir, o.runId), maxCreates) === undefined) {
    return `--max-creates ${maxCreates} reached: ${req.method} ${req.path} not sent`;
  }
  return undefined;
}

/** The client of a run with the guard in front of `send`. */
export function guardCreates(client: HttpClient, options: CreateGuardOptions): HttpClient {
  const send = async (req: HttpRequest): Promise<Exchange> => {
    if (!isCreatingRequest(req)) {
      return client.send(req);
    }
    const reason = refusal(req, options);
    if (reason !== undefined) {
      (options.onRefused ?? skipCurrentTest)(reason);
      return notSentExchange(req, 'refused', reason);
    }
    const name = requestedName(req.body);
    if (name === undefined || !name.startsWith(options.namePrefix)) {
      appendNameEntry(options.reportDir, options.target.projectId, name, req.service, req.label ?? req.path);
    }
    return client.send(req);
  };
  return {
    send,
    get budgetExhausted() {
      return client.budgetExhausted;
    },
    close: () => client.close(),
  };
}
