/** Messages between a worker process and its analysis threads; one task at a time per thread. */
import type { JobType } from '../../src-shared/api/job-types.js';
import type { Warning } from '../../src-shared/api/results.js';
import type { JobFailure } from '../core/ports/job-queue.js';
import type { ReferencedJob, TaskFile } from './tasks/task.js';

export interface TaskRequest {
  type: 'run';
  runId: number;
  jobType: JobType;
  parameters: Record<string, unknown>;
  input: Uint8Array;
  inputFileName: string;
  /** Files of the finished jobs this job reads (see TaskContext.references). */
  references: ReferencedJob[];
  /** Int32Array over this buffer: index 0 becomes 1 when the task must stop. */
  cancelFlag: SharedArrayBuffer;
  /** Test-only fault injection: each progress checkpoint waits this long. */
  progressDelayMs: number;
}

export type TaskEvent =
  | { type: 'progress'; fraction: number; stage: string; message: string | null }
  | { type: 'done'; body: unknown; warnings: Warning[]; files: TaskFile[]; summary: string }
  | { type: 'cancelled' }
  | { type: 'error'; error: JobFailure; permanent: boolean };

export type ThreadMessage = TaskEvent & { runId: number };
