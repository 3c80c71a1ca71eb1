/**
 * Embedded-mode job speed: submit→completed latency of a small linear_analysis job, and sustained jobs per second
 * with 1 and 2 worker threads. Runs the compiled backend (`npm run build:backend` first; `npm run bench` does it).
 * Prints figures and ratios against a reference measured in the same run (the bare OLS computation); asserts nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as StartBackendModule from '../backend/app/start-backend.js';
import type * as ClientModule from '../src-shared/client/index.js';
import type * as OlsModule from '../backend/analysis/linear/ols.js';

const dist = new URL('../dist/', import.meta.url);
const { startBackend } = (await import(
  new URL('backend/app/start-backend.js', dist).href
)) as typeof StartBackendModule;
const { createApiClient } = (await import(
  new URL('src-shared/client/index.js', dist).href
)) as typeof ClientModule;
const { fitOls } = (await import(new URL('backend/analysis/linear/ols.js', dist).href)) as typeof OlsModule;

const ROWS = 50;
const LATENCY_JOBS = 30;
const THROUGHPUT_JOBS = 60;

function csv(rows: number): Uint8Array {
  const lines = ['回転速度,送り速度,摩耗量'];
  for (let i = 0; i < rows; i++) {
    const a = 1000 + ((i * 37) % 70) * 100;
    const b = 500 + ((i * 53) % 35) * 100;
    lines.push(`${a},${b},${(0.001 + a * 2e-6 + b * 3e-6 + ((i % 7) - 3) * 1e-4).toFixed(6)}`);
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** The bare computation every job performs, as the reference: OLS on the same data, in this thread. */
function referenceOlsMs(): number {
  const n = ROWS;
  const x = new Float64Array(n * 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 1;
    x[n + i] = 1000 + ((i * 37) % 70) * 100;
    x[2 * n + i] = 500 + ((i * 53) % 35) * 100;
    y[i] = 0.001 + x[n + i]! * 2e-6 + x[2 * n + i]! * 3e-6;
  }
  const runs = 2000;
  const t = performance.now();
  for (let r = 0; r < runs; r++)
    fitOls({ n, p: 3, x, y, terms: ['(Intercept)', 'a', 'b'], hasIntercept: true });
  return (performance.now() - t) / runs;
}

async function withBackend<T>(concurrency: number, fn: (url: string) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-bench-'));
  const backend = await startBackend({
    mode: 'all',
    host: '127.0.0.1',
    port: 0,
    dataDir,
    env: { ZEROSEC_LOG_LEVEL: 'warn', ZEROSEC_WORKER_CONCURRENCY: String(concurrency) },
  });
  try {
    return await fn(backend.url!);
  } finally {
    await backend.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function uploadAll(url: string, count: number) {
  const client = createApiClient({ baseUrl: url });
  const bytes = csv(ROWS);
  const uploads = [];
  for (let i = 0; i < count; i++) {
    const p = await client.presignUpload({
      filename: `bench-${i}.csv`,
      content_type: 'text/csv',
      size_bytes: bytes.length,
    });
    await client.uploadFile(p, bytes);
    uploads.push(p);
  }
  return { client, uploads };
}

const referenceMs = referenceOlsMs();
console.log(
  `reference: bare OLS fit of ${ROWS} rows × 3 terms in-process: ${(referenceMs * 1000).toFixed(1)} µs`,
);

const latencies = await withBackend(1, async (url) => {
  const { client, uploads } = await uploadAll(url, LATENCY_JOBS + 1);
  const out: number[] = [];
  for (const [i, p] of uploads.entries()) {
    const t = performance.now();
    await client.createJob({
      job_id: p.job_id,
      job_type: 'linear_analysis',
      input_key: p.key,
      parameters: { target_column: '摩耗量' },
    });
    const s = await client.watchJob(p.job_id);
    if (s.status !== 'completed') throw new Error(`bench job ${s.job_id} ended ${s.status}`);
    if (i > 0) out.push(performance.now() - t); // the first job also warms the thread up
  }
  return out;
});
const median = quantile(latencies, 0.5);
console.log(
  `latency submit→completed (SSE), ${LATENCY_JOBS} sequential jobs: median ${fmt(median)}, p90 ${fmt(quantile(latencies, 0.9))}, ` +
    `max ${fmt(Math.max(...latencies))}; median / bare OLS = ${(median / referenceMs).toFixed(0)}×`,
);

const rates: Record<number, number> = {};
for (const concurrency of [1, 2]) {
  rates[concurrency] = await withBackend(concurrency, async (url) => {
    const { client, uploads } = await uploadAll(url, THROUGHPUT_JOBS);
    const t = performance.now();
    await Promise.all(
      uploads.map((p) =>
        client.createJob({
          job_id: p.job_id,
          job_type: 'linear_analysis',
          input_key: p.key,
          parameters: { target_column: '摩耗量' },
        }),
      ),
    );
    const finals = await Promise.all(
      uploads.map((p) => client.waitForJob(p.job_id, { pollIntervalMs: 100 })),
    );
    const seconds = (performance.now() - t) / 1000;
    if (finals.some((s) => s.status !== 'completed')) throw new Error('a bench job did not complete');
    return THROUGHPUT_JOBS / seconds;
  });
  console.log(
    `throughput, ${THROUGHPUT_JOBS} jobs submitted at once, ${concurrency} worker thread(s): ${rates[concurrency]!.toFixed(1)} jobs/s`,
  );
}
console.log(
  `ratio 2 threads / 1 thread: ${(rates[2]! / rates[1]!).toFixed(2)}× (machine: ${os.cpus().length} cores)`,
);
