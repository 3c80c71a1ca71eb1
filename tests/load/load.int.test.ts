/**
 * Load: one API and two worker processes on PostgreSQL; N submissions (upload + job) fired at once while M clients
 * poll job status, until every job has completed. Proves the API answers every request (no error other than a
 * deliberate 429 from the rate limit, which stays on with a budget this run does not reach) and that every job
 * completes; prints p50/p99 latencies, which are figures to watch, never asserted (timings depend on the machine).
 *
 * Sizes come from the environment: the default is the bounded run that is part of `npx vitest run`;
 * `npm run test:load` runs the full one (1,000 submissions, 200 pollers).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type ApiClient } from '../../src-shared/client/index.js';
import { spawnServer } from '../support/server-process.js';
import { openScratchTeamServer, type ScratchTeamServer } from '../support/scratch-team-server.js';
import { linearCsv } from '../support/upload.js';

const env = process.env;
const SUBMISSIONS = Number(env.ZEROSEC_LOAD_SUBMISSIONS ?? 150);
const POLLERS = Number(env.ZEROSEC_LOAD_POLLERS ?? 30);
const POLL_INTERVAL_MS = Number(env.ZEROSEC_LOAD_POLL_INTERVAL_MS ?? 500);
// Measured: 40-100 s for the bounded run, 160 s for the full one on a loaded 2-core box; the limit leaves several
// times that, since a timeout would make pass/fail depend on the machine.
const TEST_TIMEOUT_MS = 180_000 + SUBMISSIONS * 600;
const adminUrl = env.TEST_DATABASE_URL;
if (!adminUrl)
  console.warn(
    'TEST_DATABASE_URL is not set: load test skipped (npm run test:load starts PostgreSQL itself).',
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile of `values` (ms). */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const fmt = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms (n=${values.length})`;

/** Counts what the API answered; only a 429 may be repeated (after its Retry-After), anything else is an error. */
class Tally {
  rateLimited = 0;
  readonly errors: string[] = [];

  /** `{ value }` when the call succeeded, null when it failed (and was counted). */
  async call<T>(what: string, fn: () => Promise<T>, latencies: number[]): Promise<{ value: T } | null> {
    for (;;) {
      const t0 = performance.now();
      try {
        const value = await fn();
        latencies.push(performance.now() - t0);
        return { value };
      } catch (err) {
        if (err instanceof ApiError && err.status === 429) {
          this.rateLimited++;
          await sleep(err.retryAfterMs ?? 1000);
          continue;
        }
        this.errors.push(`${what}: ${String(err)}`);
        return null;
      }
    }
  }
}

describe.runIf(adminUrl)(`load: ${SUBMISSIONS} concurrent submissions, ${POLLERS} polling clients`, () => {
  let server: ScratchTeamServer;
  let db: pg.Client | null = null;

  beforeAll(async () => {
    server = await openScratchTeamServer(adminUrl!, 'load');
  });

  afterAll(async () => {
    await db?.end();
    await server?.dispose();
  });

  it('answers every request and completes every job', { timeout: TEST_TIMEOUT_MS }, async () => {
    const env = {
      DATABASE_URL: server.databaseUrl,
      ZEROSEC_DATA_DIR: server.dataDir,
      ZEROSEC_SIGNING_SECRET: 'load-test-signing-secret-0123456789abcdef',
      ZEROSEC_POLL_INTERVAL_MS: '50',
      // The rate limit stays in the request path, with a budget far above this run (every client is 127.0.0.1).
      ZEROSEC_RATE_LIMIT_MAX: '10000000',
      // Request logs of thousands of requests would only measure the log pipe.
      ZEROSEC_LOG_LEVEL: 'warn',
    };
    const api = await spawnServer({ ...env, ZEROSEC_LOG_LEVEL: 'info' }, ['--mode', 'api']);
    server.procs.push(api);
    server.procs.push(
      ...(await Promise.all(
        [0, 1].map(() => spawnServer({ ...env, ZEROSEC_LOG_LEVEL: 'info' }, ['--mode', 'worker'])),
      )),
    );
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    // No retries: every failure is counted, not hidden; a 429 is repeated by the tally itself.
    const newClient = (): ApiClient =>
      createApiClient({ baseUrl: api.url, retries: 0, timeoutMs: 120_000, transferTimeoutMs: 120_000 });
    const tally = new Tally();
    const latency = { submit: [] as number[], create: [] as number[], poll: [] as number[] };
    const created: string[] = [];

    const started = performance.now();
    let allDone = false;
    // Pollers: each its own client, following the submitted jobs round robin until all have completed.
    const pollers = Array.from({ length: POLLERS }, async (_, p) => {
      const client = newClient();
      let n = p;
      await sleep((p * POLL_INTERVAL_MS) / POLLERS);
      while (!allDone) {
        if (created.length > 0) {
          const id = created[n++ % created.length]!;
          await tally.call(`status ${id}`, () => client.getStatus(id), latency.poll);
        }
        await sleep(POLL_INTERVAL_MS);
      }
    });

    const submitClient = newClient();
    const submissions = await Promise.all(
      Array.from({ length: SUBMISSIONS }, async (_, i) => {
        const t0 = performance.now();
        const bytes = new TextEncoder().encode(linearCsv(20 + (i % 7)));
        const presign = await tally.call(
          'presign',
          () =>
            submitClient.presignUpload({
              filename: `load-${i}.csv`,
              content_type: 'text/csv',
              size_bytes: bytes.length,
            }),
          [],
        );
        if (!presign) return null;
        const { job_id: jobId, key } = presign.value;
        if (!(await tally.call('upload', () => submitClient.uploadFile(presign.value, bytes), [])))
          return null;
        const job = await tally.call(
          'create',
          () =>
            submitClient.createJob({
              job_id: jobId,
              job_type: 'linear_analysis',
              input_key: key,
              parameters: { target_column: 'y' },
            }),
          latency.create,
        );
        if (!job) return null;
        latency.submit.push(performance.now() - t0);
        created.push(job.value.job_id);
        return job.value.job_id;
      }),
    );
    const submittedMs = performance.now() - started;

    const count = async () =>
      (
        await db!.query<{ status: string; n: string }>(
          'SELECT status, count(*) AS n FROM jobs GROUP BY status',
        )
      ).rows;
    const deadline = Date.now() + TEST_TIMEOUT_MS - 30_000;
    for (;;) {
      const byStatus = await count();
      const terminal = byStatus
        .filter((r) => ['completed', 'failed', 'cancelled'].includes(r.status))
        .reduce((s, r) => s + Number(r.n), 0);
      if (terminal >= SUBMISSIONS || Date.now() > deadline) break;
      await sleep(250);
    }
    const doneMs = performance.now() - started;
    allDone = true;
    await Promise.all(pollers);

    expect(tally.errors.slice(0, 10)).toEqual([]);
    expect(submissions.filter((s) => s === null)).toHaveLength(0);
    const rows = (await db.query<{ job_id: string; status: string }>('SELECT job_id, status FROM jobs')).rows;
    expect(rows).toHaveLength(SUBMISSIONS);
    expect(rows.filter((r) => r.status !== 'completed')).toEqual([]);
    for (const p of server.procs) expect(p.child.exitCode).toBeNull();

    const requests = latency.submit.length * 3 + latency.poll.length;
    console.info(
      `load run: ${SUBMISSIONS} concurrent submissions + ${POLLERS} pollers (every ${POLL_INTERVAL_MS} ms), 1 API + 2 workers; ` +
        `submit (presign+upload+create) ${fmt(latency.submit)}; create ${fmt(latency.create)}; ` +
        `status poll ${fmt(latency.poll)}; ${requests} requests, ${tally.errors.length} errors, ` +
        `${tally.rateLimited} deliberate 429s; all submitted in ${(submittedMs / 1000).toFixed(1)} s, ` +
        `all ${rows.length} jobs completed in ${(doneMs / 1000).toFixed(1)} s`,
    );
  });
});
