import { derivedFindings } from '../../checks/derived.js';
import { findingFor, shortJson } from '../../checks/finding.js';
import type { HttpRequest } from '../../http/types.js';
import { isPlainObject } from '../../json/value.js';
import type { GeneratedCase } from '../../model/case.js';
import type { Exchange } from '../../model/exchange.js';
import type { Finding } from '../../model/verdict.js';
import type { RunContext } from '../context.js';
import { executeCase, fillPath } from '../execute.js';
import { createdId, recordCreated } from '../ledger.js';
import { operationById } from '../specs.js';
import { readImage } from './imports.js';
import { constraintById, type FlowLog, notChecked, stepContext } from './step.js';

/** 002's example __os_version: its example response pairs it with __os_type Linux, __platform Ubuntu, __os_bit 64. */
const OS_EXAMPLE_VERSION = 'Ubuntu 14.04 server 64bit';

/** Fields the 201 of POST /v2/images returns that GET must show alike (002 Response parameters). */
const SAME_FIELDS = [
  'name',
  'container_format',
  'disk_format',
  'min_disk',
  'min_ram',
  'tags',
  'visibility',
  'protected',
];

/** The other project's token header, when the target names one (fixture otherProject.token). */
export function otherProjectHeaders(run: RunContext): Record<string, string> | undefined {
  const token = run.target.fixtures.otherProject?.token;
  return token ? { 'X-Auth-Token': token } : undefined;
}

/**
 * Sends one request whose answer a flow rule fixes (404 for what another project or a deletion hides, 400 for a
 * refused export…) and records the rule's finding when another status comes back.
 */
export async function statusStep(
  run: RunContext,
  log: FlowLog,
  step: { caseId: string; operationId: string; ruleId: string; request: HttpRequest; expected: readonly number[] },
): Promise<Exchange> {
  const x = await run.client.send(step.request);
  recordCreated(
    run.options.reportDir,
    run.target.projectId,
    operationById(run.specs, step.operationId),
    x,
    step.caseId,
  );
  const c = constraintById(run, step.operationId, step.ruleId);
  const status = x.response?.status;
  const findings =
    status !== undefined && step.expected.includes(status)
      ? []
      : [
          findingFor(stepContext(run, step.operationId, step.caseId), 'flow', c, {
            title: `${step.request.method} ${step.request.path} not answered ${step.expected.join(' or ')}`,
            received: `${status ?? `no answer (${x.error?.message ?? ''})`} ${shortJson(x.response?.json ?? x.response?.text ?? '')}`,
            documented: step.expected.join(' or '),
          }),
        ];
  log.step(step.caseId, step.operationId, [c.id], findings, x);
  return x;
}

/**
 * Image metadata from creation to deletion: POST /v2/images → GET shows the same values and status queued →
 * another project's token gets 404 (private) → DELETE 204 → GET 404. The image is created unprotected
 * (`protected: false`), so the flow can delete it ("A protected image cannot be deleted.").
 */
