/**
 * What a job type's task is: a function run inside an analysis thread that turns the input file and the
 * parameters into a typed result body and a few human-readable files. Tasks do no I/O beyond their input.
 */
import type { ErrorCode } from '../../../src-shared/api/errors.js';
import type { JobType } from '../../../src-shared/api/job-types.js';
import type { Warning } from '../../../src-shared/api/results.js';

/** A finished job this job reads (a prediction's model job) with the files it needs, supplied by the executor. */
export interface ReferencedJob {
  /** The parameter that names the job, e.g. `parameters.model_job_id`. */
  field: string;
  jobId: string;
  jobType: JobType;
  files: TaskFile[];
}

export interface TaskContext {
  parameters: Record<string, unknown>;
  input: Uint8Array;
  inputFileName: string;
  /** The referenced jobs' files (core/jobs/referenced-jobs.ts); absent or empty for job types that read none. */
  references?: ReferencedJob[];
  signal: AbortSignal;
  /** `fraction` in 0..1 of the whole task; throws (AbortError) when the job was cancelled meanwhile. */
  progress(fraction: number, stage: string, message?: string): void;
}

export interface TaskFile {
  name: string;
  bytes: Uint8Array;
}

export interface TaskOutput {
  body: unknown;
  warnings: Warning[];
  files: TaskFile[];
  /** One line for the job's final message, e.g. `OLS fit of 摩耗量 on 3 terms, n = 36, R² = 0.9995`. */
  summary: string;
}

export type Task = (ctx: TaskContext) => Promise<TaskOutput>;

/** A problem with the user's input or parameters: retrying cannot help, the message says what to fix. */
export class TaskError extends Error {
  override name = 'TaskError';
  constructor(
    readonly code: Extract<ErrorCode, 'ZS_ERR_INPUT' | 'ZS_ERR_ANALYSIS'>,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
