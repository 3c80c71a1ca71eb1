/**
 * The typed client of the public HTTP API, shared by the desktop renderer, the CLI and scripts, so each of them gets
 * the same retries, contract checks and errors instead of hand-rolling requests.
 *
 * Retry decision per call (network errors, timeouts, 5xx and 429 only; other 4xx are never repeated):
 * | call                         | retried | why                                                                   |
 * |------------------------------|---------|-----------------------------------------------------------------------|
 * | every GET                    | yes     | safe                                                                  |
 * | POST /presign/upload         | yes     | no job exists until POST /jobs; a repeat only mints an unused job_id  |
 * |                              |         | and key whose signature expires, while giving up on a transient 503   |
 * |                              |         | would fail the whole submission for nothing                           |
 * | POST /presign/download       | yes     | read-only: it only signs a URL                                        |
 * | PUT of the signed upload     | Blob or bytes: yes; stream: no | PUT is idempotent, but a stream is consumed by the first attempt |
 * | POST /jobs                   | yes     | idempotent by job_id: a repeat returns the job the lost answer created |
 * | POST /jobs/{id}/cancel       | yes     | cancelling twice is cancelling once                                   |
 * | GET /jobs/{id}/events (SSE)  | no      | not retried but replaced: the watcher falls back to polling           |
 * | `logs`: see log-client.ts    |         | reads and the row query yes; calls that create or change a log no      |
 *
 * Signed URLs (upload, download) are called without the bearer token: they may point at an object store, which must
 * never see it.
 */
import type { z } from 'zod';
import {
  API_PREFIX,
  ArtifactList,
  CreateJobResponse,
  Health,
  JobStatus,
  ListJobsResponse,
  PresignDownloadResponse,
  PresignUploadResponse,
  type CreateJobRequest,
  type ListJobsQuery,
  type PresignUploadRequest,
} from '../api/http.js';
import type { JobParametersInput, JobType } from '../api/job-types.js';
import { ResultEnvelope } from '../api/results.js';
import { ApiError, apiErrorFromResponse } from './api-error.js';
import { callJson, parseAnswer } from './parse-answer.js';
import { createLogClient, type LogClient } from './log-client.js';
import { childAbortController } from './abort-signals.js';
import { createHttpTransport, type RetryEvent } from './http-transport.js';
import { watchJob as watchJobWith, type WatchJobOptions } from './job-watcher.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { prepareUpload, type UploadBody } from './upload-body.js';

export interface ApiClientOptions {
  /** Server origin, optionally with a path prefix: `http://127.0.0.1:8710`. `/api/v1` is added by the client. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` to the API (never to signed URLs). */
  token?: string;
  /** Per attempt, for API calls; default 30000. */
  timeoutMs?: number;
  /**
   * Per attempt, for the signed upload and download; default 0 (no limit). axios enforces a wall-clock limit (XHR in
   * browsers, follow-redirects in Node), and a large file on a slow link legitimately takes minutes: bound transfers
   * with the AbortSignal instead.
   */
  transferTimeoutMs?: number;
  /** Retries after the first attempt; default 4. */
  retries?: number;
  /** Base of the full-jitter exponential backoff; default 500. */
  retryBaseDelayMs?: number;
  /** Cap of one wait, backoff or Retry-After; default 30000. */
  maxRetryDelayMs?: number;
  onRetry?: (event: RetryEvent) => void;
}

export interface UploadOptions {
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  signal?: AbortSignal;
  /** Needed for a stream body when the signed headers carry no content-length. */
  sizeBytes?: number;
}

export interface WaitForJobOptions extends WatchJobOptions {
  /** Overall limit for the job to finish; rejects with a `timeout` ApiError (the job keeps running). */
  timeoutMs?: number;
}

export interface DownloadedFile {
  bytes: Uint8Array;
  /** As the server names it: untrusted, never use it as a path without taking its base name. */
  fileName: string;
  contentType: string | null;
}

export interface SubmitAndWaitInput<K extends JobType = JobType> {
  file: { name: string; body: UploadBody; size: number; contentType: string };
  jobType: K;
  parameters?: JobParametersInput[K];
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Told the job id once the job exists (to print it, or to cancel it later). */
  onSubmitted?: (jobId: string) => void;
  onStatus?: (status: JobStatus) => void;
  /** Aborting stops uploading or watching; a job already created keeps running (cancel it with cancelJob). */
  signal?: AbortSignal;
  /** Overall limit for the job once submitted. */
  timeoutMs?: number;
  pollIntervalMs?: number;
}

