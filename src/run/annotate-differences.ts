/**
 * Names a case's `differs` findings on the running vitest test as annotations: JUnit writes them as
 * `<property name="differs" value="…">` (vitest's junit reporter), so a test that only met documented
 * differences still says so there; the test neither fails on them nor hides them.
 */
import type { Finding } from '../model/verdict.js';
import { currentTest } from './current-test.js';

const named = new WeakMap<object, Set<string>>();

/** One annotation per (test, constraint), e.g. `ims.imagecreate.x.enum: reason — citation`. */
export async function annotateDifferences(findings: readonly Finding[]): Promise<void> {
  const test = currentTest();
  if (test === undefined) {
    return;
  }
  let seen = named.get(test);
  for (const f of findings) {
    if (f.severity !== 'differs' || f.difference === undefined) {
      continue;
    }
    seen ??= new Set();
    named.set(test, seen);
    if (seen.has(f.constraintId)) {
      continue;
    }
    seen.add(f.constraintId);
    await test.context.annotate(`${f.constraintId}: ${f.difference.reason} — ${f.difference.citation}`, 'differs');
  }
}
