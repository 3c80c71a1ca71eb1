/** Step 1 of every job: the client asks where to put its file and gets a signed URL tied to a new job id. */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CompleteUploadRequest,
  CompleteUploadResponse,
  PresignUploadRequest,
  PresignUploadResponse,
} from '../../../../src-shared/api/http.js';
import { ErrorEnvelope } from '../../../../src-shared/api/errors.js';
import { checkUploadFileName, inputKey } from '../../../core/object-keys.js';
import { AppError, notFound, payloadTooLarge, validationFailed } from '../../../core/errors.js';
import { supportsMultipart } from '../../../core/ports/blob-store.js';
import type { ApiDeps } from '../../app-deps.js';
import { visibleTo } from '../../plugins/token-auth.js';

export const uploadRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/presign/upload',
      {
        schema: {
          tags: ['uploads'],
          summary:
            'Reserve a job id and get a signed URL to PUT the input file to (and part URLs for large files)',
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
        const sign = {
          contentType: content_type,
          sizeBytes: size_bytes,
          expiresInSeconds: deps.signedUrlTtlSeconds,
        };
        const signed = await deps.store.signUpload(key, sign);
        const multipart =
          supportsMultipart(deps.store) && size_bytes > deps.store.multipartThresholdBytes
            ? await deps.store.signMultipartUpload(key, sign)
            : undefined;
        await deps.repo.insertUpload({
          job_id: jobId,
          object_key: key,
          filename,
          content_type,
          size_bytes,
          expires_at: new Date(Date.now() + deps.signedUrlTtlSeconds * 1000),
          owner: request.owner,
        });
        return {
          job_id: jobId,
          bucket: deps.store.bucket,
          key,
          ...signed,
          ...(multipart ? { multipart } : {}),
        };
      },
    );

    app.post(
      '/api/v1/presign/upload/complete',
      {
        schema: {
          tags: ['uploads'],
          summary: 'Join the parts of a multipart upload into the input file',
          body: CompleteUploadRequest,
          response: {
            200: CompleteUploadResponse,
            404: ErrorEnvelope,
            409: ErrorEnvelope,
            422: ErrorEnvelope,
          },
        },
      },
      async (request) => {
        const { job_id, upload_id, parts } = request.body;
        const upload = await deps.repo.getUpload(job_id);
        if (!upload || !visibleTo(upload.owner, request.owner))
          throw notFound(`No upload was reserved for job ${job_id}.`);
        if (!supportsMultipart(deps.store)) {
          throw new AppError(
            'ZS_ERR_CONFLICT',
            409,
            'This server takes uploads in one PUT; it has no multipart uploads.',
          );
        }
        await deps.store.completeMultipartUpload(upload.object_key, upload_id, parts);
        const size = await deps.store.size(upload.object_key);
        if (size !== Number(upload.size_bytes)) {
          throw validationFailed([
            {
              path: 'parts',
              message: `the joined file has ${size ?? 0} bytes; ${upload.size_bytes} were reserved`,
            },
          ]);
        }
        return { job_id, key: upload.object_key, size_bytes: size };
      },
    );
  };