export interface SubmitAndWaitResult {
  jobId: string;
  /** Terminal: completed, failed (see `status.error`) or cancelled. */
  status: JobStatus;
  /** Present when the job completed. */
  result?: ResultEnvelope;
}

export interface ApiClient {
  readonly baseUrl: string;
  health(options?: CallOptions): Promise<Health>;
  presignUpload(req: PresignUploadRequest, options?: CallOptions): Promise<PresignUploadResponse>;
  uploadFile(presign: PresignUploadResponse, body: UploadBody, options?: UploadOptions): Promise<void>;
  createJob(req: CreateJobRequest, options?: CallOptions): Promise<CreateJobResponse>;
  listJobs(query?: ListJobsQuery, options?: CallOptions): Promise<ListJobsResponse>;
  getStatus(jobId: string, options?: CallOptions): Promise<JobStatus>;
  watchJob(jobId: string, options?: WatchJobOptions): Promise<JobStatus>;
  waitForJob(jobId: string, options?: WaitForJobOptions): Promise<JobStatus>;
  listArtifacts(jobId: string, options?: CallOptions): Promise<ArtifactList>;
  presignDownload(jobId: string, fileKey: string, options?: CallOptions): Promise<PresignDownloadResponse>;
  download(jobId: string, fileKey: string, options?: CallOptions): Promise<DownloadedFile>;
  getResult(jobId: string, options?: CallOptions): Promise<ResultEnvelope>;
  cancelJob(jobId: string, options?: CallOptions): Promise<JobStatus>;
  submitAndWait<K extends JobType>(input: SubmitAndWaitInput<K>): Promise<SubmitAndWaitResult>;
  /** Experiment logs and domain profiles (`/api/v1/logs…`, `/api/v1/profiles`). */
  readonly logs: LogClient;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const authHeaders: Record<string, string> = options.token
    ? { authorization: `Bearer ${options.token}` }
    : {};
  const policy = {
    retries: options.retries ?? DEFAULT_RETRY_POLICY.retries,
    baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: options.maxRetryDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
  };
  const api = createHttpTransport({
    baseUrl: baseUrl + API_PREFIX,
    headers: authHeaders,
    timeoutMs: options.timeoutMs ?? 30_000,
    policy,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
  const signed = createHttpTransport({
    timeoutMs: options.transferTimeoutMs ?? 0,
    policy,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });

  /** One API call whose JSON answer must match `schema`. */
  const call = <S extends z.ZodType>(schema: S, req: Parameters<typeof callJson<S>>[2]) =>
    callJson(api, schema, req);

  const jobPath = (jobId: string, rest = ''): string => `/jobs/${encodeURIComponent(jobId)}${rest}`;

  const client: ApiClient = {
    baseUrl,
    logs: createLogClient(api),

    async health(opts) {
      const res = await api.request({
        method: 'GET',
        url: '/health',
        retry: true,
        responseType: 'json',
        // A degraded server answers 503 with the same body: that is an answer, not a failure.
        acceptStatus: (s) => s === 503,
        signal: opts?.signal,
      });
      if (res.status === 503 && !Health.safeParse(res.data).success) {
        throw apiErrorFromResponse(503, res.data, { method: 'GET', path: API_PREFIX + '/health' });
      }
      return parseAnswer(Health, res.data, 'GET', '/health');
    },

    presignUpload(req, opts) {
      return call(PresignUploadResponse, {
        method: 'POST',
        url: '/presign/upload',
        body: req,
        signal: opts?.signal,
      });
    },

    async uploadFile(presign, body, opts = {}) {
      const prepared = await prepareUpload(body, presign.headers, opts.sizeBytes);
      const total = prepared.sizeBytes;
      let reported = -1;
      const progress = (sent: number): void => {
        const clamped = Math.min(sent, total);
        if (clamped === reported) return;
        reported = clamped;
        opts.onProgress?.(clamped, total);
      };
      await signed.request({
        method: presign.method,
        url: presign.url,
        body: prepared.data,
        headers: prepared.headers,
        retry: prepared.replayable,
        responseType: 'bytes',
        signal: opts.signal,
        ...(opts.onProgress ? { onUploadProgress: progress } : {}),
      });
      // Progress events are throttled; make sure callers always see the end.
      if (opts.onProgress) progress(total);
    },

    createJob(req, opts) {
      return call(CreateJobResponse, { method: 'POST', url: '/jobs', body: req, signal: opts?.signal });
    },

    listJobs(query = {}, opts) {
      const params: Record<string, string | number | undefined> = {
        status: query.status,
        job_type: query.job_type,
        limit: query.limit === undefined ? undefined : Number(query.limit),
        offset: query.offset === undefined ? undefined : Number(query.offset),
      };
      return call(ListJobsResponse, { method: 'GET', url: '/jobs', params, signal: opts?.signal });
    },

    getStatus(jobId, opts) {
      return call(JobStatus, { method: 'GET', url: jobPath(jobId, '/status'), signal: opts?.signal });
    },

    watchJob(jobId, opts = {}) {
      return watchJobWith(
        {
          eventsUrl: baseUrl + API_PREFIX + jobPath(jobId, '/events'),
          headers: authHeaders,
          getStatus: (signal) => client.getStatus(jobId, signal ? { signal } : {}),
        },
        opts,
      );
    },

    async waitForJob(jobId, opts = {}) {
      const { timeoutMs, ...watchOptions } = opts;
      if (timeoutMs === undefined) return client.watchJob(jobId, watchOptions);
      const { controller, dispose } = childAbortController(opts.signal);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      try {
        return await client.watchJob(jobId, { ...watchOptions, signal: controller.signal });
      } catch (error) {
        if (timedOut) {
          throw new ApiError({
            kind: 'timeout',
            code: 'ZS_ERR_TIMEOUT',
            message: `job ${jobId} did not finish within ${timeoutMs} ms (it keeps running on the server)`,
          });
        }
        throw error;
      } finally {
        clearTimeout(timer);
        dispose();
      }
    },

    listArtifacts(jobId, opts) {
      return call(ArtifactList, { method: 'GET', url: jobPath(jobId, '/artifacts'), signal: opts?.signal });
    },

    presignDownload(jobId, fileKey, opts) {
      return call(PresignDownloadResponse, {
        method: 'POST',
        url: '/presign/download',
        body: { job_id: jobId, file_key: fileKey },
        signal: opts?.signal,
      });
    },

    async download(jobId, fileKey, opts) {
      const presign = await client.presignDownload(jobId, fileKey, opts);
      const res = await signed.request({
        method: presign.method,
        url: presign.url,
        headers: presign.headers,
        retry: true,
        responseType: 'bytes',
        signal: opts?.signal,
      });
      return {
        bytes: res.data as Uint8Array,
        fileName: presign.file_name,
        contentType: res.header('content-type'),
      };
    },

    getResult(jobId, opts) {
      return call(ResultEnvelope, { method: 'GET', url: jobPath(jobId, '/result'), signal: opts?.signal });
    },

    cancelJob(jobId, opts) {
      return call(JobStatus, { method: 'POST', url: jobPath(jobId, '/cancel'), signal: opts?.signal });
    },

    async submitAndWait(input) {
      const { signal } = input;
      const presign = await client.presignUpload(
        { filename: input.file.name, content_type: input.file.contentType, size_bytes: input.file.size },
        { signal },
      );
      await client.uploadFile(presign, input.file.body, {
        sizeBytes: input.file.size,
        ...(input.onProgress ? { onProgress: input.onProgress } : {}),
        ...(signal ? { signal } : {}),
      });
      const created = await client.createJob(
        {
          job_id: presign.job_id,
          job_type: input.jobType,
          input_key: presign.key,
          parameters: (input.parameters ?? {}) as Record<string, unknown>,
        },
        { signal },
      );
      input.onSubmitted?.(created.job_id);
      const status = await client.waitForJob(created.job_id, {
        ...(input.onStatus ? { onStatus: input.onStatus } : {}),
        ...(signal ? { signal } : {}),
        ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
        ...(input.pollIntervalMs !== undefined ? { pollIntervalMs: input.pollIntervalMs } : {}),
      });
      if (status.status !== 'completed') return { jobId: created.job_id, status };
      const result = await client.getResult(created.job_id, { signal });
      return { jobId: created.job_id, status, result };
    },
  };
  return client;
}
