import { runChecks } from '../checks/registry.js';
import { curlCommand, shellQuote } from '../http/curl.js';
import type { HttpRequest } from '../http/types.js';
import type { GeneratedCase } from '../model/case.js';
import type { CompiledOperation } from '../model/compiled.js';
import type { Exchange } from '../model/exchange.js';
import type { CaseRecord, Counterexample, Finding, ServerErrorObservation } from '../model/verdict.js';
import { allureCase } from '../report/allure.js';
import { cutText } from '../report/cut-text.js';
import type { TargetConfig } from '../target/types.js';
import { annotateDifferences } from './annotate-differences.js';
import type { RunContext } from './context.js';
import { recordCreated } from './ledger.js';
import { notSentExchange } from './not-sent.js';
import { checkContextOf } from './profile.js';
import { shapeCase } from './profile-requests.js';
import { casePathParams, fixtureUnready } from './resources.js';
import { specRevisions } from './specs.js';

/** What one case produced: the exchange, the findings and the record for compliance.json. */
export interface CaseResult {
  readonly exchange: Exchange;
  readonly findings: readonly Finding[];
  readonly record: CaseRecord;
}

/** The operation's path with its parameters filled in (URI-encoded). */
export function fillPath(op: CompiledOperation, params: Readonly<Record<string, string>>): string {
  return op.spec.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? `{${name}}`));
}

/** The HTTP request a case sends; `overrides` lets auth and malformed-body tests change one thing. */
export function requestOf(
  op: CompiledOperation,
  gcase: GeneratedCase,
  overrides: Partial<HttpRequest> = {},
): HttpRequest {
  return {
    service: op.spec.service,
    method: op.spec.method,
    path: fillPath(op, gcase.pathParams),
    ...(gcase.body !== undefined && op.spec.request ? { body: gcase.body } : {}),
    label: gcase.label,
    ...overrides,
  };
}

/** Environment variables that carry each auth mode's credentials (README "Running against a real region"). */
const AUTH_VARIABLES: Readonly<Record<TargetConfig['auth']['mode'], readonly string[]>> = {
  none: [],
  token: ['IMS_AUTH_TOKEN'],
  aksk: ['IMS_AK', 'IMS_SK'],
  password: ['IMS_IAM_ENDPOINT', 'IMS_DOMAIN', 'IMS_USER', 'IMS_PASSWORD', 'IMS_PROJECT_NAME'],
};

/**
 * How a replay reaches the same target: `--target FILE` for a target file, the environment variables for an env
 * target (credentials as `"$VAR"` references, never their values), nothing for the embedded mock.
 */
export function replayTarget(target: Pick<TargetConfig, 'source' | 'endpoints' | 'projectId' | 'auth'>): {
  env: string[];
  flags: string[];
} {
  if (target.source === 'local-mock') {
    return { env: [], flags: [] };
  }
  if (target.source !== 'env') {
    return { env: [], flags: [`--target ${shellQuote(target.source)}`] };
  }
  const env = [
    `IMS_ENDPOINT=${shellQuote(target.endpoints.ims)}`,
    `EVS_ENDPOINT=${shellQuote(target.endpoints.evs)}`,
    `IMS_PROJECT_ID=${shellQuote(target.projectId)}`,
    ...AUTH_VARIABLES[target.auth.mode].map((v) => `${v}="$${v}"`),
  ];
  return { env, flags: [] };
}

/** The flags that select the same target and profile as this run, for every printed replay command. */
export function replayCommandFor(run: RunContext, only: string, seed: number): string[] {
  const { env, flags } = replayTarget(run.target);
  const parts = [...env, 'ims-conformance run', ...flags, `--only ${only}`, `--seed ${seed}`];
  if (run.options.profile !== 'default') {
    parts.push(`--profile ${run.options.profile}`);
  }
  if (run.options.revision !== specRevisions(run.specs).default) {
    parts.push(`--revision ${run.options.revision}`);
  }
  return parts;
}

/** The command that replays a case: the target, and the run flags that regenerate it (seed, constraint). */
export function replayCommand(run: RunContext, gcase: GeneratedCase, seed: number, path?: string): string {
  const only = gcase.constraintId ?? gcase.operationId;
  const parts = [...replayCommandFor(run, only, seed), `--depth ${run.options.depth}`];
  if (path) {
    parts.push(`--path "${path}"`);
  }
  return parts.join(' ');
}

/** A 5xx answer as the record keeps it (body cut at the report limit), or undefined for any other answer. */
export function serverErrorOf(
  exchange: Exchange,
  caseId: string,
  constraintId: string,
  request: string,
  curl: string,
): ServerErrorObservation | undefined {
  const r = exchange.response;
  if (r === undefined || r.status < 500) {
    return undefined;
  }
  return {
    caseId,
    constraintId,
    request,
    method: exchange.request.method,
    url: exchange.request.url,
    status: r.status,
    body: cutText(r.text),
    curl,
  };
}

