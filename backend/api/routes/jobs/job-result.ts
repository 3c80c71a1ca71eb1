/** The typed result.json of a completed job, for clients that want the numbers without a download round trip. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { JobIdParams } from '../../../../src-shared/api/http.js';
import { ErrorEnvelope } from '../../../../src-shared/api/errors.js';
import { ResultEnvelope } from '../../../../src-shared/api/results.js';
import { conflict } from '../../../core/errors.js';
import { outputKey } from '../../../core/object-keys.js';
import type { JobRow } from '../../../core/jobs/job-row.js';
import type { ApiDeps } from '../../app-deps.js';

export const resultRoute =
  (deps: ApiDeps, loadJob: (id: string, owner: string | null) => Promise<JobRow>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/jobs/:id/result',
      {
        schema: {
          tags: ['jobs'],
          summary: 'The result.json of a completed job',
          params: JobIdParams,
          response: { 200: ResultEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope },
        },
      },
      async (request) => {
        const job = await loadJob(request.params.id, request.owner);
        if (job.status !== 'completed')
          throw conflict(`Job ${job.job_id} has no result: it is ${job.status}.`);
        const bytes = await deps.store.get(outputKey(job.job_id, 'result.json'));
        return ResultEnvelope.parse(JSON.parse(new TextDecoder().decode(bytes)));
      },
    );
  };
