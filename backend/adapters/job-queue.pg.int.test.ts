/** The jobs-table queue on PGlite and on a real PostgreSQL: the same SQL, the same behaviour. */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TableJobQueue } from './job-queue.pg.js';
import { JobRepository } from '../core/jobs/job-repository.js';
import type { SqlDb } from '../core/ports/sql-db.js';
import { databaseKinds, type TestDatabase } from '../../tests/support/test-databases.js';

for (const kind of databaseKinds()) {
  describe(`table job queue on ${kind.name}`, () => {
    let t: TestDatabase;
    let db: SqlDb;
    let repo: JobRepository;
    let queue: TableJobQueue;

    beforeEach(async () => {
      t = await kind.open();
      db = t.db;
      repo = new JobRepository(db);
      // Long lease and backoff: on a loaded machine a short one could run out between two calls of a test. Tests
      // that need a lease to expire or a retry to fall due say so with expireLeases() / makeRetriesDue().
      queue = new TableJobQueue(db, { leaseSeconds: 600, retryBaseSeconds: 600, random: () => 0.5 });
    });
    afterEach(async () => {
      await t.dispose();
    });

    async function addJob(maxAttempts = 3): Promise<string> {
      const jobId = randomUUID();
      await repo.insertUpload({
        job_id: jobId,
        object_key: `inputs/${jobId}/d.csv`,
        filename: 'd.csv',
        content_type: 'text/csv',
        size_bytes: 10,
        expires_at: new Date(Date.now() + 60_000),
      });
      await db.transaction(async (tx) => {
        await repo.insertJob(tx, {
          jobId,
          jobType: 'linear_analysis',
          parameters: { target_column: '摩耗量' },
          requestSha256: 'x',
          inputKey: `inputs/${jobId}/d.csv`,
          maxAttempts,
        });
        await queue.enqueue(tx, jobId);
      });
      return jobId;
    }
    /** Every lease ran out a second ago (as if its worker had stopped heartbeating). */
    const expireLeases = () =>
      db.query(
        `UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE lease_expires_at IS NOT NULL`,
      );
    /** Every scheduled retry is due now. */
    const makeRetriesDue = () =>
      db.query(`UPDATE jobs SET run_after = now() - interval '1 second' WHERE status = 'queued'`);

    it('claims in submission order, each job once, and keeps JSON parameters intact', async () => {
      const a = await addJob();
      const b = await addJob();
      const [first, second, none] = [
        await queue.claim('w1'),
        await queue.claim('w2'),
        await queue.claim('w3'),
      ];
      expect([first?.jobId, second?.jobId, none]).toEqual([a, b, null]);
      expect(first!.parameters).toEqual({ target_column: '摩耗量' });
      expect(first!.attempts).toBe(1);
    });

    it('concurrent claimers never get the same job (SKIP LOCKED)', async () => {
      const ids = await Promise.all(Array.from({ length: 12 }, () => addJob()));
      const claims = await Promise.all(Array.from({ length: 16 }, (_, i) => queue.claim(`w${i}`)));
      const got = claims.filter((c) => c !== null).map((c) => c!.jobId);
      expect(new Set(got).size).toBe(got.length);
      expect(got.sort()).toEqual([...ids].sort());
    });

    it('a lost lease is reclaimed by another worker, and the old worker can no longer write', async () => {
      const id = await addJob();
      expect((await queue.claim('dead'))!.jobId).toBe(id);
      expect(await queue.claim('alive')).toBeNull();
      await expireLeases();
      const again = await queue.claim('alive');
      expect(again).toMatchObject({ jobId: id, attempts: 2 });
      expect(await queue.reportProgress(id, 'dead', { progress: 50, stage: 'x', message: null })).toBe(false);
      expect(await queue.finish(id, 'dead', { kind: 'cancelled' })).toBe(false);
      expect(await queue.extendLease(id, 'dead')).toEqual({ held: false, cancelRequested: false });
      expect(
        await queue.finish(id, 'alive', {
          kind: 'completed',
          inputSha256: 'a'.repeat(64),
          artifacts: [],
          message: 'done',
        }),
      ).toBe(true);
      const row = await repo.getJob(id);
      expect(row).toMatchObject({ status: 'completed', attempts: 2, progress: 100, lease_owner: null });
    });

    it('after max attempts of lost leases the job fails with a reason', async () => {
      const id = await addJob(2);
      await queue.claim('a');
      await expireLeases();
      await queue.claim('b');
      await expireLeases();
      expect(await queue.claim('c')).toBeNull();
      const row = await repo.getJob(id);
      expect(row).toMatchObject({ status: 'failed', error_code: 'ZS_ERR_WORKER_LOST', attempts: 2 });
      expect(row!.error_message).toMatch(/stopped responding 2 time/);
    });

    it('a retryable failure backs off, then fails for good at max attempts; a permanent one fails at once', async () => {
      const id = await addJob(2);
      await queue.claim('w');
      await queue.finish(id, 'w', {
        kind: 'failed',
        retryable: true,
        error: { code: 'ZS_ERR_INTERNAL', message: 'boom' },
      });
      expect(await repo.getJob(id)).toMatchObject({
        status: 'queued',
        stage: 'retry_scheduled',
        error_code: 'ZS_ERR_INTERNAL',
      });
      expect(await queue.claim('w')).toBeNull(); // not due yet: backoff
      await makeRetriesDue();
      expect((await queue.claim('w'))!.attempts).toBe(2);
      await queue.finish(id, 'w', {
        kind: 'failed',
        retryable: true,
        error: { code: 'ZS_ERR_INTERNAL', message: 'boom again' },
      });
      expect(await repo.getJob(id)).toMatchObject({ status: 'failed', error_message: 'boom again' });

      const other = await addJob();
      await queue.claim('w');
      await queue.finish(other, 'w', {
        kind: 'failed',
        retryable: false,
        error: { code: 'ZS_ERR_INPUT', message: 'row 3', details: { row: 3 } },
      });
      expect(await repo.getJob(other)).toMatchObject({
        status: 'failed',
        attempts: 1,
        error_details: { row: 3 },
      });
    });

    it('cancel: queued ends at once; running is flagged for its worker; release on shutdown does not count the attempt', async () => {
      const queuedId = await addJob();
      expect((await repo.requestCancel(queuedId))!.status).toBe('cancelled');
      expect(await queue.claim('w')).toBeNull();

      const runningId = await addJob();
      await queue.claim('w');
      expect((await repo.requestCancel(runningId))!.status).toBe('running');
      expect(await queue.extendLease(runningId, 'w')).toEqual({ held: true, cancelRequested: true });
      await queue.finish(runningId, 'w', { kind: 'cancelled' });
      expect((await repo.getJob(runningId))!.status).toBe('cancelled');

      const releasedId = await addJob();
      await queue.claim('w');
      await queue.finish(releasedId, 'w', { kind: 'released' });
      expect(await repo.getJob(releasedId)).toMatchObject({
        status: 'queued',
        attempts: 0,
        lease_owner: null,
      });
      expect((await queue.claim('w2'))!.attempts).toBe(1);
    });

    it('lists jobs newest first with filters and a total', async () => {
      const ids = [await addJob(), await addJob(), await addJob()];
      await repo.requestCancel(ids[1]!);
      const all = await repo.listJobs({ limit: 2, offset: 0 });
      expect(all.total).toBe(3);
      expect(all.rows).toHaveLength(2);
      const cancelled = await repo.listJobs({ status: 'cancelled', limit: 10, offset: 0 });
      expect(cancelled.rows.map((r) => r.job_id)).toEqual([ids[1]]);
      expect((await repo.listJobs({ jobType: 'pareto', limit: 10, offset: 0 })).total).toBe(0);
    });
  });
}
