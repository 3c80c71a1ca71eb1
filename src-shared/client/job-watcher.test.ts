/**
 * Follows jobs over a real HTTP server: a stream split in awkward places, and every way a stream can fail (refused,
 * closed early, broken, silent), each of which must end in polling rather than in a lost outcome.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from './api-client.js';
import { ApiError } from './api-error.js';

const JOB_ID = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const NOW = '2025-01-01T00:00:00.000Z';
const EVENTS = `/api/v1/jobs/${JOB_ID}/events`;
const STATUS = `/api/v1/jobs/${JOB_ID}/status`;

function jobStatus(status: string, progress: number): Record<string, unknown> {
  return {
    job_id: JOB_ID,
    job_type: 'optimization',
    status,
    progress,
    stage: status === 'running' ? 'selecting_points' : null,
    message: null,
    error: null,
    attempts: 1,
    input_key: `inputs/${JOB_ID}/d.csv`,
    parameters: {},
    created_at: NOW,
    updated_at: NOW,
    started_at: NOW,
    finished_at: status === 'completed' ? NOW : null,
  };
}

const statusEvent = (status: string, progress: number): string =>
  `event: status\r\ndata: ${JSON.stringify(jobStatus(status, progress))}\r\n\r\n`;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function startServer(handler: Handler): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, hits };
}

/** Answers status polls with `sequence` in order, repeating the last one. */
function pollAnswers(sequence: Array<[string, number]>): (res: http.ServerResponse) => void {
  let i = 0;
  return (res) => {
    const [status, progress] = sequence[Math.min(i++, sequence.length - 1)]!;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(jobStatus(status, progress)));
  };
}

const client = (url: string) =>
  createApiClient({ baseUrl: url, retryBaseDelayMs: 1, retries: 1, timeoutMs: 2000 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watchJob over server-sent events', () => {
  it('reports every status from events split across chunks and resolves with the terminal one', async () => {
    const server = await startServer(async (req, res) => {
      if (req.url !== EVENTS) return res.writeHead(500).end();
      expect(req.headers.accept).toBe('text/event-stream');
      expect(req.headers.authorization).toBe('Bearer tok');
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
      const text =
        ': connected\n\n' +
        statusEvent('queued', 0) +
        statusEvent('running', 30) +
        statusEvent('running', 30) +
        statusEvent('completed', 100);
      // Cut inside a field name, inside the JSON, and between CR and LF.
      const cuts = [5, 20, text.indexOf('\r\n') + 1, 400, text.length - 3];
      let from = 0;
      for (const cut of cuts) {
        res.write(text.slice(from, cut));
        from = cut;
        await sleep(5);
      }
      res.end(text.slice(from));
    });
    const seen: string[] = [];
    const final = await createApiClient({ baseUrl: server.url, token: 'tok' }).watchJob(JOB_ID, {
      onStatus: (s) => seen.push(`${s.status}:${s.progress}`),
    });
    expect(final.status).toBe('completed');
    expect(seen).toEqual(['queued:0', 'running:30', 'completed:100']);
    expect(server.hits).toEqual([EVENTS]);
  });

  it('rejects a status event that breaks the contract', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('event: status\ndata: {"job_id":"nope"}\n\n');
    });
    const error = await client(server.url)
      .watchJob(JOB_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('invalid_response');
  });
});

describe('watchJob falls back to polling', () => {
  async function watchWithFallback(events: Handler) {
    const poll = pollAnswers([
      ['running', 50],
      ['running', 50],
      ['completed', 100],
    ]);
    const server = await startServer((req, res) => (req.url === STATUS ? poll(res) : events(req, res)));
    const seen: string[] = [];
    const reasons: string[] = [];
    const final = await client(server.url).watchJob(JOB_ID, {
      pollIntervalMs: 10,
      streamIdleTimeoutMs: 200,
      onStatus: (s) => seen.push(`${s.status}:${s.progress}`),
      onFallbackToPolling: (r) => reasons.push(r),
    });
    return { final, seen, reasons, hits: server.hits };
  }

  it('when the events endpoint answers 404', async () => {
    const out = await watchWithFallback((_req, res) =>
      res.writeHead(404, { 'content-type': 'application/json' }).end('{}'),
    );
    expect(out.final.status).toBe('completed');
    expect(out.seen).toEqual(['running:50', 'completed:100']);
    expect(out.reasons).toEqual(['HTTP 404 from the events endpoint']);
    expect(out.hits.filter((h) => h === STATUS)).toHaveLength(3);
  });

  it('when the stream closes immediately', async () => {
    const out = await watchWithFallback((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/event-stream' }).end(),
    );
    expect(out.final.status).toBe('completed');
    expect(out.reasons).toEqual(['the event stream ended before the job did']);
  });

  it('when the endpoint is not an event stream', async () => {
    const out = await watchWithFallback((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>'),
    );
    expect(out.final.status).toBe('completed');
    expect(out.reasons[0]).toContain('text/html');
  });

  it('when the connection breaks mid-stream, keeping what the stream reported', async () => {
    const out = await watchWithFallback((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(statusEvent('queued', 0));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(out.final.status).toBe('completed');
    expect(out.seen).toEqual(['queued:0', 'running:50', 'completed:100']);
    expect(out.reasons).toHaveLength(1);
  });

  it('when the stream stays silent', async () => {
    const out = await watchWithFallback((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hello\n\n');
    });
    expect(out.final.status).toBe('completed');
    expect(out.reasons).toEqual(['the event stream was silent for 200 ms']);
  });

  it('when the server is not there at all, then rejects with the polling error', async () => {
    const server = await startServer(() => {});
    const port = new URL(server.url).port;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const error = await client(`http://127.0.0.1:${port}`)
      .watchJob(JOB_ID, { pollIntervalMs: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('network');
  });

  it('rejects at once when polling finds no such job', async () => {
    const server = await startServer((req, res) =>
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'ZS_ERR_NOT_FOUND', message: 'no such job' } })),
    );
    const error = await client(server.url)
      .watchJob(JOB_ID, { pollIntervalMs: 1 })
      .catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('ZS_ERR_NOT_FOUND');
    expect(server.hits).toEqual([EVENTS, STATUS]);
  });

  it('rides out a few failed polls', async () => {
    let polls = 0;
    const server = await startServer((req, res) => {
      if (req.url !== STATUS) return res.writeHead(404).end();
      polls++;
      if (polls <= 4) return res.writeHead(503).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jobStatus('failed', 60)));
    });
    const final = await createApiClient({ baseUrl: server.url, retries: 0 }).watchJob(JOB_ID, {
      pollIntervalMs: 1,
    });
    expect(final.status).toBe('failed');
    expect(polls).toBe(5);
  });
});

describe('waitForJob', () => {
  it('rejects with a timeout when the job does not finish in time', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(statusEvent('running', 10));
    });
    const started = Date.now();
    const error = await client(server.url)
      .waitForJob(JOB_ID, { timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('ZS_ERR_TIMEOUT');
  });

  it('rejects with aborted when the caller aborts while polling', async () => {
    const poll = pollAnswers([['running', 1]]);
    const server = await startServer((req, res) =>
      req.url === STATUS ? poll(res) : res.writeHead(404).end(),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await client(server.url)
      .waitForJob(JOB_ID, { signal: controller.signal, pollIntervalMs: 5, timeoutMs: 5000 })
      .catch((e: unknown) => e);
    expect((error as ApiError).kind).toBe('aborted');
  });
});
