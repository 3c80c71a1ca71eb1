/**
 * Process deaths: a server killed with SIGKILL mid-job loses its lease and the job completes exactly once after a
 * restart; SIGTERM stops claiming, hands running jobs back, and leaves no job `running`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../src-shared/client/index.js';
import { openPgliteDb } from '../../backend/adapters/sql-db.pglite.js';
import { spawnServer, type ServerProcess } from '../support/server-process.js';
import { linearCsv, uploadText } from '../support/upload.js';

const running: ServerProcess[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const s of running.splice(0)) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await s.exited;
  }
  for (const f of folders.splice(0)) await rm(f, { recursive: true, force: true });
});

async function server(dataDir: string): Promise<{ proc: ServerProcess; client: ApiClient }> {
  const proc = await spawnServer({
    ZEROSEC_DATA_DIR: dataDir,
    ZEROSEC_LEASE_SECONDS: '2',
    ZEROSEC_RETRY_BASE_SECONDS: '0.2',
    ZEROSEC_POLL_INTERVAL_MS: '100',
    ZEROSEC_SHUTDOWN_GRACE_MS: '300',
    // Slow checkpoints keep the job running long enough to be killed in the middle.
    ZEROSEC_TEST_PROGRESS_DELAY_MS: '150',
  });
  running.push(proc);
  return { proc, client: createApiClient({ baseUrl: proc.url, retryBaseDelayMs: 20 }) };
}

async function submitSlowJob(client: ApiClient): Promise<string> {
  const presign = await uploadText(client, '実験.csv', linearCsv(300));
  await client.createJob({
    job_id: presign.job_id,
    job_type: 'linear_analysis',
    input_key: presign.key,
    parameters: { target_column: 'y' },
  });
  const start = Date.now();
  for (;;) {
    const s = await client.getStatus(presign.job_id);
    if (s.status === 'running' && s.stage !== 'starting' && s.stage !== 'downloading_input')
      return presign.job_id;
    if (Date.now() - start > 20_000) throw new Error(`job never got going: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const countLogs = (procs: ServerProcess[], jobId: string, msg: string) =>
  procs.flatMap((p) => p.logs).filter((l) => l.job_id === jobId && l.msg === msg);

async function tempDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-crash-'));
  folders.push(dir);
  return dir;
}

describe('crash recovery', () => {
  // Generous limits: CI runs this beside other process-spawning tests on two cores; timings are never asserted.
  it(
    'SIGKILL mid-job: after a restart the job is reclaimed when its lease expires and completes exactly once',
    { timeout: 240_000 },
    async () => {
      const dataDir = await tempDir();
      const first = await server(dataDir);
      const jobId = await submitSlowJob(first.client);
      first.proc.child.kill('SIGKILL');
      expect((await first.proc.exited).signal).toBe('SIGKILL');

      const second = await server(dataDir);
      const final = await second.client.waitForJob(jobId, { timeoutMs: 180_000 });
      expect(final.status, JSON.stringify(final.error)).toBe('completed');
      expect(final.attempts).toBe(2);
      const { artifacts } = await second.client.listArtifacts(jobId);
      expect(artifacts.map((a) => a.file_name).sort()).toEqual([
        'coefficients.csv',
        'linear-analysis.xlsx',
        'linear-model.json',
        'predictions.csv',
        'result.json',
      ]);
      const result = await second.client.getResult(jobId);
      expect(result.job_id).toBe(jobId);

      // Two attempts started (one per process); exactly one finished, as completed.
      expect(countLogs([first.proc, second.proc], jobId, 'job started')).toHaveLength(2);
      const finished = countLogs([first.proc, second.proc], jobId, 'job finished');
      expect(finished).toHaveLength(1);
      expect(finished[0]!.outcome).toBe('completed');

      second.proc.child.kill('SIGTERM');
      expect((await second.proc.exited).code).toBe(0);
    },
  );

  it(
    'SIGTERM mid-job: the server exits cleanly, no job is left running, and the job completes after a restart',
    { timeout: 240_000 },
    async () => {
      const dataDir = await tempDir();
      const first = await server(dataDir);
      const jobId = await submitSlowJob(first.client);
      const asked = Date.now();
      first.proc.child.kill('SIGTERM');
      const exit = await first.proc.exited;
      console.log(`SIGTERM → exit in ${Date.now() - asked} ms`);
      expect(exit.code).toBe(0);

      const db = await openPgliteDb(path.join(dataDir, 'db'));
      const stuck = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM jobs WHERE status IN ('running', 'uploading_outputs')`,
      );
      const job = await db.query<{ status: string; attempts: number; lease_owner: string | null }>(
        'SELECT status, attempts, lease_owner FROM jobs WHERE job_id = $1',
        [jobId],
      );
      await db.close();
      expect(stuck.rows[0]!.n).toBe(0);
      expect(job.rows[0]).toEqual({ status: 'queued', attempts: 0, lease_owner: null });

      const second = await server(dataDir);
      const final = await second.client.waitForJob(jobId, { timeoutMs: 180_000 });
      expect(final.status).toBe('completed');
      expect(final.attempts).toBe(1);
    },
  );
});
