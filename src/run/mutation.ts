import type { ComplianceReport, Counterexample, VerdictValue } from '../model/verdict.js';

/** One catalogued deviation of the mock, as the mutation run reports it. */
export interface DeviationInfo {
  readonly name: string;
  readonly description: string;
  readonly operation?: string;
  readonly kind?: string;
}

export interface DeviationOutcome {
  readonly name: string;
  readonly description: string;
  /**
   * Caught: some constraint fails (or, resting on an erratum, newly warns) against the deviation but not against
   * the clean mock. A warning is the suite's documented answer to a deviation from a contradictory sentence.
   */
  readonly caught: boolean;
  readonly caughtAs?: 'failure' | 'warning';
  /** Constraint ids failing against this deviation but not against the clean mock (first seed). */
  readonly caughtBy: readonly string[];
  /** Constraints only warning against the deviation (erratum-backed): reported, not counted as a catch. */
  readonly warnedBy: readonly string[];
  readonly counterexample?: Counterexample;
  /** Constraint ids whose verdict differed between seeds. */
  readonly flips: readonly string[];
}

export interface MutationReport {
  readonly depth: string;
  readonly seeds: readonly number[];
  readonly wallMs: number;
  readonly killRate: number;
  readonly caught: number;
  readonly total: number;
  /** Failing constraints on the clean mock: false positives of the suite (or bugs of the mock). */
  readonly cleanFailures: readonly string[];
  readonly cleanFlips: readonly string[];
  readonly deviations: readonly DeviationOutcome[];
}

function verdicts(report: ComplianceReport): Map<string, VerdictValue> {
  return new Map(report.constraints.map((c) => [c.constraintId, c.verdict]));
}

/** Constraint ids whose verdict is not the same in every report (one report per seed). */
export function flippedConstraints(reports: readonly ComplianceReport[]): string[] {
  const [first, ...rest] = reports.map(verdicts);
  if (!first) {
    return [];
  }
  const ids = new Set([...first.keys(), ...rest.flatMap((m) => [...m.keys()])]);
  return [...ids].filter((id) => rest.some((m) => m.get(id) !== first.get(id))).sort();
}

/**
 * Judges every deviation: caught when some constraint fails against it that does not fail against the clean mock
 * under the same seed. Kill rate = caught / catalogued.
 */
export function judgeMutation(
  deviations: readonly DeviationInfo[],
  clean: readonly ComplianceReport[],
  byDeviation: ReadonlyMap<string, readonly ComplianceReport[]>,
  meta: { depth: string; seeds: readonly number[]; wallMs: number },
): MutationReport {
  const outcomes: DeviationOutcome[] = deviations.map((d) => {
    const reports = byDeviation.get(d.name) ?? [];
    const caughtBy = new Set<string>();
    const warnedBy = new Set<string>();
    let counterexample: Counterexample | undefined;
    reports.forEach((report, i) => {
      const base = clean[i] ? verdicts(clean[i]) : new Map<string, VerdictValue>();
      for (const row of report.constraints) {
        if (row.verdict === 'fail' && base.get(row.constraintId) !== 'fail') {
          caughtBy.add(row.constraintId);
          counterexample ??= row.counterexample;
        } else if (row.verdict === 'warning' && base.get(row.constraintId) !== 'warning') {
          warnedBy.add(row.constraintId);
          counterexample ??= row.counterexample;
        }
      }
    });
    const caughtAs = caughtBy.size > 0 ? 'failure' : warnedBy.size > 0 ? 'warning' : undefined;
    return {
      name: d.name,
      description: d.description,
      caught: caughtAs !== undefined,
      ...(caughtAs ? { caughtAs } : {}),
      caughtBy: [...caughtBy].sort(),
      warnedBy: [...warnedBy].sort(),
      ...(counterexample ? { counterexample } : {}),
      flips: flippedConstraints(reports),
    };
  });
  const caught = outcomes.filter((o) => o.caught).length;
  const cleanFailures = [
    ...new Set(clean.flatMap((r) => r.constraints.filter((c) => c.verdict === 'fail').map((c) => c.constraintId))),
  ].sort();
  return {
    depth: meta.depth,
    seeds: meta.seeds,
    wallMs: meta.wallMs,
    killRate: deviations.length === 0 ? 1 : caught / deviations.length,
    caught,
    total: deviations.length,
    cleanFailures,
    cleanFlips: flippedConstraints(clean),
    deviations: outcomes,
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** mutation.md: kill rate, clean-mock false positives, flips, then one row per deviation. */
export function renderMutationMarkdown(report: MutationReport): string {
  const lines = [
    '# Mutation run — does the suite catch the mock’s deviations?',
    '',
    `Depth ${report.depth}, seeds ${report.seeds.join(', ')}, wall time ${(report.wallMs / 1000).toFixed(1)} s.`,
    '',
    `**Kill rate: ${(report.killRate * 100).toFixed(1)}%** (${report.caught} of ${report.total} deviations caught).`,
    '',
    `False positives on the clean mock: ${report.cleanFailures.length === 0 ? 'none' : report.cleanFailures.map((c) => `\`${c}\``).join(', ')}.`,
    '',
    `Verdicts that flipped between seeds: ${
      report.cleanFlips.length + report.deviations.reduce((n, d) => n + d.flips.length, 0) === 0
        ? 'none'
        : [
            ...report.cleanFlips.map((c) => `clean: \`${c}\``),
            ...report.deviations.flatMap((d) => d.flips.map((c) => `${d.name}: \`${c}\``)),
          ].join(', ')
    }.`,
    '',
    '| deviation | what it breaks | caught | by constraints | first counterexample |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const d of report.deviations) {
    const ids = d.caughtBy.length > 0 ? d.caughtBy : d.warnedBy;
    const by =
      ids
        .slice(0, 4)
        .map((c) => `\`${c}\``)
        .join('<br>') + (ids.length > 4 ? `<br>… ${ids.length - 4} more` : '');
    const example = d.counterexample ? `${d.counterexample.request} → ${d.counterexample.received}` : '';
    lines.push(
      `| \`${d.name}\` | ${cell(d.description)} | ${d.caughtAs === 'failure' ? '✅ caught' : d.caughtAs === 'warning' ? '⚠️ caught as a warning (erratum)' : '❌ survived'} | ${by} | ${cell(example.slice(0, 160))} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The last line of a mutation run: the kill rate, the false positives and flips, and where the reports are — what
 * the exit code rests on, said after the suite's own test output (whose failures against deviations are expected).
 */
export function mutationVerdictLine(report: MutationReport, files: readonly string[]): string {
  const flips = report.cleanFlips.length + report.deviations.reduce((n, d) => n + d.flips.length, 0);
  const ok = report.caught === report.total && report.cleanFailures.length === 0 && flips === 0;
  return (
    `mutation: ${ok ? 'PASS' : 'FAIL'}: kill rate ${(report.killRate * 100).toFixed(1)}% (${report.caught} of ` +
    `${report.total} deviations caught), ${report.cleanFailures.length} failing on the clean mock, ${flips} flipped ` +
    `between seeds; reports: ${files.join(', ')}`
  );
}
