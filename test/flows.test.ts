/**
 * The stateful flows against the mock (src/run/flows): each flow passes on the reference mock, its records name
 * the flow rules (which compliance then counts as checked), and the job checks fail where they must — a job of a
 * valid request that ends FAIL, a job that never ends (a failure with the time waited, not a hang).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningMock, startMock } from '../mock/main.js';
import { checkRegistry } from '../src/checks/registry.js';
import { envelopeLookup } from '../src/compile/index.js';
import { SecretRegistry } from '../src/http/redact.js';
import type { CaseRecord } from '../src/model/verdict.js';
import { buildCompliance } from '../src/report/compliance.js';
import { cleanupLedger, readLedger } from '../src/run/cleanup.js';
import type { RunContext } from '../src/run/context.js';
import { flattenFixtures } from '../src/run/fixtures.js';
import { defaultDiskFormat, exportFlow, forceFlow, otherProjectExportFlow } from '../src/run/flows/export.js';
import { importFlow } from '../src/run/flows/imports.js';
import { imageMetadataFlow, protectedImageFlow } from '../src/run/flows/metadata.js';
import { FlowLog } from '../src/run/flows/step.js';
import { followJob } from '../src/run/job.js';
import { ledgerFile } from '../src/run/ledger.js';
import { compiledSpecs, operationById } from '../src/run/specs.js';
import { withWaitScope } from '../src/run/wait-scope.js';
import { createTargetClient } from '../src/target/connect.js';
import { localMockTarget } from '../src/target/local-mock.js';

/** The rules the flows judge (`checkedBy: flow` in the specs), kept here so a rule losing or gaining the key shows. */
const FLOW_CHECKED_RULES = [
  'ims.dataimage.image.virtual_env_type',
  'ims.dataimage.job.success',
  'ims.dataimage.image.image_tags',
  'ims.dataimage.job.type',
  'ims.dataimage.job.fail_details',
  'ims.dataimage.image_url.file_missing',
  'ims.quickimport.image.virtual_env_type',
  'ims.quickimport.architecture.uefi',
  'ims.quickimport.image.os_depends',
  'ims.quickimport.job.success',
  'ims.quickimport.image.image_tags',
  'ims.quickimport.job.type',
  'ims.quickimport.job.fail_details',
  'ims.quickimport.image_url.file_missing',
  'ims.imagecreate.image.readable',
  'ims.imagecreate.image.private',
  'ims.imagecreate.owner.project',
  'ims.imagecreate.os.depends',
  'ims.imagedelete.image.gone',
  'ims.imagedelete.protected',
  'ims.imagedelete.own_images_only',
  'evs.uploadimage.force.in_use',
  'evs.uploadimage.image.in_ims',
  'evs.uploadimage.image.usable',
  'evs.uploadimage.volume.other_project',
  'evs.uploadimage.size.disk',
  'evs.uploadimage.volume_type.disk',
  'evs.uploadimage.display_description.disk',
];

