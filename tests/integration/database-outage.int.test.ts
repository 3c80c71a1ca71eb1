/**
 * A PostgreSQL restart under a running backend: while the database is down the API answers 503 `ZS_ERR_UNAVAILABLE`
 * with Retry-After (health stays 200 and says which check failed), and once it is back the same process answers
 * again without a restart, and the job that was running finishes on its first attempt: its outcome waited for the
 * database instead of being dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-shared/client/index.js';
import { startTestBackend, type TestBackend } from '../support/test-backend.js';
import {
  privatePostgresAvailable,
  startPrivatePostgres,
  type PrivatePostgres,
} from '../support/private-postgres.js';
import { linearCsv, uploadText } from '../support/upload.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(privatePostgresAvailable())('database outage', () => {
  let db: PrivatePostgres;
  let backend: TestBackend;

  beforeAll(async () => {
    db = await startPrivatePostgres();
    backend = await startTestBackend({
      DATABASE_URL: db.url,
      // Slow enough that the job is still running when the database stops.
      ZEROSEC_TEST_PROGRESS_DELAY_MS: '150',
    });
  });

  afterAll(async () => {
    await backend?.dispose();
    await db?.destroy();
  });

  it('answers 503 with Retry-After while PostgreSQL is down and recovers by itself', async () => {
    const client = createApiClient({ baseUrl: backend.url, retryBaseDelayMs: 20 });
    const presign = await uploadText(client, 'outage.csv', linearCsv(200));
    await client.createJob({
      job_id: presign.job_id,
      job_type: 'linear_analysis',
      input_key: presign.key,
      parameters: { target_column: 'y' },
    });
    while ((await client.getStatus(presign.job_id)).status === 'queued') await sleep(50);

    await db.stop();
    for (const [method, url, body] of [
      ['GET', `/api/v1/jobs/${presign.job_id}/status`, undefined],
      ['GET', '/api/v1/jobs', undefined],
      ['POST', '/api/v1/presign/upload', { filename: 'a.csv', content_type: 'text/csv', size_bytes: 3 }],
    ] as const) {
      const res = await fetch(`${backend.url}${url}`, {
        method,
        ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
      });
      expect(res.status, `${method} ${url}`).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await res.json()).toEqual({
        error: { code: 'ZS_ERR_UNAVAILABLE', message: expect.stringMatching(/database is unavailable/) },
      });
    }
    const health = await fetch(`${backend.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'degraded', checks: { db: 'error' } });
    // Long enough for the job's lease to lapse and its heartbeats and progress writes to fail.
    await sleep(2500);

    await db.start();
    // The same process, no restart: the pool drops its dead connections and opens new ones.
    const status = await client.waitForJob(presign.job_id, { timeoutMs: 60_000, pollIntervalMs: 100 });
    expect(status.status).toBe('completed');
    expect(status.attempts).toBe(1);
    const healthAfter = await fetch(`${backend.url}/api/v1/health`);
    expect(await healthAfter.json()).toMatchObject({ status: 'ok' });
  });
});
