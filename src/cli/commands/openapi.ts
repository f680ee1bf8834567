/**
 * `ims-conformance openapi`: writes the OpenAPI 3.1 export of the specs, one document per service, as JSON
 * and YAML.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { ExitCodes } from '../../errors.js';
import { exportOpenApi } from '../../openapi/export.js';
import { compiledSpecs, specRevisions } from '../../run/specs.js';
import { parseFlags, printHelp, UsageError, usageError } from '../flags.js';
import { printError, printInfo } from '../print.js';

export const openapiHelp = `Usage: ims-conformance openapi --out DIR [--revision REV] [--specs DIR]

Generates one OpenAPI 3.1 document per service from the compiled specs: paths, path
parameters, request and response schemas (JSON Schema 2020-12), x-constraints with
every constraint id and its citation, token and AK/SK security schemes.
Writes ims.openapi.json, ims.openapi.yaml, evs.openapi.json and evs.openapi.yaml.

Flags:
  --out DIR          folder to write into (created if missing; required)
  --revision REV     document revision, one the specs state (revisions: in the specs, listed by lint-specs;
                     default: the one they mark default)
  --specs DIR        spec folder (default: the repository's specs/)
  -h, --help         show this help

Exit codes: 0 written; 2 bad flag or specs that do not load.

Example:
  ims-conformance openapi --out reports/openapi --revision 003
`;

/** Writes the documents; returns the exit code. */
export async function openapiCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('openapi', () =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        revision: { type: 'string' },
        specs: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    return printHelp(openapiHelp);
  }
  if (values.out === undefined) {
    throw usageError('openapi', '--out DIR is required');
  }
  const revision = values.revision;
  let docs: ReturnType<typeof exportOpenApi>;
  try {
    // The revisions the specs being exported state (`revisions:`), not a list of the CLI's own.
    const revisions = specRevisions(compiledSpecs(values.specs !== undefined ? { root: values.specs } : {})).all;
    if (revision !== undefined && !revisions.includes(revision)) {
      throw usageError(
        'openapi',
        `--revision must be one of ${revisions.join(', ')} (got ${JSON.stringify(revision)})`,
      );
    }
    const specs = compiledSpecs({
      ...(revision !== undefined ? { revision } : {}),
      ...(values.specs !== undefined ? { root: values.specs } : {}),
    });
    docs = exportOpenApi(specs, revision !== undefined ? { revision } : {});
  } catch (error) {
    if (error instanceof UsageError) {
      throw error;
    }
    printError(
      `${error instanceof Error ? error.message : String(error)}\n  run "ims-conformance lint-specs" for details`,
    );
    return ExitCodes.USAGE;
  }
  mkdirSync(values.out, { recursive: true });
  for (const [service, doc] of Object.entries(docs)) {
    const base = join(values.out, `${service}.openapi`);
    writeFileSync(`${base}.json`, `${JSON.stringify(doc, null, 2)}\n`, 'utf8');
    // aliasDuplicateObjects off: repeated schemas are written out, not as YAML anchors other tools may not read.
    writeFileSync(`${base}.yaml`, stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 }), 'utf8');
    printInfo(`wrote ${base}.json and ${base}.yaml`);
  }
  return ExitCodes.OK;
}
