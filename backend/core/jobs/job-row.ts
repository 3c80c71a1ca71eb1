/** Maps a `jobs` table row to the public JobStatus, the only shape that leaves the backend. */
import type { JobStatus } from '../../../src-shared/api/http.js';
import type { JobStatusName } from '../../../src-shared/api/job-status.js';
import type { JobType } from '../../../src-shared/api/job-types.js';
import type { ErrorCode } from '../../../src-shared/api/errors.js';

export interface JobRow {
  job_id: string;
  job_type: JobType;
  status: JobStatusName;
  parameters: Record<string, unknown>;
  request_sha256: string;
  input_key: string;
  input_sha256: string | null;
  progress: number;
  stage: string | null;
  message: string | null;
  error_code: ErrorCode | null;
  error_message: string | null;
  error_details: unknown;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  cancel_requested_at: Date | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  /** The user whose token submitted it; null without token authentication. */
  owner: string | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toJobStatus(row: JobRow): JobStatus {
  return {
    job_id: row.job_id,
    job_type: row.job_type,
    status: row.status,
    progress: Math.round(Number(row.progress) * 10) / 10,
    stage: row.stage,
    message: row.message,
    error: row.error_code
      ? {
          code: row.error_code,
          message: row.error_message ?? '',
          ...(row.error_details != null ? { details: row.error_details } : {}),
        }
      : null,
    attempts: row.attempts,
    input_key: row.input_key,
    parameters: row.parameters,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
    started_at: iso(row.started_at),
    finished_at: iso(row.finished_at),
  };
}