export async function imageMetadataFlow(run: RunContext, log: FlowLog): Promise<void> {
  const create = operationById(run.specs, 'ims.imagecreate');
  const body = {
    name: `${run.namePrefix}flow-metadata`,
    container_format: 'bare',
    // qcow2 and bare: values 002 documents that OpenStack Glance documents too (profiles/glance.yaml).
    disk_format: 'qcow2',
    min_disk: 40,
    min_ram: 1024,
    tags: ['imsc_flow'],
    protected: false,
    __os_version: OS_EXAMPLE_VERSION,
  };
  const gcase: GeneratedCase = {
    operationId: create.id,
    expect: 'accept',
    body,
    pathParams: {},
    label: 'flow: create image metadata',
  };
  const created = await executeCase(run, create, gcase, 'flow:metadata:create', { seed: run.options.seed });
  log.push(created.record);
  const made = created.exchange.response?.json;
  const imageId = createdId(create, created.exchange, 'image');
  if (!imageId || !isPlainObject(made)) {
    return;
  }
  // 002 __os_type/__platform/__os_bit: "The value of this parameter depends on that of __os_version." — judged
  // through Table 1 as the rule's derived table carries it (the same judgement every accepted POST /v2/images gets).
  const depends = constraintById(run, create.id, 'ims.imagecreate.os.depends');
  const dependsFindings =
    derivedFindings(stepContext(run, create.id, 'flow:metadata:os'), 'flow', depends, made, body) ?? [];
  log.step('flow:metadata:os', create.id, [depends.id], dependsFindings);
  // 002 owner: "Specifies the ID of the project to which the image belongs." — the project that created it.
  const owner = constraintById(run, create.id, 'ims.imagecreate.owner.project');
  log.step(
    'flow:metadata:owner',
    create.id,
    [owner.id],
    made.owner === run.target.projectId
      ? []
      : [
          findingFor(stepContext(run, create.id, 'flow:metadata:owner'), 'flow', owner, {
            title: "the created image's owner is not the caller's project",
            received: `/owner = ${shortJson(made.owner)}`,
            documented: `/owner = ${JSON.stringify(run.target.projectId)} (the project of the request)`,
            pointer: '/owner',
          }),
        ],
  );

  // GET shows what the 201 said, and the new image is queued (002: "queued: indicates that the image metadata has
  // already been created, and it is ready for the image file to upload.").
  const readable = constraintById(run, create.id, 'ims.imagecreate.image.readable');
  const read = await readImage(run, log, imageId, 'flow:metadata:get');
  const ctx = stepContext(run, create.id, 'flow:metadata:get');
  const findings: Finding[] = [];
  if (read.found && isPlainObject(read.body)) {
    const got = read.body;
    for (const key of SAME_FIELDS.filter((k) => Object.hasOwn(made, k))) {
      if (JSON.stringify(got[key]) !== JSON.stringify(made[key])) {
        findings.push(
          findingFor(ctx, 'flow', readable, {
            title: `GET /${key} differs from the creation's answer`,
            received: `/${key} = ${shortJson(got[key])}`,
            documented: `/${key} = ${shortJson(made[key])} (as POST /v2/images answered)`,
            pointer: `/${key}`,
          }),
        );
      }
    }
    // The 201 itself says so too: nothing was uploaded, so the image it describes is the queued one.
    if (made.status !== 'queued') {
      findings.push(
        findingFor(ctx, 'flow', readable, {
          title: 'the 201 of a metadata-only creation does not say queued',
          received: `/status = ${shortJson(made.status)}`,
          documented: '/status = "queued" (metadata created, ready for the image file to upload)',
          pointer: '/status',
        }),
      );
    }
    if (got.status !== 'queued') {
      findings.push(
        findingFor(ctx, 'flow', readable, {
          title: 'a just-created image is not queued',
          received: `/status = ${shortJson(got.status)}`,
          documented: '/status = "queued"',
          pointer: '/status',
        }),
      );
    }
  } else {
    findings.push(
      findingFor(ctx, 'flow', readable, {
        title: 'the created image cannot be read',
        received: String(read.status ?? 'no answer'),
        documented: '200 with the image',
      }),
    );
  }
  log.step('flow:metadata:same-values', create.id, [readable.id], findings, created.exchange);

  // Another project's token does not see it (002 visibility: "The value is private.").
  const other = otherProjectHeaders(run);
  const imagePath = `/v2/images/${encodeURIComponent(imageId)}`;
  const del = operationById(run.specs, 'ims.imagedelete');
  if (other) {
    await statusStep(run, log, {
      caseId: 'flow:metadata:other-project',
      operationId: create.id,
      ruleId: 'ims.imagecreate.image.private',
      request: {
        service: 'ims',
        method: 'GET',
        path: imagePath,
        auth: false,
        headers: other,
        label: 'flow: other project reads our image',
      },
      expected: [404],
    });
    // Deleting an image: "You can only delete your own private images." — another project's DELETE is refused with
    // one of the page's documented 4xx, and the owner still reads the image.
    const refused = await statusStep(run, log, {
      caseId: 'flow:metadata:other-project-delete',
      operationId: del.id,
      ruleId: 'ims.imagedelete.own_images_only',
      request: {
        service: 'ims',
        method: 'DELETE',
        path: imagePath,
        auth: false,
        headers: other,
        label: 'flow: other project deletes our image',
      },
      expected: [400, 403, 404],
    });
    if (refused.response && refused.response.status < 300) {
      return;
    }
    await statusStep(run, log, {
      caseId: 'flow:metadata:other-project-delete-kept',
      operationId: del.id,
      ruleId: 'ims.imagedelete.own_images_only',
      request: { service: 'ims', method: 'GET', path: imagePath, label: 'flow: our image survived their DELETE' },
      expected: [200],
    });
  } else {
    log.step(
      'flow:metadata:other-project',
      create.id,
      [],
      [
        notChecked(
          run,
          create.id,
          'ims.imagecreate.image.private',
          'flow:metadata:other-project',
          'the target has no otherProject.token fixture',
        ),
        notChecked(
          run,
          del.id,
          'ims.imagedelete.own_images_only',
          'flow:metadata:other-project-delete',
          'the target has no otherProject.token fixture',
        ),
      ],
    );
  }

  // DELETE, then GET answers 404.
  const params = { image_id: imageId };
  const deleted = await executeCase(
    run,
    del,
    { operationId: del.id, expect: 'accept', pathParams: params, label: 'flow: delete the image' },
    'flow:metadata:delete',
    { seed: run.options.seed },
    { path: fillPath(del, params) },
  );
  log.push(deleted.record);
  if (deleted.exchange.response?.status === del.spec.success) {
    await statusStep(run, log, {
      caseId: 'flow:metadata:gone',
      operationId: del.id,
      ruleId: 'ims.imagedelete.image.gone',
      request: { service: 'ims', method: 'GET', path: imagePath, label: 'flow: read the deleted image' },
      expected: [404],
    });
  }
}

