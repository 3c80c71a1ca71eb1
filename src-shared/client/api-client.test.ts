/**
 * Drives the client against a real HTTP server that scripts its answers, so retries, timeouts and broken sockets
 * are exercised through axios' real Node adapter rather than a mock.
 */
import http from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClientOptions } from './api-client.js';
import { ApiError, fieldIssuesOf } from './api-error.js';
import type { RetryEvent } from './http-transport.js';

interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
type Handler = (req: SeenRequest, res: http.ServerResponse, attempt: number) => void;

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server on 127.0.0.1:0; `attempt` counts requests to the same method + path, from 1. */
async function startServer(handler: Handler): Promise<{ url: string; seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      seen.push(request);
      const key = `${request.method} ${request.url.split('?')[0]}`;
      const attempt = (counts.get(key) ?? 0) + 1;
      counts.set(key, attempt);
      handler(request, res, attempt);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, seen };
}

function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function errorBody(code: string, message: string, details?: unknown): unknown {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

const JOB_ID = '0b7c5a2e-8f1d-4c3b-9a6e-2d4f5b6c7d8e';
const NOW = '2025-01-01T00:00:00.000Z';

function jobStatus(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_id: JOB_ID,
    job_type: 'linear_analysis',
    status: 'running',
    progress: 40,
    stage: 'fitting',
    message: 'Fitting',
    error: null,
    attempts: 1,
    input_key: `inputs/${JOB_ID}/data.csv`,
    parameters: { target_column: 'y' },
    created_at: NOW,
    updated_at: NOW,
    started_at: NOW,
    finished_at: null,
    ...overrides,
  };
}

function client(url: string, options: Partial<ApiClientOptions> = {}) {
  return createApiClient({ baseUrl: url, retryBaseDelayMs: 1, timeoutMs: 2000, ...options });
}

