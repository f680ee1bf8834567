/**
 * Cleanup follows a ledger's jobs where the specs say: the job query of their `async.jobOperation` and the image at
 * `async.imageIdPointer` (issue 17: no module of its own knows /v1/{project_id}/jobs/{job_id} or entities.image_id).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createHttpClient } from '../src/http/client.js';
import type { CompiledOperation } from '../src/model/compiled.js';
import { cleanupLedger, jobLookupOf } from '../src/run/cleanup.js';
import type { LedgerEntry } from '../src/run/ledger.js';
import { type CompiledSpecs, compiledSpecs, operationById } from '../src/run/specs.js';
import { startRecording } from './servers/recording.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

const job: LedgerEntry = { kind: 'job', id: 'job-1', service: 'ims', project: 'p1', caseId: 'c' };
const specs = compiledSpecs();

/** The specs with every async block's image pointer moved, and the job query's path moved. */
function moved(): CompiledSpecs {
  const operations = specs.operations.map((o): CompiledOperation => {
    if (o.spec.async) {
      return { ...o, spec: { ...o.spec, async: { ...o.spec.async, imageIdPointer: '/result/image' } } };
    }
    return o.id === 'ims.job' ? { ...o, spec: { ...o.spec, path: '/v9/{project_id}/tasks/{job_id}' } } : o;
  });
  return { ...specs, operations };
}

describe('cleanup reads jobs as the specs declare them', () => {
  test('the repository specs: ims.job, the image at /entities/image_id', () => {
    const lookup = jobLookupOf(specs);
    expect(lookup.op.id).toBe(operationById(specs, 'ims.job').id);
    expect(lookup.imageIdPointers).toEqual(['/entities/image_id']);
  });

  test('specs that move the job path and the image pointer move what cleanup requests and reads', async () => {
    const server = await startRecording({
      respond: (req) =>
        req.method === 'GET'
          ? { status: 200, body: JSON.stringify({ status: 'SUCCESS', result: { image: 'img-9' } }) }
          : { status: 204 },
    });
    closers.push(() => server.close());
    const client = createHttpClient({ endpoints: { ims: server.url, evs: server.url }, retries: 0, timeoutMs: 2_000 });
    closers.push(() => client.close());
    const result = await cleanupLedger(client, [job], { jobs: jobLookupOf(moved()), retryBaseMs: 1 });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v9/p1/tasks/job-1',
      'DELETE /v2/images/img-9',
    ]);
    expect(result.deleted).toEqual(['img-9']);
  });

  test('specs without any async block: a clear error, not a guessed path', () => {
    const operations = specs.operations.map((o): CompiledOperation => {
      const { async: _none, ...spec } = o.spec;
      return { ...o, spec };
    });
    expect(() => jobLookupOf({ ...specs, operations })).toThrow(/async blocks name none/);
  });
});
