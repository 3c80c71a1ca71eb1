/** The public face of table ingestion: job runners import from here, never from the readers directly. */
export type {
  Column,
  ColumnKind,
  Delimiter,
  Table,
  TableFormat,
  TableSource,
  TextEncoding,
} from './table.js';
export { rowNumberOf } from './table.js';
export { TableError, columnLetter } from './table-error.js';
export type { TableErrorCode, TableErrorDetails } from './table-error.js';
export { readTable } from './read-table.js';
export type { ReadTableOptions } from './read-table.js';
export { numericColumn, requireColumns } from './column-roles.js';
export { MISSING_TOKENS, isMissing, parseNumber } from './cell-values.js';
