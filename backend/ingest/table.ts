/** The one in-memory shape every job runner reads its data from, whatever file format it came in. */

/**
 * Glossary
 * - Row numbers are spreadsheet row numbers, as a user sees them in Excel: the header is row 1 and the
 *   first data row is row 2. Blank rows are skipped when reading but still counted, so a data row keeps
 *   the number it has in the file (see `rowNumbers`).
 * - Column positions in messages are 1-based and also given as spreadsheet letters (A, B, …, AA);
 *   `Column.index` and `TableErrorDetails.column_index` are 0-based.
 * - A cell is missing when its trimmed text is empty or one of the missing tokens (see cell-values.ts).
 */

export type ColumnKind = 'numeric' | 'categorical' | 'empty';

export interface Column {
  /** Exactly as in the header, trimmed of surrounding whitespace only; Japanese is kept exactly. */
  name: string;
  /** 0-based position in the file. */
  index: number;
  /** numeric: every non-missing cell parses as a finite number and there is at least one such cell. */
  kind: ColumnKind;
  /** Cell text per data row, trimmed of surrounding whitespace; null = missing. */
  raw: (string | null)[];
  /** Numeric columns: parsed values, NaN = missing; null otherwise. */
  values: Float64Array | null;
  /** Count of missing cells. */
  missing: number;
}

export type TableFormat = 'csv' | 'tsv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis';
export type Delimiter = ',' | ';' | '\t';

export interface TableSource {
  format: TableFormat;
  /** null for xlsx. */
  encoding: TextEncoding | null;
  /** null for xlsx. */
  delimiter: Delimiter | null;
  /** The sheet read, for xlsx; null otherwise. */
  sheet: string | null;
}

export interface Table {
  columns: Column[];
  rowCount: number;
  source: TableSource;
  /**
   * Spreadsheet row number of each data row. Absent means the data rows are rows 2, 3, … without gaps
   * (readTable always sets it; it is optional so tests and runners can build tables by hand).
   */
  rowNumbers?: number[];
}

/** Spreadsheet row number of data row `i` (0-based). */
export function rowNumberOf(table: Pick<Table, 'rowNumbers'>, i: number): number {
  return table.rowNumbers?.[i] ?? i + 2;
}

/** A row of cell texts as a reader found it, before any header or type checks. */
export interface RawRow {
  cells: string[];
  /** Spreadsheet row number (1-based). */
  rowNumber: number;
}

/** What a format reader hands to readTable: the non-blank rows, header first. */
export interface RawGrid {
  rows: RawRow[];
  source: TableSource;
}
