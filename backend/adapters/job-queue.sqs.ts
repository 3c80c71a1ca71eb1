/**
 * SQS as the delivery channel of the job queue (AWS). The jobs table stays the record of every job's state, lease and
 * attempts (the table queue's guarded SQL); SQS only says which job to look at next. A message stays invisible while
 * its job runs (visibility heartbeat), is deleted when the job ends, reappears when a worker dies, and after the
 * queue's maxReceiveCount lands in the dead-letter queue, where DeadLetterMonitor marks the job failed.
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import type { SqlDb, SqlQueryable } from '../core/ports/sql-db.js';
import type {
  ClaimedJob,
  JobOutcome,
  JobQueue,
  LeaseState,
  ProgressUpdate,
} from '../core/ports/job-queue.js';
import type { TableJobQueue } from './job-queue.pg.js';

export interface SqsJobQueueOptions {
  client: SQSClient;
  queueUrl: string;
  leaseSeconds: number;
  /** Long polling: how long a claim waits for a message (0..20 s). */
  waitTimeSeconds: number;
  logger: Logger;
}

/** SQS caps visibility at 12 hours. */
const MAX_VISIBILITY_SECONDS = 12 * 60 * 60;
/** Messages that name no claimable job are skipped; a claim gives up after this many in a row. */
const MAX_SKIPPED_PER_CLAIM = 10;

const LEASED = ['running', 'uploading_outputs'];
const ENDED = ['completed', 'failed', 'cancelled'];

export const jobMessageBody = (jobId: string) => JSON.stringify({ job_id: jobId });

function jobIdOf(message: Message): string | null {
  try {
    const body = JSON.parse(message.Body ?? '') as { job_id?: unknown };
    return typeof body.job_id === 'string' && /^[0-9a-f-]{36}$/i.test(body.job_id) ? body.job_id : null;
  } catch {
    return null;
  }
}

const clampVisibility = (seconds: number) =>
  Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, Math.ceil(seconds)));

interface JobState {
  status: string;
  /** Seconds until the lease expires (leased jobs) or the retry is due (queued jobs); may be negative. */
  wait_seconds: number | null;
}

export class SqsJobQueue implements JobQueue {
  /** The message each job this process runs came with, and when its visibility was last extended. */
  private readonly held = new Map<string, { receipt: string; extendedAt: number }>();
  private readonly receiving = new AbortController();

  constructor(
    private readonly db: SqlDb,
    private readonly table: TableJobQueue,
    private readonly o: SqsJobQueueOptions,
  ) {}

  /** The outbox row commits with the job row; OutboxRelay publishes it. */
  async enqueue(tx: SqlQueryable, jobId: string): Promise<void> {
    await tx.query('INSERT INTO job_outbox (job_id) VALUES ($1)', [jobId]);
  }

  async claim(workerId: string): Promise<ClaimedJob | null> {
    for (let skipped = 0; skipped < MAX_SKIPPED_PER_CLAIM; skipped++) {
      if (this.receiving.signal.aborted) return null;
      let messages: Message[];
      try {
        const r = await this.o.client.send(
          new ReceiveMessageCommand({
            QueueUrl: this.o.queueUrl,
            MaxNumberOfMessages: 1,
            WaitTimeSeconds: this.o.waitTimeSeconds,
            VisibilityTimeout: clampVisibility(this.o.leaseSeconds),
          }),
          { abortSignal: this.receiving.signal },
        );
        messages = r.Messages ?? [];
      } catch (err) {
        if (this.receiving.signal.aborted) return null;
        throw err;
      }
      const message = messages[0];
      if (!message?.ReceiptHandle) return null;
      const job = await this.take(message, message.ReceiptHandle, workerId);
      if (job) return job;
    }
    return null;
  }

