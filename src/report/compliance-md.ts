/**
 * compliance.md: the changes since the baseline first, then run info and summary, one table per
 * operation with every constraint, and the failures in the STYLE.md §3.4 format.
 * @see ../../../shared/DESIGN.md "Reports"
 */
import type { ComplianceReport, ConstraintVerdict, RunInfo, ServerErrorObservation } from '../model/verdict.js';
import type { ComplianceDiff, VerdictChange } from './baseline.js';
import { type CoverageSection, renderCoverageMarkdown } from './coverage-md.js';
import { renderFailureBlock } from './failure-block.js';
import { escapeCell, fence } from './markdown.js';
import { groupByOperation, verdictLabel } from './verdict-label.js';

/** The whole compliance.md, ending with a newline. */
export function renderComplianceMarkdown(
  report: ComplianceReport,
  diff?: ComplianceDiff,
  coverage?: CoverageSection,
): string {
  const parts = ['# IMS conformance — compliance report'];
  if (report.unusable !== undefined) {
    const u = report.unusable;
    parts.push(
      `> **Target unusable** (${u.when}): ${u.service.toUpperCase()} endpoint ${u.endpoint} — what came back: ` +
        `${u.what}.\n> The rows below are no verdict on the documents, and \`--baseline\` refuses this report.`,
    );
  }
  if (diff !== undefined) {
    parts.push(renderChanges(diff));
  }
  parts.push(renderRun(report.run), renderTotals(report));
  if (report.serverErrors !== undefined && report.serverErrors.length > 0) {
    parts.push(renderServerErrors(report.serverErrors));
  }
  for (const [operationId, rows] of groupByOperation(report.constraints)) {
    parts.push(renderOperation(operationId, rows));
  }
  const differing = report.constraints.filter((r) => r.verdict === 'differs');
  if (differing.length > 0) {
    parts.push(renderDifferences(report.run.profile, differing));
  }
  const failing = report.constraints.filter((r) => r.verdict === 'fail');
  if (failing.length > 0) {
    parts.push(`## Failures\n\n${failing.map((r) => fence(renderFailureBlock(r).join('\n'))).join('\n\n')}`);
  }
  if (coverage !== undefined) {
    parts.push(renderCoverageMarkdown(coverage));
  }
  return `${parts.join('\n\n')}\n`;
}

const changeSections: readonly { readonly key: keyof Omit<ComplianceDiff, 'baseline'>; readonly title: string }[] = [
  { key: 'newlyFailing', title: '❌ Newly failing' },
  { key: 'newlyPassing', title: '✅ Newly passing' },
  { key: 'newWarnings', title: '⚠️ New warnings' },
  { key: 'added', title: '➕ Constraints added' },
  { key: 'removed', title: '➖ Constraints removed' },
];

function renderChanges(diff: ComplianceDiff): string {
  const b = diff.baseline;
  const lines = [
    '## Changes since baseline',
    '',
    `Baseline: run \`${b.runId}\` of ${b.startedAt} (revision ${b.revision}, profile ${b.profile}).`,
  ];
  const present = changeSections.filter((s) => diff[s.key].length > 0);
  if (present.length === 0) {
    lines.push('', 'No verdict changed.');
  }
  for (const section of present) {
    const changes = diff[section.key];
    lines.push('', `**${section.title} (${changes.length})**`, '', ...changes.map((c) => `- ${changeLine(c)}`));
  }
  return lines.join('\n');
}

function changeLine(c: VerdictChange): string {
  return `\`${c.constraintId}\`: ${c.from ?? 'absent'} → ${c.to ?? 'absent'}`;
}

function renderRun(run: RunInfo): string {
  const cells = [
    run.runId,
    run.target,
    run.revision,
    run.profile,
    run.depth,
    String(run.seed),
    run.startedAt,
    `${(run.durationMs / 1000).toFixed(1)} s`,
  ];
  return [
    '## Run',
    '',
    '| run | target | revision | profile | depth | seed | started | duration |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${cells.map(escapeCell).join(' | ')} |`,
  ].join('\n');
}

