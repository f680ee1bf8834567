import { expect, test } from 'vitest';
import type { Finding } from '../model/verdict.js';
import { annotateDifferences } from './annotate-differences.js';

const difference = { profile: 'glance', reason: 'Glance defaults visibility to shared', citation: 'api-ref' };
const finding = (constraintId: string, severity: Finding['severity']): Finding => ({
  checkId: 'defaults',
  constraintId,
  severity,
  title: 't',
  message: 'm',
  citation: { doc: 'd', section: 's', quote: 'q' },
  caseId: 'c',
  ...(severity === 'differs' ? { difference } : {}),
});

test('each differing constraint is named once on the running test; other findings are not', async (ctx) => {
  await annotateDifferences([
    finding('ims.imagecreate.visibility.default', 'differs'),
    finding('ims.imagecreate.min_ram.default', 'failure'),
  ]);
  await annotateDifferences([finding('ims.imagecreate.visibility.default', 'differs')]);
  expect(ctx.task.annotations.map((a) => [a.type, a.message])).toEqual([
    ['differs', 'ims.imagecreate.visibility.default: Glance defaults visibility to shared — api-ref'],
  ]);
});
