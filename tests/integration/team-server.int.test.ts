/**
 * The team-server deployment on a real PostgreSQL: one API process and two worker processes sharing the database
 * and the file folder (docs/deployment.md §2). Every job completes exactly once and both workers take part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-shared/client/index.js';
import { spawnServer } from '../support/server-process.js';
import { openScratchTeamServer, type ScratchTeamServer } from '../support/scratch-team-server.js';
import { linearCsv, uploadText } from '../support/upload.js';

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl)
  console.warn(
    'TEST_DATABASE_URL is not set: team-server test skipped (npm run test:all starts PostgreSQL).',
  );

describe.runIf(adminUrl)('team server: API + 2 workers on PostgreSQL', () => {
  let server: ScratchTeamServer;

  beforeAll(async () => {
    server = await openScratchTeamServer(adminUrl!, 'team');
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('runs every job exactly once across two worker processes', async () => {
    const env = {
      DATABASE_URL: server.databaseUrl,
      ZEROSEC_DATA_DIR: server.dataDir,
      ZEROSEC_POLL_INTERVAL_MS: '100',
      ZEROSEC_TEST_PROGRESS_DELAY_MS: '100',
    };
    // The API migrates the fresh database before the workers start, as a deployment would.
    const api = await spawnServer(env, ['--mode', 'api']);
    server.procs.push(api);
    server.procs.push(
      await spawnServer(env, ['--mode', 'worker']),
      await spawnServer(env, ['--mode', 'worker']),
    );
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

    const workers = server.procs.slice(1);
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
