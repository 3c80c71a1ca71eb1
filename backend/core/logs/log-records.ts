/** The experiment-log tables' rows as SQL returns them, and their mapping to the API's shapes. */
import type { DomainProfile } from '../../../src-shared/logs/domain-profile.js';
import type {
  CellValue,
  ExperimentLog,
  LogRow,
  LogView,
  Revision,
  RowFilter,
  RowStatus,
} from '../../../src-shared/logs/experiment-log-api.js';

export interface LogRecord {
  log_id: string;
  owner: string | null;
  name: string;
  description: string | null;
  profile: DomainProfile;
  key_columns: string[];
  revision: number;
  created_at: Date;
  updated_at: Date;
  /** Present when the query counted the current rows. */
  row_count?: string | number;
}

/** One version of one row (log_row_versions). */
export interface RowVersionRecord {
  row_id: string;
  revision: number;
  status: RowStatus;
  values: Record<string, CellValue>;
  deleted: boolean;
  planned_by_job: string | null;
}

export interface RevisionRecord {
  revision: number;
  kind: Revision['kind'];
  created_by: string | null;
  created_at: Date;
  summary: Revision['summary'];
  file_name: string | null;
  restored_to: number | null;
  job_id: string | null;
  note: string | null;
}

export interface ViewRecord {
  view_id: string;
  log_id: string;
  name: string;
  filter: RowFilter;
  created_at: Date;
}

const iso = (d: Date): string => new Date(d).toISOString();

export function toExperimentLog(r: LogRecord): ExperimentLog {
  return {
    log_id: r.log_id,
    name: r.name,
    description: r.description,
    profile: r.profile,
    key_columns: r.key_columns,
    row_count: Number(r.row_count ?? 0),
    revision: Number(r.revision),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

export function toLogRow(r: RowVersionRecord): LogRow {
  return {
    row_id: r.row_id,
    status: r.status,
    values: r.values,
    revision: Number(r.revision),
    planned_by_job: r.planned_by_job,
  };
}

export function toRevision(r: RevisionRecord): Revision {
  return {
    revision: Number(r.revision),
    kind: r.kind,
    created_by: r.created_by,
    created_at: iso(r.created_at),
    summary: r.summary,
    file_name: r.file_name,
    restored_to: r.restored_to === null ? null : Number(r.restored_to),
    job_id: r.job_id,
    note: r.note,
  };
}

export function toLogView(r: ViewRecord): LogView {
  return { view_id: r.view_id, name: r.name, filter: r.filter, created_at: iso(r.created_at) };
}
