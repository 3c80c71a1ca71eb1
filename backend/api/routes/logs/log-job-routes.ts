/**
 * The log's two links with jobs: rows sent to any analysis job as its input (with their provenance recorded on the
 * upload, and by the worker in result.json), and an optimization job's new runs added back as planned rows.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorEnvelope } from '../../../../src-shared/api/errors.js';
import { ResultEnvelope } from '../../../../src-shared/api/results.js';
import {
  LogInputRequest,
  LogInputResponse,
  PlanFromJobRequest,
  Revision,
  type LogInputSource,
} from '../../../../src-shared/logs/experiment-log-api.js';
import { notFound, validationFailed } from '../../../core/errors.js';
import { inputKey, outputKey } from '../../../core/object-keys.js';
import { addPlannedRows } from '../../../core/logs/log-changes.js';
import { toRevision } from '../../../core/logs/log-records.js';
import { canonicalKey, plannedRows } from '../../../experiment-log/index.js';
import type { ApiDeps } from '../../app-deps.js';
import { visibleTo } from '../../plugins/token-auth.js';
import { LogIdParams, type LogContext } from './log-access.js';
import { rowsCsv, rowsOfViewOrFilter, safeFileName } from './log-rows-file.js';

const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };
const tags = ['logs'];

export const logJobRoutes =
  (deps: ApiDeps, ctx: LogContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/logs/:log_id/job-input',
      {
        schema: {
          tags,
          summary:
            'Write the rows of a view or filter as a CSV job input; then POST /api/v1/jobs with the job_id and input_key',
          params: LogIdParams,
          body: LogInputRequest,
          response: { 201: LogInputResponse, ...errors },
        },
      },
      async (request, reply) => {
        const log = await ctx.loadLog(request.params.log_id, request.owner);
        const selected = await rowsOfViewOrFilter(ctx, log, request.body.view_id, request.body.filter);
        if (selected.rows.length === 0)
          throw validationFailed([{ path: 'filter', message: 'no row of the log matches the filter' }]);
        const source: LogInputSource = {
          kind: 'experiment_log',
          log_id: log.log_id,
          log_name: log.name,
          revision: selected.revision,
          view_name: selected.viewName,
          filter: selected.filter,
          rows: selected.rows.length,
        };
        const bytes = rowsCsv(log.profile, selected.rows);
        const jobId = randomUUID();
        const fileName = safeFileName(
          selected.viewName ? `${log.name} ${selected.viewName}` : log.name,
          'csv',
        );
        const key = inputKey(jobId, fileName);
        await deps.store.put(key, bytes, 'text/csv; charset=utf-8');
        await deps.repo.insertUpload({
          job_id: jobId,
          object_key: key,
          filename: fileName,
          content_type: 'text/csv',
          size_bytes: bytes.length,
          expires_at: new Date(Date.now() + deps.signedUrlTtlSeconds * 1000),
          owner: request.owner,
          source,
        });
        return reply.status(201).send({ job_id: jobId, input_key: key, source });
      },
    );

    app.post(
      '/api/v1/logs/:log_id/planned',
      {
        schema: {
          tags,
          summary: "Add a completed optimization job's new runs as planned rows (one revision)",
          params: LogIdParams,
          body: PlanFromJobRequest,
          response: { 201: Revision, ...errors },
        },
      },
      async (request, reply) => {
        const log = await ctx.loadLog(request.params.log_id, request.owner);
        const jobId = request.body.job_id;
        const job = await deps.repo.getJob(jobId);
        if (!job || !visibleTo(job.owner, request.owner))
          throw validationFailed([{ path: 'job_id', message: `no job ${jobId}` }]);
        if (job.job_type !== 'optimization')
          throw validationFailed([
            { path: 'job_id', message: `job ${jobId} is ${job.job_type}, not optimization` },
          ]);
        if (job.status !== 'completed')
          throw validationFailed([
            { path: 'job_id', message: `job ${jobId} is ${job.status}, not completed` },
          ]);
        const bytes = await deps.store.get(outputKey(jobId, 'result.json'));
        const result = ResultEnvelope.parse(JSON.parse(new TextDecoder().decode(bytes)));
        if (result.job_type !== 'optimization') throw notFound(`Job ${jobId} has no design.`);
        const runs = result.body.runs.filter((r) => r.source === 'new').map((r) => r.values);
        const planned = plannedRows(log.profile, runs);
        const revision = await addPlannedRows(
          ctx.logs,
          log.log_id,
          planned.rows,
          (values, l) => canonicalKey(l.profile, l.key_columns, values),
          { createdBy: request.owner, jobId, rejected: runs.length - planned.rows.length },
        );
        if (!revision) throw notFound(`No experiment log ${log.log_id}.`);
        return reply.status(201).send(toRevision(revision));
      },
    );
  };
