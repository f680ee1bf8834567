/**
 * Issue 18, point 8: oversized requests get the documented answers in the service's envelope, read by a client
 * that sends the whole body first (no Expect: 100-continue), as the suite's undici client does.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningMock, startMock } from './main.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
});

describe('oversized requests', () => {
  test('a 10 MB body gets 413 with the IMS envelope, not an early close', async () => {
    const body = `{"name":"${'a'.repeat(10 * 1024 * 1024)}"}`;
    const res = await request(`${mock.url}/v2/images`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': 'mock-token-project-a' },
      body,
    });
    expect(res.statusCode).toBe(413);
    expect(await res.body.json()).toEqual({
      error: { code: 'IMG.0001', message: 'The request message format is invalid.' },
    });
  });

  test('headers over the limit get 431 with the IMS envelope', async () => {
    const res = await request(`${mock.url}/v2/images`, { headers: { 'x-big': 'a'.repeat(40_000) } });
    expect(res.statusCode).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(await res.body.json()).toEqual({
      error: { code: 'IMG.0001', message: 'The request message format is invalid.' },
    });
  });
});
