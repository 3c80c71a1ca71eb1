/**
 * The team server under load and a crash: one API process and three worker processes on PostgreSQL, 300 jobs
 * submitted at once, one worker killed with SIGKILL midway. Every job must end `completed` exactly once: none lost,
 * none finished twice, and each job's stored files exactly the artifacts recorded for it.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-shared/client/index.js';
import { spawnServer } from '../support/server-process.js';
import { openScratchTeamServer, type ScratchTeamServer } from '../support/scratch-team-server.js';
import { linearCsv, uploadText } from '../support/upload.js';

const JOBS = 300;
const KILL_AFTER_COMPLETED = 100;
const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl)
  console.warn(
    'TEST_DATABASE_URL is not set: multi-worker test skipped (npm run test:all starts PostgreSQL).',
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(adminUrl)('team server: 300 jobs, 3 workers, one killed', () => {
  let server: ScratchTeamServer;
  let db: pg.Client;

  beforeAll(async () => {
    server = await openScratchTeamServer(adminUrl!, 'multi');
  });

  afterAll(async () => {
    await db?.end();
    await server?.dispose();
  });

  it('completes all 300 jobs exactly once after a worker is SIGKILLed', { timeout: 180_000 }, async () => {
    const started = Date.now();
    const env = {
      DATABASE_URL: server.databaseUrl,
      ZEROSEC_DATA_DIR: server.dataDir,
      ZEROSEC_POLL_INTERVAL_MS: '100',
      ZEROSEC_LEASE_SECONDS: '4',
      ZEROSEC_LOG_LEVEL: 'info',
    };
    const api = await spawnServer(env, ['--mode', 'api']);
    server.procs.push(api);
    const workers = await Promise.all(
      [0, 1, 2].map(() => spawnServer(env, ['--mode', 'worker', '--concurrency', '1'])),
    );
    server.procs.push(...workers);
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    const client = createApiClient({ baseUrl: api.url, retryBaseDelayMs: 20 });

    // All 300 submissions at once: each uploads its own small table and creates its job.
    const ids = await Promise.all(
      Array.from({ length: JOBS }, async (_, i) => {
        const presign = await uploadText(client, `run-${i}.csv`, linearCsv(20 + (i % 7)));
        await client.createJob({
          job_id: presign.job_id,
          job_type: 'linear_analysis',
          input_key: presign.key,
          parameters: { target_column: 'y' },
        });
        return presign.job_id;
      }),
    );
    const submittedMs = Date.now() - started;

    const count = async (status: string) =>
      Number((await db.query('SELECT count(*) AS n FROM jobs WHERE status = $1', [status])).rows[0].n);
    while ((await count('completed')) < KILL_AFTER_COMPLETED) await sleep(100);
    const victim = workers[0]!;
    victim.child.kill('SIGKILL');
    const killedAt = Date.now() - started;
    await victim.exited;

    const deadline = Date.now() + 150_000;
    while ((await count('completed')) < JOBS && Date.now() < deadline) await sleep(250);
    const doneMs = Date.now() - started;

    const rows = (
      await db.query<{ job_id: string; status: string; attempts: number }>(
        'SELECT job_id, status, attempts FROM jobs ORDER BY job_id',
      )
    ).rows;
    expect(rows).toHaveLength(JOBS);
    expect(rows.filter((r) => r.status !== 'completed')).toEqual([]);
    expect(new Set(rows.map((r) => r.job_id))).toEqual(new Set(ids));

    // Exactly once: no job was recorded as completed by two workers.
    const finishedBy = new Map<string, number>();
    for (const w of workers)
      for (const l of w.logs)
        if (l.msg === 'job finished' && l.outcome === 'completed')
          finishedBy.set(String(l.job_id), (finishedBy.get(String(l.job_id)) ?? 0) + 1);
    expect([...finishedBy.values()].filter((n) => n > 1)).toEqual([]);
    // A job with no completion line can only be one whose finish the kill cut short: started by the victim, not
    // finished there, and not finished by any survivor.
    const victimStarted = new Set(
      victim.logs.filter((l) => l.msg === 'job started').map((l) => String(l.job_id)),
    );
    const unlogged = ids.filter((id) => !finishedBy.has(id));
    expect(unlogged.filter((id) => !victimStarted.has(id))).toEqual([]);
    expect(unlogged.length).toBeLessThanOrEqual(1);
    // The kill hit running work, which other workers took over.
    const retried = rows.filter((r) => r.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);

    // No duplicate or stray artifacts: each job's folder holds exactly its recorded files, with their checksums.
    const artifacts = (
      await db.query<{ job_id: string; file_key: string; sha256: string }>(
        'SELECT job_id, file_key, sha256 FROM artifacts ORDER BY job_id, file_key',
      )
    ).rows;
    const perJob = new Map<string, Array<{ file_key: string; sha256: string }>>();
    for (const a of artifacts) perJob.set(a.job_id, [...(perJob.get(a.job_id) ?? []), a]);
    const expectedFiles = perJob
      .get(ids[0]!)!
      .map((a) => path.posix.basename(a.file_key))
      .sort();
    for (const id of ids) {
      const recorded = perJob.get(id) ?? [];
      const onDisk = (await readdir(path.join(server.dataDir, 'objects', 'outputs', id))).sort();
      expect(recorded.map((a) => path.posix.basename(a.file_key)).sort()).toEqual(expectedFiles);
      expect(onDisk).toEqual(expectedFiles);
      for (const a of recorded) {
        const bytes = await readFile(path.join(server.dataDir, 'objects', ...a.file_key.split('/')));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(a.sha256);
      }
    }
    const perWorker = workers.map(
      (w) => w.logs.filter((l) => l.msg === 'job finished' && l.outcome === 'completed').length,
    );
    console.info(
      `300-job run: submitted in ${(submittedMs / 1000).toFixed(1)} s, worker killed at ${(killedAt / 1000).toFixed(1)} s, ` +
        `all completed at ${(doneMs / 1000).toFixed(1)} s; completions per worker ${perWorker.join('/')} ` +
        `(first one killed); ${retried.length} job(s) ran twice; ${unlogged.length} completion line(s) cut by the kill`,
    );
  });
});