function renderTotals(report: ComplianceReport): string {
  const s = report.summary;
  const jumps = [
    ...(s.fail > 0 ? [`[${s.fail} failures in full](#failures)`] : []),
    ...(report.serverErrors?.length ? [`[${report.serverErrors.length} server errors (5xx)](#server-errors-5xx)`] : []),
  ];
  return [
    '## Summary',
    '',
    '| constraints | ✅ pass | ❌ fail | ⚠️ warning | ≠ differs | ⏸ not checked |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${s.total} | ${s.pass} | ${s.fail} | ${s.warning} | ${s.differs} | ${s.not_checked} |`,
    '',
    'A constraint is one rule of the documents, counted once. JUnit and Allure count test cases (document examples, ' +
      'properties, boundaries, one negative block per constraint and violation kind…), so their totals differ. ' +
      'A "not checked" row gives its reason; it is never a pass.',
    ...(jumps.length > 0 ? ['', `Jump to: ${jumps.join(' · ')}`] : []),
  ].join('\n');
}

/** Every `differs` row with the profile's reason and citation: documented differences, not failures. */
function renderDifferences(profile: string, rows: readonly ConstraintVerdict[]): string {
  return [
    `## Documented differences (profile ${profile})`,
    '',
    'Neither passes nor failures: the profile documents that the target differs from the document here.',
    '',
    '| constraint | reason | citation | cases that differed |',
    '| --- | --- | --- | ---: |',
    ...rows.map(
      (r) =>
        `| \`${r.constraintId}\` | ${escapeCell(r.difference?.reason ?? r.reason ?? '')} | ${escapeCell(r.difference?.citation ?? '')} | ${r.differing ?? 0} of ${r.cases} |`,
    ),
  ].join('\n');
}

/**
 * Every 5xx the target answered, each in a section of its own (request, response, constraint): a server error is
 * never a detail of a table row ("never 5xx", DESIGN.md "Checks").
 */
function renderServerErrors(errors: readonly ServerErrorObservation[]): string {
  const sections = errors.map((e, i) =>
    [
      `### ${i + 1}. ${e.status} to ${e.method} ${e.url}`,
      '',
      `Constraint \`${e.constraintId}\`, case \`${e.caseId}\`: ${escapeCell(e.request)}`,
      '',
      fence(
        [
          `request: ${e.method} ${e.url}`,
          ...(e.curl === undefined ? [] : [`reproduce: ${e.curl}`]),
          '',
          `response: ${e.status}`,
          e.body === '' ? '(empty body)' : e.body,
        ].join('\n'),
      ),
    ].join('\n'),
  );
  return [
    '## Server errors (5xx)',
    `The target answered ${errors.length} request(s) with a server error.`,
    ...sections,
  ].join('\n\n');
}

function renderOperation(operationId: string, rows: readonly ConstraintVerdict[]): string {
  return [
    `## ${operationId}`,
    '',
    '| constraint | verdict | cases | document | first counterexample |',
    '| --- | --- | ---: | --- | --- |',
    ...rows.map(renderRow),
  ].join('\n');
}

function renderRow(r: ConstraintVerdict): string {
  const constraint = `\`${r.constraintId}\`<br>${escapeCell(r.description)}`;
  const cases =
    r.failures > 0
      ? `${r.cases} (${r.failures} failed)`
      : r.warnings > 0
        ? `${r.cases} (${r.warnings} warned)`
        : (r.differing ?? 0) > 0
          ? `${r.cases} (${r.differing} differed)`
          : `${r.cases}`;
  const { doc, section, quote } = r.citation;
  const document = escapeCell(`${doc}, ${section}: "${quote}"`);
  const ce = r.counterexample;
  const example = ce === undefined ? '' : escapeCell(`${ce.request} → ${ce.received}`);
  return `| ${constraint} | ${escapeCell(verdictLabel(r))} | ${cases} | ${document} | ${example} |`;
}
