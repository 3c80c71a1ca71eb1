/**
 * The experiment-log part of the API client (`client.logs`). Every method maps to one route under
 * `/api/v1/logs` or `/api/v1/profiles` (see src-shared/logs/experiment-log-api.ts) and validates the answer.
 */
import type { DomainProfile } from '../logs/domain-profile.js';
import type {
  CreateLogRequest,
  ExperimentLog,
  ImportRequest,
  ImportResponse,
  ListRowsResponse,
  LogInputResponse,
  LogView,
  Revision,
  RowFilter,
} from '../logs/experiment-log-api.js';

export interface LogCallOptions {
  signal?: AbortSignal;
}

export interface LogClient {
  listProfiles(options?: LogCallOptions): Promise<DomainProfile[]>;
  saveProfile(profile: DomainProfile, options?: LogCallOptions): Promise<DomainProfile>;
  listLogs(options?: LogCallOptions): Promise<ExperimentLog[]>;
  createLog(req: CreateLogRequest, options?: LogCallOptions): Promise<ExperimentLog>;
  getLog(logId: string, options?: LogCallOptions): Promise<ExperimentLog>;
  listRows(
    logId: string,
    req?: { filter?: RowFilter; limit?: number; offset?: number },
    options?: LogCallOptions,
  ): Promise<ListRowsResponse>;
  /** Preview (commit false) or apply (commit true) the import of an uploaded file (`input_key`). */
  importFile(logId: string, req: ImportRequest, options?: LogCallOptions): Promise<ImportResponse>;
  listRevisions(logId: string, options?: LogCallOptions): Promise<Revision[]>;
  restore(logId: string, revision: number, note?: string, options?: LogCallOptions): Promise<Revision>;
  listViews(logId: string, options?: LogCallOptions): Promise<LogView[]>;
  createView(logId: string, name: string, filter: RowFilter, options?: LogCallOptions): Promise<LogView>;
  deleteView(logId: string, viewId: string, options?: LogCallOptions): Promise<void>;
  /** Writes the rows of a view or filter as a job input; then `createJob({ job_id, input_key, ... })`. */
  makeJobInput(
    logId: string,
    req: { view_id?: string; filter?: RowFilter },
    options?: LogCallOptions,
  ): Promise<LogInputResponse>;
  /** The export's URL path relative to the API prefix (GET with the client's auth), and the file's bytes. */
  exportRows(
    logId: string,
    req: { format: 'csv' | 'xlsx'; view_id?: string },
    options?: LogCallOptions,
  ): Promise<{ fileName: string; bytes: Uint8Array; contentType: string }>;
  planFromJob(logId: string, jobId: string, options?: LogCallOptions): Promise<Revision>;
}
