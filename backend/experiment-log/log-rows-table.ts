/**
 * The layout of a log written out for export or as a job's input: the profile's columns in profile order, then
 * the derived columns, then `status`. Every row has every column (null where it has no value), so a job sees
 * the same header whatever rows a filter kept.
 */
import type { DomainProfile } from '../../src-shared/logs/domain-profile.js';
import type { CellValue, RowStatus } from '../../src-shared/logs/experiment-log-api.js';
import { columnIndex } from './column-names.js';

export const STATUS_COLUMN = 'status';

export function logRowsTable(
  profile: DomainProfile,
  rows: ReadonlyArray<{ status: RowStatus; values: Record<string, CellValue> }>,
): { header: string[]; cells: CellValue[][] } {
  const columns = [...columnIndex(profile).names];
  return {
    header: [...columns, STATUS_COLUMN],
    cells: rows.map((row) => [...columns.map((c) => row.values[c] ?? null), row.status]),
  };
}
