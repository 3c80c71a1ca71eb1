/**
 * How workers get jobs and hold on to them. Glossary: a *claim* takes one due job for a worker; the worker
 * holds it under a *lease* that it extends with heartbeats; a worker that dies stops extending, the lease
 * expires and another worker reclaims the job (an *attempt*); after `max_attempts` the job fails.
 * Every write is guarded by the lease owner, so a worker that lost its lease can never finish a job twice.
 */
import type { Artifact } from '../../../src-shared/api/artifacts.js';
import type { ErrorCode } from '../../../src-shared/api/errors.js';
import type { JobType } from '../../../src-shared/api/job-types.js';
import type { SqlQueryable } from './sql-db.js';

export interface ClaimedJob {
  jobId: string;
  jobType: JobType;
  parameters: Record<string, unknown>;
  inputKey: string;
  attempts: number;
  maxAttempts: number;
  startedAt: Date;
}

export interface LeaseState {
  held: boolean;
  cancelRequested: boolean;
}

export interface JobFailure {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type JobOutcome =
  | { kind: 'completed'; inputSha256: string; artifacts: Artifact[]; message: string }
  | { kind: 'failed'; error: JobFailure; retryable: boolean }
  | { kind: 'cancelled' }
  /** Put back without counting the attempt: the worker is shutting down. */
  | { kind: 'released' };

export interface ProgressUpdate {
  progress: number;
  stage: string;
  message: string | null;
  status?: 'running' | 'uploading_outputs';
}

export interface JobQueue {
  /** Called in the transaction that inserts the job row (the table queue needs nothing; SQS writes its outbox). */
  enqueue(tx: SqlQueryable, jobId: string): Promise<void>;
  claim(workerId: string): Promise<ClaimedJob | null>;
  extendLease(jobId: string, workerId: string): Promise<LeaseState>;
  reportProgress(jobId: string, workerId: string, update: ProgressUpdate): Promise<boolean>;
  /** Records the end of an attempt; false when the lease was lost meanwhile (nothing is written then). */
  finish(jobId: string, workerId: string, outcome: JobOutcome): Promise<boolean>;
  /** Fails or cancels jobs whose leases expired with no attempts left; returns how many. */
  sweepExpired(): Promise<number>;
}