/**
 * 002 protected: "A protected image cannot be deleted." — create an image with `protected: true`, DELETE must be
 * refused (a 4xx other than 404) and GET must still show it. The image is then unprotected with the OpenStack image
 * update call (as cleanup does) so the run leaves nothing behind.
 */
export async function protectedImageFlow(run: RunContext, log: FlowLog): Promise<void> {
  const create = operationById(run.specs, 'ims.imagecreate');
  const del = operationById(run.specs, 'ims.imagedelete');
  const made = await run.client.send({
    service: create.spec.service,
    method: create.spec.method,
    path: create.spec.path,
    body: { name: `${run.namePrefix}flow-protected`, protected: true },
    label: 'flow: create a protected image',
  });
  recordCreated(run.options.reportDir, run.target.projectId, create, made, 'flow:protected:create');
  const imageId = createdId(create, made, 'image');
  if (!imageId) {
    log.step(
      'flow:protected:create',
      create.id,
      [],
      [
        notChecked(
          run,
          del.id,
          'ims.imagedelete.protected',
          'flow:protected:create',
          `POST /v2/images answered ${made.response?.status ?? made.error?.kind}`,
        ),
      ],
    );
    return;
  }
  const path = `/v2/images/${encodeURIComponent(imageId)}`;
  const refused = await statusStep(run, log, {
    caseId: 'flow:protected:delete',
    operationId: del.id,
    ruleId: 'ims.imagedelete.protected',
    request: { service: 'ims', method: 'DELETE', path, label: 'flow: delete a protected image' },
    expected: [400, 403, 409],
  });
  if (refused.response && refused.response.status < 300) {
    return;
  }
  await statusStep(run, log, {
    caseId: 'flow:protected:still-there',
    operationId: del.id,
    ruleId: 'ims.imagedelete.protected',
    request: { service: 'ims', method: 'GET', path, label: 'flow: the protected image is still there' },
    expected: [200],
  });
}
