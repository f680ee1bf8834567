/**
 * `ims-conformance lint-specs`: loads every spec (meta-schema, refs, regexes, errata, examples, ids), prints each
 * problem as `file:line:col: CODE: message` (exit 2), else compiles every operation in every revision and
 * prints what each one holds.
 * @see ../../../../shared/STYLE.md §3 item 1
 */
import { parseArgs } from 'node:util';
import { compileOperation } from '../../compile/index.js';
import { ExitCodes, formatDiagnostic } from '../../errors.js';
import type { CompiledOperation } from '../../model/compiled.js';
import type { FieldSpec } from '../../model/spec.js';
import { type LoadedOperation, type LoadedSpecs, loadSpecs } from '../../spec/load.js';
import { parseFlags, printHelp } from '../flags.js';
import { printError, printInfo } from '../print.js';
import { type Cell, renderTable } from '../table.js';

export const lintSpecsHelp = `Usage: ims-conformance lint-specs [--specs DIR]

Loads and checks every spec file (meta-schema, $refs, regexes, errata, examples, unique
constraint ids), then compiles every operation in every document revision and prints a
table per operation and revision: fields (request body fields, nested ones included,
variant fields and path parameters), compiled constraints, errata and examples.

Flags:
  --specs DIR   spec folder (default: the repository's specs/)
  -h, --help    show this help

Exit codes: 0 every spec loads and compiles; 2 a spec has a problem (each printed as
file:line:col: CODE: message).

Example:
  ims-conformance lint-specs --specs specs
`;

/** Named fields of a field, itself excluded: object properties and array items, recursively. */
function nestedFields(field: FieldSpec): number {
  const own = Object.values(field.fields ?? {});
  const items = field.items === undefined ? 0 : nestedFields(field.items);
  return own.length + own.reduce((n, f) => n + nestedFields(f), 0) + items;
}

function countFields(fields: Readonly<Record<string, FieldSpec>> | undefined): number {
  const list = Object.values(fields ?? {});
  return list.length + list.reduce((n, f) => n + nestedFields(f), 0);
}

/** FieldSpecs an operation defines for its request: body fields (nested too), variant fields, path params. */
function requestFieldCount(op: CompiledOperation): number {
  const request = op.spec.request;
  const variants = Object.values(request?.variants ?? {}).reduce((n, v) => n + countFields(v.fields), 0);
  return countFields(request?.fields) + variants + countFields(op.spec.pathParams);
}

function examplesOf(loaded: LoadedOperation, revision: string | undefined): number {
  return loaded.examples.filter((e) => {
    const only = e.spec.revisions;
    return revision === undefined || only === undefined || only.includes(revision);
  }).length;
}

/** Every operation compiled in each of its revisions (once when it has none); a compiler error throws. */
function compileEvery(specs: LoadedSpecs): { op: CompiledOperation; loaded: LoadedOperation }[] {
  return specs.operations.flatMap((loaded) => {
    const revisions = Object.keys(loaded.spec.revisions ?? {});
    const list = revisions.length > 0 ? revisions : [undefined];
    return list.map((revision) => ({
      loaded,
      op: compileOperation(loaded, specs, revision === undefined ? {} : { revision }),
    }));
  });
}

/** Runs lint-specs; returns the exit code. */
export async function lintSpecsCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('lint-specs', () =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { specs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (values.help) {
    return printHelp(lintSpecsHelp);
  }
  const result = loadSpecs(values.specs === undefined ? {} : { root: values.specs });
  if (result.value === undefined || result.diagnostics.length > 0) {
    for (const d of result.diagnostics) {
      process.stderr.write(`${formatDiagnostic(d)}\n`);
    }
    const files = new Set(result.diagnostics.map((d) => d.file)).size;
    printError(`${result.diagnostics.length} problem(s) in ${files} spec file(s); fix them and run lint-specs again`);
    return ExitCodes.USAGE;
  }
  let compiled: { op: CompiledOperation; loaded: LoadedOperation }[];
  try {
    compiled = compileEvery(result.value);
  } catch (error) {
    printError(`the specs load but do not compile: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCodes.USAGE;
  }
  const rows: Cell[][] = compiled.map(({ op, loaded }) => [
    op.revision === undefined ? op.id : `${op.id}@${op.revision}`,
    `${op.spec.method} ${op.spec.path}`,
    requestFieldCount(op),
    op.constraints.length,
    op.errata.length,
    examplesOf(loaded, op.revision),
  ]);
  const total = (i: number): number => rows.reduce((n, r) => n + Number(r[i]), 0);
  const totals: Cell[] = [`total (${rows.length})`, '', total(2), total(3), total(4), total(5)];
  const header = ['operation', 'method + path', 'fields', 'constraints', 'errata', 'examples'];
  const lines = renderTable(header, [...rows, totals]);
  // The rule again above the totals row.
  lines.splice(lines.length - 1, 0, lines[1] ?? '');
  process.stdout.write(`${lines.join('\n')}\n`);
  printInfo(
    `✔ ${result.value.operations.length} operation specs load and compile (${rows.length} with their revisions)`,
  );
  return ExitCodes.OK;
}
