import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { boundaryCases } from '../../generators/boundaries.js';
import { invalidCaseArbitrary, validCaseArbitrary } from '../../generators/invalid.js';
import { maximalBodyArbitraries, minimalBodyArbitrary } from '../../generators/valid.js';
import type { GeneratedCase } from '../model/case.js';
import type { CompiledOperation, Constraint, ViolationKind } from '../model/compiled.js';
import type { CaseRecord, Finding } from '../model/verdict.js';
import { appendRecords } from '../report/findings-io.js';
import { closeRunContext, type RunContext, runContext, runEnvelope } from './context.js';
import { executeCase, fillPath, renderFindings, replayCommand } from './execute.js';
import { creationAllowed } from './flows/safety.js';
import { acquireTargetLock } from './lock.js';
import { DEPTHS, operationSelected, seedFor, selected } from './options.js';
import { prepareResources } from './resources.js';
import { compiledSpecs, operationById } from './specs.js';

const failuresOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'failure');

/** Keeps the records of one suite file and writes them once at the end (one file per operation). */
function recordSink(name: string) {
  const records: CaseRecord[] = [];
  return {
    push: (r: CaseRecord) => records.push(r),
    flush: (dir: string) => appendRecords(dir, name, records.splice(0)),
  };
}

/** Sends one case and fails the vitest test with the STYLE.md §3.4 block if any failure finding comes back. */
async function runCase(
  run: RunContext,
  op: CompiledOperation,
  gcase: GeneratedCase,
  caseId: string,
  seed: number,
  sink: ReturnType<typeof recordSink>,
  overrides = {},
): Promise<void> {
  const result = await executeCase(run, op, gcase, caseId, { seed }, overrides);
  sink.push(result.record);
  const failures = failuresOf(result.findings);
  const command = result.record.counterexample?.command ?? replayCommand(run, gcase, run.options.seed);
  expect(failures, renderFindings(failures, gcase, command, result.record.counterexample?.curl ?? '')).toEqual([]);
}

/** A record that marks every constraint of the operation not checked, with the reason. */
function notCheckedRecord(op: CompiledOperation, reason: string): CaseRecord {
  const constraints = op.constraints.filter((c) => c.id !== `${op.id}.not_found` && c.id !== `${op.id}.auth`);
  return {
    caseId: `${op.id}:not-checked`,
    operationId: op.id,
    constraintIds: [],
    findings: constraints.map((c) => ({
      checkId: 'fixture',
      constraintId: c.id,
      severity: 'not_checked' as const,
      title: 'not checked',
      message: reason,
      citation: c.citation,
      caseId: `${op.id}:not-checked`,
    })),
  };
}

function fixtureContext(run: RunContext) {
  return { fixtures: run.fixtures, namePrefix: run.namePrefix };
}

interface NegativeEntry {
  readonly name: string;
  readonly constraint: Constraint;
  readonly kind: ViolationKind;
}

/**
 * The conformance suite of one operation, derived from its compiled spec only (Schemathesis's engine never depends
 * on a concrete spec): the documents' examples, valid-request properties, boundaries, one negative block per
 * constraint and violation kind, authentication, and malformed bodies. Each case's checks append a record that
 * compliance.json is built from.
 */
export function defineOperationSuite(operationId: string): void {
  const envelope = runEnvelope();
  for (const name of envelope.targets?.map((t) => t.name) ?? [undefined]) {
    defineForTarget(operationId, name);
  }
}

