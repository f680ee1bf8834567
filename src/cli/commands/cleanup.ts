/**
 * `ims-conformance cleanup`: deletes every resource a run recorded in its ledger, so a run against a real
 * deployment leaves nothing behind. Images go through DELETE /v2/images/{image_id}; a 404 means already gone.
 */
import { parseArgs } from 'node:util';
import { SecretRegistry } from '../../http/redact.js';
import type { HttpClient } from '../../http/types.js';
import type { Exchange } from '../../model/exchange.js';
import { loadTarget } from '../../target/config.js';
import { createTargetClient } from '../../target/connect.js';
import type { TargetConfig } from '../../target/types.js';
import { parseFlags, printHelp, usageError } from '../flags.js';
import { type LedgerEntry, readLedger } from '../ledger-file.js';
import { printError, printInfo, printWarning } from '../print.js';

export const cleanupHelp = `Usage: ims-conformance cleanup --ledger FILE [--target FILE]

Deletes every resource listed in a run's ledger (JSON lines such as
{"kind":"image","id":"…","service":"ims","project":"…","createdAt":"…"}) with
DELETE /v2/images/{image_id}. A 404 counts as already gone.

Flags:
  --ledger FILE   the ledger a run wrote (required)
  --target FILE   target config (YAML); without it IMS_TARGET or the IMS_* / EVS_*
                  variables (IMS_ENDPOINT, EVS_ENDPOINT, IMS_PROJECT_ID, IMS_AUTH_TOKEN …)
  -h, --help      show this help

Exit codes: 0 every resource is gone; 1 some remain; 2 bad flag, ledger or target.

Example:
  ims-conformance cleanup --ledger reports/ledger.jsonl --target targets/ap-southeast-1.yaml
`;

type Outcome = 'deleted' | 'gone' | 'failed';

function describe(exchange: Exchange): { outcome: Outcome; detail: string } {
  const response = exchange.response;
  if (response === undefined) {
    return { outcome: 'failed', detail: `${exchange.error?.kind ?? 'no answer'}: ${exchange.error?.message ?? ''}` };
  }
  if (response.status === 404) {
    return { outcome: 'gone', detail: '404, already gone' };
  }
  if (response.status >= 200 && response.status < 300) {
    return { outcome: 'deleted', detail: String(response.status) };
  }
  return { outcome: 'failed', detail: `${response.status} ${response.text.slice(0, 200)}` };
}

async function remove(client: HttpClient, target: TargetConfig, entry: LedgerEntry): Promise<Outcome> {
  const name = `${entry.kind} ${entry.id}`;
  if (entry.kind !== 'image') {
    printWarning(`${name}: cleanup cannot delete a "${entry.kind}" (ledger line ${entry.line}); delete it by hand`);
    return 'failed';
  }
  if (entry.project !== undefined && entry.project !== target.projectId) {
    printWarning(`${name}: created in project ${entry.project}, not the target's ${target.projectId}; skipped`);
    return 'failed';
  }
  const exchange = await client.send({
    service: 'ims',
    method: 'DELETE',
    path: `/v2/images/${encodeURIComponent(entry.id)}`,
    label: `cleanup ${entry.id}`,
  });
  const { outcome, detail } = describe(exchange);
  const line = `${outcome.padEnd(7)} ${name} (${detail})`;
  if (outcome === 'failed') {
    printError(line);
  } else {
    process.stdout.write(`${line}\n`);
  }
  return outcome;
}

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
  const ledger = readLedger(values.ledger);
  for (const problem of ledger.problems) {
    printError(problem);
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
    return 2;
  }
  const target = loaded.value;
  const client = createTargetClient(target, secrets);
  const counts: Record<Outcome, number> = { deleted: 0, gone: 0, failed: 0 };
  try {
    // One at a time: a cleanup is small, and a real region's rate limit is better left alone.
    for (const entry of ledger.entries) {
      counts[await remove(client, target, entry)]++;
    }
  } finally {
    await client.close();
  }
  const total = ledger.entries.length;
  printInfo(
    `cleanup of ${target.name}: ${counts.deleted} deleted, ${counts.gone} already gone, ${counts.failed} remaining (${total} in the ledger)`,
  );
  return counts.failed === 0 ? 0 : 1;
}
