/**
 * The SQS queue against fauxqs on 127.0.0.1 (see local-aws.ts): the outbox publishes exactly the committed jobs,
 * a running job's message stays hidden while it heartbeats and is deleted when it ends, a dead worker's job comes
 * back, and after maxReceiveCount receives the message is dead-lettered and the job shows `failed` with a reason.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TableJobQueue } from '../../backend/adapters/job-queue.pg.js';
import { SqsJobQueue } from '../../backend/adapters/job-queue.sqs.js';
import { OutboxRelay } from '../../backend/adapters/sqs-outbox-relay.js';
import { DEAD_LETTER_MESSAGE, DeadLetterMonitor } from '../../backend/adapters/sqs-dead-letters.js';
import { JobRepository } from '../../backend/core/jobs/job-repository.js';
import type { SqlDb } from '../../backend/core/ports/sql-db.js';
import { databaseKinds, type TestDatabase } from '../support/test-databases.js';
import { LOCAL_SQS_KEY, startLocalSqs, type LocalSqs } from './local-aws.js';

const logger = pino({ level: 'silent' });
const LEASE_SECONDS = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let sqs: LocalSqs;

beforeAll(async () => {
  sqs = await startLocalSqs();
});
afterAll(async () => {
  await sqs?.stop();
});

// The SQL under this queue is the table queue's, tested on both databases in job-queue.pg.int.test.ts; here one
// database is enough: PostgreSQL when the harness started one, else PGlite.
const kind = databaseKinds().at(-1)!;

describe(`SQS job queue on ${kind.name}`, () => {
  let t: TestDatabase;
  let db: SqlDb;
  let urls: { queueUrl: string; dlqUrl: string };

  const queueFor = (client = sqs.client) =>
    new SqsJobQueue(db, new TableJobQueue(db, { leaseSeconds: LEASE_SECONDS, retryBaseSeconds: 1 }), {
      client,
      queueUrl: urls.queueUrl,
      leaseSeconds: LEASE_SECONDS,
      waitTimeSeconds: 1,
      logger,
    });
  const relayFor = (client = sqs.client) =>
    new OutboxRelay(db, { client, queueUrl: urls.queueUrl, intervalMs: 50, logger });

  /** Inserts an upload and a job, enqueueing in the job's transaction; `rollback` aborts that transaction. */
  async function submit(queue: SqsJobQueue, { rollback = false, maxAttempts = 3 } = {}): Promise<string> {
    const jobId = randomUUID();
    const repo = new JobRepository(db);
    await repo.insertUpload({
      job_id: jobId,
      object_key: `inputs/${jobId}/d.csv`,
      filename: 'd.csv',
      content_type: 'text/csv',
      size_bytes: 10,
      expires_at: new Date(Date.now() + 60_000),
    });
    await db
      .transaction(async (tx) => {
        await repo.insertJob(tx, {
          jobId,
          jobType: 'linear_analysis',
          parameters: {},
          requestSha256: 'x',
          inputKey: `inputs/${jobId}/d.csv`,
          maxAttempts,
        });
        await queue.enqueue(tx, jobId);
        if (rollback) throw new Error('rolled back on purpose');
      })
      .catch((err: Error) => {
        if (!rollback) throw err;
      });
    return jobId;
  }
  const statusOf = async (jobId: string) =>
    (
      await db.query<{ status: string; attempts: number; error_message: string | null }>(
        'SELECT status, attempts, error_message FROM jobs WHERE job_id = $1',
        [jobId],
      )
    ).rows[0];

  beforeAll(async () => {
    t = await kind.open();
    db = t.db;
  });
  beforeEach(async () => {
    urls = await sqs.createQueues(`zs-${randomUUID().slice(0, 8)}`, 2);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('publishes committed jobs exactly once, even with two relays, and never a rolled-back one', async () => {
    const queue = queueFor();
    const committed = await Promise.all(Array.from({ length: 15 }, () => submit(queue)));
    const rolledBack = await submit(queue, { rollback: true });
    expect(await statusOf(rolledBack)).toBeUndefined();
    const [a, b] = [relayFor(), relayFor()];
    const published = (
      await Promise.all([a.publishOnce(), b.publishOnce(), a.publishOnce(), b.publishOnce()])
    ).reduce((x, y) => x + y);
    expect(published).toBe(15);
    expect(await sqs.depth(urls.queueUrl)).toEqual({ visible: 15, inFlight: 0 });
    const outbox = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM job_outbox WHERE published_at IS NOT NULL',
    );
    expect(outbox.rows[0]!.n).toBe(15);
    const seen = new Set<string>();
    for (let i = 0; i < 15; i++) seen.add((await queue.claim(`w${i}`))!.jobId);
    expect([...seen].sort()).toEqual([...committed].sort());
  });

  it('keeps a row unpublished while SQS is unreachable and publishes it once it is back', async () => {
    const queue = queueFor();
    const jobId = await submit(queue);
    const down = new SQSClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: LOCAL_SQS_KEY,
      maxAttempts: 1,
    });
    await expect(relayFor(down).publishOnce()).rejects.toThrow();
    down.destroy();
    const pending = await db.query('SELECT 1 FROM job_outbox WHERE job_id = $1 AND published_at IS NULL', [
      jobId,
    ]);
    expect(pending.rows).toHaveLength(1);
    expect(await relayFor().publishOnce()).toBe(1);
    expect((await queue.claim('w'))?.jobId).toBe(jobId);
  });

  it('hides the message while the job heartbeats, and deletes it when the job completes', async () => {
    const queue = queueFor();
    const jobId = await submit(queue);
    await relayFor().publishOnce();
    const job = await queue.claim('worker-a');
    expect(job?.jobId).toBe(jobId);
    // Worker-b polls for twice the lease while worker-a heartbeats (as its executor does, every 500 ms): without
    // the visibility heartbeat the message would reappear and worker-b would receive it.
    const other = queueFor();
    let running = true;
    const heartbeats = (async () => {
      while (running) {
        expect((await queue.extendLease(jobId, 'worker-a')).held).toBe(true);
        await sleep(500);
      }
    })();
    for (let i = 0; i < 4; i++) expect(await other.claim('worker-b')).toBeNull();
    running = false;
    await heartbeats;
    const done = await queue.finish(jobId, 'worker-a', {
      kind: 'completed',
      inputSha256: 'x',
      artifacts: [],
      message: 'ok',
    });
    expect(done).toBe(true);
    expect(await sqs.depth(urls.queueUrl)).toEqual({ visible: 0, inFlight: 0 });
    expect((await statusOf(jobId))!.status).toBe('completed');
  });

  it('gives a dead worker’s job to another worker once its lease and visibility run out', async () => {
    const queue = queueFor();
    const jobId = await submit(queue);
    await relayFor().publishOnce();
    expect((await queue.claim('dies'))?.jobId).toBe(jobId);
    await sleep(LEASE_SECONDS * 1000 + 300);
    const again = await queueFor().claim('survivor');
    expect(again).toMatchObject({ jobId, attempts: 2 });
    // The dead worker's late finish is refused: the survivor owns the job now.
    expect(
      await queue.finish(jobId, 'dies', { kind: 'completed', inputSha256: 'x', artifacts: [], message: '' }),
    ).toBe(false);
  });

  it('dead-letters a job whose workers keep dying and shows it failed with the reason', async () => {
    const queue = queueFor();
    const jobId = await submit(queue, { maxAttempts: 10 });
    await relayFor().publishOnce();
    for (const worker of ['first', 'second']) {
      expect((await queueFor().claim(worker))?.jobId).toBe(jobId);
      await sleep(LEASE_SECONDS * 1000 + 300);
    }
    // maxReceiveCount is 2: the next receive moves the message to the dead-letter queue instead.
    expect(await queue.claim('third')).toBeNull();
    expect(await sqs.depth(urls.dlqUrl)).toEqual({ visible: 1, inFlight: 0 });
    const failed: string[] = [];
    const monitor = new DeadLetterMonitor(db, {
      client: sqs.client,
      dlqUrl: urls.dlqUrl,
      waitTimeSeconds: 0,
      logger,
      onFailed: (id) => failed.push(id),
    });
    expect(await monitor.drainOnce()).toBe(1);
    expect(failed).toEqual([jobId]);
    expect(await statusOf(jobId)).toEqual({
      status: 'failed',
      attempts: 2,
      error_message: DEAD_LETTER_MESSAGE,
    });
    expect(await sqs.depth(urls.dlqUrl)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('hides a retryable failure until its retry is due, then runs it again', async () => {
    const queue = queueFor();
    const jobId = await submit(queue);
    await relayFor().publishOnce();
    await queue.claim('w1');
    await queue.finish(jobId, 'w1', {
      kind: 'failed',
      retryable: true,
      error: { code: 'ZS_ERR_INTERNAL', message: 'flaky' },
    });
    expect((await statusOf(jobId))!.status).toBe('queued');
    expect(await sqs.depth(urls.queueUrl)).toEqual({ visible: 0, inFlight: 1 });
    let again = null;
    for (let i = 0; i < 5 && !again; i++) again = await queue.claim('w2');
    expect(again).toMatchObject({ jobId, attempts: 2 });
  });

  it('returns from a waiting claim at once when claiming stops', async () => {
    const queue = new SqsJobQueue(db, new TableJobQueue(db, { leaseSeconds: 2, retryBaseSeconds: 1 }), {
      client: sqs.client,
      queueUrl: urls.queueUrl,
      leaseSeconds: 2,
      waitTimeSeconds: 20,
      logger,
    });
    const started = Date.now();
    const waiting = queue.claim('w');
    await sleep(200);
    queue.stopClaiming();
    expect(await waiting).toBeNull();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
