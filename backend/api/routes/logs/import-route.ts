/**
 * Importing an uploaded file into a log: a preview of what would be inserted, updated, left unchanged or rejected
 * (and why), or, with `commit`, the valid rows applied as one new revision.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorEnvelope } from '../../../../src-shared/api/errors.js';
import {
  ImportRequest,
  ImportResponse,
  type ImportPreview,
} from '../../../../src-shared/logs/experiment-log-api.js';
import { AppError, notFound, validationFailed } from '../../../core/errors.js';
import { commitImport } from '../../../core/logs/log-changes.js';
import { toRevision } from '../../../core/logs/log-records.js';
import { readTable, TableError, type Table } from '../../../ingest/index.js';
import { planImport, type ImportPlan } from '../../../experiment-log/index.js';
import type { ApiDeps } from '../../app-deps.js';
import { visibleTo } from '../../plugins/token-auth.js';
import { LogIdParams, type LogContext } from './log-access.js';

const INPUT_KEY = /^inputs\/([0-9a-f-]{36})\/[^/]+$/;

/** The uploaded file behind `key`: it must be an upload of the requester (another user's reads as not reserved). */
export async function readUploadedTable(
  deps: ApiDeps,
  key: string,
  requester: string | null,
  sheet: string | undefined,
): Promise<{ table: Table; fileName: string; sha256: string }> {
  const jobId = INPUT_KEY.exec(key)?.[1];
  const upload = jobId ? await deps.repo.getUpload(jobId) : null;
  if (!upload || upload.object_key !== key || !visibleTo(upload.owner, requester)) {
    throw validationFailed([
      { path: 'input_key', message: 'no upload was reserved under this key (call presign/upload first)' },
    ]);
  }
  let bytes: Uint8Array;
  try {
    bytes = await deps.store.get(key);
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 404)
      throw validationFailed([{ path: 'input_key', message: 'the file has not been uploaded yet' }]);
    throw err;
  }
  try {
    const table = await readTable(bytes, { filename: upload.filename, ...(sheet ? { sheet } : {}) });
    return { table, fileName: upload.filename, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (err) {
    if (!(err instanceof TableError)) throw err;
    // The reader's message already names the row and column; details carry them for the UI.
    throw new AppError('ZS_ERR_VALIDATION', 422, `Invalid request: input_key: ${err.message}`, {
      issues: [{ path: 'input_key', message: err.message }],
      table_error: { code: err.code, ...err.details },
    });
  }
}

function previewOf(plan: ImportPlan, fileName: string, sha256: string, baseRevision: number): ImportPreview {
  return {
    file_name: fileName,
    file_sha256: sha256,
    column_mapping: plan.column_mapping,
    counts: plan.counts,
    rows: plan.rows,
    warnings: plan.warnings,
    base_revision: baseRevision,
  };
}

export const importRoute =
  (deps: ApiDeps, ctx: LogContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/logs/:log_id/imports',
      {
        schema: {
          tags: ['logs'],
          summary: 'Preview (commit false) or apply (commit true) the import of an uploaded CSV/XLSX file',
          params: LogIdParams,
          body: ImportRequest,
          response: {
            200: ImportResponse,
            400: ErrorEnvelope,
            404: ErrorEnvelope,
            409: ErrorEnvelope,
            422: ErrorEnvelope,
          },
        },
      },
      async (request) => {
        const log = await ctx.loadLog(request.params.log_id, request.owner);
        const { input_key, sheet, commit, note } = request.body;
        const { table, fileName, sha256 } = await readUploadedTable(deps, input_key, request.owner, sheet);
        const planFor = (existing: Parameters<typeof planImport>[0]['existing']) =>
          planImport({ profile: log.profile, keyColumns: log.key_columns, table, existing });
        if (!commit) {
          const current = await ctx.logs.currentRows(log.log_id);
          if (!current) throw notFound(`No experiment log ${log.log_id}.`);
          return {
            preview: previewOf(planFor(current.rows), fileName, sha256, current.revision),
            revision: null,
          };
        }
        const done = await commitImport(ctx.logs, log.log_id, planFor, {
          createdBy: request.owner,
          fileName,
          fileSha256: sha256,
          note: note ?? null,
        });
        if (!done) throw notFound(`No experiment log ${log.log_id}.`);
        return {
          preview: previewOf(done.plan, fileName, sha256, done.baseRevision),
          revision: done.revision ? toRevision(done.revision) : null,
        };
      },
    );
  };
