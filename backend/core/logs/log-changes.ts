/**
 * The three ways a log changes, each one new revision written in one transaction under the log's lock: applying an
 * import plan, restoring the state after an earlier revision (undo), and adding the runs an optimization job planned.
 */
import { randomUUID } from 'node:crypto';
import type { SqlQueryable } from '../ports/sql-db.js';
import { canonicalJson } from '../canonical-json.js';
import type { CellValue } from '../../../src-shared/logs/experiment-log-api.js';
import type { ImportPlan, StoredRow } from '../../experiment-log/index.js';
import type { LogRecord, RevisionRecord, RowVersionRecord } from './log-records.js';
import type { LogRepository } from './log-repository.js';
import { appendVersions, rowsAt, versionsAt, type NewRowVersion } from './row-versions.js';

export interface ImportMeta {
  createdBy: string | null;
  fileName: string;
  fileSha256: string;
  note?: string | null;
}

export interface CommittedImport {
  plan: ImportPlan;
  /** The revision the plan was computed against (the log's revision when the lock was taken). */
  baseRevision: number;
  /** Null when the plan changed nothing (an identical re-import, or every row rejected). */
  revision: RevisionRecord | null;
}

/**
 * Plans the import against the rows current under the lock and applies it, so a commit racing another import is
 * computed against that import's result rather than against a stale preview. Null when the log does not exist.
 */
export async function commitImport(
  repo: LogRepository,
  logId: string,
  planFor: (existing: readonly StoredRow[], log: LogRecord) => ImportPlan,
  meta: ImportMeta,
): Promise<CommittedImport | null> {
  const done = await repo.withLockedLog(logId, async (tx, log) => {
    const existing = await rowsAt(tx, logId, log.revision);
    const plan = planFor(existing, log);
    if (plan.inserts.length === 0 && plan.updates.length === 0) {
      return { plan, baseRevision: log.revision, revision: null };
    }
    const next = log.revision + 1;
    const plannedBy = new Map(existing.map((r) => [r.row_id, r.planned_by_job]));
    await appendVersions(tx, logId, next, [
      ...plan.inserts.map((i) => ({ row_id: randomUUID(), ...i, planned_by_job: null })),
      ...plan.updates.map((u) => ({ ...u, planned_by_job: plannedBy.get(u.row_id) ?? null })),
    ]);
    const revision = await repo.recordRevision(tx, logId, next, {
      kind: 'import',
      createdBy: meta.createdBy,
      summary: {
        inserted: plan.counts.insert,
        updated: plan.counts.update,
        unchanged: plan.counts.unchanged,
        rejected: plan.counts.rejected,
        removed: 0,
      },
      fileName: meta.fileName,
      fileSha256: meta.fileSha256,
      note: meta.note ?? null,
    });
    return { plan, baseRevision: log.revision, revision };
  });
  return done?.value ?? null;
}

const sameRow = (a: RowVersionRecord, b: RowVersionRecord): boolean =>
  a.status === b.status &&
  a.planned_by_job === b.planned_by_job &&
  canonicalJson(a.values) === canonicalJson(b.values);

/**
 * Makes the rows exactly what they were after `target` (0: empty) as a new revision: rows added since get a deleted
 * version, changed or removed rows get their old version back (same row id, status, values and planning job).
 * Null when the log does not exist; throws RangeError for a revision the log never had.
 */
export async function restoreRevision(
  repo: LogRepository,
  logId: string,
  target: number,
  meta: { createdBy: string | null; note?: string | null },
): Promise<RevisionRecord | null> {
  const done = await repo.withLockedLog(logId, async (tx, log) => {
    if (target > log.revision)
      throw new RangeError(`the log has no revision ${target} (latest: ${log.revision})`);
    const now = new Map((await versionsAt(tx, logId, log.revision)).map((v) => [v.row_id, v]));
    const then = new Map((await rowsAt(tx, logId, target)).map((v) => [v.row_id, v]));
    const versions: NewRowVersion[] = [];
    const summary = { inserted: 0, updated: 0, unchanged: 0, rejected: 0, removed: 0 };
    for (const [rowId, current] of now) {
      if (!current.deleted && !then.has(rowId)) {
        versions.push({ ...current, deleted: true });
        summary.removed++;
      }
    }
    for (const [rowId, old] of then) {
      const current = now.get(rowId);
      if (current && !current.deleted && sameRow(current, old)) {
        summary.unchanged++;
        continue;
      }
      versions.push({ ...old, deleted: false });
      if (!current || current.deleted) summary.inserted++;
      else summary.updated++;
    }
    const next = log.revision + 1;
    await appendVersions(tx, logId, next, versions);
    return repo.recordRevision(tx, logId, next, {
      kind: 'restore',
      createdBy: meta.createdBy,
      summary,
      restoredTo: target,
      note: meta.note ?? null,
    });
  });
  return done?.value ?? null;
}

/**
 * Adds an optimization job's new runs as planned rows (one revision of kind `planned_from_job`); a run whose key
 * matches an existing row (or an earlier run of the same job) is left alone and counted as unchanged.
 */
export async function addPlannedRows(
  repo: LogRepository,
  logId: string,
  runs: ReadonlyArray<Record<string, CellValue>>,
  keyOf: (values: Record<string, CellValue>, log: LogRecord) => string,
  meta: { createdBy: string | null; jobId: string; rejected?: number },
): Promise<RevisionRecord | null> {
  const done = await repo.withLockedLog(logId, async (tx: SqlQueryable, log) => {
    const existing = await rowsAt(tx, logId, log.revision);
    const keys = new Set(existing.map((r) => keyOf(r.values, log)));
    const versions: NewRowVersion[] = [];
    for (const values of runs) {
      const key = keyOf(values, log);
      if (keys.has(key)) continue;
      keys.add(key);
      versions.push({ row_id: randomUUID(), status: 'planned', values, planned_by_job: meta.jobId });
    }
    const next = log.revision + 1;
    await appendVersions(tx, logId, next, versions);
    return repo.recordRevision(tx, logId, next, {
      kind: 'planned_from_job',
      createdBy: meta.createdBy,
      summary: {
        inserted: versions.length,
        updated: 0,
        unchanged: runs.length - versions.length,
        rejected: meta.rejected ?? 0,
        removed: 0,
      },
      jobId: meta.jobId,
    });
  });
  return done?.value ?? null;
}