  /** Claims the message's job, or settles the message: deleted when its job ended, hidden until it may be due. */
  private async take(message: Message, receipt: string, workerId: string): Promise<ClaimedJob | null> {
    const jobId = jobIdOf(message);
    if (!jobId) {
      this.o.logger.warn({ body: message.Body }, 'deleting a queue message that names no job');
      await this.deleteMessage(receipt);
      return null;
    }
    const job = await this.table.claimById(jobId, workerId);
    if (job) {
      this.held.set(jobId, { receipt, extendedAt: Date.now() });
      return job;
    }
    let state = await this.stateOf(jobId);
    if (state && LEASED.includes(state.status) && (state.wait_seconds ?? 0) <= 0) {
      // An expired lease that could not be reclaimed: no attempts left or a cancel pending, which the sweep settles.
      await this.table.sweepExpired();
      state = await this.stateOf(jobId);
    }
    if (!state || ENDED.includes(state.status)) {
      await this.deleteMessage(receipt);
      return null;
    }
    // A retry not due yet, another worker's live lease, or a row locked this instant: look again when it may be due.
    await this.setVisibility(receipt, Math.max(1, (state.wait_seconds ?? 0) + 1));
    return null;
  }

  private async stateOf(jobId: string): Promise<JobState | null> {
    const r = await this.db.query<JobState>(
      `SELECT status,
         extract(epoch FROM CASE WHEN status = 'queued' THEN run_after ELSE lease_expires_at END - now())::float8
           AS wait_seconds
       FROM jobs WHERE job_id = $1`,
      [jobId],
    );
    return r.rows[0] ?? null;
  }

  /** The table lease on every heartbeat; the message's visibility once a third of the lease has passed. */
  async extendLease(jobId: string, workerId: string): Promise<LeaseState> {
    const lease = await this.table.extendLease(jobId, workerId);
    const held = this.held.get(jobId);
    if (!lease.held) {
      this.held.delete(jobId);
    } else if (held && Date.now() - held.extendedAt >= (this.o.leaseSeconds * 1000) / 3) {
      held.extendedAt = Date.now();
      await this.setVisibility(held.receipt, this.o.leaseSeconds).catch((err: unknown) =>
        this.o.logger.warn({ err, job_id: jobId }, 'could not extend the message visibility'),
      );
    }
    return lease;
  }

  reportProgress(jobId: string, workerId: string, update: ProgressUpdate): Promise<boolean> {
    return this.table.reportProgress(jobId, workerId, update);
  }

  /** Records the attempt, then settles the message: deleted when the job ended, hidden for a scheduled retry. */
  async finish(jobId: string, workerId: string, outcome: JobOutcome): Promise<boolean> {
    const recorded = await this.table.finish(jobId, workerId, outcome);
    const held = this.held.get(jobId);
    this.held.delete(jobId);
    // A lost lease means another worker runs the job under its own message: leave this one alone.
    if (!recorded || !held) return recorded;
    if (outcome.kind === 'released') {
      await this.setVisibility(held.receipt, 0);
    } else {
      const state = await this.stateOf(jobId);
      if (state?.status === 'queued') await this.setVisibility(held.receipt, state.wait_seconds ?? 0);
      else await this.deleteMessage(held.receipt);
    }
    return true;
  }

  sweepExpired(): Promise<number> {
    return this.table.sweepExpired();
  }

  /** Makes a waiting claim return null at once, and later ones too (shutdown). */
  stopClaiming(): void {
    this.receiving.abort();
  }

  /** For the health check: the queue answers with these credentials. */
  async check(): Promise<boolean> {
    try {
      await this.o.client.send(
        new GetQueueAttributesCommand({ QueueUrl: this.o.queueUrl, AttributeNames: ['QueueArn'] }),
      );
      return true;
    } catch {
      return false;
    }
  }

  private async setVisibility(receipt: string, seconds: number): Promise<void> {
    await this.o.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.o.queueUrl,
        ReceiptHandle: receipt,
        VisibilityTimeout: clampVisibility(seconds),
      }),
    );
  }

  private async deleteMessage(receipt: string): Promise<void> {
    await this.o.client.send(new DeleteMessageCommand({ QueueUrl: this.o.queueUrl, ReceiptHandle: receipt }));
  }
}
