/**
 * Publishes the job outbox to SQS: rows committed with their jobs are sent in batches and stamped, under
 * FOR UPDATE SKIP LOCKED so any number of processes can relay at once. A crash between send and stamp sends a row
 * twice, never zero times; the queue's claim is idempotent per job, so a duplicate message is harmless.
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import type { SqlDb } from '../core/ports/sql-db.js';
import { jobMessageBody } from './job-queue.sqs.js';

export interface OutboxRelayOptions {
  client: SQSClient;
  queueUrl: string;
  intervalMs: number;
  logger: Logger;
  /** SQS takes at most 10 messages per batch. */
  batchSize?: number;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

export class OutboxRelay {
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastPrune = 0;

  constructor(
    private readonly db: SqlDb,
    private readonly o: OutboxRelayOptions,
  ) {}

  /** Publishes one batch; returns how many rows were published. */
  async publishOnce(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string | number; job_id: string }>(
        `SELECT id, job_id FROM job_outbox WHERE published_at IS NULL
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.o.batchSize ?? 10],
      );
      if (rows.rows.length === 0) return 0;
      const sent = await this.o.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.o.queueUrl,
          Entries: rows.rows.map((r) => ({ Id: String(r.id), MessageBody: jobMessageBody(r.job_id) })),
        }),
      );
      for (const f of sent.Failed ?? []) {
        this.o.logger.warn(
          { outbox_id: f.Id, code: f.Code, reason: f.Message },
          'outbox message not accepted',
        );
      }
      const ids = (sent.Successful ?? []).map((s) => s.Id);
      if (ids.length > 0) {
        await tx.query(`UPDATE job_outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
      }
      return ids.length;
    });
  }

  /** Published rows are kept a week for inspection, then deleted. */
  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.db.query(`DELETE FROM job_outbox WHERE published_at < now() - interval '7 days'`);
  }

  start(): void {
    this.loop ??= (async () => {
      while (!this.stopped) {
        let full = false;
        try {
          const n = await this.publishOnce();
          full = n === (this.o.batchSize ?? 10);
          await this.prune();
        } catch (err) {
          this.o.logger.warn({ err }, 'outbox relay failed; retrying');
        }
        if (full || this.stopped) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.o.intervalMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = null;
      }
    })();
  }

  /** Publish now (a job was just committed in this process). */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }
}
