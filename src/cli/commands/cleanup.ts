/**
 * `ims-conformance cleanup`: deletes every resource a run recorded in its ledger, so a run against a real
 * deployment leaves nothing behind. Images go through DELETE /v2/images/{image_id}; a 404 means already gone.
 */
import { parseArgs } from 'node:util';
import { ExitCodes } from '../../errors.js';
import { SecretRegistry } from '../../http/redact.js';
import { type CleanupEvent, cleanupLedger, readLedgerFile } from '../../run/cleanup.js';
import { readLedgerRun } from '../../run/ledger.js';
import { loadTarget } from '../../target/config.js';
import { createTargetClient } from '../../target/connect.js';
import { parseFlags, printHelp, usageError } from '../flags.js';
import { printError, printInfo, printWarning } from '../print.js';

export const cleanupHelp = `Usage: ims-conformance cleanup --ledger FILE [--target FILE]

Deletes every resource listed in a run's ledger (JSON lines such as
{"kind":"image","id":"…","service":"ims","project":"…","createdAt":"…"}) with
DELETE /v2/images/{image_id}. A job is followed to the image it made (waiting for
a job still running). A 404 counts as already gone. A protected image cannot be
deleted (002) and is reported as remaining.

Flags:
  --ledger FILE   the ledger a run wrote (required)
  --target FILE   target config (YAML); without it IMS_TARGET or the IMS_* / EVS_*
                  variables (IMS_ENDPOINT, EVS_ENDPOINT, IMS_PROJECT_ID, IMS_AUTH_TOKEN …)
  -h, --help      show this help

Exit codes: 0 every resource is gone; 1 some remain; 2 bad flag, ledger or target.

Example:
  ims-conformance cleanup --ledger reports/ledger.jsonl --target targets/ap-southeast-1.yaml
`;

/** Deletes what the ledger lists; returns 0 when all are gone, 1 when some remain, 2 on a usage/config error. */
export async function cleanupCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('cleanup', () =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { ledger: { type: 'string' }, target: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (values.help) {
    return printHelp(cleanupHelp);
  }
  if (values.ledger === undefined) {
    throw usageError('cleanup', '--ledger FILE is required');
  }
  const ledger = readLedgerFile(values.ledger);
  for (const problem of ledger.problems) {
    printError(problem);
  }
  if (ledger.torn !== undefined) {
    printWarning(ledger.torn);
  }
  const secrets = new SecretRegistry();
  const loaded = loadTarget({ ...(values.target !== undefined ? { file: values.target } : {}), secrets });
  for (const d of loaded.diagnostics) {
    printError(d.message);
  }
  if (loaded.value === undefined && loaded.diagnostics.length === 0) {
    printError('cleanup: no target; pass --target FILE or set IMS_ENDPOINT, EVS_ENDPOINT, IMS_PROJECT_ID and auth');
  }
  if (ledger.problems.length > 0 || loaded.value === undefined) {
    return ExitCodes.USAGE;
  }
  const target = loaded.value;
  const client = createTargetClient(target, secrets);
  const counts = { deleted: 0, gone: 0, remaining: 0 };
  const print = (event: CleanupEvent) => {
    if (event.outcome === 'skipped') {
      counts.remaining++;
      printWarning(`${event.name}: ${event.detail}`);
      return;
    }
    counts[event.outcome === 'failed' ? 'remaining' : event.outcome]++;
    const line = `${event.outcome.padEnd(7)} ${event.name} (${event.detail})`;
    if (event.outcome === 'failed') {
      printError(line);
    } else {
      process.stdout.write(`${line}\n`);
    }
  };
  try {
    // One at a time (cleanupLedger is sequential): a cleanup is small, and a real region's rate limit is better
    // left alone.
    // The run that wrote the ledger (run.json beside it): its name prefix finds what a killed run never recorded.
    const prefix = readLedgerRun(values.ledger)?.namePrefix;
    await cleanupLedger(client, ledger.entries, {
      project: target.projectId,
      onEvent: print,
      ...(prefix ? { sweepPrefix: prefix } : {}),
    });
  } finally {
    await client.close();
  }
  const total = ledger.entries.length;
  printInfo(
    `cleanup of ${target.name}: ${counts.deleted} deleted, ${counts.gone} already gone, ${counts.remaining} remaining (${total} in the ledger)`,
  );
  return counts.remaining === 0 ? ExitCodes.OK : ExitCodes.FAILED;
}
