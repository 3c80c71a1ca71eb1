/** A remaining-time estimate from the progress so far: elapsed × (100 − p) / p, once there is enough to go on. */
import type { JobStatus } from '../../../src-shared/api/index.js';

export function estimateRemainingMs(job: JobStatus, nowMs: number): number | null {
  if (job.status !== 'running' || !job.started_at) return null;
  const p = job.progress;
  if (p < 3 || p >= 100) return null;
  const elapsed = nowMs - Date.parse(job.started_at);
  if (elapsed <= 0) return null;
  return (elapsed * (100 - p)) / p;
}