/** The suite of one operation against one target of the run (`name` when the run has several). */
function defineForTarget(operationId: string, targetName: string | undefined): void {
  const { options } = runEnvelope();
  const specs = compiledSpecs({ revision: options.revision });
  const op = operationById(specs, operationId);
  const depth = DEPTHS[options.depth];
  const ids = op.constraints.map((c) => c.id);
  const sink = recordSink(operationId);
  let run: RunContext;

  const title = `${targetName ? `[${targetName}] ` : ''}${op.id} — ${op.spec.method} ${op.spec.path}`;
  describe.runIf(operationSelected(options.only, op.id, ids))(title, () => {
    let missingFixture: string | undefined;
    beforeAll(async () => {
      run = await runContext(targetName);
      await prepareResources(run, op);
      missingFixture = Object.values(op.spec.pathParams ?? {})
        .map((p) => p.fixture)
        .find((f) => f !== undefined && run.fixtures[f] === undefined);
      if (missingFixture) {
        // Without the resource the path names, no case can say anything about the constraints: they are reported
        // not checked, with the reason, instead of failing on a placeholder id.
        sink.push(notCheckedRecord(op, `the target has no ${missingFixture} fixture (target file: fixtures)`));
      }
    });
    beforeEach((ctx) => {
      if (missingFixture && !/does not exist|token/.test(ctx.task.name)) {
        ctx.skip(`the target has no ${missingFixture} fixture`);
      }
    });
    // The safety gate (DESIGN.md "Targets"): no case of an operation that creates resources runs on a target that
    // does not allow it, or beyond --max-creates; the test is skipped with the reason.
    beforeEach((ctx) => {
      const gate = creationAllowed(run, op);
      if (!gate.allowed) {
        ctx.skip(gate.reason);
      }
    });
    // An EVS action changes the shared disk: its tests hold the target's `volumes` lock, which the export flows
    // take too, so test files can run in parallel workers (src/run/lock.ts).
    if (op.spec.service === 'evs' && op.spec.method === 'POST') {
      let release: (() => void) | undefined;
      beforeEach(async () => {
        release = await acquireTargetLock(run, 'volumes');
      });
      afterEach(() => {
        release?.();
        release = undefined;
      });
    }
    afterAll(async () => {
      sink.flush(run.options.reportDir);
      await closeRunContext(targetName);
    });

    const loaded = specs.loaded.operations.find((o) => o.spec.id === op.id);
    const examples = (loaded?.examples ?? []).filter(
      (e) =>
        e.spec.kind === 'request' &&
        !e.spec.erratum &&
        (!e.spec.revisions || e.spec.revisions.includes(options.revision)),
    );
    const selectedHere = (id: string) =>
      options.only.length === 0 || selected(options.only, id) || selected(options.only, op.id);

    describe.runIf(examples.length > 0 && selectedHere(`${op.id}.status`))('document examples', () => {
      test.for(examples.map((e) => ({ name: e.spec.name, example: e })))('$name', async ({ example }) => {
        const gcase: GeneratedCase = {
          operationId: op.id,
          expect: 'accept',
          body: example.json,
          pathParams: pathParams(run, op),
          label: `document example "${example.spec.name}" (${example.spec.file})`,
        };
        await runCase(run, op, gcase, `${op.id}:example:${example.spec.name}`, options.seed, sink);
      });
    });

    const variants = Object.keys(op.spec.request?.variants ?? {});
    describe.runIf(selectedHere(`${op.id}.status`))('valid requests (property)', () => {
      test.for((variants.length > 0 ? variants : ['body']).map((v) => ({ name: v })))('$name', async ({ name }) => {
        const seed = seedFor(options.seed, `${op.id}:valid:${name}`);
        const arb = validCaseArbitrary(op, fixtureContext(run), variants.length > 0 ? name : undefined);
        let last: { gcase: GeneratedCase; caseId: string } | undefined;
        let n = 0;
        const details = await fc.check(
          fc.asyncProperty(arb, async (gcase) => {
            const caseId = `${op.id}:valid:${name}:${n++}`;
            const result = await executeCase(run, op, gcase, caseId, { seed });
            const failed = failuresOf(result.findings).length > 0;
            if (failed) {
              last = { gcase, caseId };
            } else if (n <= depth.validRuns) {
              sink.push(result.record);
            }
            return !failed;
          }),
          {
            numRuns: depth.validRuns,
            seed,
            interruptAfterTimeLimit: depth.shrinkMs * 10,
            endOnFailure: false,
            // --path (printed with a failure) replays the shrunk counterexample directly, with the same seed.
            ...(options.path ? { path: options.path } : {}),
          },
        );
        if (details.failed && last) {
          // Re-run the shrunk counterexample once so its record and message are the minimal case's.
          const path = details.counterexamplePath ?? undefined;
          const result = await executeCase(run, op, last.gcase, `${last.caseId}:min`, {
            seed,
            ...(path ? { path } : {}),
          });
          sink.push(result.record);
          const failures = failuresOf(result.findings);
          const command = replayCommand(run, last.gcase, run.options.seed, path);
          expect(
            failures,
            renderFindings(failures, last.gcase, command, result.record.counterexample?.curl ?? ''),
          ).toEqual([]);
        }
      });
    });

    const maximal = (variants.length > 0 ? variants : [undefined]).flatMap((v) =>
      maximalBodyArbitraries(op, { fixtures: {} }, v).map((m) => ({
        name: `${m.name}${v ? ` (${v})` : ''}`,
        v,
        m: m.name,
      })),
    );
    describe.runIf(op.spec.request !== undefined && selectedHere(`${op.id}.status`))('documented echoes', () => {
      test.for(maximal)('$name', async ({ name, v, m }) => {
        const seed = seedFor(options.seed, `${op.id}:maximal:${name}`);
        const arb = maximalBodyArbitraries(op, fixtureContext(run), v).find((x) => x.name === m)?.arbitrary;
        const [body] = arb ? fc.sample(arb, { numRuns: 1, seed }) : [];
        const gcase: GeneratedCase = {
          operationId: op.id,
          expect: 'accept',
          body,
          pathParams: pathParams(run, op),
          label: `valid request with ${name}`,
        };
        await runCase(run, op, gcase, `${op.id}:maximal:${name}`, seed, sink);
      });
    });

    describe.runIf(op.spec.request !== undefined && selectedHere(`${op.id}.status`))('documented defaults', () => {
      test.for((variants.length > 0 ? variants : ['body']).map((v) => ({ name: `mandatory fields only (${v})`, v })))(
        '$name',
        async ({ v }) => {
          const seed = seedFor(options.seed, `${op.id}:minimal:${v}`);
          const [body] = fc.sample(minimalBodyArbitrary(op, fixtureContext(run), variants.length > 0 ? v : undefined), {
            numRuns: 1,
            seed,
          });
          const gcase: GeneratedCase = {
            operationId: op.id,
            expect: 'accept',
            body,
            pathParams: pathParams(run, op),
            label: `valid request with the mandatory fields only (${v})`,
          };
          await runCase(run, op, gcase, `${op.id}:minimal:${v}`, seed, sink);
        },
      );
    });

    const notFound = op.constraints.find((c) => c.id === `${op.id}.not_found`);
    describe.runIf(notFound !== undefined && selectedHere(`${op.id}.not_found`))('unknown resource', () => {
      test('an id that does not exist → 404', async () => {
        const base = await firstValidCase(run, op);
        const params = { ...pathParams(run, op) };
        const last = Object.keys(op.spec.pathParams ?? {})
          .filter((k) => k !== 'project_id')
          .at(-1);
        if (last) {
          params[last] = '00000000-0000-4000-8000-00000000dead';
        }
        const gcase: GeneratedCase = {
          ...base,
          pathParams: params,
          expect: 'reject',
          expectStatus: 404,
          constraintId: `${op.id}.not_found`,
          label: `${last ?? 'id'} that does not exist`,
        };
        await runCase(run, op, gcase, `${op.id}:not_found`, options.seed, sink, { path: fillPath(op, params) });
      });
    });

    const boundaries = boundaryCases(op, { fixtures: {} }).filter((c) => selectedHere(c.constraintId ?? op.id));
    describe.runIf(boundaries.length > 0)('boundaries', () => {
      test.for(boundaries.map((c, i) => ({ name: c.label, i })))('$name', async ({ i }) => {
        const cases = boundaryCases(op, fixtureContext(run));
        const gcase = cases.filter((c) => selectedHere(c.constraintId ?? op.id))[i] as GeneratedCase;
        await runCase(run, op, gcase, `${op.id}:boundary:${i}`, options.seed, sink);
      });
    });

    const negatives: NegativeEntry[] = op.constraints.flatMap((c) =>
      selectedHere(c.id) ? c.violations.map((kind) => ({ name: `${c.id} ${kind}`, constraint: c, kind })) : [],
    );
    describe.runIf(negatives.length > 0)('negative: one constraint broken at a time', () => {
      test.for(negatives)('$name', async ({ constraint, kind }) => {
        const seed = seedFor(options.seed, `${constraint.id}:${kind}`);
        const cases = fc.sample(invalidCaseArbitrary(op, constraint, kind, fixtureContext(run)), {
          numRuns: depth.invalidRuns,
          seed,
        });
        for (const [i, gcase] of cases.entries()) {
          await runCase(run, op, gcase, `${constraint.id}:${kind}:${i}`, seed, sink);
        }
      });
    });

    const authConstraint = op.constraints.find((c) => c.kind === 'auth');
    describe.runIf(authConstraint !== undefined && selectedHere(`${op.id}.auth`))('authentication', () => {
      test.for([
        { name: 'no token → 401', headers: undefined },
        { name: 'unknown token → 401', headers: { 'X-Auth-Token': 'ims-conformance-not-a-token' } },
      ])('$name', async ({ headers }) => {
        const base = await firstValidCase(run, op);
        const gcase: GeneratedCase = {
          ...base,
          expect: 'reject',
          constraintId: `${op.id}.auth`,
          label: 'request without a valid token',
        };
        await runAuthCase(run, op, gcase, headers, sink);
      });
    });

    describe.runIf(op.spec.request !== undefined && op.spec.method !== 'GET' && selectedHere(`${op.id}.status`))(
      'malformed bodies',
      () => {
        test.for([
          { name: 'malformed JSON → 400', raw: '{"name": ', contentType: 'application/json' },
          { name: 'JSON array instead of an object → 400', raw: '[]', contentType: 'application/json' },
          { name: 'wrong content type → 4xx', raw: 'name=x', contentType: 'application/x-www-form-urlencoded' },
        ])('$name', async ({ raw, contentType }) => {
          const base = await firstValidCase(run, op);
          const gcase: GeneratedCase = {
            ...base,
            expect: 'reject',
            label: `body ${JSON.stringify(raw)} as ${contentType}`,
          };
          await runCase(run, op, gcase, `${op.id}:malformed:${raw}`, options.seed, sink, {
            body: { raw, contentType },
          });
        });
      },
    );
  });
}

