/**
 * Suite throughput without a network: for every operation, generate the cases a run generates (valid cases per
 * body variant, invalid cases per constraint and violation kind, the boundary list), validate each body with the
 * compiled request schema (ajv) and the evaluator, and run every registered check on a synthetic exchange built
 * from a canned response (the document's example of the expected status, or a documented error envelope).
 * Counts generated-and-checked cases per second and where the time goes.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { boundaryCases } from '../generators/boundaries.js';
import type { GeneratedCase, GenerationContext } from '../generators/case.js';
import { invalidCaseArbitrary, validCaseArbitrary } from '../generators/invalid.js';
import { checkRegistry, runChecks } from '../src/checks/registry.js';
import type { RegisteredCheck } from '../src/checks/types.js';
import { compileSchema } from '../src/compile/ajv.js';
import { evaluateRequest } from '../src/compile/evaluate.js';
import { envelopeLookup } from '../src/compile/index.js';
import type { CompiledOperation } from '../src/model/compiled.js';
import type { Exchange, RecordedResponse } from '../src/model/exchange.js';
import { flattenFixtures } from '../src/run/fixtures.js';
import { type CompiledSpecs, compiledSpecs } from '../src/run/specs.js';
import { localMockTarget } from '../src/target/local-mock.js';

export interface OfflineOptions {
  /** Stop starting new rounds after this many ms. */
  readonly budgetMs: number;
  /** Valid cases per body variant and invalid cases per (constraint, kind), per round (standard depth: 15, 3). */
  readonly validRuns: number;
  readonly invalidRuns: number;
  /** Hard cap of rounds, so the loop is bounded even if one round is very fast. */
  readonly maxRounds: number;
}

export interface OfflineOperation {
  readonly operation: string;
  readonly cases: number;
  readonly ms: number;
  readonly casesPerSecond: number;
}

export interface OfflineResult {
  /** The first (cold) round, not counted below: JIT warm-up, lazy regex and arbitrary construction. */
  readonly warmup: { readonly cases: number; readonly ms: number; readonly casesPerSecond: number };
  readonly rounds: number;
  readonly cases: number;
  readonly valid: number;
  readonly invalid: number;
  readonly boundary: number;
  readonly ms: number;
  readonly casesPerSecond: number;
  /** Milliseconds spent generating (fast-check, including the filters of invalid arbitraries). */
  readonly generateMs: number;
  /** Milliseconds in ajv's compiled request schema plus evaluateRequest. */
  readonly validateMs: number;
  /** Milliseconds in runChecks on the synthetic exchanges (plus building them). */
  readonly checkMs: number;
  /** Valid cases the schema/evaluator refused, or invalid ones they accepted (should be 0). */
  readonly disagreements: number;
  /** (constraint, kind) pairs whose arbitrary could not produce a case. */
  readonly generationFailures: number;
  readonly byOperation: readonly OfflineOperation[];
}

const IMS_ERROR = { error: { code: 'IMG.0001', message: 'The request message format is invalid.' } };

function jsonResponse(status: number, body: unknown): RecordedResponse {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    status,
    headers: { 'content-type': 'application/json' },
    text,
    ...(body === undefined ? {} : { json: body }),
  };
}

/** Canned answers per operation: the success status with its example body, and 400 with an error envelope. */
function cannedResponses(
  specs: CompiledSpecs,
  op: CompiledOperation,
): { accept: RecordedResponse; reject: RecordedResponse } {
  const loaded = specs.loaded.operations.find((o) => o.spec.id === op.id);
  const examples = (loaded?.examples ?? []).filter(
    (e) => e.spec.kind === 'response' && (!e.spec.revisions || !op.revision || e.spec.revisions.includes(op.revision)),
  );
  const pick = (status: number) =>
    examples.find((e) => e.spec.status === status && !e.spec.erratum) ?? examples.find((e) => e.spec.status === status);
  const success = pick(op.spec.success);
  const error = pick(400);
  return {
    accept: jsonResponse(op.spec.success, success?.json),
    reject: jsonResponse(400, error?.json ?? IMS_ERROR),
  };
}

function exchangeOf(op: CompiledOperation, gcase: GeneratedCase, response: RecordedResponse, n: number): Exchange {
  const path = op.spec.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    encodeURIComponent(gcase.pathParams[name] ?? `{${name}}`),
  );
  return {
    id: `x${n}`,
    service: op.spec.service,
    request: {
      method: op.spec.method,
      url: `http://127.0.0.1:1${path}`,
      headers: { 'content-type': 'application/json', 'x-auth-token': '***' },
      ...(gcase.body !== undefined ? { bodyText: JSON.stringify(gcase.body) } : {}),
    },
    response,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 0,
    attempts: 1,
  };
}

interface Tally {
  generateMs: number;
  validateMs: number;
  checkMs: number;
  disagreements: number;
  n: number;
}

