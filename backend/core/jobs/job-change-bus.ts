/**
 * In-process news that a job's row changed, so a live view (SSE) in the same process answers at once instead of at
 * its next poll. Views still poll, because the worker may be another process.
 */
import { EventEmitter } from 'node:events';
import type { JobQueue } from '../ports/job-queue.js';

export class JobChangeBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open event stream; many browsers may watch at once.
    this.emitter.setMaxListeners(0);
  }

  changed(jobId: string): void {
    this.emitter.emit(jobId);
  }

  /** Resolves when `jobId` changes or after `timeoutMs`, whichever comes first. */
  next(jobId: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off(jobId, done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.emitter.once(jobId, done);
    });
  }
}

/** The same queue, announcing every state change it writes on `bus`. */
export function announcingChanges(queue: JobQueue, bus: JobChangeBus): JobQueue {
  const after = async <T>(jobId: string, p: Promise<T>): Promise<T> => {
    const out = await p;
    bus.changed(jobId);
    return out;
  };
  return {
    enqueue: (tx, jobId) => queue.enqueue(tx, jobId),
    claim: async (workerId) => {
      const job = await queue.claim(workerId);
      if (job) bus.changed(job.jobId);
      return job;
    },
    extendLease: (jobId, workerId) => queue.extendLease(jobId, workerId),
    reportProgress: (jobId, workerId, update) => after(jobId, queue.reportProgress(jobId, workerId, update)),
    finish: (jobId, workerId, outcome) => after(jobId, queue.finish(jobId, workerId, outcome)),
    sweepExpired: () => queue.sweepExpired(),
  };
}
