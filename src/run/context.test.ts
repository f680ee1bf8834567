import { describe, expect, test } from 'vitest';
import { localMockTarget } from '../target/local-mock.js';
import { runEnvelope, withRemainingBudget } from './context.js';
import { RUN_ENV } from './options.js';

const target = localMockTarget('http://127.0.0.1:1');

describe('withRemainingBudget (the time budget is the run’s, not each worker’s)', () => {
  test('a worker starting 5 s into the run gets the budget minus 5 s; the rest of the target is unchanged', () => {
    const started = 1_000_000;
    const t = withRemainingBudget(target, started, started + 5_000);
    expect(t.limits.budgetMs).toBe(target.limits.budgetMs - 5_000);
    expect({ ...t, limits: { ...t.limits, budgetMs: 0 } }).toEqual({
      ...target,
      limits: { ...target.limits, budgetMs: 0 },
    });
  });

  test('a worker starting after the budget is spent gets 1 ms, so its requests end at once', () => {
    expect(withRemainingBudget(target, 0, target.limits.budgetMs + 1).limits.budgetMs).toBe(1);
  });

  test('without a start time (vitest run directly) the target keeps its full budget', () => {
    expect(withRemainingBudget(target, undefined)).toBe(target);
  });

  test('runEnvelope reads the start time the CLI puts in the environment', () => {
    const options = {
      runId: 'r',
      depth: 'smoke',
      profile: 'default',
      revision: '004',
      seed: 1,
      only: [],
      reportDir: 'x',
    };
    expect(runEnvelope({ [RUN_ENV]: JSON.stringify({ options, startedAt: 42 }) }).startedAt).toBe(42);
  });
});