async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('retries', () => {
  it('repeats a GET after 503 twice and returns the parsed answer', async () => {
    const server = await startServer((_req, res, attempt) => {
      if (attempt <= 2) json(res, 503, errorBody('ZS_ERR_UNAVAILABLE', 'db down'));
      else json(res, 200, jobStatus());
    });
    const retries: RetryEvent[] = [];
    const status = await client(server.url, { onRetry: (e) => retries.push(e) }).getStatus(JOB_ID);
    expect(status.progress).toBe(40);
    expect(server.seen).toHaveLength(3);
    expect(retries.map((r) => [r.retryNumber, r.error.code, r.error.status])).toEqual([
      [1, 'ZS_ERR_UNAVAILABLE', 503],
      [2, 'ZS_ERR_UNAVAILABLE', 503],
    ]);
    expect(retries[0]?.path).toBe(`/api/v1/jobs/${JOB_ID}/status`);
  });

  it('waits for Retry-After (seconds) on 429', async () => {
    const server = await startServer((_req, res, attempt) => {
      if (attempt === 1)
        json(res, 429, errorBody('ZS_ERR_RATE_LIMITED', 'slow down'), { 'retry-after': '1' });
      else json(res, 200, { jobs: [], total: 0, limit: 50, offset: 0 });
    });
    const started = Date.now();
    const list = await client(server.url).listJobs();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(list.total).toBe(0);
    expect(server.seen).toHaveLength(2);
  });

  it('caps a long Retry-After', async () => {
    const server = await startServer((_req, res, attempt) => {
      if (attempt === 1) json(res, 503, errorBody('ZS_ERR_UNAVAILABLE', 'later'), { 'retry-after': '3600' });
      else json(res, 200, jobStatus());
    });
    const delays: number[] = [];
    await client(server.url, { maxRetryDelayMs: 20, onRetry: (e) => delays.push(e.delayMs) }).getStatus(
      JOB_ID,
    );
    expect(delays).toEqual([20]);
  });

  it('never repeats a 400, and surfaces the server message and code', async () => {
    const server = await startServer((_req, res) =>
      json(res, 400, errorBody('ZS_ERR_BAD_REQUEST', 'unsafe file name')),
    );
    const error = await apiErrorOf(
      client(server.url).presignUpload({ filename: '../x.csv', content_type: 'text/csv', size_bytes: 3 }),
    );
    expect(server.seen).toHaveLength(1);
    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      code: 'ZS_ERR_BAD_REQUEST',
      message: 'unsafe file name',
    });
    expect(error.isClientError).toBe(true);
  });

  it('reports the fields of a 422 without repeating it', async () => {
    const issues = [{ path: 'parameters.target_column', message: 'Required' }];
    const server = await startServer((_req, res) =>
      json(res, 422, errorBody('ZS_ERR_VALIDATION', 'invalid', issues)),
    );
    const error = await apiErrorOf(
      client(server.url).createJob({
        job_id: JOB_ID,
        job_type: 'linear_analysis',
        input_key: 'k',
        parameters: {},
      }),
    );
    expect(server.seen).toHaveLength(1);
    expect(error.code).toBe('ZS_ERR_VALIDATION');
    expect(fieldIssuesOf(error)).toEqual(issues);
  });

  it('does not repeat a 409 on POST /jobs', async () => {
    const server = await startServer((_req, res) =>
      json(res, 409, errorBody('ZS_ERR_CONFLICT', 'different body')),
    );
    const error = await apiErrorOf(
      client(server.url).createJob({ job_id: JOB_ID, job_type: 'linear_analysis', input_key: 'k' }),
    );
    expect(server.seen).toHaveLength(1);
    expect(error.code).toBe('ZS_ERR_CONFLICT');
  });

  it('repeats POST /presign/upload after 500 (a repeat only mints an unused job id)', async () => {
    const server = await startServer((req, res, attempt) => {
      if (attempt <= 2) return json(res, 500, errorBody('ZS_ERR_INTERNAL', 'boom'));
      expect(JSON.parse(req.body.toString())).toEqual({
        filename: 'a.csv',
        content_type: 'text/csv',
        size_bytes: 3,
      });
      json(res, 200, {
        job_id: JOB_ID,
        bucket: 'b',
        key: `inputs/${JOB_ID}/a.csv`,
        url: 'http://127.0.0.1:1/upload',
        method: 'PUT',
        headers: { 'content-type': 'text/csv' },
        expires_in: 900,
      });
    });
    const presign = await client(server.url).presignUpload({
      filename: 'a.csv',
      content_type: 'text/csv',
      size_bytes: 3,
    });
    expect(presign.job_id).toBe(JOB_ID);
    expect(server.seen).toHaveLength(3);
  });

  it('repeats POST /jobs after a 503 (idempotent by job_id)', async () => {
    const server = await startServer((_req, res, attempt) => {
      if (attempt === 1) json(res, 503, errorBody('ZS_ERR_UNAVAILABLE', 'later'));
      else json(res, 200, { job_id: JOB_ID, status: 'queued' });
    });
    const created = await client(server.url).createJob({
      job_id: JOB_ID,
      job_type: 'optimization',
      input_key: 'k',
    });
    expect(created.status).toBe('queued');
    expect(server.seen).toHaveLength(2);
    expect(server.seen[0]?.body.toString()).toBe(server.seen[1]?.body.toString());
  });

  it('repeats after the server destroys the socket', async () => {
    const server = await startServer((_req, res, attempt) => {
      if (attempt === 1) res.socket?.destroy();
      else json(res, 200, jobStatus({ status: 'queued' }));
    });
    const status = await client(server.url).getStatus(JOB_ID);
    expect(status.status).toBe('queued');
    expect(server.seen).toHaveLength(2);
  });

  it('gives up with a network error after the last retry', async () => {
    const server = await startServer((_req, res) => res.socket?.destroy());
    const error = await apiErrorOf(client(server.url, { retries: 2 }).cancelJob(JOB_ID));
    expect(server.seen).toHaveLength(3);
    expect(error).toMatchObject({ kind: 'network', code: 'ZS_ERR_NETWORK', status: null, method: 'POST' });
  });

  it('reports a refused connection as a network error', async () => {
    const server = await startServer(() => {});
    const port = new URL(server.url).port;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const error = await apiErrorOf(client(`http://127.0.0.1:${port}`, { retries: 1 }).health());
    expect(error.kind).toBe('network');
    expect(error.details).toEqual({ cause: 'ECONNREFUSED' });
  });

  it('repeats after a timeout, with a fresh timeout per attempt', async () => {
    const server = await startServer((_req, res, attempt) => {
      if (attempt === 1) return; // never answers
      json(res, 200, jobStatus());
    });
    const status = await client(server.url, { timeoutMs: 150 }).getStatus(JOB_ID);
    expect(status.job_id).toBe(JOB_ID);
    expect(server.seen).toHaveLength(2);
  });

  it('reports a timeout when no attempt is answered', async () => {
    const server = await startServer(() => {});
    const error = await apiErrorOf(client(server.url, { timeoutMs: 80, retries: 1 }).getStatus(JOB_ID));
    expect(server.seen).toHaveLength(2);
    expect(error).toMatchObject({ kind: 'timeout', code: 'ZS_ERR_TIMEOUT' });
  });

  it('maps a non-JSON 502 page to ZS_ERR_UNAVAILABLE after retrying', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    });
    const error = await apiErrorOf(client(server.url, { retries: 1 }).getStatus(JOB_ID));
    expect(server.seen).toHaveLength(2);
    expect(error).toMatchObject({ kind: 'http', status: 502, code: 'ZS_ERR_UNAVAILABLE' });
  });
});

