/**
 * The experiment log's HTTP contract (`/api/v1/logs…`, `/api/v1/profiles…`): one growing table of every run of a
 * project, imported from filled-in forms, filtered, saved as views and sent to any analysis job.
 *
 * Glossary: a *log* is one project's table; a *row* is one run (`planned` until a response is measured, then
 * `done`); a *revision* is one change to the log (an import, a restore, runs planned from a job), numbered from 1;
 * a *view* is a named filter.
 */
import { z } from 'zod';
import { DomainProfile } from './domain-profile.js';

const name = z.string().min(1).max(255);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const timestamp = z.iso.datetime({ offset: true });

/** A stored cell: numbers, text, ISO dates (text), or null (no value). */
export const CellValue = z.union([z.number(), z.string(), z.null()]);
export type CellValue = z.infer<typeof CellValue>;

export const RowStatus = z.enum(['planned', 'done']);
export type RowStatus = z.infer<typeof RowStatus>;

export const LogRow = z.strictObject({
  row_id: z.uuid(),
  status: RowStatus,
  /** Canonical column → value; columns the row never had are absent. */
  values: z.record(z.string(), CellValue),
  /** The revision that last changed the row. */
  revision: z.number().int().min(1),
  /** The optimization job that planned the run, if any. */
  planned_by_job: z.uuid().nullable(),
});
export type LogRow = z.infer<typeof LogRow>;

export const ExperimentLog = z.strictObject({
  log_id: z.uuid(),
  name,
  description: z.string().max(4000).nullable(),
  profile: DomainProfile,
  /** The upsert key in use (the profile's unless overridden at creation). */
  key_columns: z.array(name).min(1),
  row_count: z.number().int(),
  /** The current revision; 0 for an empty new log. */
  revision: z.number().int().min(0),
  created_at: timestamp,
  updated_at: timestamp,
});
export type ExperimentLog = z.infer<typeof ExperimentLog>;

export const CreateLogRequest = z.strictObject({
  name,
  description: z.string().max(4000).optional(),
  /** A stored profile (`brush-deburring` by default; latest version when `profile_version` is omitted). */
  profile_id: z.string().min(1).max(63).default('brush-deburring'),
  profile_version: z.number().int().min(1).optional(),
  key_columns: z.array(name).min(1).max(100).optional(),
});
export type CreateLogRequest = z.input<typeof CreateLogRequest>;

export const ListLogsResponse = z.strictObject({ logs: z.array(ExperimentLog) });

/**
 * Which rows to keep. Every clause present must hold (AND); a clause on a column the row has no value in
 * excludes the row. Bounds are inclusive; an absent bound is open.
 */
export const RowFilter = z.strictObject({
  date: z.strictObject({ from: isoDate.optional(), to: isoDate.optional() }).optional(),
  /** The row's value is one of `values` (numbers and text compared as stored). */
  categories: z
    .array(
      z.strictObject({
        column: name,
        values: z
          .array(z.union([z.number(), z.string()]))
          .min(1)
          .max(1000),
      }),
    )
    .max(100)
    .optional(),
  ranges: z
    .array(z.strictObject({ column: name, min: z.number().optional(), max: z.number().optional() }))
    .max(100)
    .optional(),
  /** Rows where any of `columns` (members of one-hot group `group`) is 1: choices within a group are ORed. */
  one_hot: z
    .array(z.strictObject({ group: name, columns: z.array(name).min(1).max(100) }))
    .max(50)
    .optional(),
  status: z.array(RowStatus).min(1).max(2).optional(),
});
export type RowFilter = z.infer<typeof RowFilter>;

export const ListRowsRequest = z.strictObject({
  filter: RowFilter.default({}),
  /** Rows ordered by date (when the profile has one), then by row id; paging. */
  limit: z.number().int().min(1).max(10_000).default(500),
  offset: z.number().int().min(0).default(0),
});
export const ListRowsResponse = z.strictObject({
  rows: z.array(LogRow),
  total: z.number().int(),
  revision: z.number().int(),
});
export type ListRowsResponse = z.infer<typeof ListRowsResponse>;

/** A file uploaded with /api/v1/presign/upload (its `key`) imported into a log. */
export const ImportRequest = z.strictObject({
  input_key: z.string().min(1).max(1024),
  sheet: z.string().min(1).max(255).optional(),
  /** false: only the preview; true: apply the valid rows as a new revision (rejected rows are skipped and listed). */
  commit: z.boolean().default(false),
  /** Optional note recorded with the revision. */
  note: z.string().max(1000).optional(),
});
export type ImportRequest = z.input<typeof ImportRequest>;

