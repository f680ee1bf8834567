/**
 * Fault injection (config `faults`, flags `--latency MS`, `--error-rate R`): every answer is delayed by latencyMs,
 * and the given fraction of requests answers 500 or 503 in the service's envelope. The choice is a counter, not a
 * random draw, so a run is repeatable: request n fails when floor(n·rate) > floor((n−1)·rate), and failures
 * alternate 500, 503. GET /health is delayed but never failed, so readiness probes keep working.
 */
import type { FastifyInstance } from 'fastify';
import type { MockConfig } from './config.js';
import { evsErrors, imsErrors, type MockError } from './errors.js';
import { sendError, serviceOf } from './http.js';

/** Which failure (if any) request number `n` (1-based) gets at `rate`. */
export function faultFor(n: number, rate: number): 'none' | 'internal' | 'unavailable' {
  const before = Math.floor((n - 1) * rate);
  if (Math.floor(n * rate) <= before) {
    return 'none';
  }
  return before % 2 === 0 ? 'internal' : 'unavailable';
}

function faultError(url: string, fault: 'internal' | 'unavailable'): MockError {
  if (serviceOf(url) === 'evs') {
    return fault === 'internal' ? evsErrors.internal : evsErrors.unavailable;
  }
  return fault === 'internal' ? imsErrors.internal : imsErrors.unavailable;
}

/** Adds the fault hooks; adds nothing when both faults are off (the normal path stays hook-free). */
export function addFaults(app: FastifyInstance, config: MockConfig): void {
  const { latencyMs, errorRate } = config.faults;
  if (latencyMs > 0) {
    app.addHook('onRequest', async () => {
      await new Promise<void>((resolve) => setTimeout(resolve, latencyMs));
    });
  }
  if (errorRate > 0) {
    let n = 0;
    app.addHook('onRequest', async (request, reply) => {
      if (request.url === '/health') {
        return;
      }
      n += 1;
      const fault = faultFor(n, errorRate);
      if (fault !== 'none') {
        await sendError(reply, faultError(request.url, fault));
      }
    });
  }
}
