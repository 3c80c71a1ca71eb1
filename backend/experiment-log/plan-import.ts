/**
 * Plans an import of a filled-in form into a log: what each file row does (insert, update, unchanged, rejected)
 * and the stored values that result. Pure: the caller loads the log's rows and applies the plan.
 *
 * Upsert rules:
 * - A file row is matched with a stored row by canonicalKey over `keyColumns` (numbers by value, dates by day).
 * - Failing that, a `planned` row without a date matches when the keys are equal on every key column but the
 *   profile's date column: the run was planned by a design and has now been made, so the row gets its date and
 *   measurements. Each stored row is matched by at most one file row; among equal planned rows (replicates) the
 *   first stored one is taken.
 * - The merge keeps every stored value the file does not carry: a column the file lacks, or a missing cell,
 *   never erases a value. A new row holds every column of the file (null for missing cells).
 * - Derived columns are recomputed on the merged row; a file value that differs is replaced (one warning with
 *   the count). Status follows from the values (row-status.ts). Checks run on the merged row (row-validation.ts).
 * - A later file row with the same key as an earlier one is rejected, naming the earlier row.
 * - A row whose merged values and status equal the stored ones is `unchanged`; importing a file twice changes
 *   nothing the second time.
 * - A cell that does not convert (text in a number column, an unreadable date) rejects its row; all such cells
 *   of the row are reported.
 */
import type { DomainProfile } from '../../src-shared/logs/domain-profile.js';
import type {
  CellValue,
  ImportPreview,
  ImportRowOutcome,
  RowProblem,
  RowStatus,
} from '../../src-shared/logs/experiment-log-api.js';
import { rowNumberOf, type Table } from '../ingest/table.js';
import { convertCell } from './cell-conversion.js';
import { canonicalKey, isEmptyCell } from './cell-identity.js';
import { columnIndex } from './column-names.js';
import { computeDerived, derivedDiffers } from './derived-columns.js';
import { mapHeaders, type MappedColumn } from './header-mapping.js';
import { derivedReplaced } from './import-warnings.js';
import { cellChanges } from './row-changes.js';
import { duplicateInFile, notADate, notANumber } from './row-problems.js';
import { rowStatus } from './row-status.js';
import { validateRow } from './row-validation.js';

export interface StoredRow {
  row_id: string;
  status: RowStatus;
  values: Record<string, CellValue>;
  planned_by_job: string | null;
}

export interface ImportPlan {
  column_mapping: ImportPreview['column_mapping'];
  counts: ImportPreview['counts'];
  /** One per data row of the file, in file order. */
  rows: ImportRowOutcome[];
  warnings: ImportPreview['warnings'];
  /** Complete values of new rows, derived columns computed. */
  inserts: Array<{ status: RowStatus; values: Record<string, CellValue> }>;
  /** The full merged values of each updated row after the import. */
  updates: Array<{ row_id: string; status: RowStatus; values: Record<string, CellValue> }>;
}

export interface PlanImportInput {
  profile: DomainProfile;
  keyColumns: readonly string[];
  table: Table;
  existing: readonly StoredRow[];
}

interface FileRow {
  values: Record<string, CellValue>;
  /** The file's cells of derived columns (compared with the recomputed values). */
  derived: Record<string, CellValue>;
  problems: RowProblem[];
}

function readRow(profile: DomainProfile, read: readonly MappedColumn[], i: number, row: number): FileRow {
  const index = columnIndex(profile);
  const out: FileRow = { values: {}, derived: {}, problems: [] };
  for (const { column, canonical, derived } of read) {
    const raw = column.raw[i] ?? null;
    const converted = convertCell(index.typeOf(canonical), raw);
    if (derived) {
      out.derived[canonical] = converted.ok ? converted.value : (raw ?? null);
    } else if (converted.ok) {
      out.values[canonical] = converted.value;
    } else if (converted.expected === 'number') {
      out.problems.push(notANumber(row, canonical, column.name, converted.text, converted.hint));
    } else {
      out.problems.push(notADate(row, canonical, column.name, converted.text));
    }
  }
  return out;
}

const keyOf = (keyColumns: readonly string[], values: Record<string, CellValue>): Record<string, CellValue> =>
  Object.fromEntries(keyColumns.map((c) => [c, values[c] ?? null]));

