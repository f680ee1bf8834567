/** What every route receives: the configuration, the state, and the safe JSON parser. */
import type { MockConfig } from './config.js';
import { JobStore } from './state/jobs.js';
import { DeferredEffects, ImageStore } from './state/store.js';
import { VolumeStore } from './state/volumes.js';

export interface MockState {
  readonly images: ImageStore;
  readonly jobs: JobStore;
  readonly volumes: VolumeStore;
  readonly effects: DeferredEffects;
}

export interface MockContext {
  readonly config: MockConfig;
  readonly state: MockState;
  /** JSON.parse that throws on `__proto__`/`constructor.prototype` keys (Fastify's secure parser). */
  readonly parseJson: (text: string) => unknown;
}

/** Fresh state from the configuration. */
export function createMockState(config: MockConfig): MockState {
  const effects = new DeferredEffects();
  const images = new ImageStore();
  return {
    images,
    effects,
    jobs: new JobStore(config.jobs, effects, images),
    volumes: new VolumeStore(config.volumes, config.now()),
  };
}

/** Applies every deferred effect due now and returns now. */
export function settle(ctx: MockContext): number {
  const now = ctx.config.now();
  ctx.state.effects.settle(now);
  return now;
}
