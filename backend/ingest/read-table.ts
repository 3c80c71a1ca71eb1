/** The single entry point every job runner uses to turn an uploaded file into a checked Table. */
import { classifyCells, isMissing, parseNumber } from './cell-values.js';
import { readDelimited } from './read-delimited.js';
import { readXlsx } from './read-xlsx.js';
import type { Column, RawGrid, RawRow, Table } from './table.js';
import { TableError, columnPosition, quote } from './table-error.js';

export interface ReadTableOptions {
  /** Used for the extension (.csv, .tsv, .txt, .xlsx) and nothing else. */
  filename: string;
  /** XLSX only: the sheet to read; default the first sheet. */
  sheet?: string;
  /** Default 10000. */
  maxColumns?: number;
}

const DEFAULT_MAX_COLUMNS = 10_000;

/**
 * Reads a CSV/TSV/TXT or XLSX file into a Table. The first non-blank row is the header; blank rows are skipped;
 * header cells are trimmed; a column with no name and no data is dropped. Throws TableError.
 */
export async function readTable(bytes: Uint8Array, options: ReadTableOptions): Promise<Table> {
  const grid = await readGrid(bytes, options);
  const where = grid.source.sheet === null ? 'The file' : `Sheet ${quote(grid.source.sheet)}`;
  const [header, ...data] = grid.rows;
  if (!header) {
    throw new TableError('empty_file', `${where} is empty.`, sheetDetail(grid));
  }
  checkHeader(header, data, options.maxColumns ?? DEFAULT_MAX_COLUMNS, grid);
  if (data.length === 0) {
    throw new TableError('no_data_rows', `${where} has a header row but no data rows.`, {
      row: header.rowNumber,
      ...sheetDetail(grid),
    });
  }

  const columns: Column[] = [];
  header.cells.forEach((cell, index) => {
    const name = cell.trim();
    if (name === '') return; // checkHeader has made sure this column holds no data.
    const raw = data.map((row) => {
      const text = row.cells[index] ?? '';
      return isMissing(text) ? null : text.trim();
    });
    columns.push({ name, index, raw, ...classifyCells(raw) });
  });
  return {
    columns,
    rowCount: data.length,
    source: grid.source,
    rowNumbers: data.map((row) => row.rowNumber),
  };
}

async function readGrid(bytes: Uint8Array, options: ReadTableOptions): Promise<RawGrid> {
  const extension = /\.([^./\\]+)$/.exec(options.filename)?.[1]?.toLowerCase() ?? '';
  if (bytes.length === 0) {
    throw new TableError('empty_file', 'The file is empty.');
  }
  switch (extension) {
    case 'csv':
    case 'tsv':
    case 'txt':
      return readDelimited(bytes, options.filename);
    case 'xlsx':
      return readXlsx(bytes, options.sheet);
    case 'xls':
    case 'xlsm':
    case 'xlsb':
    case 'ods':
      throw new TableError(
        'unreadable',
        `Cannot read ${quote(options.filename)}: .${extension} files are not supported. Save it as .xlsx or as "CSV UTF-8".`,
      );
    default:
      throw new TableError(
        'unreadable',
        `Cannot read ${quote(options.filename)}: ` +
          (extension === '' ? 'the file name has no extension.' : `.${extension} files are not supported.`) +
          ' Use a .csv, .tsv, .txt or .xlsx file.',
      );
  }
}

function checkHeader(header: RawRow, data: RawRow[], maxColumns: number, grid: RawGrid): void {
  const width = header.cells.length;
  if (width > maxColumns) {
    throw new TableError(
      'too_many_columns',
      `The table has ${width} columns; at most ${maxColumns} are allowed.`,
      {
        expected: maxColumns,
        found: width,
        ...sheetDetail(grid),
      },
    );
  }

  const names = header.cells.map((cell) => cell.trim());
  const filled = names.filter((name) => name !== '');
  if (filled.every((name) => parseNumber(name) !== null)) {
    throw new TableError(
      'no_header',
      `Row ${header.rowNumber} holds only numbers, but it must hold the column names. Add a header row above the data.`,
      { row: header.rowNumber, ...sheetDetail(grid) },
    );
  }

  const firstPosition = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === '') {
      const row = data.find((r) => !isMissing(r.cells[index] ?? ''));
      if (!row) return;
      const value = (row.cells[index] ?? '').trim();
      throw new TableError(
        'empty_column_name',
        `The header (row ${header.rowNumber}) has no name for ${columnPosition(index)}, but the column holds ` +
          `data (row ${row.rowNumber}: ${quote(value)}). Give the column a name or delete it.`,
        { row: header.rowNumber, column_index: index, value, ...sheetDetail(grid) },
      );
    }
    if (name === '__proto__') {
      // Job runners key rows and results by column name in plain objects, where this name silently vanishes.
      throw new TableError(
        'reserved_column_name',
        `The column name "__proto__" in the header (row ${header.rowNumber}, ${columnPosition(index)}) cannot be used. Rename the column.`,
        { row: header.rowNumber, column: name, column_index: index, ...sheetDetail(grid) },
      );
    }
    const first = firstPosition.get(name);
    if (first !== undefined) {
      throw new TableError(
        'duplicate_column',
        `The column name ${quote(name)} appears twice in the header (row ${header.rowNumber}): ` +
          `${columnPosition(first)} and ${columnPosition(index)}. Column names must be unique.`,
        { row: header.rowNumber, column: name, column_index: index, ...sheetDetail(grid) },
      );
    }
    firstPosition.set(name, index);
  });
}

function sheetDetail(grid: RawGrid): { sheet?: string } {
  return grid.source.sheet === null ? {} : { sheet: grid.source.sheet };
}
