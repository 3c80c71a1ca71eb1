/** Cancelling: a queued job ends at once, a running one stops at its next checkpoint within 2 s, and work goes on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../src-shared/client/index.js';
import { startTestBackend, type TestBackend } from '../support/test-backend.js';
import { linearCsv, uploadText } from '../support/upload.js';

let backend: TestBackend;
let client: ApiClient;

beforeAll(async () => {
  // Each checkpoint waits 400 ms, so a job runs for several seconds and is certainly running when cancelled.
  backend = await startTestBackend({
    ZEROSEC_TEST_PROGRESS_DELAY_MS: '400',
    ZEROSEC_WORKER_CONCURRENCY: '1',
  });
  client = createApiClient({ baseUrl: backend.url, retryBaseDelayMs: 20 });
});
afterAll(async () => {
  await backend?.dispose();
});

async function submit(rows = 200) {
  const presign = await uploadText(client, 'slow.csv', linearCsv(rows));
  await client.createJob({
    job_id: presign.job_id,
    job_type: 'linear_analysis',
    input_key: presign.key,
    parameters: { target_column: 'y' },
  });
  return presign.job_id;
}

async function until(
  jobId: string,
  accept: (s: Awaited<ReturnType<ApiClient['getStatus']>>) => boolean,
  timeoutMs = 15_000,
) {
  const start = Date.now();
  for (;;) {
    const s = await client.getStatus(jobId);
    if (accept(s)) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out; last status ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('cancel', () => {
  it('a running job is cancelled within 2 s and a queued one at once', async () => {
    const running = await submit();
    await until(
      running,
      (s) => s.status === 'running' && s.stage !== 'starting' && s.stage !== 'downloading_input',
    );
    const queued = await submit();
    expect((await client.getStatus(queued)).status).toBe('queued');

    const cancelledQueued = await client.cancelJob(queued);
    expect(cancelledQueued.status).toBe('cancelled');
    expect(cancelledQueued.finished_at).not.toBeNull();

    const asked = Date.now();
    const response = await client.cancelJob(running);
    expect(['running', 'cancelled']).toContain(response.status);
    const done = await until(running, (s) => s.status !== 'running');
    const elapsed = Date.now() - asked;
    console.log(`running job cancelled after ${elapsed} ms`);
    expect(done.status).toBe('cancelled');
    expect(elapsed).toBeLessThan(2000);
    expect((await client.listArtifacts(running)).artifacts).toEqual([]);

    // Cancelling again is harmless; the worker is free for the next job.
    expect((await client.cancelJob(running)).status).toBe('cancelled');
    const next = await submit(30);
    const final = await client.waitForJob(next, { timeoutMs: 30_000 });
    expect(final.status).toBe('completed');
    expect((await client.getStatus(queued)).status).toBe('cancelled');
  });
});
