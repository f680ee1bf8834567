/**
 * GET /v1/{project_id}/jobs/{job_id}.
 * @see ../shared/docs/reference/ims-querying_the_status_of_an_asynchronous_job.rst
 */
import type { FastifyInstance } from 'fastify';
import { type MockContext, settle } from '../../context.js';
import { deviates } from '../../deviations.js';
import { imsErrors } from '../../errors.js';
import { answered, authorize, sendError, sendJson, sendText } from '../../http.js';
import { jobView } from '../../state/jobs.js';

/** Registers the job query; another project's job (or project id) is 404. */
export function jobRoutes(app: FastifyInstance, ctx: MockContext): void {
  app.get<{ Params: { project_id: string; job_id: string } }>(
    '/v1/:project_id/jobs/:job_id',
    answered((request, reply) => {
      const projectId = authorize(ctx, request, reply);
      if (projectId === undefined) {
        return reply;
      }
      const now = settle(ctx);
      const job =
        request.params.project_id === projectId ? ctx.state.jobs.get(projectId, request.params.job_id) : undefined;
      if (job === undefined) {
        return sendError(reply, imsErrors.jobNotFound);
      }
      if (ctx.config.deviations.size === 0) {
        return sendJson(reply, 200, jobView(job, now));
      }
      // Deviation job-never-ends: the job is shown as it was just before it ended, for ever.
      const view = jobView(job, deviates(ctx.config, 'job-never-ends') ? Math.min(now, job.doneMs - 1) : now);
      if (deviates(ctx.config, 'job-fail-without-error-code') && view.status === 'FAIL') {
        view.error_code = null;
        view.fail_reason = null;
      }
      if (deviates(ctx.config, 'job-success-without-image-id') && view.status === 'SUCCESS') {
        view.entities = { image_name: job.image.name };
      }
      return deviates(ctx.config, 'job-get-text-content-type')
        ? sendText(reply, 200, view)
        : sendJson(reply, 200, view);
    }),
  );
}
