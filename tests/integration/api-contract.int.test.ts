/** The API's answers to bad requests, over real HTTP: the right status, the one error envelope, the field named. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, ApiError, type ApiClient } from '../../src-shared/client/index.js';
import { ErrorEnvelope } from '../../src-shared/api/errors.js';
import { sign } from '../../backend/adapters/signed-url.js';
import { AVAILABLE_JOB_TYPES } from '../../backend/worker/available-job-types.js';
import { startTestBackend, type TestBackend } from '../support/test-backend.js';
import { linearCsv, uploadText } from '../support/upload.js';

let backend: TestBackend;
let client: ApiClient;

/** This server pretends it cannot run classification jobs, so the "not available" answer can be tested. */
const UNAVAILABLE = 'classification';

beforeAll(async () => {
  backend = await startTestBackend(
    {},
    { availableJobTypes: new Set([...AVAILABLE_JOB_TYPES].filter((t) => t !== UNAVAILABLE)) },
  );
  client = createApiClient({ baseUrl: backend.url, retries: 0 });
});
afterAll(async () => {
  await backend?.dispose();
});

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url.startsWith('http') ? url : backend.url + url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body:
      body === undefined
        ? undefined
        : typeof body === 'string' || body instanceof Uint8Array
          ? body
          : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

/** Sends a request path exactly as written (fetch would normalise `..` segments away). */
function rawRequest(method: string, pathAndQuery: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(backend.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: pathAndQuery }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function expectEnvelope(json: unknown, code: string) {
  const parsed = ErrorEnvelope.parse(json);
  expect(parsed.error.code).toBe(code);
  expect(JSON.stringify(json)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  return parsed.error;
}

describe('signed URLs', () => {
  it('a tampered signature is refused with 403', async () => {
    const presign = await client.presignUpload({
      filename: 'a.csv',
      content_type: 'text/csv',
      size_bytes: 4,
    });
    const url = new URL(presign.url);
    const sig = url.searchParams.get('sig')!;
    url.searchParams.set('sig', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
    const res = await call('PUT', url.toString(), 'a,b\n', presign.headers);
    expect(res.status).toBe(403);
    expect(expectEnvelope(res.json, 'ZS_ERR_FORBIDDEN').message).toMatch(/invalid|altered/);
  });

  it('a URL signed for another key, content type or length is refused with 403', async () => {
    const presign = await client.presignUpload({
      filename: 'a.csv',
      content_type: 'text/csv',
      size_bytes: 4,
    });
    expect((await call('PUT', presign.url, 'a,b\n', { 'content-type': 'text/plain' })).status).toBe(403);
    expect((await call('PUT', presign.url, 'a,b,c\n', presign.headers)).status).toBe(403);
    const otherKey = presign.url.replace('/a.csv?', '/b.csv?');
    expect((await call('PUT', otherKey, 'a,b\n', presign.headers)).status).toBe(403);
  });

  it('an expired signature is refused with 403 even though it is genuine', async () => {
    const secret = Buffer.from(
      (await readFile(path.join(backend.dataDir, 'signing.key'), 'utf8')).trim(),
      'hex',
    );
    const presign = await uploadText(client, 'old.csv', 'a,b\n1,2\n');
    const expires = Math.floor(Date.now() / 1000) - 5;
    const sig = sign(secret, { method: 'GET', key: presign.key, expires });
    const res = await call('GET', `/api/v1/blobs/${presign.key}?expires=${expires}&sig=${sig}`);
    expect(res.status).toBe(403);
    expect(expectEnvelope(res.json, 'ZS_ERR_FORBIDDEN').message).toMatch(/expired/);
    // The same key with a valid expiry is served, so the 403 was the expiry.
    const fresh = Math.floor(Date.now() / 1000) + 60;
    const ok = await fetch(
      `${backend.url}/api/v1/blobs/${presign.key}?expires=${fresh}&sig=${sign(secret, { method: 'GET', key: presign.key, expires: fresh })}`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('a,b\n1,2\n');
  });
});

describe('path traversal', () => {
  for (const filename of [
    '../../etc/passwd.csv',
    'a/b.csv',
    '..\\x.csv',
    'C:evil.csv',
    'nul.csv',
    '.. .csv',
  ]) {
    it(`filename ${JSON.stringify(filename)} → 400`, async () => {
      const res = await call('POST', '/api/v1/presign/upload', {
        filename,
        content_type: 'text/csv',
        size_bytes: 10,
      });
      expect(res.status).toBe(400);
      expect(expectEnvelope(res.json, 'ZS_ERR_BAD_REQUEST').message).toContain('filename');
    });
  }

  it('a key climbing out of the store in a blob URL → 400', async () => {
    for (const p of [
      '/api/v1/blobs/../signing.key',
      '/api/v1/blobs/inputs/%2e%2e/%2e%2e/signing.key',
      '/api/v1/blobs/inputs/..%2f..%2fsigning.key',
    ]) {
      const res = await rawRequest('GET', `${p}?expires=9999999999&sig=${'0'.repeat(64)}`);
      expect(res.status, `${p}: ${res.body}`).toBe(400);
      expectEnvelope(JSON.parse(res.body), 'ZS_ERR_BAD_REQUEST');
    }
    const res = await rawRequest(
      'PUT',
      `/api/v1/blobs/inputs/%2e%2e/%2e%2e/signing.key?expires=9999999999&sig=${'0'.repeat(64)}`,
    );
    expect(res.status).toBe(400);
  });

  it('a traversing file_key or input_key → 400', async () => {
    const presign = await uploadText(client, 'd.csv', linearCsv(10));
    const dl = await call('POST', '/api/v1/presign/download', {
      job_id: presign.job_id,
      file_key: '../signing.key',
    });
    expect(dl.status).toBe(400);
    expectEnvelope(dl.json, 'ZS_ERR_BAD_REQUEST');
    const job = await call('POST', '/api/v1/jobs', {
      job_id: presign.job_id,
      job_type: 'linear_analysis',
      input_key: 'inputs/../../signing.key',
      parameters: { target_column: 'y' },
    });
    expect(job.status).toBe(400);
  });
});

describe('job submission validation', () => {
  it('an unknown job type → 422 naming job_type', async () => {
    const presign = await uploadText(client, 'd.csv', linearCsv(10));
    const res = await call('POST', '/api/v1/jobs', {
      job_id: presign.job_id,
      job_type: 'astrology',
      input_key: presign.key,
    });
    expect(res.status).toBe(422);
    const err = expectEnvelope(res.json, 'ZS_ERR_VALIDATION');
    expect(err.message).toContain('job_type');
    expect(err.details).toEqual({ issues: [expect.objectContaining({ path: 'job_type' })] });
  });

  it('a bad or unknown parameter → 422 naming the field', async () => {
    const presign = await uploadText(client, 'd.csv', linearCsv(10));
    const res = await call('POST', '/api/v1/jobs', {
      job_id: presign.job_id,
      job_type: 'linear_analysis',
      input_key: presign.key,
      parameters: { target_column: 42, cv_splits: 1, colour: 'red' },
    });
    expect(res.status).toBe(422);
    const err = expectEnvelope(res.json, 'ZS_ERR_VALIDATION');
    const paths = (err.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['parameters.colour', 'parameters.cv_splits', 'parameters.target_column']);
    expect(err.message).toContain('parameters.target_column');
  });

  it('a missing required parameter → 422 naming it; the typed client surfaces it as ApiError', async () => {
    const presign = await uploadText(client, 'd.csv', linearCsv(10));
    const err = await client
      .createJob({
        job_id: presign.job_id,
        job_type: 'linear_analysis',
        input_key: presign.key,
        parameters: {},
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(422);
    expect((err as ApiError).message).toContain('parameters.target_column');
  });

  it('a job type this build cannot run yet → 422 that says so', async () => {
    const presign = await uploadText(client, 'd.csv', linearCsv(10));
    const res = await call('POST', '/api/v1/jobs', {
      job_id: presign.job_id,
      job_type: UNAVAILABLE,
      input_key: presign.key,
      parameters: { target_column: 'y' },
    });
    expect(res.status).toBe(422);
    expect(expectEnvelope(res.json, 'ZS_ERR_JOB_TYPE_UNAVAILABLE').message).toMatch(/not available/);
  });

  it('an input that was never uploaded → 422 naming input_key', async () => {
    const presign = await client.presignUpload({
      filename: 'never.csv',
      content_type: 'text/csv',
      size_bytes: 10,
    });
    const res = await call('POST', '/api/v1/jobs', {
      job_id: presign.job_id,
      job_type: 'linear_analysis',
      input_key: presign.key,
      parameters: { target_column: 'y' },
    });
    expect(res.status).toBe(422);
    expect(expectEnvelope(res.json, 'ZS_ERR_VALIDATION').message).toContain('input_key');
  });

  it('submission is idempotent by job_id; a different body → 409', async () => {
    const presign = await uploadText(client, 'd.csv', linearCsv(10));
    const body = {
      job_id: presign.job_id,
      job_type: 'linear_analysis',
      input_key: presign.key,
      parameters: { target_column: 'y' },
    };
    const first = await call('POST', '/api/v1/jobs', body);
    expect(first.status).toBe(201);
    // Same request, defaults spelled out: the same job.
    const again = await call('POST', '/api/v1/jobs', {
      ...body,
      parameters: { target_column: 'y', fit_intercept: true },
    });
    expect(again.status).toBe(200);
    expect((again.json as { job_id: string }).job_id).toBe(presign.job_id);
    const other = await call('POST', '/api/v1/jobs', { ...body, parameters: { target_column: 'a' } });
    expect(other.status).toBe(409);
    expectEnvelope(other.json, 'ZS_ERR_CONFLICT');
    const list = await client.listJobs({ limit: 500 });
    expect(list.jobs.filter((j) => j.job_id === presign.job_id)).toHaveLength(1);
  });

  it('unknown ids → 404; malformed ids and JSON → 4xx envelopes; the server keeps serving', async () => {
    const unknown = await call('GET', '/api/v1/jobs/6f0c7d3e-8a1b-4c5d-9e0f-123456789abc/status');
    expect(unknown.status).toBe(404);
    expectEnvelope(unknown.json, 'ZS_ERR_NOT_FOUND');
    expect((await call('GET', '/api/v1/jobs/not-a-uuid/status')).status).toBe(422);
    const badJson = await call('POST', '/api/v1/jobs', '{"job_id": ');
    expect(badJson.status).toBe(400);
    expectEnvelope(badJson.json, 'ZS_ERR_BAD_REQUEST');
    expect((await call('GET', '/api/v1/no-such-route')).status).toBe(404);
    expect((await client.health()).status).toBe('ok');
  });

  it('an upload larger than the limit is refused before any byte is sent → 413', async () => {
    const res = await call('POST', '/api/v1/presign/upload', {
      filename: 'big.csv',
      content_type: 'text/csv',
      size_bytes: 201 * 1024 * 1024,
    });
    expect(res.status).toBe(413);
  });
});

describe('documentation', () => {
  it('serves an OpenAPI document listing every public route', async () => {
    const res = await call('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/v1/health',
        '/api/v1/jobs',
        '/api/v1/jobs/{id}/artifacts',
        '/api/v1/jobs/{id}/cancel',
        '/api/v1/jobs/{id}/events',
        '/api/v1/jobs/{id}/result',
        '/api/v1/jobs/{id}/status',
        '/api/v1/logs',
        '/api/v1/logs/{log_id}',
        '/api/v1/logs/{log_id}/export',
        '/api/v1/logs/{log_id}/imports',
        '/api/v1/logs/{log_id}/job-input',
        '/api/v1/logs/{log_id}/planned',
        '/api/v1/logs/{log_id}/restore',
        '/api/v1/logs/{log_id}/revisions',
        '/api/v1/logs/{log_id}/rows/query',
        '/api/v1/logs/{log_id}/views',
        '/api/v1/logs/{log_id}/views/{view_id}',
        '/api/v1/presign/download',
        '/api/v1/presign/upload',
        '/api/v1/presign/upload/complete',
        '/api/v1/profiles',
        '/health',
      ].sort(),
    );
  });
});
