/**
 * Request and response bodies of the public HTTP API (`/api/v1`). The Fastify routes validate with
 * these schemas and publish them as OpenAPI; the typed client parses responses with them.
 */
import { z } from 'zod';
import { Artifact } from './artifacts.js';
import { JobStatusName } from './job-status.js';
import { JobType } from './job-types.js';
import { ErrorCode } from './errors.js';

export const API_PREFIX = '/api/v1';
export const UPLOAD_EXTENSIONS = ['csv', 'tsv', 'txt', 'xlsx'] as const;
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export const Health = z.strictObject({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  mode: z.string(),
  checks: z.strictObject({
    db: z.enum(['ok', 'error']),
    storage: z.enum(['ok', 'error']),
    queue: z.enum(['ok', 'error']),
  }),
});
export type Health = z.infer<typeof Health>;

export const PresignUploadRequest = z.strictObject({
  filename: z.string().min(1).max(255),
  content_type: z.string().min(1).max(255),
  size_bytes: z.number().int().min(1),
});
export type PresignUploadRequest = z.infer<typeof PresignUploadRequest>;

export const SignedRequest = z.strictObject({
  url: z.url(),
  method: z.enum(['PUT', 'GET']),
  /** Headers the request must carry exactly (the signature covers them). */
  headers: z.record(z.string(), z.string()),
  expires_in: z.number().int(),
});

/**
 * Offered by stores that take large files in parts (S3) when the file is above their threshold: PUT each part's
 * exact byte range to its URL, keep each answer's ETag header, then call `POST /presign/upload/complete`. The single
 * signed PUT stays valid for clients that do not do multipart.
 */
export const MultipartUpload = z.strictObject({
  upload_id: z.string().min(1),
  part_size_bytes: z.number().int().positive(),
  parts: z.array(
    z.strictObject({
      part_number: z.number().int().min(1).max(10_000),
      url: z.url(),
      size_bytes: z.number().int().positive(),
      headers: z.record(z.string(), z.string()),
    }),
  ),
  expires_in: z.number().int(),
});
export type MultipartUpload = z.infer<typeof MultipartUpload>;

export const PresignUploadResponse = SignedRequest.extend({
  job_id: z.uuid(),
  bucket: z.string(),
  key: z.string(),
  multipart: MultipartUpload.optional(),
});
export type PresignUploadResponse = z.infer<typeof PresignUploadResponse>;

export const CompleteUploadRequest = z.strictObject({
  job_id: z.uuid(),
  upload_id: z.string().min(1).max(1024),
  parts: z
    .array(
      z.strictObject({ part_number: z.number().int().min(1).max(10_000), etag: z.string().min(1).max(256) }),
    )
    .min(1)
    .max(10_000),
});
export type CompleteUploadRequest = z.infer<typeof CompleteUploadRequest>;

export const CompleteUploadResponse = z.strictObject({
  job_id: z.uuid(),
  key: z.string(),
  size_bytes: z.number().int(),
});
export type CompleteUploadResponse = z.infer<typeof CompleteUploadResponse>;

export const CreateJobRequest = z.strictObject({
  job_id: z.uuid(),
  job_type: JobType,
  input_key: z.string().min(1).max(1024),
  parameters: z.record(z.string(), z.unknown()).default({}),
});
export type CreateJobRequest = z.input<typeof CreateJobRequest>;

export const CreateJobResponse = z.strictObject({
  job_id: z.uuid(),
  status: JobStatusName,
});
export type CreateJobResponse = z.infer<typeof CreateJobResponse>;

export const JobError = z.strictObject({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});

export const JobStatus = z.strictObject({
  job_id: z.uuid(),
  job_type: JobType,
  status: JobStatusName,
  /** 0..100 */
  progress: z.number().min(0).max(100),
  /** A short machine-readable stage (`reading_input`, `fitting`, ...) and a human message. */
  stage: z.string().nullable(),
  message: z.string().nullable(),
  error: JobError.nullable(),
  attempts: z.number().int(),
  input_key: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }),
  started_at: z.iso.datetime({ offset: true }).nullable(),
  finished_at: z.iso.datetime({ offset: true }).nullable(),
});
export type JobStatus = z.infer<typeof JobStatus>;

export const ListJobsQuery = z.strictObject({
  status: JobStatusName.optional(),
  job_type: JobType.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListJobsQuery = z.input<typeof ListJobsQuery>;

export const ListJobsResponse = z.strictObject({
  jobs: z.array(JobStatus),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ListJobsResponse = z.infer<typeof ListJobsResponse>;

export const JobIdParams = z.strictObject({ id: z.uuid() });

export const ArtifactList = z.strictObject({ job_id: z.uuid(), artifacts: z.array(Artifact) });
export type ArtifactList = z.infer<typeof ArtifactList>;

export const PresignDownloadRequest = z.strictObject({
  job_id: z.uuid(),
  file_key: z.string().min(1).max(1024),
});
export const PresignDownloadResponse = SignedRequest.extend({ file_name: z.string() });
export type PresignDownloadResponse = z.infer<typeof PresignDownloadResponse>;

/** Server-sent events on `GET /jobs/{id}/events`: `event: status` with a JobStatus as data, until terminal. */
export const SSE_STATUS_EVENT = 'status';
