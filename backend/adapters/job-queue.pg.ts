/**
 * The jobs table as a queue (embedded PGlite and shared PostgreSQL): claims with FOR UPDATE SKIP LOCKED so
 * several workers can poll one table without blocking each other, leases as timestamps, retries by `run_after`.
 */
import type { SqlDb, SqlQueryable } from '../core/ports/sql-db.js';
import type {
  ClaimedJob,
  JobOutcome,
  JobQueue,
  LeaseState,
  ProgressUpdate,
} from '../core/ports/job-queue.js';
import type { JobType } from '../../src-shared/api/job-types.js';

export interface TableJobQueueOptions {
  leaseSeconds: number;
  /** Delay before retry n is `retryBaseSeconds * 2^(n-1)`, with ±20% jitter. */
  retryBaseSeconds: number;
  random?: () => number;
}

const LEASED = `status IN ('running', 'uploading_outputs')`;
const RECLAIMABLE = `${LEASED} AND lease_expires_at < now() AND cancel_requested_at IS NULL AND attempts < max_attempts`;

export class TableJobQueue implements JobQueue {
  private readonly random: () => number;
  constructor(
    private readonly db: SqlDb,
    private readonly options: TableJobQueueOptions,
  ) {
    this.random = options.random ?? Math.random;
  }

  async enqueue(_tx: SqlQueryable, _jobId: string): Promise<void> {
    // The inserted row with status 'queued' is the queue entry.
  }

  async claim(workerId: string): Promise<ClaimedJob | null> {
    await this.sweepExpired();
    return this.claimWhere(
      `SELECT job_id FROM jobs
       WHERE (status = 'queued' AND run_after <= now()) OR (${RECLAIMABLE})
       ORDER BY created_at, job_id
       LIMIT 1
       FOR UPDATE SKIP LOCKED`,
      [workerId],
    );
  }

  /**
   * Claims one given job if it is due: queued and past its retry delay, or leased under an expired lease with attempts
   * left. The SQS queue uses it for the job its message names; null when the job is not claimable now.
   */
  async claimById(jobId: string, workerId: string): Promise<ClaimedJob | null> {
    return this.claimWhere(
      `SELECT job_id FROM jobs
       WHERE job_id = $3 AND ((status = 'queued' AND run_after <= now()) OR (${RECLAIMABLE}))
       FOR UPDATE SKIP LOCKED`,
      [workerId, jobId],
    );
  }

  /** `next` selects the job to claim; its parameters start at $3 ($1 worker id, $2 lease seconds). */
  private async claimWhere(next: string, [workerId, ...rest]: string[]): Promise<ClaimedJob | null> {
    const r = await this.db.query<{
      job_id: string;
      job_type: JobType;
      parameters: Record<string, unknown>;
      input_key: string;
      attempts: number;
      max_attempts: number;
      started_at: Date;
    }>(
      `WITH next AS (${next})
       UPDATE jobs j
       SET status = 'running', attempts = j.attempts + 1, lease_owner = $1,
           lease_expires_at = now() + make_interval(secs => $2), started_at = coalesce(j.started_at, now()),
           progress = 0, stage = 'starting', message = NULL, updated_at = now()
       FROM next WHERE j.job_id = next.job_id
       RETURNING j.job_id, j.job_type, j.parameters, j.input_key, j.attempts, j.max_attempts, j.started_at`,
      [workerId, this.options.leaseSeconds, ...rest],
    );
    const row = r.rows[0];
    if (!row) return null;
    return {
      jobId: row.job_id,
      jobType: row.job_type,
      parameters: row.parameters,
      inputKey: row.input_key,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      startedAt: new Date(row.started_at),
    };
  }

  async extendLease(jobId: string, workerId: string): Promise<LeaseState> {
    const r = await this.db.query<{ cancel_requested_at: Date | null }>(
      `UPDATE jobs SET lease_expires_at = now() + make_interval(secs => $3)
       WHERE job_id = $1 AND lease_owner = $2 AND ${LEASED}
       RETURNING cancel_requested_at`,
      [jobId, workerId, this.options.leaseSeconds],
    );
    const row = r.rows[0];
    return { held: row !== undefined, cancelRequested: row?.cancel_requested_at != null };
  }

