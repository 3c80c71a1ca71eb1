/**
 * The experiment-log part of the API client (`client.logs`). Every method maps to one route under
 * `/api/v1/logs` or `/api/v1/profiles` (see src-shared/logs/experiment-log-api.ts) and validates the answer.
 */
import type { z } from 'zod';
import { DomainProfile } from '../logs/domain-profile.js';
import {
  ExperimentLog,
  ImportResponse,
  ListLogsResponse,
  ListProfilesResponse,
  ListRevisionsResponse,
  ListRowsResponse,
  ListViewsResponse,
  LogInputResponse,
  LogView,
  Revision,
  type CreateLogRequest,
  type ImportRequest,
  type RowFilter,
} from '../logs/experiment-log-api.js';
import type { HttpTransport } from './http-transport.js';
import { callJson } from './parse-answer.js';

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

/**
 * The log client over the ApiClient's transport (same base URL, token, timeouts and retry policy). Retried: reads, the
 * row query, previews, deleting a view and the export; not retried: calls that create or change something, whose
 * repeat after a lost answer would make a second log, view, revision or job input.
 */
export function createLogClient(api: HttpTransport): LogClient {
  const call = <S extends z.ZodType>(schema: S, req: Parameters<typeof callJson<S>>[2]) =>
    callJson(api, schema, req);
  const logPath = (logId: string, rest = ''): string => `/logs/${encodeURIComponent(logId)}${rest}`;

  return {
    async listProfiles(opts) {
      const r = await call(ListProfilesResponse, {
        method: 'GET',
        url: '/profiles',
        retry: true,
        signal: opts?.signal,
      });
      return r.profiles;
    },
    saveProfile(profile, opts) {
      return call(DomainProfile, {
        method: 'POST',
        url: '/profiles',
        body: profile,
        retry: false,
        signal: opts?.signal,
      });
    },
    async listLogs(opts) {
      const r = await call(ListLogsResponse, {
        method: 'GET',
        url: '/logs',
        retry: true,
        signal: opts?.signal,
      });
      return r.logs;
    },
    createLog(req, opts) {
      return call(ExperimentLog, {
        method: 'POST',
        url: '/logs',
        body: req,
        retry: false,
        signal: opts?.signal,
      });
    },
    getLog(logId, opts) {
      return call(ExperimentLog, { method: 'GET', url: logPath(logId), retry: true, signal: opts?.signal });
    },
    listRows(logId, req = {}, opts) {
      return call(ListRowsResponse, {
        method: 'POST',
        url: logPath(logId, '/rows/query'),
        body: req,
        retry: true,
        signal: opts?.signal,
      });
    },
    importFile(logId, req, opts) {
      return call(ImportResponse, {
        method: 'POST',
        url: logPath(logId, '/imports'),
        body: req,
        retry: req.commit !== true,
        signal: opts?.signal,
      });
    },
    async listRevisions(logId, opts) {
      const r = await call(ListRevisionsResponse, {
        method: 'GET',
        url: logPath(logId, '/revisions'),
        retry: true,
        signal: opts?.signal,
      });
      return r.revisions;
    },
    restore(logId, revision, note, opts) {
      return call(Revision, {
        method: 'POST',
        url: logPath(logId, '/restore'),
        body: note === undefined ? { revision } : { revision, note },
        retry: false,
        signal: opts?.signal,
      });
    },
    async listViews(logId, opts) {
      const r = await call(ListViewsResponse, {
        method: 'GET',
        url: logPath(logId, '/views'),
        retry: true,
        signal: opts?.signal,
      });
      return r.views;
    },
    createView(logId, name, filter, opts) {
      return call(LogView, {
        method: 'POST',
        url: logPath(logId, '/views'),
        body: { name, filter },
        retry: false,
        signal: opts?.signal,
      });
    },
    async deleteView(logId, viewId, opts) {
      await api.request({
        method: 'DELETE',
        url: logPath(logId, `/views/${encodeURIComponent(viewId)}`),
        retry: true,
        responseType: 'json',
        signal: opts?.signal,
      });
    },
    makeJobInput(logId, req, opts) {
      return call(LogInputResponse, {
        method: 'POST',
        url: logPath(logId, '/job-input'),
        body: req,
        retry: false,
        signal: opts?.signal,
      });
    },
    async exportRows(logId, req, opts) {
      const res = await api.request({
        method: 'GET',
        url: logPath(logId, '/export'),
        params: { format: req.format, view_id: req.view_id },
        retry: true,
        responseType: 'bytes',
        signal: opts?.signal,
      });
      return {
        fileName: fileNameOf(res.header('content-disposition')) ?? `experiment-log.${req.format}`,
        bytes: res.data as Uint8Array,
        contentType: res.header('content-type') ?? 'application/octet-stream',
      };
    },
    planFromJob(logId, jobId, opts) {
      return call(Revision, {
        method: 'POST',
        url: logPath(logId, '/planned'),
        body: { job_id: jobId },
        retry: false,
        signal: opts?.signal,
      });
    },
  };
}

/** The file name of a Content-Disposition header, preferring the RFC 5987 `filename*` (Japanese names). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}