const dirs: string[] = [];
const contexts: RunContext[] = [];
afterAll(async () => {
  for (const run of contexts) {
    await run.client.close();
  }
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A run context on a mock, as runContext() builds it, with its own report dir and run id. */
function contextFor(url: string, revision = '004'): RunContext {
  const reportDir = mkdtempSync(join(tmpdir(), 'ims-flows-'));
  dirs.push(reportDir);
  const target = { ...localMockTarget(url), revision: revision as '003' | '004' };
  const secrets = new SecretRegistry();
  const specs = compiledSpecs({ revision });
  const runId = reportDir
    .slice(-6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x');
  const run: RunContext = {
    options: { runId, depth: 'smoke', profile: 'default', revision, seed: 1, only: [], reportDir },
    target,
    client: createTargetClient(target, secrets),
    secrets,
    specs,
    checks: checkRegistry(envelopeLookup(specs.loaded)),
    fixtures: flattenFixtures(target),
    namePrefix: `imsc-${runId}-`,
  };
  contexts.push(run);
  return run;
}

const failures = (log: FlowLog) => log.failures().map((f) => `${f.constraintId}: ${f.title} (${f.received})`);
const covered = (records: readonly CaseRecord[]) => new Set(records.flatMap((r) => r.constraintIds));

/** Names of the images the mock holds for the run's project. */
async function imageNames(run: RunContext): Promise<string[]> {
  const x = await run.client.send({ service: 'ims', method: 'GET', path: '/v2/images?limit=1000', label: 'list' });
  const body = x.response?.json as { images?: { name: string }[] } | undefined;
  return (body?.images ?? []).map((i) => i.name);
}

/** The run a compliance report of these flows' records is built for. */
const RUN_INFO = {
  runId: 'x',
  target: 'mock',
  revision: '004',
  profile: 'default',
  depth: 'smoke',
  seed: 1,
  startedAt: '2026-01-01T00:00:00Z',
  durationMs: 0,
};

describe('flows on the reference mock', () => {
  let mock: RunningMock;
  let run: RunContext;
  const all: CaseRecord[] = [];

  beforeAll(async () => {
    mock = await startMock();
    run = contextFor(mock.url);
  });
  afterAll(async () => {
    await mock.close();
  });

  const imports = [
    {
      name: 'data image import',
      req: {
        operationId: 'ims.dataimage' as const,
        caseId: 'flow:dataimage',
        expectJob: 'SUCCESS' as const,
        body: (r: RunContext) => ({
          name: `${r.namePrefix}data`,
          image_url: r.fixtures['obs.dataimage'],
          min_disk: 40,
          os_type: 'Windows',
          image_tags: [{ key: 'k1', value: 'v1' }],
        }),
      },
      want: [
        'ims.dataimage.job.success',
        'ims.dataimage.image.virtual_env_type',
        'ims.dataimage.name.echo',
        'ims.dataimage.image.image_tags',
      ],
    },
    {
      name: 'quick import, system disk (arm)',
      req: {
        operationId: 'ims.quickimport' as const,
        caseId: 'flow:quick:system',
        expectJob: 'SUCCESS' as const,
        body: (r: RunContext) => ({
          name: `${r.namePrefix}quick-system`,
          image_url: r.fixtures['obs.system'],
          min_disk: 40,
          os_version: 'CentOS 7.0 64bit',
          architecture: 'arm',
          tags: ['a.b'],
        }),
      },
      want: [
        'ims.quickimport.job.success',
        'ims.quickimport.architecture.uefi',
        'ims.quickimport.image.os_depends',
        'ims.quickimport.os_version.echo',
        'ims.quickimport.tags.echo',
      ],
    },
    {
      name: 'quick import, system disk without architecture (x86 default)',
      req: {
        operationId: 'ims.quickimport' as const,
        caseId: 'flow:quick:x86',
        expectJob: 'SUCCESS' as const,
        body: (r: RunContext) => ({
          name: `${r.namePrefix}quick-x86`,
          image_url: r.fixtures['obs.system'],
          min_disk: 40,
          os_version: 'CentOS 7.0 64bit',
        }),
      },
      want: ['ims.quickimport.job.success'],
    },
    {
      name: 'quick import, data disk',
      req: {
        operationId: 'ims.quickimport' as const,
        caseId: 'flow:quick:data',
        expectJob: 'SUCCESS' as const,
        body: (r: RunContext) => ({
          name: `${r.namePrefix}quick-data`,
          image_url: r.fixtures['obs.data'],
          min_disk: 40,
          type: 'DataImage',
          os_type: 'Linux',
          image_tags: [
            { key: 'k2', value: '' },
            { key: ' k3 ', value: ' v3 ' },
          ],
        }),
      },
      want: [
        'ims.quickimport.job.success',
        'ims.quickimport.image.virtual_env_type',
        'ims.quickimport.os_type.echo',
        'ims.quickimport.image.image_tags',
        'ims.quickimport.job.type',
      ],
    },
    {
      name: 'quick import of a missing file',
      req: {
        operationId: 'ims.quickimport' as const,
        caseId: 'flow:quick:missing',
        expectJob: 'FAIL' as const,
        body: (r: RunContext) => ({
          name: `${r.namePrefix}quick-missing`,
          image_url: r.fixtures['obs.missing'],
          min_disk: 40,
          os_version: 'CentOS 7.0 64bit',
        }),
      },
      want: ['ims.quickimport.image_url.file_missing', 'ims.quickimport.job.fail_details', 'ims.quickimport.job.type'],
    },
    {
      name: 'data image import of a missing file',
      req: {
        operationId: 'ims.dataimage' as const,
        caseId: 'flow:data:missing',
        expectJob: 'FAIL' as const,
        body: (r: RunContext) => ({
          name: `${r.namePrefix}data-missing`,
          image_url: r.fixtures['obs.missing'],
          min_disk: 40,
          os_type: 'Linux',
        }),
      },
      want: ['ims.dataimage.image_url.file_missing', 'ims.dataimage.job.fail_details', 'ims.dataimage.job.type'],
    },
  ];

  test.for(imports)('$name passes and checks its rules', async ({ req, want }) => {
    const log = new FlowLog(run, req.caseId);
    const result = await importFlow(run, log, { ...req, body: req.body(run) });
    all.push(...log.records);
    expect(failures(log)).toEqual([]);
    const seen = covered(log.records);
    for (const id of want) {
      expect(seen, id).toContain(id);
    }
    expect(result.jobId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.imageId !== undefined).toBe(req.expectJob === 'SUCCESS');
  });

  test('a protected image: DELETE refused, still readable', async () => {
    const log = new FlowLog(run, 'protected');
    await protectedImageFlow(run, log);
    all.push(...log.records);
    expect(failures(log)).toEqual([]);
    expect(covered(log.records)).toContain('ims.imagedelete.protected');
  });

  test('image metadata: create → same values, queued → other project 404 → delete → 404', async () => {
    const log = new FlowLog(run, 'metadata');
    await imageMetadataFlow(run, log);
    all.push(...log.records);
    expect(failures(log)).toEqual([]);
    const seen = covered(log.records);
    for (const id of [
      'ims.imagecreate.image.readable',
      'ims.imagecreate.owner.project',
      'ims.imagecreate.os.depends',
      'ims.imagecreate.image.private',
      'ims.imagedelete.own_images_only',
      'ims.imagedelete.image.gone',
      'ims.imagedelete.status',
    ]) {
      expect(seen, id).toContain(id);
    }
  });

  test('export, force and another project: each passes and names its rules', async () => {
    const log = new FlowLog(run, 'export');
    await exportFlow(run, log);
    await forceFlow(run, log);
    await otherProjectExportFlow(run, log);
    all.push(...log.records);
    expect(failures(log)).toEqual([]);
    const seen = covered(log.records);
    for (const id of [
      'evs.uploadimage.image.in_ims',
      'evs.uploadimage.image.usable',
      'evs.uploadimage.size.disk',
      'evs.uploadimage.volume_type.disk',
      'evs.uploadimage.display_description.disk',
      'evs.uploadimage.os_volume_upload_image.__os_type.default',
      'evs.uploadimage.force.in_use',
      'evs.uploadimage.volume.other_project',
      'evs.uploadimage.os_volume_upload_image.image_name.echo',
      'evs.uploadimage.os_volume_upload_image.disk_format.default',
    ]) {
      expect(seen, id).toContain(id);
    }
  });

  test('every flow rule is checked by a flow and compliance counts it (not "not_checked")', () => {
    const constraints = compiledSpecs({ revision: '004' }).operations.flatMap((o) => o.constraints);
    const flowRules = constraints.filter((c) => c.checkedBy === 'flow');
    expect(flowRules.map((c) => c.id).sort()).toEqual([...FLOW_CHECKED_RULES].sort());
    expect(flowRules.filter((c) => c.notChecked !== undefined)).toEqual([]);
    const report = buildCompliance(flowRules, all, RUN_INFO);
    expect(
      report.constraints.filter((c) => c.verdict !== 'pass').map((c) => `${c.constraintId}: ${c.verdict} ${c.reason}`),
    ).toEqual([]);
  });

  test('cleanup of the ledger leaves no image of the run on the mock', async () => {
    expect((await imageNames(run)).filter((n) => n.startsWith(run.namePrefix)).length).toBeGreaterThan(0);
    const entries = readLedger(ledgerFile(run.options.reportDir));
    expect(entries.some((e) => e.kind === 'job')).toBe(true);
    const result = await cleanupLedger(run.client, entries, { project: run.target.projectId });
    expect(result.failed).toEqual([]);
    expect((await imageNames(run)).filter((n) => n.startsWith(run.namePrefix))).toEqual([]);
  });
});

describe('job checks that must fail', () => {
  test('a valid import whose job ends FAIL is a failure naming error_code and fail_reason', async () => {
    const mock = await startMock();
    try {
      const run = contextFor(mock.url);
      const log = new FlowLog(run, 'fail');
      await importFlow(run, log, {
        operationId: 'ims.dataimage',
        caseId: 'flow:dataimage:fail',
        expectJob: 'SUCCESS',
        // Valid by 000's rules, but the bucket has no such file: the mock's job ends FAIL.
        body: { name: `${run.namePrefix}x`, image_url: run.fixtures['obs.missing'], min_disk: 40, os_type: 'Linux' },
      });
      const [f, ...rest] = log.failures();
      expect(rest).toEqual([]);
      expect(f?.constraintId).toBe('ims.dataimage.job.success');
      expect(f?.title).toBe('job of a valid request ended FAIL');
      expect(f?.received).toMatch(/FAIL, error_code IMG\.\d{4}, fail_reason .+/);
    } finally {
      await mock.close();
    }
  });

  test('a job that never ends is a failed check with the time waited, not a hang', async () => {
    const mock = await startMock({ config: { jobs: { initMs: 3_600_000, runMs: 3_600_000 } } });
    try {
      const run = contextFor(mock.url);
      const log = new FlowLog(run, 'hang');
      const started = Date.now();
      await importFlow(run, log, {
        operationId: 'ims.dataimage',
        caseId: 'flow:dataimage:hang',
        expectJob: 'SUCCESS',
        jobTimeoutMs: 300,
        body: { name: `${run.namePrefix}y`, image_url: run.fixtures['obs.dataimage'], min_disk: 40, os_type: 'Linux' },
      });
      expect(Date.now() - started).toBeLessThan(20_000);
      const [f, ...rest] = log.failures();
      expect(rest).toEqual([]);
      expect(f?.constraintId).toBe('ims.dataimage.job.success');
      expect(f?.title).toMatch(/^job did not end within \d+ ms$/);
      expect(f?.received).toMatch(/still INIT after \d+ ms \(\d+ polls\)/);
      // The job's id is in the ledger already, so cleanup can still find its image later.
      expect(readLedger(ledgerFile(run.options.reportDir)).map((e) => e.kind)).toEqual(['job']);
      const async = operationById(run.specs, 'ims.dataimage').spec.async;
      if (!async) {
        throw new Error('ims.dataimage has no async block');
      }
      const direct = await followJob(run, 'ffffffffffffffffffffffffffffffff', { caseId: 'x', timeoutMs: 100, async });
      expect(direct.end).toBe('unreadable');
      expect(direct.problem).toMatch(/^HTTP 404/);
    } finally {
      await mock.close();
    }
  });

  test.for([
    { revision: '004', format: 'zvhd2' },
    { revision: '003', format: 'vhd' },
  ])(
    'export on revision $revision: the default disk_format comes from the spec ($format)',
    async ({ revision, format }) => {
      const mock = await startMock({ config: { revision } });
      try {
        const run = contextFor(mock.url, revision);
        expect(defaultDiskFormat(operationById(run.specs, 'evs.uploadimage'))).toBe(format);
        const log = new FlowLog(run, 'export');
        await exportFlow(run, log);
        expect(failures(log)).toEqual([]);
        const image = log.records.find((r) => r.caseId === 'flow:export:in-ims');
        expect(image?.constraintIds).toEqual([
          'evs.uploadimage.image.in_ims',
          'evs.uploadimage.os_volume_upload_image.disk_format.default',
        ]);
      } finally {
        await mock.close();
      }
    },
  );

  test("the other revision's default on the exported image is disputed: a warning on the default, not an in_ims failure", async () => {
    // A 003 mock (default vhd) checked against the 004 spec (default zvhd2, reading vhd): the image says vhd.
    const mock = await startMock({ config: { revision: '003' } });
    try {
      const run = contextFor(mock.url, '004');
      const log = new FlowLog(run, 'export-mismatch');
      await exportFlow(run, log);
      const step = log.records.find((r) => r.caseId === 'flow:export:in-ims');
      expect(step?.findings.map((f) => `${f.severity} ${f.constraintId}: ${f.received}`)).toEqual([
        'warning evs.uploadimage.os_volume_upload_image.disk_format.default: /disk_format = vhd',
      ]);
    } finally {
      await mock.close();
    }
  });
});

describe('waits within their test (issue 18, point 7)', () => {
  const compliance = (records: readonly CaseRecord[], ids: readonly string[]) => {
    const constraints = compiledSpecs({ revision: '004' })
      .operations.flatMap((o) => o.constraints)
      .filter((c) => ids.includes(c.id));
    return buildCompliance(constraints, records, RUN_INFO).constraints.map((c) => ({
      id: c.constraintId,
      verdict: c.verdict,
      reason: c.reason,
    }));
  };

  test('a job wait its test cuts short is not checked, saying the job was still running', async () => {
    const mock = await startMock({ config: { jobs: { initMs: 0, runMs: 3_600_000 } } });
    try {
      const run = contextFor(mock.url);
      const log = new FlowLog(run, 'cut');
      // The job's own timeout is a minute; the test must end in under a second.
      await withWaitScope({ deadline: Date.now() + 800 }, () =>
        importFlow(run, log, {
          operationId: 'ims.dataimage',
          caseId: 'flow:dataimage:cut',
          expectJob: 'SUCCESS',
          jobTimeoutMs: 60_000,
          body: {
            name: `${run.namePrefix}c`,
            image_url: run.fixtures['obs.dataimage'],
            min_disk: 40,
            os_type: 'Linux',
          },
        }),
      );
      expect(failures(log)).toEqual([]);
      const [row] = compliance(log.records, ['ims.dataimage.job.success']);
      expect(row?.verdict).toBe('not_checked');
      expect(row?.reason).toMatch(/^job [0-9a-f]+ still RUNNING after \d+ s: its test had to end after \d+ ms/);
    } finally {
      await mock.close();
    }
  });

  const gaveUp = /^job [0-9a-f]+ still RUNNING after \d+ s \(IMS_JOB_TIMEOUT_MS\)$/;

  /** The compliance rows of `ids` after an import whose job stays RUNNING past the flow's 300 ms job wait. */
  async function importThatNeverEnds(
    operationId: 'ims.dataimage' | 'ims.quickimport',
    body: (run: RunContext) => Record<string, unknown>,
    ids: readonly string[],
  ) {
    const mock = await startMock({ config: { jobs: { initMs: 0, runMs: 3_600_000 } } });
    try {
      const run = contextFor(mock.url);
      const log = new FlowLog(run, `gave-up-${operationId}`);
      await importFlow(run, log, {
        operationId,
        caseId: `flow:${operationId}:gave-up`,
        expectJob: 'SUCCESS',
        jobTimeoutMs: 300,
        body: body(run),
      });
      return compliance(log.records, ids).filter((r) => ids.includes(r.id));
    } finally {
      await mock.close();
    }
  }

  test('what a job that never ended leaves unjudged is not checked with the job state, not "no case exercised"', async () => {
    const rows = await importThatNeverEnds(
      'ims.dataimage',
      (run) => ({
        name: `${run.namePrefix}g`,
        image_url: run.fixtures['obs.dataimage'],
        min_disk: 40,
        os_type: 'Linux',
        image_tags: [{ key: 'imsc', value: 'flow' }],
      }),
      [
        'ims.dataimage.job.success',
        'ims.dataimage.job.type',
        'ims.dataimage.image.virtual_env_type',
        'ims.dataimage.image.image_tags',
      ],
    );
    expect(rows).toEqual([
      { id: 'ims.dataimage.image.image_tags', verdict: 'not_checked', reason: expect.stringMatching(gaveUp) },
      { id: 'ims.dataimage.image.virtual_env_type', verdict: 'not_checked', reason: expect.stringMatching(gaveUp) },
      { id: 'ims.dataimage.job.success', verdict: 'fail', reason: expect.stringMatching(/^job did not end within/) },
      { id: 'ims.dataimage.job.type', verdict: 'not_checked', reason: expect.stringMatching(gaveUp) },
    ]);
  });

  test('a quick import whose job never ended leaves its table-derived OS fields not checked, with the job state', async () => {
    const id = 'ims.quickimport.image.os_depends';
    const rows = await importThatNeverEnds(
      'ims.quickimport',
      (run) => ({
        name: `${run.namePrefix}q`,
        image_url: run.fixtures['obs.system'],
        min_disk: 40,
        os_version: 'CentOS 7.0 64bit',
      }),
      [id],
    );
    expect(rows).toEqual([{ id, verdict: 'not_checked', reason: expect.stringMatching(gaveUp) }]);
  });

  test('a wait whose test has ended sends no further request', async () => {
    const mock = await startMock({ config: { jobs: { initMs: 3_600_000, runMs: 3_600_000 } } });
    try {
      const run = contextFor(mock.url);
      let sent = 0;
      const client = Object.assign(Object.create(run.client) as RunContext['client'], {
        send: (req: Parameters<RunContext['client']['send']>[0]) => {
          sent++;
          return run.client.send(req);
        },
      });
      const async = operationById(run.specs, 'ims.dataimage').spec.async;
      if (!async) {
        throw new Error('ims.dataimage has no async block');
      }
      // A job that is still INIT for an hour.
      const posted = await run.client.send({
        service: 'ims',
        method: 'POST',
        path: '/v1/cloudimages/dataimages/action',
        body: { name: `${run.namePrefix}s`, image_url: run.fixtures['obs.dataimage'], min_disk: 40, os_type: 'Linux' },
        label: 'job to follow',
      });
      const jobId = (posted.response?.json as { job_id?: string } | undefined)?.job_id ?? '';
      expect(jobId).not.toBe('');
      const test = new AbortController();
      const following = withWaitScope({ deadline: Number.POSITIVE_INFINITY, signal: test.signal }, () =>
        followJob({ ...run, client }, jobId, {
          caseId: 'x',
          timeoutMs: 60_000,
          firstPauseMs: 20,
          maxPauseMs: 50,
          async,
        }),
      );
      await new Promise((r) => setTimeout(r, 300));
      test.abort();
      const polled = sent;
      const job = await following;
      await new Promise((r) => setTimeout(r, 300));
      expect(polled).toBeGreaterThan(0);
      // At most the poll in flight when the test ended; nothing after.
      expect(sent - polled).toBeLessThanOrEqual(1);
      expect(job.end).toBe('cut');
      expect(job.problem).toBe('the test ended before the wait did');
    } finally {
      await mock.close();
    }
  });

  test('a fixture disk left uploading gives not checked for the flow, not a verdict', async () => {
    const { PROJECT_A } = await import('../mock/config.js');
    const target = localMockTarget('http://127.0.0.1:1');
    const inUse = target.fixtures.volumes?.inUse ?? '';
    const flow = target.fixtures.volumes?.flow ?? '';
    const mock = await startMock({
      config: {
        projects: {
          [PROJECT_A]: {
            volumes: { [inUse]: { status: 'uploading', size: 40 }, [flow]: { status: 'uploading', size: 40 } },
          },
        },
      },
    });
    try {
      const run = contextFor(mock.url);
      const log = new FlowLog(run, 'uploading');
      // Each flow its own test: the disk is waited for until the test must end (a second here).
      await withWaitScope({ deadline: Date.now() + 1_000 }, () => forceFlow(run, log));
      await withWaitScope({ deadline: Date.now() + 1_000 }, () => exportFlow(run, log));
      expect(failures(log)).toEqual([]);
      const wanted = ['evs.uploadimage.force.in_use', 'evs.uploadimage.image.in_ims'];
      const rows = compliance(log.records, wanted).filter((r) => wanted.includes(r.id));
      expect(rows).toEqual([
        {
          id: 'evs.uploadimage.force.in_use',
          verdict: 'not_checked',
          reason: expect.stringMatching(
            new RegExp(`^fixture volumes\\.in_use \\(${inUse}\\) is uploading after \\d+ s; the flow needs it in-use$`),
          ),
        },
        {
          id: 'evs.uploadimage.image.in_ims',
          verdict: 'not_checked',
          reason: expect.stringMatching(
            /^fixture volumes\.flow \(.+\) is uploading after \d+ s; the flow needs it available$/,
          ),
        },
      ]);
      // Nothing was exported: the disk's state, not the request, would have decided the answer.
      expect(log.records.filter((r) => r.operationId === 'evs.uploadimage' && r.counterexample)).toEqual([]);
      expect(log.records.map((r) => r.caseId)).toEqual(['flow:force', 'flow:export']);
    } finally {
      await mock.close();
    }
  });

  test("another project's disk that is not there gives not checked, not a pass of the 404", async () => {
    const mock = await startMock();
    try {
      const run = contextFor(mock.url);
      run.fixtures['other.volume'] = '6d9f4b63-7a1f-4c9b-8e5d-000000000000';
      const log = new FlowLog(run, 'other-missing');
      await otherProjectExportFlow(run, log);
      expect(failures(log)).toEqual([]);
      const [row] = compliance(log.records, ['evs.uploadimage.volume.other_project']);
      expect(row?.verdict).toBe('not_checked');
      expect(row?.reason).toMatch(
        /^fixture other\.volume \(6d9f4b63-7a1f-4c9b-8e5d-000000000000\) could not be read in project \w+ with its token \(HTTP 404\)/,
      );
    } finally {
      await mock.close();
    }
  });
});