/** One problem with one row: the file's 1-based row number (the header is row 1) and the column, when known. */
export const RowProblem = z.strictObject({
  row: z.number().int().min(1),
  column: z.string().nullable(),
  message: z.string(),
  /** The message in Japanese and English for the UI. */
  message_ja: z.string(),
});
export type RowProblem = z.infer<typeof RowProblem>;

export const CellChange = z.strictObject({ column: name, before: CellValue, after: CellValue });

export const ImportRowOutcome = z.strictObject({
  row: z.number().int().min(1),
  action: z.enum(['insert', 'update', 'unchanged', 'rejected']),
  /** The row's key values (canonical names). */
  key: z.record(z.string(), CellValue),
  changes: z.array(CellChange).default([]),
  problems: z.array(RowProblem).default([]),
});
export type ImportRowOutcome = z.infer<typeof ImportRowOutcome>;

export const ImportPreview = z.strictObject({
  file_name: z.string(),
  file_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Header in the file → canonical column (null: not in the profile, ignored with a warning). */
  column_mapping: z.array(z.strictObject({ source: z.string(), canonical: z.string().nullable() })),
  counts: z.strictObject({
    insert: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
  }),
  rows: z.array(ImportRowOutcome),
  warnings: z.array(z.strictObject({ code: z.string(), message: z.string(), message_ja: z.string() })),
  /** The revision the preview was computed against; a commit against a newer revision is recomputed. */
  base_revision: z.number().int(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const RevisionKind = z.enum(['import', 'restore', 'planned_from_job']);
export const Revision = z.strictObject({
  revision: z.number().int().min(1),
  kind: RevisionKind,
  /** The user (token owner) who made it; null in embedded mode. */
  created_by: z.string().nullable(),
  created_at: timestamp,
  summary: z.strictObject({
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    /** Rows removed (a restore undoing inserts). */
    removed: z.number().int(),
  }),
  file_name: z.string().nullable(),
  /** For `restore`: the revision whose state was restored; for `planned_from_job`: null. */
  restored_to: z.number().int().min(0).nullable(),
  job_id: z.uuid().nullable(),
  note: z.string().nullable(),
});
export type Revision = z.infer<typeof Revision>;

export const ImportResponse = z.strictObject({
  preview: ImportPreview,
  /** The new revision when committed and something changed; null for a preview or an import that changed nothing. */
  revision: Revision.nullable(),
});
export type ImportResponse = z.infer<typeof ImportResponse>;

export const ListRevisionsResponse = z.strictObject({ revisions: z.array(Revision) });

/** Makes the log's rows exactly what they were after `revision` (0: empty), as a new revision. */
export const RestoreRequest = z.strictObject({
  revision: z.number().int().min(0),
  note: z.string().max(1000).optional(),
});

export const LogView = z.strictObject({
  view_id: z.uuid(),
  name,
  filter: RowFilter,
  created_at: timestamp,
});
export type LogView = z.infer<typeof LogView>;
export const CreateViewRequest = z.strictObject({ name, filter: RowFilter });
export const ListViewsResponse = z.strictObject({ views: z.array(LogView) });

/** Where a job's input came from when it was made from a log; recorded on the upload and in result.json. */
export const LogInputSource = z.strictObject({
  kind: z.literal('experiment_log'),
  log_id: z.uuid(),
  log_name: name,
  revision: z.number().int().min(0),
  view_name: z.string().nullable(),
  filter: RowFilter,
  rows: z.number().int(),
});
export type LogInputSource = z.infer<typeof LogInputSource>;

/** Writes the rows of a view (or an ad-hoc filter) as a CSV input, ready for POST /api/v1/jobs. */
export const LogInputRequest = z.strictObject({
  view_id: z.uuid().optional(),
  filter: RowFilter.optional(),
});
export const LogInputResponse = z.strictObject({
  job_id: z.uuid(),
  input_key: z.string(),
  source: LogInputSource,
});
export type LogInputResponse = z.infer<typeof LogInputResponse>;

/** GET /api/v1/logs/{log_id}/export?format=csv|xlsx&view_id=… : the file (formula injection neutralised). */
export const ExportQuery = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  view_id: z.uuid().optional(),
});

/** Adds a finished optimization job's new runs as `planned` rows (one revision). */
export const PlanFromJobRequest = z.strictObject({ job_id: z.uuid() });

export const ListProfilesResponse = z.strictObject({ profiles: z.array(DomainProfile) });
/** Stores a profile; an existing id gets the next version (the body's `version` is ignored). */
export const SaveProfileRequest = DomainProfile;
