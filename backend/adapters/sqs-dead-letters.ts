/**
 * Turns messages that SQS dead-lettered (received maxReceiveCount times without being deleted: workers kept dying on
 * the job) into `failed` jobs with a reason, so no job waits forever for a message that will never come back.
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import type { SqlDb } from '../core/ports/sql-db.js';

export interface DeadLetterMonitorOptions {
  client: SQSClient;
  dlqUrl: string;
  waitTimeSeconds: number;
  logger: Logger;
  /** Called with each job this monitor failed. */
  onFailed?: (jobId: string) => void;
}

export const DEAD_LETTER_MESSAGE =
  'The job was picked up from the queue too many times without finishing (a worker crashed or stopped responding ' +
  'each time), so it was moved to the dead-letter queue; giving up.';

export class DeadLetterMonitor {
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(
    private readonly db: SqlDb,
    private readonly o: DeadLetterMonitorOptions,
  ) {}

  /** Handles one batch of dead letters; returns how many messages it settled. */
  async drainOnce(): Promise<number> {
    const r = await this.o.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.o.dlqUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: this.o.waitTimeSeconds,
        VisibilityTimeout: 30,
      }),
      { abortSignal: this.stopping.signal },
    );
    let settled = 0;
    for (const m of r.Messages ?? []) {
      if (!m.ReceiptHandle) continue;
      let jobId: unknown = null;
      try {
        jobId = (JSON.parse(m.Body ?? '') as { job_id?: unknown }).job_id;
      } catch {
        // not ours: delete below
      }
      if (typeof jobId === 'string') {
        // A job still running under a live lease (its message was redelivered meanwhile) is left to finish.
        const live = await this.db.query<{ wait: number }>(
          `SELECT extract(epoch FROM lease_expires_at - now())::float8 AS wait FROM jobs
           WHERE job_id = $1 AND status IN ('running', 'uploading_outputs') AND lease_expires_at > now()`,
          [jobId],
        );
        if (live.rows[0]) {
          await this.o.client.send(
            new ChangeMessageVisibilityCommand({
              QueueUrl: this.o.dlqUrl,
              ReceiptHandle: m.ReceiptHandle,
              VisibilityTimeout: Math.min(43_200, Math.ceil(live.rows[0].wait) + 1),
            }),
          );
          continue;
        }
        const failed = await this.db.query(
          `UPDATE jobs SET status = 'failed', stage = 'failed', finished_at = now(), updated_at = now(),
             lease_owner = NULL, lease_expires_at = NULL, error_code = 'ZS_ERR_WORKER_LOST', error_message = $2,
             error_details = NULL, message = NULL
           WHERE job_id = $1 AND status NOT IN ('completed', 'failed', 'cancelled') RETURNING 1`,
          [jobId, DEAD_LETTER_MESSAGE],
        );
        if (failed.rows.length > 0) {
          this.o.logger.warn({ job_id: jobId }, 'job dead-lettered: marked failed');
          this.o.onFailed?.(jobId);
        }
      }
      await this.o.client.send(
        new DeleteMessageCommand({ QueueUrl: this.o.dlqUrl, ReceiptHandle: m.ReceiptHandle }),
      );
      settled++;
    }
    return settled;
  }

  start(): void {
    this.loop ??= (async () => {
      while (!this.stopping.signal.aborted) {
        try {
          const settled = await this.drainOnce();
          // Without long polling an empty queue would be asked again at once.
          if (settled === 0 && this.o.waitTimeSeconds === 0) await new Promise((r) => setTimeout(r, 500));
        } catch (err) {
          if (this.stopping.signal.aborted) break;
          this.o.logger.warn({ err }, 'dead-letter monitor failed; retrying');
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }
}