describe('answers and errors', () => {
  it('rejects an answer that breaks the contract, without retrying', async () => {
    const server = await startServer((_req, res) => json(res, 200, jobStatus({ progress: 'half' })));
    const error = await apiErrorOf(client(server.url).getStatus(JOB_ID));
    expect(server.seen).toHaveLength(1);
    expect(error.kind).toBe('invalid_response');
    expect(error.details).toEqual([expect.objectContaining({ path: 'progress' })]);
  });

  it('rejects with an aborted error when the signal fires', async () => {
    const server = await startServer(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await apiErrorOf(client(server.url).getStatus(JOB_ID, { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(server.seen).toHaveLength(1);
  });

  it('never exposes axios internals or the token on errors', async () => {
    const server = await startServer((_req, res) =>
      json(res, 404, errorBody('ZS_ERR_NOT_FOUND', 'no such job')),
    );
    const error = await apiErrorOf(client(server.url, { token: 's3cret' }).getStatus(JOB_ID));
    expect(Object.keys(error).sort()).toEqual([
      'code',
      'details',
      'kind',
      'method',
      'name',
      'path',
      'retryAfterMs',
      'status',
    ]);
    expect(JSON.stringify(error)).not.toContain('s3cret');
    expect(error.cause).toBeUndefined();
  });

  it('sends the bearer token to the API and builds query strings', async () => {
    const server = await startServer((_req, res) =>
      json(res, 200, { jobs: [jobStatus()], total: 1, limit: 5, offset: 0 }),
    );
    const list = await client(server.url, { token: 'tok' }).listJobs({ status: 'running', limit: 5 });
    expect(list.jobs[0]?.job_id).toBe(JOB_ID);
    expect(server.seen[0]?.headers.authorization).toBe('Bearer tok');
    expect(server.seen[0]?.url).toBe('/api/v1/jobs?status=running&limit=5');
  });

  it('treats a degraded 503 health answer as an answer', async () => {
    const health = {
      status: 'degraded',
      version: '0.1.0',
      mode: 'all',
      checks: { db: 'error', storage: 'ok', queue: 'ok' },
    };
    const server = await startServer((_req, res) => json(res, 503, health));
    await expect(client(server.url).health()).resolves.toEqual(health);
    expect(server.seen).toHaveLength(1);
  });

  it('parses the result envelope', async () => {
    const envelope = {
      job_id: JOB_ID,
      job_type: 'prediction',
      schema_version: 1,
      engine_version: '0.1.0',
      input_sha256: 'a'.repeat(64),
      started_at: NOW,
      finished_at: NOW,
      warnings: [],
      parameters: { model_job_id: JOB_ID },
      body: { model_job_id: JOB_ID, n: 3, columns: ['y_hat'] },
    };
    const server = await startServer((_req, res) => json(res, 200, envelope));
    const result = await client(server.url).getResult(JOB_ID);
    expect(result.job_type).toBe('prediction');
  });
});

describe('signed transfers', () => {
  function presignFor(url: string, headers: Record<string, string>) {
    return {
      job_id: JOB_ID,
      bucket: 'b',
      key: `inputs/${JOB_ID}/a.csv`,
      url,
      method: 'PUT' as const,
      headers,
      expires_in: 900,
    };
  }

  it('PUTs bytes with exactly the signed headers, without the token, and reports progress to the end', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200);
      res.end();
    });
    const bytes = new TextEncoder().encode('x,y\n1,2\n');
    const progress: Array<[number, number]> = [];
    await client(server.url, { token: 'tok' }).uploadFile(
      presignFor(`${server.url}/blob/upload?sig=abc`, {
        'content-type': 'text/csv',
        'x-amz-meta-job': JOB_ID,
      }),
      bytes,
      { onProgress: (sent, total) => progress.push([sent, total]) },
    );
    const put = server.seen[0]!;
    expect(put.method).toBe('PUT');
    expect(put.url).toBe('/blob/upload?sig=abc');
    expect(put.body.toString()).toBe('x,y\n1,2\n');
    expect(put.headers['content-type']).toBe('text/csv');
    expect(put.headers['content-length']).toBe(String(bytes.byteLength));
    expect(put.headers['x-amz-meta-job']).toBe(JOB_ID);
    expect(put.headers.authorization).toBeUndefined();
    expect(progress.at(-1)).toEqual([bytes.byteLength, bytes.byteLength]);
  });

  it('sends only the viewed bytes of a subarray', async () => {
    const server = await startServer((_req, res) => res.end());
    const backing = new TextEncoder().encode('--abc--');
    await client(server.url).uploadFile(
      presignFor(`${server.url}/u`, { 'content-type': 'text/plain' }),
      backing.subarray(2, 5),
    );
    expect(server.seen[0]?.body.toString()).toBe('abc');
  });

  it('keeps the signed content type of a Blob of another type', async () => {
    const server = await startServer((_req, res) => res.end());
    const blob = new Blob(['a,b\n'], { type: 'application/octet-stream' });
    await client(server.url).uploadFile(presignFor(`${server.url}/u`, { 'content-type': 'text/csv' }), blob);
    expect(server.seen[0]?.headers['content-type']).toBe('text/csv');
    expect(server.seen[0]?.body.toString()).toBe('a,b\n');
  });

  it('repeats a PUT of bytes after a 503', async () => {
    const server = await startServer((_req, res, attempt) => {
      res.writeHead(attempt === 1 ? 503 : 200);
      res.end();
    });
    await client(server.url).uploadFile(
      presignFor(`${server.url}/u`, { 'content-type': 'text/csv' }),
      new Uint8Array([1, 2, 3]),
    );
    expect(server.seen).toHaveLength(2);
    expect([...server.seen[1]!.body]).toEqual([1, 2, 3]);
  });

  it('streams a Node stream with the signed length, and does not repeat it', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const stream = Readable.from([Buffer.from('ab'), Buffer.from('cd')]);
    const error = await apiErrorOf(
      client(server.url).uploadFile(presignFor(`${server.url}/u`, { 'content-type': 'text/csv' }), stream, {
        sizeBytes: 4,
      }),
    );
    expect(error.status).toBe(503);
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]?.headers['content-length']).toBe('4');
    expect(server.seen[0]?.body.toString()).toBe('abcd');
  });

  it('refuses bytes whose size differs from the signed content-length', async () => {
    const server = await startServer((_req, res) => res.end());
    await expect(
      client(server.url).uploadFile(
        presignFor(`${server.url}/u`, { 'content-type': 'text/csv', 'content-length': '10' }),
        new Uint8Array(3),
      ),
    ).rejects.toThrow(RangeError);
    expect(server.seen).toHaveLength(0);
  });

  it('aborts an upload', async () => {
    const server = await startServer(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await apiErrorOf(
      client(server.url).uploadFile(
        presignFor(`${server.url}/u`, { 'content-type': 'text/csv' }),
        new Uint8Array(10),
        {
          signal: controller.signal,
        },
      ),
    );
    expect(error.kind).toBe('aborted');
  });

  it('downloads an artifact through a signed GET', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/api/v1/presign/download') {
        expect(JSON.parse(req.body.toString())).toEqual({
          job_id: JOB_ID,
          file_key: `outputs/${JOB_ID}/r.csv`,
        });
        return json(res, 200, {
          url: `${server.url}/blob/r.csv?sig=1`,
          method: 'GET',
          headers: {},
          expires_in: 60,
          file_name: 'r.csv',
        });
      }
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end('a\n1\n');
    });
    const file = await client(server.url, { token: 'tok' }).download(JOB_ID, `outputs/${JOB_ID}/r.csv`);
    expect(new TextDecoder().decode(file.bytes)).toBe('a\n1\n');
    expect(file).toMatchObject({ fileName: 'r.csv', contentType: 'text/csv' });
    expect(file.bytes.constructor).toBe(Uint8Array);
    expect(server.seen[0]?.headers.authorization).toBe('Bearer tok');
    expect(server.seen[1]?.headers.authorization).toBeUndefined();
  });
});

