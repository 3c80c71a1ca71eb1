/** Step 1 of every job: the client asks where to put its file and gets a signed URL tied to a new job id. */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PresignUploadRequest, PresignUploadResponse } from '../../../../src-shared/api/http.js';
import { ErrorEnvelope } from '../../../../src-shared/api/errors.js';
import { checkUploadFileName, inputKey } from '../../../core/object-keys.js';
import { payloadTooLarge } from '../../../core/errors.js';
import type { ApiDeps } from '../../app-deps.js';

export const uploadRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/presign/upload',
      {
        schema: {
          tags: ['uploads'],
          summary: 'Reserve a job id and get a signed URL to PUT the input file to',
          body: PresignUploadRequest,
          response: {
            200: PresignUploadResponse,
            400: ErrorEnvelope,
            413: ErrorEnvelope,
            422: ErrorEnvelope,
          },
        },
      },
      async (request) => {
        const { filename, content_type, size_bytes } = request.body;
        checkUploadFileName(filename);
        if (size_bytes > deps.maxUploadBytes) {
          throw payloadTooLarge(
            `The file is ${size_bytes} bytes; the limit is ${deps.maxUploadBytes} bytes.`,
          );
        }
        const jobId = randomUUID();
        const key = inputKey(jobId, filename);
        const signed = await deps.store.signUpload(key, {
          contentType: content_type,
          sizeBytes: size_bytes,
          expiresInSeconds: deps.signedUrlTtlSeconds,
        });
        await deps.repo.insertUpload({
          job_id: jobId,
          object_key: key,
          filename,
          content_type,
          size_bytes,
          expires_at: new Date(Date.now() + deps.signedUrlTtlSeconds * 1000),
        });
        return { job_id: jobId, bucket: deps.store.bucket, key, ...signed };
      },
    );
  };
