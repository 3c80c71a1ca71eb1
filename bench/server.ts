/**
 * Team-server figures on PostgreSQL: jobs per second with 1, 2 and 4 worker processes (one API process, each worker
 * running one job at a time), and the API's p50/p99 latency for GET /jobs/{id}/status under 500 requests/s
 * (autocannon). Uses TEST_DATABASE_URL, or starts its own PostgreSQL 15 from /usr/lib/postgresql/15/bin on
 * 127.0.0.1. Runs the backend from source as real processes. Prints figures; asserts nothing.
 *   npx tsx bench/server.ts        (JOBS=100 WORKERS=1,2,4 RATE=500 SECONDS=10 to change)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { createApiClient } from '../src-shared/client/index.js';
import { startPrivatePostgres } from '../tests/support/private-postgres.js';
import { spawnServer, type ServerProcess } from '../tests/support/server-process.js';
import { linearCsv, uploadText } from '../tests/support/upload.js';

const JOBS = Number(process.env.JOBS ?? 100);
const WORKERS = (process.env.WORKERS ?? '1,2,4').split(',').map(Number);
const RATE = Number(process.env.RATE ?? 500);
const SECONDS = Number(process.env.SECONDS ?? 10);
async function withDatabase<T>(adminUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `zs_bench_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function stopAll(procs: ServerProcess[]): Promise<void> {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
}

/** Starts the API and `workers` worker processes; uploads JOBS inputs; times submitting them all to all completed. */
async function jobsPerSecond(
  adminUrl: string,
  workers: number,
  afterwards?: (apiUrl: string, jobId: string) => Promise<void>,
): Promise<number> {
  return withDatabase(adminUrl, async (databaseUrl) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zerosec-bench-'));
    const env = {
      DATABASE_URL: databaseUrl,
      ZEROSEC_DATA_DIR: dataDir,
      ZEROSEC_POLL_INTERVAL_MS: '100',
      ZEROSEC_LOG_LEVEL: 'warn',
    };
    const procs: ServerProcess[] = [];
    try {
      // Workers log at info only to announce they started; the API's "listening" line is its readiness signal.
      const api = await spawnServer({ ...env, ZEROSEC_LOG_LEVEL: 'info' }, ['--mode', 'api']);
      procs.push(api);
      procs.push(
        ...(await Promise.all(
          Array.from({ length: workers }, () =>
            spawnServer({ ...env, ZEROSEC_LOG_LEVEL: 'info' }, ['--mode', 'worker', '--concurrency', '1']),
          ),
        )),
      );
      const client = createApiClient({ baseUrl: api.url, retryBaseDelayMs: 20 });
      const uploads = [];
      for (let i = 0; i < JOBS; i++) uploads.push(await uploadText(client, `b-${i}.csv`, linearCsv(40)));
      const t = performance.now();
      await Promise.all(
        uploads.map((u) =>
          client.createJob({
            job_id: u.job_id,
            job_type: 'linear_analysis',
            input_key: u.key,
            parameters: { target_column: 'y' },
          }),
        ),
      );
      const finals = await Promise.all(
        uploads.map((u) => client.waitForJob(u.job_id, { pollIntervalMs: 200, timeoutMs: 600_000 })),
      );
      const seconds = (performance.now() - t) / 1000;
      if (finals.some((s) => s.status !== 'completed')) throw new Error('a bench job did not complete');
      await afterwards?.(api.url, uploads[0]!.job_id);
      return JOBS / seconds;
    } finally {
      await stopAll(procs);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

const external = process.env.TEST_DATABASE_URL;
const own = external ? null : await startPrivatePostgres({ maxConnections: 200 });
const adminUrl = external ?? own!.url;
console.log(
  `PostgreSQL: ${external ? 'TEST_DATABASE_URL' : 'started by this bench'}; machine: ${os.cpus().length} cores; ` +
    `${JOBS} linear_analysis jobs (40 rows) per run, each worker process running 1 job at a time`,
);
try {
  const rates: Record<number, number> = {};
  for (const n of WORKERS) {
    // After the first run, with its workers idle: the status endpoint under a fixed request rate.
    const statusLatency = async (apiUrl: string, jobId: string) => {
      const result = await autocannon({
        url: `${apiUrl}/api/v1/jobs/${jobId}/status`,
        connections: 20,
        overallRate: RATE,
        duration: SECONDS,
      });
      console.log(
        `GET /api/v1/jobs/{id}/status at ${RATE} req/s for ${SECONDS} s: p50 ${result.latency.p50} ms, ` +
          `p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ${result.requests.average.toFixed(0)} req/s ` +
          `served, ${result.non2xx} non-2xx, ${result.errors} errors`,
      );
    };
    rates[n] = await jobsPerSecond(adminUrl, n, n === WORKERS[0] ? statusLatency : undefined);
    console.log(`throughput with ${n} worker process(es): ${rates[n]!.toFixed(1)} jobs/s`);
  }
  const base = rates[WORKERS[0]!]!;
  console.log(
    `scaling vs ${WORKERS[0]} worker: ` +
      WORKERS.map((n) => `${n}: ${(rates[n]! / base).toFixed(2)}×`).join(', '),
  );
} finally {
  await own?.destroy();
}