describe('submitAndWait', () => {
  it('presigns, uploads, creates the job, follows it and fetches the result', async () => {
    const envelope = {
      job_id: JOB_ID,
      job_type: 'pareto',
      schema_version: 1,
      engine_version: '0.1.0',
      input_sha256: 'b'.repeat(64),
      started_at: NOW,
      finished_at: NOW,
      warnings: [],
      parameters: { objectives: [{ column: 'a' }, { column: 'b', direction: 'max' }] },
      body: {
        objectives: [{ column: 'a', direction: 'min' }],
        n_evaluated: 2,
        n_front: 1,
        front: [{ a: 1 }],
      },
    };
    const server = await startServer((req, res) => {
      const path = req.url.split('?')[0];
      if (path === '/api/v1/presign/upload') {
        return json(res, 200, {
          job_id: JOB_ID,
          bucket: 'b',
          key: `inputs/${JOB_ID}/d.csv`,
          url: `${server.url}/blob/put`,
          method: 'PUT',
          headers: { 'content-type': 'text/csv' },
          expires_in: 900,
        });
      }
      if (path === '/blob/put') return res.end();
      if (path === '/api/v1/jobs') return json(res, 201, { job_id: JOB_ID, status: 'queued' });
      if (path === `/api/v1/jobs/${JOB_ID}/events`) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`event: status\ndata: ${JSON.stringify(jobStatus({ job_type: 'pareto' }))}\n\n`);
        res.end(
          `event: status\ndata: ${JSON.stringify(jobStatus({ job_type: 'pareto', status: 'completed', progress: 100 }))}\n\n`,
        );
        return;
      }
      if (path === `/api/v1/jobs/${JOB_ID}/result`) return json(res, 200, envelope);
      json(res, 404, errorBody('ZS_ERR_NOT_FOUND', path ?? ''));
    });
    const statuses: string[] = [];
    const submitted: string[] = [];
    const outcome = await client(server.url).submitAndWait({
      file: { name: 'd.csv', body: new TextEncoder().encode('a,b\n1,2\n'), size: 8, contentType: 'text/csv' },
      jobType: 'pareto',
      parameters: { objectives: [{ column: 'a' }, { column: 'b', direction: 'max' }] },
      onSubmitted: (id) => submitted.push(id),
      onStatus: (s) => statuses.push(s.status),
    });
    expect(outcome.status.status).toBe('completed');
    expect(outcome.result?.job_type).toBe('pareto');
    expect(submitted).toEqual([JOB_ID]);
    expect(statuses).toEqual(['running', 'completed']);
    const create = server.seen.find((r) => r.url === '/api/v1/jobs')!;
    expect(JSON.parse(create.body.toString())).toEqual({
      job_id: JOB_ID,
      job_type: 'pareto',
      input_key: `inputs/${JOB_ID}/d.csv`,
      parameters: { objectives: [{ column: 'a' }, { column: 'b', direction: 'max' }] },
    });
  });
});
