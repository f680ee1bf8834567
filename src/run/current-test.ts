/**
 * The vitest test that is running the current code, also inside concurrent tests. Vitest's own current test
 * (`TestRunner.getCurrentTest()`) is one global: with the import flows running side by side (test.concurrent, issue 18
 * point 6) it names the test started last, or none once any concurrent test ended — so a skip or an annotation meant
 * for one flow went to another flow, or nowhere. A test that runs its work through runAsTest() is found through the
 * async context of that work instead (as allure-vitest finds its current test).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { TestRunner } from 'vitest';

/** A running vitest test: what `TestRunner.getCurrentTest()` and a test context's `task` give. */
export type RunningTest = NonNullable<ReturnType<typeof TestRunner.getCurrentTest>>;

const running = new AsyncLocalStorage<RunningTest>();

/** Runs `work` with `test` as the current test of everything it calls and awaits. */
export function runAsTest<T>(test: RunningTest, work: () => Promise<T>): Promise<T> {
  return running.run(test, work);
}

/** The test the calling code runs for: the one given to runAsTest(), else vitest's current test (if any). */
export function currentTest(): RunningTest | undefined {
  return running.getStore() ?? TestRunner.getCurrentTest();
}
