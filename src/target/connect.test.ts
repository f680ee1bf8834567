import { afterEach, describe, expect, test } from 'vitest';
import { startRecording } from '../../test/servers/recording.js';
import { curlCommand } from '../http/curl.js';
import { SecretRegistry } from '../http/redact.js';
import type { HttpClient } from '../http/types.js';
import { createTargetClient } from './connect.js';
import { localMockTarget } from './local-mock.js';
import { MOCK_TOKEN } from './mock-defaults.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

describe('createTargetClient', () => {
  test('sends with the target auth and redacts it; the target token is registered as a secret', async () => {
    const server = await startRecording({
      respond: () => ({ status: 200, body: JSON.stringify({ echo: MOCK_TOKEN }) }),
    });
    closers.push(() => server.close());
    const secrets = new SecretRegistry();
    const client: HttpClient = createTargetClient(localMockTarget(server.url), secrets);
    closers.push(() => client.close());
    const exchange = await client.send({ service: 'evs', method: 'GET', path: '/v2/x' });
    expect(server.requests[0]?.headers['x-auth-token']).toBe(MOCK_TOKEN);
    expect(JSON.stringify(exchange)).not.toContain(MOCK_TOKEN);
    expect(exchange.response?.json).toEqual({ echo: '***' });
  });
});

describe('createTargetClient with static headers', () => {
  test('headers go with the credentials: sent on every request, absent with auth off; env values redacted', async () => {
    const server = await startRecording({ respond: () => ({ status: 200, body: '{}' }) });
    closers.push(() => server.close());
    const secrets = new SecretRegistry();
    const target = {
      ...localMockTarget(server.url),
      auth: { mode: 'none' as const },
      headers: { 'X-Roles': 'member', 'X-Auth-Token': 'env-token-value-1234' },
      secretHeaders: ['X-Auth-Token'],
    };
    const client = createTargetClient(target, secrets);
    closers.push(() => client.close());
    const signed = await client.send({ service: 'ims', method: 'GET', path: '/v2/images' });
    await client.send({ service: 'ims', method: 'GET', path: '/v2/images', auth: false });
    expect(server.requests[0]?.headers).toMatchObject({
      'x-roles': 'member',
      'x-auth-token': 'env-token-value-1234',
      accept: 'application/json',
    });
    expect(server.requests[1]?.headers['x-roles']).toBeUndefined();
    expect(server.requests[1]?.headers['x-auth-token']).toBeUndefined();
    expect(signed.request.headers).toMatchObject({ 'X-Roles': 'member', 'X-Auth-Token': '***' });
    expect(curlCommand(signed)).not.toContain('env-token-value-1234');
  });
});