/** Renders failing findings as the STYLE.md §3.4 block, for vitest's failure message. */
export function renderFindings(
  findings: readonly Finding[],
  gcase: GeneratedCase,
  command: string,
  curl: string,
): string {
  return findings
    .map((f) =>
      [
        `✖ ${f.constraintId} — ${f.title}`,
        `  Received: ${f.received ?? ''}`,
        `  Documented: ${f.documented ?? ''}`,
        `  Request: ${gcase.label}`,
        `  Document: ${f.citation.doc}, ${f.citation.section}: "${f.citation.quote}"`,
        `  Reproduce: ${command}`,
        `             ${curl}`,
      ].join('\n'),
    )
    .join('\n');
}

/**
 * Sends one case, runs every check, labels the Allure test and returns the case record. The record counts the
 * case for every constraint it exercised, and carries the counterexample when a check failed.
 */
export async function executeCase(
  run: RunContext,
  op: CompiledOperation,
  generated: GeneratedCase,
  caseId: string,
  replay: { seed: number; path?: string },
  overrides: Partial<HttpRequest> = {},
): Promise<CaseResult> {
  // The profile keeps requests to what both services document (profiles/<name>.yaml, requests); a case that sends
  // a body of its own (malformed JSON, wrong content type) is sent as it is.
  const gcase =
    overrides.body === undefined
      ? shapeCase(op, generated, run.profile?.requests.get(op.id), run.options.profile)
      : generated;
  // An explicit path (unknown-id cases) is sent as given; otherwise fixtures fill the path (fresh for a DELETE).
  const path = overrides.path ? { params: gcase.pathParams } : await casePathParams(run, op, gcase.pathParams);
  const req = requestOf(op, { ...gcase, pathParams: path.params }, overrides);
  // A case whose resource could not be made is not sent: its answer would be about another resource. Nor is one
  // whose disk is not in the state the case needs, where the disk's state could give the answer — a 202 needs an
  // available disk, and a busy disk's 400 would pass any case expecting a refusal (a 401 is the token's whatever
  // the disk): not checked with what the disk showed.
  const stateDecides = gcase.expect === 'accept' || gcase.expectStatus === undefined || gcase.expectStatus === 400;
  const unready =
    path.missing ?? (overrides.path || !stateDecides ? undefined : await fixtureUnready(run, op, path.params));
  const exchange = unready === undefined ? await run.client.send(req) : notSentExchange(req, 'fixture', unready);
  recordCreated(run.options.reportDir, run.target.projectId, op, exchange, caseId);
  const ctx = checkContextOf(run, op, caseId);
  const { findings, covered } = runChecks(run.checks, ctx, exchange, gcase);
  const curl = curlCommand(exchange);
  // The first failure, else warning, else documented difference: the evidence its row shows.
  const failure =
    findings.find((f) => f.severity === 'failure') ??
    findings.find((f) => f.severity === 'warning') ??
    findings.find((f) => f.severity === 'differs');
  const counterexample: Counterexample | undefined = failure
    ? {
        caseId,
        request: gcase.label,
        received: failure.received ?? '',
        documented: failure.documented ?? '',
        // The run seed, not the per-test one: `run --seed S` derives every test's seed from it again.
        command: replayCommand(run, gcase, run.options.seed, replay.path),
        curl,
      }
    : undefined;
  const constraintIds = [...new Set([...covered, ...(gcase.constraintId ? [gcase.constraintId] : [])])];
  const constraint = gcase.constraintId ?? failure?.constraintId ?? `${op.id}.status`;
  const serverError = serverErrorOf(exchange, caseId, gcase.constraintId ?? `${op.id}.status`, gcase.label, curl);
  const record: CaseRecord = {
    caseId,
    operationId: op.id,
    constraintIds,
    findings,
    ...(counterexample ? { counterexample } : {}),
    ...(serverError ? { serverError } : {}),
  };
  const c = op.constraints.find((k) => k.id === constraint);
  await allureCase({
    service: op.spec.service,
    operation: op.id,
    constraintId: constraint,
    severity: failure?.severity === 'warning' ? 'warning' : failure?.severity === 'differs' ? 'minor' : 'failure',
    ...(failure?.difference !== undefined ? { difference: failure.difference } : {}),
    citation: c?.citation ?? { doc: op.document, section: '', quote: '' },
    request: { method: exchange.request.method, url: exchange.request.url, body: exchange.request.bodyText },
    response: exchange.response ? { status: exchange.response.status, body: exchange.response.text } : exchange.error,
    curl,
    secrets: run.secrets.forms(),
  });
  await annotateDifferences(findings);
  return { exchange, findings, record };
}
