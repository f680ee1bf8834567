/**
 * Test data for the report layer's tests (not used at run time): five constraints across two
 * operations, and records with a failure, a warning, a not_checked finding and a finding about a
 * constraint the specs do not know. Quotes are from the seeds (000, 001).
 */
import type { ConstraintInfo } from '../model/compiled.js';
import type { CaseRecord, Counterexample, Finding, RunInfo } from '../model/verdict.js';

const doc000 = '000_e6aba1037ae22d43.txt';
const doc001 = '001_39f30023824dbbb4.txt';

export const fixtureRun: RunInfo = {
  runId: 'nightly-2025-06-01-cn-north-4',
  target: 'https://ims.cn-north-4.myhuaweicloud.com',
  revision: '004',
  profile: 'default',
  depth: 'standard',
  seed: 1234,
  startedAt: '2025-06-01T01:00:00.000Z',
  durationMs: 93_000,
};

export const fixtureConstraints: readonly ConstraintInfo[] = [
  {
    id: 'ims.quickimport.min_disk.range',
    operationId: 'ims.quickimport',
    kind: 'range',
    description: 'range 1–1024',
    citation: { doc: doc001, section: 'Request parameters', quote: 'The value ranges from 1 GB to 1024 GB.' },
    erratum: 'min-disk-data-image',
  },
  {
    id: 'ims.dataimage.name.length',
    operationId: 'ims.dataimage',
    kind: 'length',
    description: 'length 1–255',
    citation: { doc: doc000, section: 'Request parameters', quote: 'The name contains 1 to 255 characters.' },
  },
  {
    id: 'ims.dataimage.min_disk.range',
    operationId: 'ims.dataimage',
    kind: 'range',
    description: 'range 40–2048',
    citation: { doc: doc000, section: 'Request parameters', quote: 'Value range: 40 GB to 2048 GB' },
  },
  {
    id: 'ims.dataimage.tags.exclusive',
    operationId: 'ims.dataimage',
    kind: 'exclusive',
    description: 'at most one of tags, image_tags',
    citation: { doc: doc000, section: 'Request parameters', quote: 'Either tags or image_tags can be specified.' },
  },
  {
    id: 'ims.quickimport.os_type.enum',
    operationId: 'ims.quickimport',
    kind: 'enum',
    description: 'one of Windows, Linux',
    citation: { doc: doc001, section: 'Request parameters', quote: 'The value can be Windows or Linux.' },
    notChecked: 'the target ignores os_type for system images',
  },
  {
    id: 'ims.quickimport.image_url.format',
    operationId: 'ims.quickimport',
    kind: 'format',
    description: 'bucket:file',
    citation: { doc: doc001, section: 'Request parameters', quote: 'The format is OBS bucket name:Image file name.' },
  },
];

/** A finding about `constraintId`, with the constraint's own citation when it is a fixture. */
export function fixtureFinding(
  constraintId: string,
  severity: Finding['severity'],
  caseId: string,
  extra: Partial<Finding> = {},
): Finding {
  const citation = fixtureConstraints.find((c) => c.id === constraintId)?.citation ?? {
    doc: doc000,
    section: 'Request parameters',
    quote: 'unknown',
  };
  return {
    checkId: 'status',
    constraintId,
    severity,
    title: severity === 'not_checked' ? 'status not decidable' : 'invalid request accepted',
    message: 'Received: 202 / Documented: 400',
    citation,
    caseId,
    ...extra,
  };
}

export const minDiskCounterexample: Counterexample = {
  caseId: 'ims.dataimage#17:3',
  request: '/min_disk = 39 (range_below; documented range 40–2048)',
  received: '202 {"job_id":"ff8080828a"}',
  documented: '400 with the IMS error envelope',
  command: 'ims-conformance run --only ims.dataimage.min_disk.range --seed 1234 --path "17:3"',
  curl: `curl -X POST https://ims.example/v1/cloudimages/dataimages/action -H 'X-Auth-Token: ***' -d '{"min_disk":39}'`,
};

/** Records in generation order: the shrunk counterexample of min_disk comes first. */
export const fixtureRecords: readonly CaseRecord[] = [
  {
    caseId: 'ims.dataimage#1',
    operationId: 'ims.dataimage',
    constraintIds: ['ims.dataimage.name.length', 'ims.dataimage.min_disk.range'],
    findings: [],
  },
  {
    caseId: 'ims.dataimage#17:3',
    operationId: 'ims.dataimage',
    constraintIds: ['ims.dataimage.min_disk.range'],
    findings: [
      fixtureFinding('ims.dataimage.min_disk.range', 'failure', 'ims.dataimage#17:3', {
        received: minDiskCounterexample.received,
        documented: minDiskCounterexample.documented,
      }),
      fixtureFinding('ims.dataimage.min_disk.range', 'failure', 'ims.dataimage#17:3', { checkId: 'error-envelope' }),
    ],
    counterexample: minDiskCounterexample,
  },
  {
    caseId: 'ims.dataimage#17',
    operationId: 'ims.dataimage',
    constraintIds: ['ims.dataimage.min_disk.range'],
    findings: [fixtureFinding('ims.dataimage.min_disk.range', 'failure', 'ims.dataimage#17')],
    counterexample: { ...minDiskCounterexample, caseId: 'ims.dataimage#17', request: '/min_disk = -8812' },
  },
  {
    caseId: 'ims.quickimport#4',
    operationId: 'ims.quickimport',
    constraintIds: ['ims.quickimport.min_disk.range'],
    findings: [
      fixtureFinding('ims.quickimport.min_disk.range', 'warning', 'ims.quickimport#4', {
        erratum: 'min-disk-data-image',
        title: 'min_disk 30 rejected for a data image',
      }),
    ],
  },
  {
    caseId: 'ims.quickimport#5',
    operationId: 'ims.quickimport',
    constraintIds: ['ims.quickimport.image_url.format'],
    findings: [
      fixtureFinding('ims.quickimport.image_url.format', 'not_checked', 'ims.quickimport#5', {
        checkId: 'body-schema',
        message: 'the response has no body to validate',
      }),
    ],
  },
  {
    caseId: 'ims.quickimport#6',
    operationId: 'ims.quickimport',
    constraintIds: [],
    findings: [
      fixtureFinding('ims.quickimport.volume_type.enum', 'failure', 'ims.quickimport#6', {
        checkId: 'echo',
        title: 'unexpected field echoed',
      }),
    ],
  },
];