export function planImport(input: PlanImportInput): ImportPlan {
  const { profile, keyColumns, table, existing } = input;
  const headers = mapHeaders(profile, keyColumns, table);
  const dateColumn = profile.date_column;
  const partialKeyColumns = keyColumns.filter((c) => c !== dateColumn);
  const dateInKey = dateColumn !== undefined && partialKeyColumns.length < keyColumns.length;

  const byKey = new Map<string, StoredRow>();
  const plannedByPartialKey = new Map<string, StoredRow[]>();
  for (const row of existing) {
    const key = canonicalKey(profile, keyColumns, row.values);
    if (!byKey.has(key)) byKey.set(key, row);
    if (dateInKey && row.status === 'planned' && isEmptyCell(row.values[dateColumn])) {
      const partial = canonicalKey(profile, partialKeyColumns, row.values);
      plannedByPartialKey.set(partial, [...(plannedByPartialKey.get(partial) ?? []), row]);
    }
  }

  const plan: ImportPlan = {
    column_mapping: headers.mapping,
    counts: { insert: 0, update: 0, unchanged: 0, rejected: 0 },
    rows: [],
    warnings: [...headers.warnings],
    inserts: [],
    updates: [],
  };
  const firstRowOfKey = new Map<string, number>();
  const claimed = new Set<string>();
  let replaced = 0;
  const replacedColumns = new Set<string>();

  const reject = (row: number, values: Record<string, CellValue>, problems: RowProblem[]): void => {
    plan.rows.push({ row, action: 'rejected', key: keyOf(keyColumns, values), changes: [], problems });
    plan.counts.rejected++;
  };

  for (let i = 0; i < table.rowCount; i++) {
    const row = rowNumberOf(table, i);
    const file = readRow(profile, headers.read, i, row);
    if (file.problems.length > 0) {
      reject(row, file.values, file.problems);
      continue;
    }
    const key = canonicalKey(profile, keyColumns, file.values);
    const earlier = firstRowOfKey.get(key);
    if (earlier !== undefined) {
      reject(row, file.values, [duplicateInFile(row, earlier, keyColumns)]);
      continue;
    }
    firstRowOfKey.set(key, row);

    let target = byKey.get(key);
    if (target !== undefined && claimed.has(target.row_id)) target = undefined;
    if (target === undefined && dateInKey && !isEmptyCell(file.values[dateColumn])) {
      const candidates = plannedByPartialKey.get(canonicalKey(profile, partialKeyColumns, file.values));
      target = candidates?.find((r) => !claimed.has(r.row_id));
    }

    const merged: Record<string, CellValue> = { ...(target?.values ?? {}) };
    for (const [column, value] of Object.entries(file.values)) {
      if (value !== null || !(column in merged)) merged[column] = value;
    }
    const differing: string[] = [];
    for (const [column, value] of Object.entries(computeDerived(profile, merged))) {
      const fromFile = file.derived[column];
      if (fromFile !== undefined && !isEmptyCell(fromFile) && derivedDiffers(fromFile, value)) {
        differing.push(column);
      }
      merged[column] = value;
    }
    const status = rowStatus(profile, merged);
    const problems = validateRow(profile, keyColumns, merged, row);
    if (problems.length > 0) {
      reject(row, merged, problems);
      continue;
    }
    replaced += differing.length;
    for (const column of differing) replacedColumns.add(column);
    if (target === undefined) {
      plan.rows.push({ row, action: 'insert', key: keyOf(keyColumns, merged), changes: [], problems: [] });
      plan.counts.insert++;
      plan.inserts.push({ status, values: merged });
      continue;
    }
    claimed.add(target.row_id);
    const changes = cellChanges(profile, target.values, merged);
    if (changes.length === 0 && status === target.status) {
      plan.rows.push({ row, action: 'unchanged', key: keyOf(keyColumns, merged), changes, problems: [] });
      plan.counts.unchanged++;
      continue;
    }
    plan.rows.push({ row, action: 'update', key: keyOf(keyColumns, merged), changes, problems: [] });
    plan.counts.update++;
    plan.updates.push({ row_id: target.row_id, status, values: merged });
  }
  if (replaced > 0) plan.warnings.push(derivedReplaced(replaced, [...replacedColumns]));
  return plan;
}
