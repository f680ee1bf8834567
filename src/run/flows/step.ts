import { notSent } from '../../checks/judged.js';
import type { CheckContext } from '../../checks/types.js';
import { curlCommand } from '../../http/curl.js';
import type { Constraint } from '../../model/compiled.js';
import type { Exchange } from '../../model/exchange.js';
import type { CaseRecord, Finding } from '../../model/verdict.js';
import { appendRecords } from '../../report/findings-io.js';
import type { RunContext } from '../context.js';
import { replayCommandFor } from '../execute.js';
import { checkContextOf } from '../profile.js';
import { operationById } from '../specs.js';

/**
 * The records of one flow: each step's record is written to `<reportDir>/records/flow-<name>.jsonl` as soon as it
 * exists (the same files compliance.json is built from), so an interrupted flow still counts what it observed.
 */
export class FlowLog {
  readonly records: CaseRecord[] = [];
  readonly #run: RunContext;
  readonly #name: string;

  constructor(run: RunContext, name: string) {
    this.#run = run;
    this.#name = name;
  }

  /** Keeps a record and writes it at once. */
  push(record: CaseRecord): void {
    this.records.push(record);
    appendRecords(this.#run.options.reportDir, `flow-${this.#name}`, [record]);
  }

  /**
   * A step's own checks as a record: the constraints it exercised and what it found, with the first failure as
   * the counterexample (replayed by running the flow's constraint).
   */
  step(
    caseId: string,
    operationId: string,
    constraintIds: readonly string[],
    stepFindings: readonly Finding[],
    exchange?: Exchange,
  ): CaseRecord {
    // A request that was never sent judges nothing: its findings say why the rule is not checked.
    const unsent = exchange === undefined ? undefined : notSent(exchange);
    let findings = stepFindings;
    if (unsent !== undefined) {
      findings = findings.map((f) => ({
        ...f,
        severity: 'not_checked' as const,
        title: 'not checked',
        message: unsent,
      }));
    }
    const failure = findings.find((f) => f.severity === 'failure') ?? findings.find((f) => f.severity === 'warning');
    const record: CaseRecord = {
      caseId,
      operationId,
      constraintIds: [...new Set([...constraintIds, ...findings.map((f) => f.constraintId)])],
      findings,
      ...(failure
        ? {
            counterexample: {
              caseId,
              request: `flow step ${caseId}`,
              received: failure.received ?? '',
              documented: failure.documented ?? '',
              command: replayCommandFor(this.#run, failure.constraintId, this.#run.options.seed).join(' '),
              ...(exchange ? { curl: curlCommand(exchange) } : {}),
            },
          }
        : {}),
    };
    this.push(record);
    return record;
  }

  /** Every failure finding so far (what fails the vitest test). */
  failures(): Finding[] {
    return this.records.flatMap((r) => r.findings.filter((f) => f.severity === 'failure'));
  }
}

/** A constraint by id; a missing one is our bug (a flow naming a rule the specs do not declare). */
export function constraintById(run: RunContext, operationId: string, id: string): Constraint {
  const c = operationById(run.specs, operationId).constraints.find((k) => k.id === id);
  if (!c) {
    throw new Error(`flow names constraint "${id}", which ${operationId} does not declare`);
  }
  return c;
}

/** A `not_checked` finding: the step could not run, and says why (never a pass). */
export function notChecked(run: RunContext, operationId: string, id: string, caseId: string, why: string): Finding {
  const c = constraintById(run, operationId, id);
  return {
    checkId: 'flow',
    constraintId: c.id,
    severity: 'not_checked',
    title: 'not checked',
    message: why,
    citation: c.citation,
    caseId,
  };
}

/** The check context of one flow step. */
export function stepContext(run: RunContext, operationId: string, caseId: string): CheckContext {
  return checkContextOf(run, operationById(run.specs, operationId), caseId);
}

/** Renders failures for the vitest message (constraint, title, Received/Documented, document). */
export function renderFlowFailures(findings: readonly Finding[]): string {
  return findings
    .map((f) =>
      [
        `✖ ${f.constraintId} — ${f.title}`,
        `  Received: ${f.received ?? ''}`,
        `  Documented: ${f.documented ?? ''}`,
        `  Document: ${f.citation.doc}, ${f.citation.section}: "${f.citation.quote}"`,
      ].join('\n'),
    )
    .join('\n');
}
