/** Reads and writes jobs, uploads and artifacts for the API, in SQL that runs on PGlite and PostgreSQL alike. */
import type { SqlDb, SqlQueryable } from '../ports/sql-db.js';
import type { JobRow } from './job-row.js';
import type { Artifact } from '../../../src-shared/api/artifacts.js';
import type { JobStatusName } from '../../../src-shared/api/job-status.js';
import type { JobType } from '../../../src-shared/api/job-types.js';
import { LogInputSource } from '../../../src-shared/logs/experiment-log-api.js';

export interface UploadRow {
  job_id: string;
  object_key: string;
  filename: string;
  content_type: string;
  size_bytes: string | number;
  expires_at: Date;
  /** The user whose token reserved it; null without token authentication. */
  owner: string | null;
  /** Where the file came from when the server wrote it from an experiment log; null for a user's upload. */
  source?: LogInputSource | null;
}

export interface NewJob {
  jobId: string;
  jobType: JobType;
  parameters: Record<string, unknown>;
  requestSha256: string;
  inputKey: string;
  maxAttempts: number;
  /** The submitting user; null or absent without token authentication. */
  owner?: string | null;
}

interface ArtifactRow {
  file_key: string;
  file_name: string;
  file_type: Artifact['file_type'];
  content_type: string;
  size_bytes: string | number;
  sha256: string;
  created_at: Date;
}

export class JobRepository {
  constructor(private readonly db: SqlDb) {}

  async insertUpload(
    u: Omit<UploadRow, 'size_bytes' | 'owner'> & { size_bytes: number; owner?: string | null },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO uploads (job_id, object_key, filename, content_type, size_bytes, expires_at, owner, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [
        u.job_id,
        u.object_key,
        u.filename,
        u.content_type,
        u.size_bytes,
        u.expires_at,
        u.owner ?? null,
        u.source ? JSON.stringify(u.source) : null,
      ],
    );
  }

  /** The experiment-log provenance of a job's input (copied into its result.json); null for a user's upload. */
  async inputSourceOf(jobId: string): Promise<LogInputSource | null> {
    const r = await this.db.query<{ source: unknown }>('SELECT source FROM uploads WHERE job_id = $1', [
      jobId,
    ]);
    const source = r.rows[0]?.source;
    if (source === null || source === undefined) return null;
    const parsed = LogInputSource.safeParse(source);
    return parsed.success ? parsed.data : null;
  }

  async getUpload(jobId: string): Promise<UploadRow | null> {
    const r = await this.db.query<UploadRow>('SELECT * FROM uploads WHERE job_id = $1', [jobId]);
    return r.rows[0] ?? null;
  }

  /** Inserts the job unless one with this id exists; returns the stored row and whether it was new. */
  async insertJob(tx: SqlQueryable, j: NewJob): Promise<{ row: JobRow; created: boolean }> {
    const inserted = await tx.query<JobRow>(
      `INSERT INTO jobs (job_id, job_type, status, parameters, request_sha256, input_key, max_attempts, owner)
       VALUES ($1, $2, 'queued', $3::jsonb, $4, $5, $6, $7)
       ON CONFLICT (job_id) DO NOTHING
       RETURNING *`,
      [
        j.jobId,
        j.jobType,
        JSON.stringify(j.parameters),
        j.requestSha256,
        j.inputKey,
        j.maxAttempts,
        j.owner ?? null,
      ],
    );
    if (inserted.rows[0]) return { row: inserted.rows[0], created: true };
    const existing = await tx.query<JobRow>('SELECT * FROM jobs WHERE job_id = $1', [j.jobId]);
    return { row: existing.rows[0]!, created: false };
  }

  async getJob(jobId: string): Promise<JobRow | null> {
    const r = await this.db.query<JobRow>('SELECT * FROM jobs WHERE job_id = $1', [jobId]);
    return r.rows[0] ?? null;
  }

  async listJobs(q: {
    status?: JobStatusName;
    jobType?: JobType;
    limit: number;
    offset: number;
    /** Only this user's jobs; null: everyone's (no token authentication). */
    owner?: string | null;
  }): Promise<{ rows: JobRow[]; total: number }> {
    const where = `WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR job_type = $2)
      AND ($3::text IS NULL OR owner = $3)`;
    const params = [q.status ?? null, q.jobType ?? null, q.owner ?? null];
    const rows = await this.db.query<JobRow>(
      `SELECT * FROM jobs ${where} ORDER BY created_at DESC, job_id LIMIT $4 OFFSET $5`,
      [...params, q.limit, q.offset],
    );
    const total = await this.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM jobs ${where}`,
      params,
    );
    return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
  }

  /**
   * Cancels a queued job at once; flags a running one for its worker to stop at the next checkpoint.
   * Returns the job after the change (unchanged when it had already ended).
   */
  async requestCancel(jobId: string): Promise<JobRow | null> {
    const queued = await this.db.query<JobRow>(
      `UPDATE jobs SET status = 'cancelled', stage = 'cancelled', finished_at = now(), updated_at = now(),
              lease_owner = NULL, lease_expires_at = NULL, cancel_requested_at = coalesce(cancel_requested_at, now())
       WHERE job_id = $1 AND status = 'queued' RETURNING *`,
      [jobId],
    );
    if (queued.rows[0]) return queued.rows[0];
    const running = await this.db.query<JobRow>(
      `UPDATE jobs SET cancel_requested_at = coalesce(cancel_requested_at, now()), updated_at = now()
       WHERE job_id = $1 AND status IN ('running', 'uploading_outputs') RETURNING *`,
      [jobId],
    );
    return running.rows[0] ?? (await this.getJob(jobId));
  }

  async listArtifacts(jobId: string): Promise<Artifact[]> {
    const r = await this.db.query<ArtifactRow>(
      'SELECT * FROM artifacts WHERE job_id = $1 ORDER BY file_name',
      [jobId],
    );
    return r.rows.map((a) => ({
      file_key: a.file_key,
      file_name: a.file_name,
      file_type: a.file_type,
      content_type: a.content_type,
      size_bytes: Number(a.size_bytes),
      sha256: a.sha256,
      created_at: new Date(a.created_at).toISOString(),
    }));
  }
}
