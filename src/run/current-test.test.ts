import { describe, expect, test } from 'vitest';
import type { Finding } from '../model/verdict.js';
import { annotateDifferences } from './annotate-differences.js';
import { currentTest, runAsTest } from './current-test.js';

/** A `differs` finding of constraint `id`. */
function differs(id: string): Finding {
  return {
    checkId: 'status',
    constraintId: id,
    severity: 'differs',
    title: 'differs',
    message: 'differs',
    citation: { doc: 'd', section: 's', quote: 'q' },
    caseId: 'c',
    difference: { profile: 'glance', reason: 'Glance answers 201', citation: 'profiles/glance.yaml' },
  } as Finding;
}

// Two tests side by side, as the import flows run: the first one's work resumes after the second one started (and
// ended), when vitest's own current test names the second test or none.
describe('the current test of concurrent tests', () => {
  let secondStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    secondStarted = resolve;
  });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test.concurrent('first: its annotation lands on it, though the second test started meanwhile', async ({ task }) => {
    await runAsTest(task, async () => {
      await started;
      await sleep(20);
      expect(currentTest()).toBe(task);
      await annotateDifferences([differs('first.rule')]);
    });
    expect(task.annotations.map((a) => a.message)).toEqual(['first.rule: Glance answers 201 — profiles/glance.yaml']);
  });

  test.concurrent('second: gets only its own annotation', async ({ task }) => {
    secondStarted();
    await runAsTest(task, async () => {
      await annotateDifferences([differs('second.rule')]);
    });
    await sleep(40);
    expect(task.annotations.map((a) => a.message)).toEqual(['second.rule: Glance answers 201 — profiles/glance.yaml']);
  });
});
