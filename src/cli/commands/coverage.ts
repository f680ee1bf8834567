/**
 * `ims-conformance coverage`: the document coverage table — per seed and indexed reference page, every parameter
 * row and normative sentence with the constraints resting on it (and what the last run found about them), or
 * `uncovered: <reason>`.
 * @see src/coverage/index.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CoveredUnit, coverageTotals, specsCoverage } from '../../coverage/index.js';
import { ExitCodes } from '../../errors.js';
import type { ComplianceReport } from '../../model/verdict.js';
import { parseFlags, printHelp } from '../flags.js';
import { printError, printInfo } from '../print.js';
import { renderTable } from '../table.js';

export const coverageHelp = `Usage: ims-conformance coverage [--report-dir DIR] [--units] [--json]

Lists, per seed document and per reference page a seed links to or a spec cites (docs/reference),
how many parameter rows and normative sentences have constraints
resting on them (their citations quote the unit), how many are uncovered with a recorded
reason (specs/coverage/uncovered.json), and how many have neither. With the last run's
DIR/compliance.json, also how many covered units the run checked.

Flags:
  --report-dir DIR   where the last run's compliance.json is (default reports)
  --units            list every unit: line, kind, constraints with their verdicts, or the reason
  --json             print the whole coverage as JSON (units, constraint ids, verdicts, reasons)
  -h, --help         show this help

Exit codes: 0 every normative unit is covered or has a reason; 1 some unit has neither.

Example:
  ims-conformance coverage --units
`;

function unitLine(u: CoveredUnit): string {
  const what =
    u.constraints.length > 0
      ? u.constraints.map((id) => (u.verdicts ? `${id} (${u.verdicts[id] ?? 'not_run'})` : id)).join(', ')
      : `uncovered: ${u.uncovered ?? 'NO REASON RECORDED'}`;
  return `  ${u.line}\t${u.kind}\t${u.text.length > 90 ? `${u.text.slice(0, 89)}…` : u.text}\n\t\t→ ${what}`;
}

export async function coverageCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('coverage', () =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        'report-dir': { type: 'string' },
        units: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    return printHelp(coverageHelp);
  }
  const file = join(resolve(values['report-dir'] ?? 'reports'), 'compliance.json');
  const report = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ComplianceReport) : undefined;
  const coverage = specsCoverage(report);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(coverage, null, 2)}\n`);
  }
  const totals = coverage.map(coverageTotals);
  if (!values.json) {
    const rows = totals.map((t) => [
      t.document,
      `${t.rows.covered}`,
      `${t.rows.reasoned}`,
      `${t.rows.missing}`,
      `${t.sentences.covered}`,
      `${t.sentences.reasoned}`,
      `${t.sentences.missing}`,
      t.checked === undefined ? '-' : `${t.checked}`,
    ]);
    const header = ['document', 'rows', 'rows: reason', 'rows: none', 'sentences', 'sent.: reason', 'sent.: none'];
    process.stdout.write(`${renderTable([...header, 'checked'], rows).join('\n')}\n`);
    if (values.units) {
      for (const doc of coverage) {
        process.stdout.write(`\n${doc.document}\n`);
        for (const u of doc.units.filter((x) => x.normative)) {
          process.stdout.write(`${unitLine(u)}\n`);
        }
      }
    }
    printInfo(report ? `verdicts from ${file}` : `no ${file}: run the suite first to see what was checked`);
  }
  const missing = totals.reduce((n, t) => n + t.rows.missing + t.sentences.missing, 0);
  if (missing > 0) {
    printError(`${missing} normative units have neither a constraint nor a recorded reason (--units lists them)`);
    return ExitCodes.FAILED;
  }
  return ExitCodes.OK;
}
