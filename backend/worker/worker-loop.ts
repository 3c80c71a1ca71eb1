/** Claims jobs up to the configured concurrency, runs them, and on shutdown stops claiming and hands back what it holds. */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { BlobStore } from '../core/ports/blob-store.js';
import type { JobQueue } from '../core/ports/job-queue.js';
import type { JobLookup } from '../core/jobs/referenced-jobs.js';
import { executeJob } from './job-executor.js';
import { ThreadPool } from './thread-pool.js';

const MAX_CLAIM_BACKOFF_MS = 5000;

export interface WorkerLoopOptions {
  queue: JobQueue;
  store: BlobStore;
  logger: Logger;
  concurrency: number;
  pollIntervalMs: number;
  leaseSeconds: number;
  testProgressDelayMs: number;
  /** Reads the jobs a job refers to (a prediction's model job); the job repository. */
  jobs: JobLookup;
}

export class WorkerLoop {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly active = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly threads: ThreadPool;

  constructor(private readonly o: WorkerLoopOptions) {
    this.threads = new ThreadPool(o.concurrency);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Claim now instead of at the next poll (a job was just submitted in this process). */
  wake(): void {
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    const log = this.o.logger.child({ worker_id: this.workerId });
    log.info({ concurrency: this.o.concurrency }, 'worker started');
    // Consecutive failed claims (database down): the wait doubles up to MAX_CLAIM_BACKOFF_MS, so an outage neither
    // kills the worker nor floods the log and the recovering database with a claim every poll interval.
    let claimFailures = 0;
    while (!this.stopping) {
      let waitMs = this.o.pollIntervalMs;
      while (!this.stopping && this.active.size < this.o.concurrency) {
        let job;
        try {
          job = await this.o.queue.claim(this.workerId);
        } catch (err) {
          claimFailures++;
          waitMs = Math.min(this.o.pollIntervalMs * 2 ** (claimFailures - 1), MAX_CLAIM_BACKOFF_MS);
          if (claimFailures === 1 || claimFailures % 10 === 0)
            log.warn({ err, failures: claimFailures, retry_in_ms: waitMs }, 'claim failed; retrying');
          break;
        }
        if (claimFailures > 0) {
          log.info({ failures: claimFailures }, 'claiming again after failures');
          claimFailures = 0;
        }
        if (!job) break;
        const p: Promise<void> = executeJob(
          job,
          { ...this.o, threads: this.threads, workerId: this.workerId, logger: log },
          this.shutdown.signal,
        )
          .catch((err) => log.error({ err, job_id: job.jobId }, 'job executor crashed'))
          .finally(() => {
            this.active.delete(p);
            this.wake();
          });
        this.active.add(p);
      }
      if (this.stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** Stops claiming; jobs still running after `graceMs` are stopped and put back in the queue. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    if (this.active.size > 0) {
      const graceOver = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
      const outcome = await Promise.race([Promise.all(this.active).then(() => 'done' as const), graceOver]);
      if (outcome === 'timeout') {
        this.shutdown.abort();
        await Promise.all(this.active);
      }
    }
    await this.threads.close();
    this.o.logger.info({ worker_id: this.workerId }, 'worker stopped');
  }
}
