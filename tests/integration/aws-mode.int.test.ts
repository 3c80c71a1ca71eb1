/**
 * The whole backend configured for AWS (BLOB_STORE=s3, QUEUE=sqs) against the local S3 and SQS stand-ins: upload by
 * presigned PUT straight to the store, a job through the outbox and SQS, results by presigned GET, health of all
 * three dependencies, and a multipart upload through the API's part URLs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type RunningBackend } from '../../backend/app/start-backend.js';
import { createApiClient, type ApiClient } from '../../src-shared/client/index.js';
import { CompleteUploadResponse, PresignUploadResponse } from '../../src-shared/api/http.js';
import { FAST_TEST_ENV } from '../support/test-backend.js';
import { linearCsv, uploadText } from '../support/upload.js';
import {
  LOCAL_S3_KEY,
  LOCAL_SQS_KEY,
  startLocalS3,
  startLocalSqs,
  type LocalS3,
  type LocalSqs,
} from './local-aws.js';

const MiB = 1024 * 1024;
let s3: LocalS3;
let sqs: LocalSqs;
let backend: RunningBackend;
let dataDir: string;
let client: ApiClient;
let queueUrl: string;

beforeAll(async () => {
  [s3, sqs] = await Promise.all([startLocalS3(['aws-inputs', 'aws-outputs']), startLocalSqs()]);
  const urls = await sqs.createQueues(`zs-${randomUUID().slice(0, 8)}`, 3);
  queueUrl = urls.queueUrl;
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-aws-'));
  backend = await startBackend({
    mode: 'all',
    host: '127.0.0.1',
    port: 0,
    dataDir,
    env: {
      ...FAST_TEST_ENV,
      BLOB_STORE: 's3',
      S3_INPUTS_BUCKET: 'aws-inputs',
      S3_OUTPUTS_BUCKET: 'aws-outputs',
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: LOCAL_S3_KEY.accessKeyId,
      S3_SECRET_ACCESS_KEY: LOCAL_S3_KEY.secretAccessKey,
      S3_MULTIPART_THRESHOLD_BYTES: String(5 * MiB),
      S3_PART_SIZE_BYTES: String(5 * MiB),
      QUEUE: 'sqs',
      SQS_QUEUE_URL: urls.queueUrl,
      SQS_DLQ_URL: urls.dlqUrl,
      SQS_ENDPOINT: sqs.endpoint,
      SQS_ACCESS_KEY_ID: LOCAL_SQS_KEY.accessKeyId,
      SQS_SECRET_ACCESS_KEY: LOCAL_SQS_KEY.secretAccessKey,
      SQS_WAIT_TIME_SECONDS: '1',
      SQS_RELAY_INTERVAL_MS: '100',
    },
  });
  client = createApiClient({ baseUrl: backend.url!, retryBaseDelayMs: 20 });
});

afterAll(async () => {
  await backend?.close();
  await Promise.all([s3?.stop(), sqs?.stop()]);
  await rm(dataDir, { recursive: true, force: true });
});

describe('backend on S3 and SQS', () => {
  it('reports the store and the queue healthy', async () => {
    expect((await client.health()).checks).toEqual({ db: 'ok', storage: 'ok', queue: 'ok' });
  });

  it('runs a job uploaded to S3, queued through SQS, with its results served from S3', async () => {
    const presign = await uploadText(client, 'runs.csv', linearCsv(30));
    expect(new URL(presign.url).origin).toBe(s3.endpoint);
    expect(presign.multipart).toBeUndefined();
    await client.createJob({
      job_id: presign.job_id,
      job_type: 'linear_analysis',
      input_key: presign.key,
      parameters: { target_column: 'y' },
    });
    const done = await client.waitForJob(presign.job_id, { timeoutMs: 60_000, pollIntervalMs: 100 });
    expect(done).toMatchObject({ status: 'completed', attempts: 1 });
    const result = await client.getResult(presign.job_id);
    if (result.job_type !== 'linear_analysis') throw new Error('wrong type');
    expect(result.body.targets[0]!.n).toBe(30);
    const { artifacts } = await client.listArtifacts(presign.job_id);
    const signed = await client.presignDownload(presign.job_id, artifacts[0]!.file_key);
    expect(new URL(signed.url).origin).toBe(s3.endpoint);
    // The queue message was deleted when the job completed.
    expect(await sqs.depth(queueUrl)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('offers part URLs above the threshold and joins the parts on complete', async () => {
    const size = 5 * MiB + 4096;
    const res = await fetch(`${backend.url}/api/v1/presign/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'big.csv', content_type: 'text/csv', size_bytes: size }),
    });
    const presign = PresignUploadResponse.parse(await res.json());
    const plan = presign.multipart!;
    expect(plan.parts.map((p) => p.size_bytes)).toEqual([5 * MiB, 4096]);
    const bytes = new Uint8Array(size).fill(0x41);
    const parts: Array<{ part_number: number; etag: string }> = [];
    let offset = 0;
    for (const part of plan.parts) {
      const put = await fetch(part.url, {
        method: 'PUT',
        headers: part.headers,
        body: bytes.subarray(offset, offset + part.size_bytes),
      });
      expect(put.status).toBe(200);
      parts.push({ part_number: part.part_number, etag: put.headers.get('etag')! });
      offset += part.size_bytes;
    }
    const complete = async (chosen: typeof parts) =>
      fetch(`${backend.url}/api/v1/presign/upload/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ job_id: presign.job_id, upload_id: plan.upload_id, parts: chosen }),
      });
    // Leaving a part out joins a shorter file, which the API refuses against the reserved size.
    const partial = await complete(parts.slice(0, 1));
    expect(partial.status).toBe(422);
    expect(await partial.text()).toContain(`${size} were reserved`);
  });

  it('joins all the parts of a multipart upload into the reserved size', async () => {
    const size = 5 * MiB + 10;
    const presign = PresignUploadResponse.parse(
      await (
        await fetch(`${backend.url}/api/v1/presign/upload`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ filename: 'big2.csv', content_type: 'text/csv', size_bytes: size }),
        })
      ).json(),
    );
    const bytes = new Uint8Array(size).fill(0x42);
    const parts: Array<{ part_number: number; etag: string }> = [];
    let offset = 0;
    for (const part of presign.multipart!.parts) {
      const put = await fetch(part.url, {
        method: 'PUT',
        headers: part.headers,
        body: bytes.subarray(offset, offset + part.size_bytes),
      });
      parts.push({ part_number: part.part_number, etag: put.headers.get('etag')! });
      offset += part.size_bytes;
    }
    const res = await fetch(`${backend.url}/api/v1/presign/upload/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ job_id: presign.job_id, upload_id: presign.multipart!.upload_id, parts }),
    });
    expect(res.status).toBe(200);
    expect(CompleteUploadResponse.parse(await res.json())).toEqual({
      job_id: presign.job_id,
      key: presign.key,
      size_bytes: size,
    });
  });
});
