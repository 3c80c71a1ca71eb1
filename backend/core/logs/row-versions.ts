/**
 * The append-only row history of a log: a row's state at revision R is its latest version with revision ≤ R, and a
 * `deleted` version removes it. Nothing here ever updates or deletes a version, so every revision stays readable.
 */
import type { SqlQueryable } from '../ports/sql-db.js';
import type { CellValue, RowStatus } from '../../../src-shared/logs/experiment-log-api.js';
import type { RowVersionRecord } from './log-records.js';

/** Every row's latest version at `revision` (deleted ones included, so callers can tell "removed" from "never"). */
export async function versionsAt(
  q: SqlQueryable,
  logId: string,
  revision: number,
): Promise<RowVersionRecord[]> {
  const r = await q.query<RowVersionRecord>(
    `SELECT DISTINCT ON (row_id) row_id, revision, status, "values", deleted, planned_by_job
     FROM log_row_versions WHERE log_id = $1 AND revision <= $2
     ORDER BY row_id, revision DESC`,
    [logId, revision],
  );
  return r.rows;
}

/** The rows that exist at `revision`, in row-id order. */
export async function rowsAt(q: SqlQueryable, logId: string, revision: number): Promise<RowVersionRecord[]> {
  return (await versionsAt(q, logId, revision)).filter((v) => !v.deleted);
}

export interface NewRowVersion {
  row_id: string;
  status: RowStatus;
  values: Record<string, CellValue>;
  deleted?: boolean;
  planned_by_job: string | null;
}

// Rows per INSERT statement: large imports go in a few statements instead of one per row, below the 65535
// parameter limit of the PostgreSQL protocol (6 parameters a row).
const BATCH = 1000;

export async function appendVersions(
  q: SqlQueryable,
  logId: string,
  revision: number,
  versions: readonly NewRowVersion[],
): Promise<void> {
  for (let start = 0; start < versions.length; start += BATCH) {
    const batch = versions.slice(start, start + BATCH);
    const params: unknown[] = [logId, revision];
    const tuples = batch.map((v) => {
      params.push(v.row_id, v.status, JSON.stringify(v.values), v.deleted ?? false, v.planned_by_job);
      const n = params.length;
      return `($1, $${n - 4}::uuid, $2, $${n - 3}, $${n - 2}::jsonb, $${n - 1}::boolean, $${n}::uuid)`;
    });
    await q.query(
      `INSERT INTO log_row_versions (log_id, row_id, revision, status, "values", deleted, planned_by_job)
       VALUES ${tuples.join(', ')}`,
      params,
    );
  }
}