  async reportProgress(jobId: string, workerId: string, u: ProgressUpdate): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE jobs SET progress = $3, stage = $4, message = $5, status = coalesce($6, status), updated_at = now()
       WHERE job_id = $1 AND lease_owner = $2 AND ${LEASED} RETURNING 1`,
      [jobId, workerId, Math.max(0, Math.min(100, u.progress)), u.stage, u.message, u.status ?? null],
    );
    return r.rows.length > 0;
  }

  async finish(jobId: string, workerId: string, outcome: JobOutcome): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const owned = await tx.query<{ attempts: number; max_attempts: number }>(
        `SELECT attempts, max_attempts FROM jobs WHERE job_id = $1 AND lease_owner = $2 AND ${LEASED} FOR UPDATE`,
        [jobId, workerId],
      );
      const job = owned.rows[0];
      if (!job) return false;
      const release = `lease_owner = NULL, lease_expires_at = NULL, updated_at = now()`;
      switch (outcome.kind) {
        case 'completed':
          for (const a of outcome.artifacts) {
            await tx.query(
              `INSERT INTO artifacts (job_id, file_key, file_name, file_type, content_type, size_bytes, sha256, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
               ON CONFLICT (job_id, file_key) DO UPDATE SET size_bytes = EXCLUDED.size_bytes,
                 sha256 = EXCLUDED.sha256, created_at = EXCLUDED.created_at`,
              [
                jobId,
                a.file_key,
                a.file_name,
                a.file_type,
                a.content_type,
                a.size_bytes,
                a.sha256,
                a.created_at,
              ],
            );
          }
          await tx.query(
            `UPDATE jobs SET status = 'completed', progress = 100, stage = 'completed', message = $2,
               input_sha256 = $3, finished_at = now(), error_code = NULL, error_message = NULL, error_details = NULL, ${release}
             WHERE job_id = $1`,
            [jobId, outcome.message, outcome.inputSha256],
          );
          return true;
        case 'failed': {
          const retry = outcome.retryable && job.attempts < job.max_attempts;
          const delay = this.options.retryBaseSeconds * 2 ** (job.attempts - 1) * (0.8 + 0.4 * this.random());
          await tx.query(
            `UPDATE jobs SET status = $2, stage = $3, error_code = $4, error_message = $5, error_details = $6::jsonb,
               run_after = now() + make_interval(secs => $7), finished_at = CASE WHEN $2 = 'failed' THEN now() END,
               message = $8, ${release}
             WHERE job_id = $1`,
            [
              jobId,
              retry ? 'queued' : 'failed',
              retry ? 'retry_scheduled' : 'failed',
              outcome.error.code,
              outcome.error.message,
              outcome.error.details === undefined ? null : JSON.stringify(outcome.error.details),
              retry ? delay : 0,
              retry ? `Attempt ${job.attempts} of ${job.max_attempts} failed; retrying.` : null,
            ],
          );
          return true;
        }
        case 'cancelled':
          await tx.query(
            `UPDATE jobs SET status = 'cancelled', stage = 'cancelled', message = NULL, finished_at = now(), ${release}
             WHERE job_id = $1`,
            [jobId],
          );
          return true;
        case 'released':
          await tx.query(
            `UPDATE jobs SET status = 'queued', stage = 'queued', progress = 0, message = 'Worker shut down; queued again.',
               attempts = greatest(attempts - 1, 0), run_after = now(), ${release}
             WHERE job_id = $1`,
            [jobId],
          );
          return true;
      }
    });
  }

  async sweepExpired(): Promise<number> {
    const cancelled = await this.db.query(
      `UPDATE jobs SET status = 'cancelled', stage = 'cancelled', finished_at = now(), updated_at = now(),
         lease_owner = NULL, lease_expires_at = NULL
       WHERE ${LEASED} AND lease_expires_at < now() AND cancel_requested_at IS NOT NULL RETURNING 1`,
    );
    const failed = await this.db.query(
      `UPDATE jobs SET status = 'failed', stage = 'failed', finished_at = now(), updated_at = now(),
         lease_owner = NULL, lease_expires_at = NULL, error_code = 'ZS_ERR_WORKER_LOST',
         error_message = 'The worker running this job stopped responding ' || attempts || ' time(s); giving up.'
       WHERE ${LEASED} AND lease_expires_at < now() AND attempts >= max_attempts RETURNING 1`,
    );
    return cancelled.rows.length + failed.rows.length;
  }
}
