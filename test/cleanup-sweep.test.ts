import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningMock, startMock } from '../mock/main.js';
import { SecretRegistry } from '../src/http/redact.js';
import type { HttpClient } from '../src/http/types.js';
import { cleanupLedger } from '../src/run/cleanup.js';
import { createTargetClient } from '../src/target/connect.js';
import { localMockTarget } from '../src/target/local-mock.js';

// Issue "Stateful flows": created names carry the run prefix so that orphans can be found — a request in flight when
// a run is killed creates an image whose id never reaches the ledger; cleanup finds it by name.
describe('cleanup sweeps the run prefix', () => {
  let mock: RunningMock;
  let client: HttpClient;
  beforeAll(async () => {
    mock = await startMock();
    client = createTargetClient(localMockTarget(mock.url), new SecretRegistry());
  });
  afterAll(async () => {
    await client.close();
    await mock.close();
  });

  const create = async (name: string, extra: Record<string, unknown> = {}) => {
    const x = await client.send({ service: 'ims', method: 'POST', path: '/v2/images', body: { name, ...extra } });
    return String((x.response?.json as { id?: string } | undefined)?.id);
  };
  const exists = async (id: string) =>
    (await client.send({ service: 'ims', method: 'GET', path: `/v2/images/${id}` })).response?.status === 200;

  test('an unrecorded image named with the prefix is deleted (even protected); others are left alone', async () => {
    const orphan = await create('imsc-run1-orphan');
    const guarded = await create('imsc-run1-protected', { protected: true });
    const stranger = await create('someone-elses-image');
    const result = await cleanupLedger(client, [], { sweepPrefix: 'imsc-run1-' });
    expect(result.deleted.sort()).toEqual([orphan, guarded].sort());
    expect(await exists(orphan)).toBe(false);
    expect(await exists(guarded)).toBe(false);
    expect(await exists(stranger)).toBe(true);
  });

  test('a name sent outside the prefix (recorded in the ledger before sending) is swept if made after it', async () => {
    const before = await create('a');
    const sentAt = new Date(Date.now() + 10 * 60_000).toISOString(); // later than the image above, beyond clock skew
    const entry = { kind: 'name', id: 'b', service: 'ims' as const, project: 'p', createdAt: new Date().toISOString() };
    const made = await create('b');
    const result = await cleanupLedger(client, [entry, { ...entry, id: 'a', createdAt: sentAt }], {});
    expect(result.deleted).toEqual([made]);
    expect(result.failed).toEqual([]);
    expect(await exists(before)).toBe(true);
  });
});
