/** Test helpers: an app on a controllable clock, and request shorthands. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildMockApp } from './app.js';
import { mockConfig, PROJECT_A, PROJECT_B } from './config.js';

export { PROJECT_A, PROJECT_B };
export const TOKEN_A = 'mock-token-project-a';
export const TOKEN_B = 'mock-token-project-b';
export const VOLUME_AVAILABLE = '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e01';
export const VOLUME_IN_USE = '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e02';
export const VOLUME_SHARED = '5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e03';
export const VOLUME_B = '6d9f4b63-7a1f-4c9b-8e5d-1b2c3d4e5f01';

export interface TestMock {
  readonly app: FastifyInstance;
  /** Moves the mock's clock forward. */
  advance(ms: number): void;
  post(url: string, payload: unknown, token?: string): Promise<LightMyRequestResponse>;
  get(url: string, token?: string): Promise<LightMyRequestResponse>;
  del(url: string, token?: string): Promise<LightMyRequestResponse>;
}

/** A mock app with a manual clock (starting 2026-01-01) and the given YAML-shaped overrides. */
export async function testMock(input: Record<string, unknown> = {}): Promise<TestMock> {
  let now = Date.UTC(2026, 0, 1);
  const app = await buildMockApp(mockConfig({ jobs: { initMs: 50, runMs: 100 }, ...input }, 'test', () => now));
  return {
    app,
    advance: (ms) => {
      now += ms;
    },
    post: (url, payload, token = TOKEN_A) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'x-auth-token': token, 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      }),
    get: (url, token = TOKEN_A) => app.inject({ method: 'GET', url, headers: { 'x-auth-token': token } }),
    del: (url, token = TOKEN_A) => app.inject({ method: 'DELETE', url, headers: { 'x-auth-token': token } }),
  };
}

/** The IMS error code of a response, or undefined. */
export function imsCode(res: LightMyRequestResponse): string | undefined {
  return (res.json() as { error?: { code?: string } }).error?.code;
}
