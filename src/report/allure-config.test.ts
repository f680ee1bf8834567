import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Allure's own matcher (a dependency of the allure package): the categories are checked the way Allure applies them.
import { matchCategory, normalizeCategoriesConfig } from '@allurereport/core-api';
import { describe, expect, test } from 'vitest';
import { allureConfig, writeAllureEnvironment } from './allure-config.js';
import { fixtureRun } from './report-fixtures.js';

const config = allureConfig('ims-conformance — test', fixtureRun);
const categories = normalizeCategoriesConfig(config.categories as Parameters<typeof normalizeCategoriesConfig>[0]);

type Status = 'failed' | 'broken' | 'passed' | 'skipped';
const classify = (status: Status, message: string, tags: string[] = []) =>
  matchCategory(categories, {
    status,
    message,
    labels: tags.map((value) => ({ name: 'tag', value })),
    flaky: false,
  })?.id;

describe('allureConfig', () => {
  test('the tree opens on services, then operations, then constraints', () => {
    expect(config.plugins).toEqual({
      awesome: { options: { reportName: 'ims-conformance — test', groupBy: ['epic', 'feature', 'story'] } },
    });
  });

  test.for([
    ['failed', '✖ ims.dataimage.min_disk.range — invalid request accepted\n  Received: 200', [], 'non-conformance'],
    ['broken', 'connect ECONNREFUSED 127.0.0.1:9', [], 'target-unusable'],
    ['failed', 'TARGET_UNREACHABLE: https://ims.example did not answer', [], 'target-unusable'],
    ['failed', '✖ ims.imageget.status — request not sent (budget spent)', [], 'target-unusable'],
    ['passed', '', ['warning'], 'erratum-warning'],
    ['passed', '', ['differs'], 'profile-difference'],
    ['broken', "TypeError: Cannot read properties of undefined (reading 'spec')", [], 'suite-error'],
    ['failed', 'expected 1 to be 2', [], 'suite-error'],
  ] as const)('%s "%s" %j → %s', ([status, message, tags, want]) => {
    expect(classify(status, message, [...tags])).toBe(want);
  });

  test('a plain pass is in no category of ours', () => {
    expect(classify('passed', '')).toBeUndefined();
  });

  test("the run's facts are the report's variables and environment.properties", () => {
    expect(config.variables).toEqual({
      target: fixtureRun.target,
      revision: '004',
      profile: 'default',
      depth: 'standard',
      seed: '1234',
      run: fixtureRun.runId,
    });
    const dir = mkdtempSync(join(tmpdir(), 'allure-env-'));
    try {
      const text = readFileSync(writeAllureEnvironment(dir, fixtureRun), 'utf8');
      expect(text).toBe(
        `target=https\\://ims.cn-north-4.myhuaweicloud.com\nrevision=004\nprofile=default\ndepth=standard\nseed=1234\nrun=${fixtureRun.runId}\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
