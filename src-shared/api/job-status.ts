/** The job lifecycle every process agrees on: the API reports it, the worker drives it, the UI and CLI follow it. */
import { z } from 'zod';

export const JOB_STATUSES = [
  'queued',
  'running',
  'uploading_outputs',
  'completed',
  'failed',
  'cancelled',
] as const;
export const JobStatusName = z.enum(JOB_STATUSES);
export type JobStatusName = z.infer<typeof JobStatusName>;

/** States a job never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<JobStatusName> = new Set(['completed', 'failed', 'cancelled']);
export const isTerminal = (s: JobStatusName): boolean => TERMINAL_STATUSES.has(s);
