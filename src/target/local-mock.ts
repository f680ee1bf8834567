/**
 * The target of the embedded mock: what a run uses when no target is configured.
 */
import { LOCAL_LIMITS, LOCAL_SAFETY } from './defaults.js';
import { MOCK_FIXTURES, MOCK_PROJECT_ID, MOCK_TOKEN } from './mock-defaults.js';
import type { TargetConfig } from './types.js';

/** The TargetConfig of the embedded mock listening at `url` (both services on the same base URL). */
export function localMockTarget(url: string): TargetConfig {
  const base = url.replace(/\/+$/, '');
  return {
    name: 'local-mock',
    endpoints: { ims: base, evs: base },
    projectId: MOCK_PROJECT_ID,
    auth: { mode: 'token', token: MOCK_TOKEN },
    fixtures: MOCK_FIXTURES,
    limits: LOCAL_LIMITS,
    safety: { ...LOCAL_SAFETY, remote: false },
    // The mock's own default revision (mock/config.ts), a fact about the mock, not the specs.
    revision: '004',
    source: 'local-mock',
  };
}
