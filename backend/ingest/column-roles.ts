/** Lets a job runner claim the columns it needs by name and get one clear error when the file does not fit the job. */
import { numberHint, parseNumber } from './cell-values.js';
import { type Column, type Table, rowNumberOf } from './table.js';
import { TableError, quote, quoteList } from './table-error.js';

/** How many offending rows non_numeric reports in details.rows. */
const MAX_REPORTED_ROWS = 20;

/**
 * Returns the columns named `names`, in that order, or throws missing_column listing every missing name
 * (details.columns) and the available columns (in the message). `role` says what the columns are for, e.g. "factor".
 */
export function requireColumns(table: Table, names: readonly string[], role: string): Column[] {
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  const missing = [...new Set(names.filter((name) => !byName.has(name)))];
  if (missing.length > 0) {
    const available = table.columns.map((column) => column.name);
    const subject =
      missing.length === 1
        ? `The ${role} column ${quote(missing[0]!)} is`
        : `The ${role} columns ${quoteList(missing)} are`;
    throw new TableError(
      'missing_column',
      `${subject} not in the table. Available columns: ${available.length > 0 ? quoteList(available) : 'none'}.`,
      { column: missing[0]!, columns: missing },
    );
  }
  return names.map((name) => byName.get(name)!);
}

/**
 * The parsed values of a column used as `role` (NaN = missing). Throws missing_column when the column is absent,
 * or non_numeric naming the first cell that is not a number (details.rows: up to 20 offending row numbers).
 * The returned array is the column's own; callers must not mutate it.
 */
export function numericColumn(table: Table, name: string, role: string): Float64Array {
  const column = requireColumns(table, [name], role)[0]!; // one name in, one column out
  if (column.values) return column.values;
  const { raw, index } = column;

  const offending: number[] = [];
  let first: { row: number; value: string } | undefined;
  let count = 0;
  raw.forEach((cell, i) => {
    if (cell === null || parseNumber(cell) !== null) return;
    count++;
    const row = rowNumberOf(table, i);
    first ??= { row, value: cell };
    if (offending.length < MAX_REPORTED_ROWS) offending.push(row);
  });

  if (!first) {
    throw new TableError(
      'non_numeric',
      `Column ${quote(name)} has no values, but it is used as ${role} and must hold numbers.`,
      { column: name, column_index: index, rows: [] },
    );
  }
  const others =
    count > 1 ? ` ${count} cells in this column are not numbers (rows ${listRows(offending, count)}).` : '';
  throw new TableError(
    'non_numeric',
    `Row ${first.row}, column ${quote(name)}: ${quote(first.value)} is not a number${numberHint(first.value)}. ` +
      `The column is used as ${role} and must hold numbers.${others}`,
    { row: first.row, column: name, column_index: index, value: first.value, rows: offending },
  );
}

function listRows(rows: number[], total: number): string {
  return rows.join(', ') + (total > rows.length ? ', …' : '');
}
