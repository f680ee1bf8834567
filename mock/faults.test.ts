import { afterEach, describe, expect, test, vi } from 'vitest';
import { faultFor } from './faults.js';
import { PROJECT_A, testMock, VOLUME_AVAILABLE } from './testing.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('faultFor', () => {
  test.for([0.25, 0.5, 0.1, 1] as const)(
    'rate %s fails exactly that fraction of 100 requests, 500 and 503 alternating',
    (rate) => {
      const faults = Array.from({ length: 100 }, (_, i) => faultFor(i + 1, rate)).filter((f) => f !== 'none');
      expect(faults).toHaveLength(Math.round(100 * rate));
      expect(faults.filter((f, i) => f !== (i % 2 === 0 ? 'internal' : 'unavailable'))).toEqual([]);
    },
  );

  test('rate 0 never fails', () => {
    expect(Array.from({ length: 50 }, (_, i) => faultFor(i + 1, 0)).every((f) => f === 'none')).toBe(true);
  });
});

describe('faults.errorRate', () => {
  test('0.5: every second request answers 500, then 503, in the IMS envelope; the same on a second mock', async () => {
    const statuses = async (): Promise<unknown[]> => {
      const m = await testMock({ faults: { errorRate: 0.5 } });
      const out: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await m.post('/v2/images', { name: 'x' });
        out.push([res.statusCode, res.statusCode >= 500 ? res.json() : undefined]);
      }
      return out;
    };
    const first = await statuses();
    expect(first).toEqual([
      [201, undefined],
      [500, { error: { code: 'IMG.0061', message: 'Unknown system error.' } }],
      [201, undefined],
      [503, { error: { code: 'IMG.0061', message: 'Unknown system error.' } }],
    ]);
    expect(await statuses()).toEqual(first);
  });

  test('EVS paths fail in the EVS envelope; /health never fails', async () => {
    const m = await testMock({ faults: { errorRate: 1 } });
    const res = await m.get(`/v2/${PROJECT_A}/volumes/${VOLUME_AVAILABLE}`);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ computeFault: { code: 'EVS.5500', message: 'Internal server error.' } });
    expect((await m.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  test('0 (the default) adds nothing: every request succeeds', async () => {
    const m = await testMock();
    for (let i = 0; i < 10; i++) {
      expect((await m.post('/v2/images', { name: 'x' })).statusCode).toBe(201);
    }
  });
});

describe('faults.latencyMs', () => {
  test('an answer waits for the configured delay (fake clock)', async () => {
    const m = await testMock({ faults: { latencyMs: 5000 } });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let done = false;
    const pending = m.app.inject({ method: 'GET', url: '/health' }).then((res) => {
      done = true;
      return res;
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).statusCode).toBe(200);
    expect(done).toBe(true);
  });
});
