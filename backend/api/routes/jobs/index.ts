/** Submitting, listing, watching and cancelling jobs. */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateJobRequest,
  CreateJobResponse,
  JobIdParams,
  JobStatus,
  ListJobsQuery,
  ListJobsResponse,
} from '../../../../src-shared/api/http.js';
import { ErrorEnvelope } from '../../../../src-shared/api/errors.js';
import { JOB_PARAMETER_SCHEMAS } from '../../../../src-shared/api/job-types.js';
import { AppError, conflict, fieldIssues, notFound, validationFailed } from '../../../core/errors.js';
import { canonicalJson } from '../../../core/canonical-json.js';
import { checkKey } from '../../../core/object-keys.js';
import { toJobStatus } from '../../../core/jobs/job-row.js';
import { ReferenceProblem, resolveReferences } from '../../../core/jobs/referenced-jobs.js';
import type { ApiDeps } from '../../app-deps.js';
import { visibleTo } from '../../plugins/token-auth.js';
import { streamJobEvents } from './job-events.js';
import { resultRoute } from './job-result.js';

const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };

export const jobRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // Another user's job answers exactly like a missing one, so job ids cannot be probed.
    const loadJob = async (id: string, owner: string | null) => {
      const row = await deps.repo.getJob(id);
      if (!row || !visibleTo(row.owner, owner)) throw notFound(`No job ${id}.`);
      return row;
    };

    app.post(
      '/api/v1/jobs',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Submit a job for an uploaded file (idempotent by job_id)',
          body: CreateJobRequest,
          response: { 200: CreateJobResponse, 201: CreateJobResponse, ...errors },
        },
      },
      async (request, reply) => {
        const { job_id, job_type, input_key } = request.body;
        checkKey(input_key, 'input_key');
        if (!deps.availableJobTypes.has(job_type)) {
          throw new AppError(
            'ZS_ERR_JOB_TYPE_UNAVAILABLE',
            422,
            `job_type "${job_type}" is not available on this server yet; available: ${[...deps.availableJobTypes].join(', ')}.`,
            { issues: [{ path: 'job_type', message: 'not available yet' }] },
          );
        }
        const parsed = JOB_PARAMETER_SCHEMAS[job_type].safeParse(request.body.parameters);
        if (!parsed.success) throw validationFailed(fieldIssues(parsed.error.issues, 'parameters'));
        const parameters = parsed.data as Record<string, unknown>;
        try {
          await resolveReferences(
            {
              getJob: async (id) => {
                const row = await deps.repo.getJob(id);
                return row && visibleTo(row.owner, request.owner) ? row : null;
              },
              listArtifacts: (id) => deps.repo.listArtifacts(id),
            },
            job_type,
            parameters,
          );
        } catch (err) {
          if (err instanceof ReferenceProblem)
            throw validationFailed([{ path: err.field, message: err.message }]);
          throw err;
        }

        const upload = await deps.repo.getUpload(job_id);
        if (!upload || !visibleTo(upload.owner, request.owner)) {
          throw validationFailed([
            { path: 'job_id', message: 'no upload was reserved for this job_id (call presign/upload first)' },
          ]);
        }
        if (upload.object_key !== input_key) {
          throw validationFailed([
            { path: 'input_key', message: `must be the key issued with this job_id: ${upload.object_key}` },
          ]);
        }
        const uploaded = await deps.store.size(input_key);
        if (uploaded === null) {
          throw validationFailed([{ path: 'input_key', message: 'the file has not been uploaded yet' }]);
        }
        if (uploaded !== Number(upload.size_bytes)) {
          throw validationFailed([
            {
              path: 'input_key',
              message: `the uploaded file has ${uploaded} bytes but ${upload.size_bytes} were reserved`,
            },
          ]);
        }
        const requestSha256 = createHash('sha256')
          .update(canonicalJson({ job_type, input_key, parameters }))
          .digest('hex');
        const { row, created } = await deps.db.transaction(async (tx) => {
          const r = await deps.repo.insertJob(tx, {
            jobId: job_id,
            jobType: job_type,
            parameters,
            requestSha256,
            inputKey: input_key,
            maxAttempts: deps.maxAttempts,
            owner: request.owner,
          });
          if (r.created) await deps.queue.enqueue(tx, job_id);
          return r;
        });
        if (!created && row.request_sha256 !== requestSha256) {
          throw conflict(`Job ${job_id} already exists with a different request.`);
        }
        if (created) deps.onJobCreated();
        return reply.status(created ? 201 : 200).send({ job_id: row.job_id, status: row.status });
      },
    );

    app.get(
      '/api/v1/jobs',
      {
        schema: {
          tags: ['jobs'],
          summary: 'List jobs, newest first',
          querystring: ListJobsQuery,
          response: { 200: ListJobsResponse, 422: ErrorEnvelope },
        },
      },
      async (request) => {
        const q = request.query;
        const { rows, total } = await deps.repo.listJobs({
          status: q.status,
          jobType: q.job_type,
          limit: q.limit,
          offset: q.offset,
          owner: request.owner,
        });
        return { jobs: rows.map(toJobStatus), total, limit: q.limit, offset: q.offset };
      },
    );

    app.get(
      '/api/v1/jobs/:id/status',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Status and progress of a job',
          params: JobIdParams,
          response: { 200: JobStatus, ...errors },
        },
      },
      async (request) => toJobStatus(await loadJob(request.params.id, request.owner)),
    );

    app.post(
      '/api/v1/jobs/:id/cancel',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Cancel a job: a queued job at once, a running one at its next checkpoint',
          params: JobIdParams,
          response: { 200: JobStatus, ...errors },
        },
      },
      async (request) => {
        await loadJob(request.params.id, request.owner);
        const row = await deps.repo.requestCancel(request.params.id);
        deps.changes.changed(request.params.id);
        return toJobStatus(row!);
      },
    );

    app.get(
      '/api/v1/jobs/:id/events',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Server-sent events: `status` events with the JobStatus until the job ends',
          params: JobIdParams,
          produces: ['text/event-stream'],
        },
      },
      async (request, reply) => {
        const first = await loadJob(request.params.id, request.owner);
        const id = request.params.id;
        await streamJobEvents(
          request,
          reply,
          first,
          () => deps.repo.getJob(id),
          (ms) => deps.changes.next(id, ms),
          deps.eventPollMs ?? 1000,
        );
      },
    );

    await app.register(resultRoute(deps, loadJob));
  };