function pathParams(run: RunContext, op: CompiledOperation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, p] of Object.entries(op.spec.pathParams ?? {})) {
    out[name] = (p.fixture ? run.fixtures[p.fixture] : undefined) ?? `missing-fixture-${name}`;
  }
  return out;
}

async function firstValidCase(run: RunContext, op: CompiledOperation): Promise<GeneratedCase> {
  const [gcase] = fc.sample(validCaseArbitrary(op, fixtureContext(run)), { numRuns: 1, seed: run.options.seed });
  return gcase as GeneratedCase;
}

/** A request sent without the run's authentication (or with a bogus token): the documents answer 401. */
async function runAuthCase(
  run: RunContext,
  op: CompiledOperation,
  gcase: GeneratedCase,
  headers: Record<string, string> | undefined,
  sink: ReturnType<typeof recordSink>,
): Promise<void> {
  const result = await executeCase(
    run,
    op,
    gcase,
    `${op.id}:auth:${headers ? 'bogus' : 'none'}`,
    { seed: run.options.seed },
    {
      auth: false,
      ...(headers ? { headers } : {}),
    },
  );
  const status = result.exchange.response?.status;
  const c = op.constraints.find((k) => k.id === `${op.id}.auth`);
  const findings: Finding[] =
    status === 401 || !c
      ? []
      : [
          {
            checkId: 'auth',
            constraintId: c.id,
            severity: 'failure',
            title: 'request without a valid token not refused with 401',
            message: `Received: ${status ?? 'no answer'}\nDocumented: 401`,
            received: String(status ?? result.exchange.error?.message),
            documented: '401 Unauthorized: Authentication failed.',
            citation: c.citation,
            caseId: result.record.caseId,
          },
        ];
  sink.push({ ...result.record, constraintIds: [`${op.id}.auth`], findings });
  expect(findings, renderFindings(findings, gcase, replayCommand(run, gcase, run.options.seed), '')).toEqual([]);
}
