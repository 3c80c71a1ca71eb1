/** Reads and writes experiment logs, their revisions and saved views, in SQL that runs on PGlite and PostgreSQL. */
import { randomUUID } from 'node:crypto';
import type { SqlDb, SqlQueryable } from '../ports/sql-db.js';
import { conflict } from '../errors.js';
import type { DomainProfile } from '../../../src-shared/logs/domain-profile.js';
import type { Revision, RowFilter } from '../../../src-shared/logs/experiment-log-api.js';
import type { LogRecord, RevisionRecord, RowVersionRecord, ViewRecord } from './log-records.js';
import { rowsAt } from './row-versions.js';

// The current row count: rows whose latest version is not a deletion.
const ROW_COUNT = `(SELECT count(*) FROM (
    SELECT DISTINCT ON (v.row_id) v.deleted FROM log_row_versions v
    WHERE v.log_id = l.log_id ORDER BY v.row_id, v.revision DESC) latest
  WHERE NOT latest.deleted) AS row_count`;

export interface NewLog {
  name: string;
  description: string | null;
  profile: DomainProfile;
  keyColumns: readonly string[];
  owner: string | null;
}

export interface NewRevision {
  kind: Revision['kind'];
  createdBy: string | null;
  summary: Revision['summary'];
  fileName?: string | null;
  fileSha256?: string | null;
  restoredTo?: number | null;
  jobId?: string | null;
  note?: string | null;
}

export class LogRepository {
  constructor(readonly db: SqlDb) {}

  async createLog(n: NewLog): Promise<LogRecord> {
    const r = await this.db.query<LogRecord>(
      `INSERT INTO experiment_logs (log_id, owner, name, description, profile, key_columns)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb) RETURNING *, 0 AS row_count`,
      [randomUUID(), n.owner, n.name, n.description, JSON.stringify(n.profile), JSON.stringify(n.keyColumns)],
    );
    return r.rows[0]!;
  }

  /** Newest first; only `owner`'s logs unless owner is null (no token authentication). */
  async listLogs(owner: string | null): Promise<LogRecord[]> {
    const r = await this.db.query<LogRecord>(
      `SELECT l.*, ${ROW_COUNT} FROM experiment_logs l
       WHERE ($1::text IS NULL OR l.owner = $1) ORDER BY l.created_at DESC, l.log_id`,
      [owner],
    );
    return r.rows;
  }

  async getLog(logId: string, q: SqlQueryable = this.db): Promise<LogRecord | null> {
    const r = await q.query<LogRecord>(
      `SELECT l.*, ${ROW_COUNT} FROM experiment_logs l WHERE l.log_id = $1`,
      [logId],
    );
    return r.rows[0] ?? null;
  }

  /** The current rows and the revision they belong to. */
  async currentRows(logId: string): Promise<{ rows: RowVersionRecord[]; revision: number } | null> {
    // One transaction so the revision and the rows agree even while an import commits.
    return this.db.transaction(async (tx) => {
      const log = await tx.query<{ revision: number }>(
        'SELECT revision FROM experiment_logs WHERE log_id = $1',
        [logId],
      );
      const revision = log.rows[0]?.revision;
      if (revision === undefined) return null;
      return { rows: await rowsAt(tx, logId, Number(revision)), revision: Number(revision) };
    });
  }

  /**
   * Runs `fn` in one transaction holding the log's row lock, so changes to one log are applied one after another
   * (PostgreSQL: SELECT … FOR UPDATE; PGlite runs one transaction at a time anyway). Null when the log is gone.
   */
  async withLockedLog<T>(
    logId: string,
    fn: (tx: SqlQueryable, log: LogRecord) => Promise<T>,
  ): Promise<{ value: T } | null> {
    return this.db.transaction(async (tx) => {
      const r = await tx.query<LogRecord>('SELECT * FROM experiment_logs WHERE log_id = $1 FOR UPDATE', [
        logId,
      ]);
      const log = r.rows[0];
      if (!log) return null;
      return { value: await fn(tx, { ...log, revision: Number(log.revision) }) };
    });
  }

  /** Records revision `revision` (the caller holds the lock and has appended its row versions) and moves the log to it. */
  async recordRevision(
    tx: SqlQueryable,
    logId: string,
    revision: number,
    n: NewRevision,
  ): Promise<RevisionRecord> {
    const r = await tx.query<RevisionRecord>(
      `INSERT INTO log_revisions
         (log_id, revision, kind, created_by, summary, file_name, file_sha256, restored_to, job_id, note)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10) RETURNING *`,
      [
        logId,
        revision,
        n.kind,
        n.createdBy,
        JSON.stringify(n.summary),
        n.fileName ?? null,
        n.fileSha256 ?? null,
        n.restoredTo ?? null,
        n.jobId ?? null,
        n.note ?? null,
      ],
    );
    await tx.query('UPDATE experiment_logs SET revision = $2, updated_at = now() WHERE log_id = $1', [
      logId,
      revision,
    ]);
    return r.rows[0]!;
  }

  /** Newest first. */
  async listRevisions(logId: string): Promise<RevisionRecord[]> {
    const r = await this.db.query<RevisionRecord>(
      'SELECT * FROM log_revisions WHERE log_id = $1 ORDER BY revision DESC',
      [logId],
    );
    return r.rows;
  }

  async listViews(logId: string): Promise<ViewRecord[]> {
    const r = await this.db.query<ViewRecord>('SELECT * FROM log_views WHERE log_id = $1 ORDER BY name', [
      logId,
    ]);
    return r.rows;
  }

  async getView(logId: string, viewId: string): Promise<ViewRecord | null> {
    const r = await this.db.query<ViewRecord>('SELECT * FROM log_views WHERE log_id = $1 AND view_id = $2', [
      logId,
      viewId,
    ]);
    return r.rows[0] ?? null;
  }

  /** A second view with the same name in the same log is a conflict (409). */
  async createView(logId: string, name: string, filter: RowFilter): Promise<ViewRecord> {
    const r = await this.db.query<ViewRecord>(
      `INSERT INTO log_views (view_id, log_id, name, filter) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (log_id, name) DO NOTHING RETURNING *`,
      [randomUUID(), logId, name, JSON.stringify(filter)],
    );
    if (!r.rows[0]) throw conflict(`This log already has a view named "${name}".`);
    return r.rows[0];
  }

  /** True when the view existed. */
  async deleteView(logId: string, viewId: string): Promise<boolean> {
    const r = await this.db.query(
      'DELETE FROM log_views WHERE log_id = $1 AND view_id = $2 RETURNING view_id',
      [logId, viewId],
    );
    return r.rows.length > 0;
  }
}
