/** Step 5: what a job produced, and signed URLs to fetch each file straight from the object store. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ArtifactList,
  JobIdParams,
  PresignDownloadRequest,
  PresignDownloadResponse,
} from '../../../../src-shared/api/http.js';
import { ErrorEnvelope } from '../../../../src-shared/api/errors.js';
import { checkKey } from '../../../core/object-keys.js';
import { notFound } from '../../../core/errors.js';
import type { ApiDeps } from '../../app-deps.js';
import { visibleTo } from '../../plugins/token-auth.js';

export const artifactRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/jobs/:id/artifacts',
      {
        schema: {
          tags: ['artifacts'],
          summary: 'Files produced by a job',
          params: JobIdParams,
          response: { 200: ArtifactList, 404: ErrorEnvelope },
        },
      },
      async (request) => {
        const job = await deps.repo.getJob(request.params.id);
        if (!job || !visibleTo(job.owner, request.owner)) throw notFound(`No job ${request.params.id}.`);
        return { job_id: job.job_id, artifacts: await deps.repo.listArtifacts(job.job_id) };
      },
    );

    app.post(
      '/api/v1/presign/download',
      {
        schema: {
          tags: ['artifacts'],
          summary: "Signed URL to download one of a job's artifacts",
          body: PresignDownloadRequest,
          response: {
            200: PresignDownloadResponse,
            400: ErrorEnvelope,
            404: ErrorEnvelope,
            422: ErrorEnvelope,
          },
        },
      },
      async (request) => {
        const { job_id, file_key } = request.body;
        checkKey(file_key, 'file_key');
        // The signed URL names the key, which holds the job id, so it can only fetch this owner's job's file.
        const job = await deps.repo.getJob(job_id);
        if (!job || !visibleTo(job.owner, request.owner)) throw notFound(`No job ${job_id}.`);
        const artifact = (await deps.repo.listArtifacts(job_id)).find((a) => a.file_key === file_key);
        if (!artifact) throw notFound(`Job ${job_id} has no artifact "${file_key}".`);
        const signed = await deps.store.signDownload(file_key, {
          expiresInSeconds: deps.signedUrlTtlSeconds,
          fileName: artifact.file_name,
        });
        return { ...signed, file_name: artifact.file_name };
      },
    );
  };
