/**
 * The team-server deployment on a real PostgreSQL: one API process and two worker processes sharing the database
 * and the file folder (docs/deployment.md §2). Every job completes exactly once and both workers take part.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-shared/client/index.js';
import { spawnServer, type ServerProcess } from '../support/server-process.js';
import { linearCsv, uploadText } from '../support/upload.js';

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl)
  console.warn(
    'TEST_DATABASE_URL is not set: team-server test skipped (npm run test:all starts PostgreSQL).',
  );

describe.runIf(adminUrl)('team server: API + 2 workers on PostgreSQL', () => {
  const procs: ServerProcess[] = [];
  let dataDir = '';
  let databaseUrl = '';
  const dbName = `zs_team_${randomUUID().replace(/-/g, '')}`;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-team-'));
  });

  afterAll(async () => {
    for (const p of procs) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
      await p.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('runs every job exactly once across two worker processes', async () => {
    const env = {
      DATABASE_URL: databaseUrl,
      ZEROSEC_DATA_DIR: dataDir,
      ZEROSEC_POLL_INTERVAL_MS: '100',
      ZEROSEC_TEST_PROGRESS_DELAY_MS: '100',
    };
    // The API migrates the fresh database before the workers start, as a deployment would.
    const api = await spawnServer(env, ['--mode', 'api']);
    procs.push(api);
    procs.push(await spawnServer(env, ['--mode', 'worker']), await spawnServer(env, ['--mode', 'worker']));
    const client = createApiClient({ baseUrl: api.url, retryBaseDelayMs: 20 });
    expect((await client.health()).checks).toEqual({ db: 'ok', storage: 'ok', queue: 'ok' });

    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const presign = await uploadText(client, `run-${i}.csv`, linearCsv(40 + i));
      await client.createJob({
        job_id: presign.job_id,
        job_type: 'linear_analysis',
        input_key: presign.key,
        parameters: { target_column: 'y' },
      });
      ids.push(presign.job_id);
    }
    const finals = await Promise.all(
      ids.map((id) => client.waitForJob(id, { timeoutMs: 60_000, pollIntervalMs: 200 })),
    );
    expect(finals.map((s) => s.status)).toEqual(ids.map(() => 'completed'));
    expect(finals.map((s) => s.attempts)).toEqual(ids.map(() => 1));
    const result = await client.getResult(ids[3]!);
    if (result.job_type !== 'linear_analysis') throw new Error('wrong type');
    expect(result.body.targets[0]!.n).toBe(43);

    const workers = procs.slice(1);
    const finishedBy = workers.map(
      (w) => w.logs.filter((l) => l.msg === 'job finished' && l.outcome === 'completed').length,
    );
    expect(finishedBy[0]! + finishedBy[1]!).toBe(ids.length);
    expect(
      finishedBy.every((n) => n > 0),
      `jobs per worker: ${finishedBy.join(', ')}`,
    ).toBe(true);
  });
});
