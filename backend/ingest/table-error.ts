/** Lets every runner turn a bad input file into one precise, user-facing message with a stable code. */

export type TableErrorCode =
  | 'empty_file'
  | 'no_header'
  | 'empty_column_name'
  | 'duplicate_column'
  | 'reserved_column_name'
  | 'ragged_row'
  | 'unreadable'
  | 'sheet_not_found'
  | 'missing_column'
  | 'non_numeric'
  | 'no_data_rows'
  | 'too_many_columns';

export interface TableErrorDetails {
  /** Spreadsheet row number: header = 1, first data row = 2. */
  row?: number;
  column?: string;
  /** 0-based, like Column.index. */
  column_index?: number;
  value?: string;
  expected?: number;
  found?: number;
  sheet?: string;
  /** Available column names (missing_column) or the missing ones, depending on the code; see the message. */
  columns?: string[];
  /** Spreadsheet row numbers, e.g. the first offending rows for non_numeric. */
  rows?: number[];
  /** Sheet names in the workbook (sheet_not_found). */
  sheets?: string[];
}

export class TableError extends Error {
  override readonly name = 'TableError';
  readonly code: TableErrorCode;
  readonly details: TableErrorDetails;

  constructor(code: TableErrorCode, message: string, details: TableErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** Spreadsheet letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "column 3 (C)" for a 0-based index. */
export function columnPosition(index: number): string {
  return `column ${index + 1} (${columnLetter(index)})`;
}

/** Double-quotes a name or value for a message, so leading/trailing spaces and empty strings stay visible. */
export function quote(text: string): string {
  return `"${text}"`;
}

/** "a", "b" and "c" → `"a", "b", "c"`. */
export function quoteList(items: readonly string[]): string {
  return items.map(quote).join(', ');
}

/** "1 field", "3 fields". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
