import { describe, expect, test } from 'vitest';
import { createLimiter } from './limits.js';

/** A fake clock whose sleep records the wait and advances time (no real waiting). */
function fakeClock() {
  let now = 0;
  const waits: number[] = [];
  return {
    now: () => now,
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
}

describe('createLimiter', () => {
  test('holds at most `concurrency` slots and hands them out in order', async () => {
    const limiter = createLimiter({ concurrency: 2 });
    const order: number[] = [];
    const releases = await Promise.all([limiter.acquire(), limiter.acquire()]);
    const third = limiter.acquire().then((release) => {
      order.push(3);
      return release;
    });
    const fourth = limiter.acquire().then((release) => {
      order.push(4);
      return release;
    });
    await Promise.resolve();
    expect(limiter.inFlight).toBe(2);
    expect(order).toEqual([]);
    releases[0]?.();
    (await third)();
    releases[1]?.();
    (await fourth)();
    expect(order).toEqual([3, 4]);
    expect(limiter.inFlight).toBe(0);
  });

  test('rps spaces starts 1000/rps ms apart', async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ concurrency: 10, rps: 5, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 4; i += 1) {
      (await limiter.acquire())();
    }
    expect(clock.waits).toEqual([200, 200, 200]);
  });

  test('rps 0 never waits', async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ concurrency: 1, rps: 0, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 3; i += 1) {
      (await limiter.acquire())();
    }
    expect(clock.waits).toEqual([]);
  });

  test('an aborted waiter leaves the queue; releasing twice frees one slot only', async () => {
    const limiter = createLimiter({ concurrency: 1 });
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    release();
    release();
    expect(limiter.inFlight).toBe(0);
    const again = await limiter.acquire();
    expect(limiter.inFlight).toBe(1);
    again();
  });
});
