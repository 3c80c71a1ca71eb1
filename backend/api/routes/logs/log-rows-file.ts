/** The rows of a log, a view or a filter as a file: the CSV a job reads, and the CSV/XLSX a user downloads. */
import type { DomainProfile } from '../../../../src-shared/logs/domain-profile.js';
import type { LogRow, RowFilter } from '../../../../src-shared/logs/experiment-log-api.js';
import { notFound, validationFailed } from '../../../core/errors.js';
import { fileNameProblem } from '../../../core/object-keys.js';
import { toCsv } from '../../../core/export/csv.js';
import { summaryWorkbook } from '../../../core/export/summary-workbook.js';
import { logRowsTable } from '../../../experiment-log/index.js';
import type { LogRecord } from '../../../core/logs/log-records.js';
import { checkFilter, selectRows, type LogContext } from './log-access.js';

export interface SelectedRows {
  rows: LogRow[];
  revision: number;
  filter: RowFilter;
  viewName: string | null;
}

/** The current rows of a saved view (`viewId`) or of an ad-hoc filter (none: every row). */
export async function rowsOfViewOrFilter(
  ctx: LogContext,
  log: LogRecord,
  viewId: string | undefined,
  adHoc: RowFilter | undefined,
): Promise<SelectedRows> {
  if (viewId !== undefined && adHoc !== undefined)
    throw validationFailed([{ path: 'filter', message: 'give either view_id or filter, not both' }]);
  let filter: RowFilter = adHoc ?? {};
  let viewName: string | null = null;
  if (viewId !== undefined) {
    const view = await ctx.logs.getView(log.log_id, viewId);
    if (!view) throw notFound(`No view ${viewId} in this log.`);
    filter = view.filter;
    viewName = view.name;
  }
  checkFilter(log.profile, filter);
  const current = await ctx.logs.currentRows(log.log_id);
  if (!current) throw notFound(`No experiment log ${log.log_id}.`);
  return {
    rows: selectRows(log.profile, current.rows, filter),
    revision: current.revision,
    filter,
    viewName,
  };
}

/** A safe single file name from a log (and view) name; Japanese is kept, separators and controls become `_`. */
export function safeFileName(base: string, extension: 'csv' | 'xlsx'): string {
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/\.{2,}/g, '.')
    .trim()
    .replace(/\.+$/, '')
    .slice(0, 100)
    .trim();
  const name = `${cleaned || 'experiment-log'}.${extension}`;
  return fileNameProblem(name) === null ? name : `experiment-log.${extension}`;
}

export function rowsCsv(profile: DomainProfile, rows: readonly LogRow[]): Uint8Array {
  const { header, cells } = logRowsTable(profile, rows);
  return toCsv(header, cells);
}

export async function rowsXlsx(
  profile: DomainProfile,
  sheetName: string,
  rows: readonly LogRow[],
): Promise<Uint8Array> {
  const { header, cells } = logRowsTable(profile, rows);
  return summaryWorkbook([{ name: sheetName, header, rows: cells }]);
}
