/**
 * What the local preview of a dropped file tells the rest of the UI: its columns with their detected type and
 * summary figures, its first rows, or why it is not a usable table.
 */
import type { TextEncodingName } from './decode-text.js';

export type ColumnKind = 'numeric' | 'text';

export interface ColumnSummary {
  name: string;
  kind: ColumnKind;
  missing: number;
  /** Over every non-missing value of a numeric column; null for text columns. */
  min: number | null;
  max: number | null;
  mean: number | null;
}

export interface TablePreview {
  format: 'csv' | 'tsv';
  encoding: TextEncodingName;
  delimiter: string;
  columns: ColumnSummary[];
  /** The first data rows, as written in the file. */
  rows: string[][];
  rowCount: number;
}

/** `row` is the spreadsheet row number (the header is row 1). */
export type PreviewError =
  | { code: 'empty' }
  | { code: 'not_a_table' }
  | { code: 'no_rows' }
  | { code: 'ragged'; row: number; expected: number; found: number; count: number }
  | { code: 'unsupported_extension' };

export type PreviewResult =
  | { status: 'table'; preview: TablePreview }
  | { status: 'error'; error: PreviewError }
  /** XLSX: the server reads it; the browser does not preview it. */
  | { status: 'no_preview'; format: 'xlsx' };