function checkCases(
  op: CompiledOperation,
  cases: readonly GeneratedCase[],
  checks: readonly RegisteredCheck[],
  canned: { accept: RecordedResponse; reject: RecordedResponse },
  tally: Tally,
): void {
  const validate = op.requestSchema ? compileSchema(op.requestSchema) : undefined;
  const ctx = { op, strict: false, caseId: '' };
  for (const gcase of cases) {
    const t0 = performance.now();
    const schemaOk = validate ? validate(gcase.body) === true : true;
    const violations = op.spec.request ? evaluateRequest(op.spec, op.constraints, gcase.body).length : 0;
    const valid = schemaOk && violations === 0;
    // Boundary cases carry a constraint id but expect acceptance at min/max; only compare the stated expectation.
    if (op.spec.request && valid !== (gcase.expect === 'accept')) {
      tally.disagreements++;
    }
    const t1 = performance.now();
    const exchange = exchangeOf(op, gcase, gcase.expect === 'accept' ? canned.accept : canned.reject, tally.n++);
    runChecks(checks, { ...ctx, caseId: `bench:${tally.n}` }, exchange, gcase);
    const t2 = performance.now();
    tally.validateMs += t1 - t0;
    tally.checkMs += t2 - t1;
  }
}

/** One round over one operation: the case mix of a run at the given runs per property. */
function roundOf(
  op: CompiledOperation,
  gen: GenerationContext,
  seed: number,
  options: OfflineOptions,
  tally: Tally,
): { cases: GeneratedCase[]; failures: number; counts: { valid: number; invalid: number; boundary: number } } {
  const t0 = performance.now();
  const out: GeneratedCase[] = [];
  let failures = 0;
  const variants = Object.keys(op.spec.request?.variants ?? {});
  for (const variant of variants.length > 0 ? variants : [undefined]) {
    out.push(...fc.sample(validCaseArbitrary(op, gen, variant), { numRuns: options.validRuns, seed }));
  }
  const valid = out.length;
  for (const c of op.constraints) {
    for (const kind of c.violations) {
      try {
        out.push(...fc.sample(invalidCaseArbitrary(op, c, kind, gen), { numRuns: options.invalidRuns, seed }));
      } catch {
        failures++;
      }
    }
  }
  const invalid = out.length - valid;
  const boundaries = boundaryCases(op, gen);
  out.push(...boundaries);
  tally.generateMs += performance.now() - t0;
  return { cases: out, failures, counts: { valid, invalid, boundary: boundaries.length } };
}

/** Runs rounds over every operation until the time budget is spent; see OfflineResult for what is counted. */
export function runOffline(options: OfflineOptions): OfflineResult {
  const specs = compiledSpecs({ revision: '004' });
  const checks = checkRegistry(envelopeLookup(specs.loaded));
  const gen: GenerationContext = {
    fixtures: {
      ...flattenFixtures(localMockTarget('http://127.0.0.1:1')),
      'image.id': '4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba86',
      'job.id': 'ff80808288d41e1b018990260955686a',
    },
    namePrefix: 'imsc-bench-',
  };
  const canned = new Map(specs.operations.map((op) => [op.id, cannedResponses(specs, op)]));
  const perOp = new Map<string, { cases: number; ms: number }>(
    specs.operations.map((op) => [op.id, { cases: 0, ms: 0 }]),
  );
  const tally: Tally = { generateMs: 0, validateMs: 0, checkMs: 0, disagreements: 0, n: 0 };
  const counts = { valid: 0, invalid: 0, boundary: 0 };
  let failures = 0;
  const w0 = performance.now();
  let warmCases = 0;
  for (const op of specs.operations) {
    const round = roundOf(op, gen, 999, options, { ...tally });
    failures += round.failures;
    warmCases += round.cases.length;
    checkCases(op, round.cases, checks, canned.get(op.id) ?? cannedResponses(specs, op), { ...tally });
  }
  const warmMs = performance.now() - w0;
  let rounds = 0;
  const started = performance.now();
  while (rounds < options.maxRounds && (rounds === 0 || performance.now() - started < options.budgetMs)) {
    for (const op of specs.operations) {
      const t0 = performance.now();
      const round = roundOf(op, gen, 1_000 + rounds, options, tally);
      checkCases(op, round.cases, checks, canned.get(op.id) ?? cannedResponses(specs, op), tally);
      const entry = perOp.get(op.id);
      if (entry) {
        entry.cases += round.cases.length;
        entry.ms += performance.now() - t0;
      }
      counts.valid += round.counts.valid;
      counts.invalid += round.counts.invalid;
      counts.boundary += round.counts.boundary;
    }
    rounds++;
  }
  const ms = performance.now() - started;
  const cases = counts.valid + counts.invalid + counts.boundary;
  return {
    warmup: { cases: warmCases, ms: warmMs, casesPerSecond: (warmCases / warmMs) * 1000 },
    rounds,
    cases,
    ...counts,
    ms,
    casesPerSecond: (cases / ms) * 1000,
    generateMs: tally.generateMs,
    validateMs: tally.validateMs,
    checkMs: tally.checkMs,
    disagreements: tally.disagreements,
    generationFailures: failures,
    byOperation: [...perOp.entries()].map(([operation, e]) => ({
      operation,
      cases: e.cases,
      ms: e.ms,
      casesPerSecond: e.ms > 0 ? (e.cases / e.ms) * 1000 : 0,
    })),
  };
}
