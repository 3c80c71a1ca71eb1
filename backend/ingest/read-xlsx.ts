/** Reads Excel workbooks the way a user sees them: displayed values, cached formula results, trailing blanks ignored. */
import ExcelJS from 'exceljs';
import type { RawGrid, RawRow } from './table.js';
import { TableError, columnLetter, quote, quoteList } from './table-error.js';
import { checkZipBomb } from './zip-guard.js';

/** Reads the first sheet (in tab order), or the one named `sheet`, into non-blank rows with their row numbers. */
export async function readXlsx(bytes: Uint8Array, sheet?: string): Promise<RawGrid> {
  checkZipBomb(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` as an ArrayBuffer; at run time it hands the bytes to JSZip, which takes a Node Buffer.
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer;
    await workbook.xlsx.load(data);
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message})` : '';
    throw new TableError(
      'unreadable',
      `The file is not a readable Excel workbook${reason}. Save it again from Excel as .xlsx, or as "CSV UTF-8".`,
    );
  }

  const sheets = workbook.worksheets;
  const worksheet = sheet === undefined ? sheets[0] : sheets.find((ws) => ws.name === sheet);
  if (!worksheet) {
    const names = sheets.map((ws) => ws.name);
    throw sheet === undefined
      ? new TableError('empty_file', 'The workbook has no sheets.', { sheets: names })
      : new TableError(
          'sheet_not_found',
          `Sheet ${quote(sheet)} not found. Available sheets: ${quoteList(names)}.`,
          {
            sheet,
            sheets: names,
          },
        );
  }

  const sparse: { rowNumber: number; cells: Map<number, string> }[] = [];
  let width = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = new Map<number, string>();
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const text = cellText(cell.value, rowNumber, colNumber);
      if (text.trim() === '') return;
      cells.set(colNumber, text);
      width = Math.max(width, colNumber);
    });
    if (cells.size > 0) sparse.push({ rowNumber, cells });
  });

  const rows: RawRow[] = sparse.map(({ rowNumber, cells }) => ({
    rowNumber,
    cells: Array.from({ length: width }, (_, i) => cells.get(i + 1) ?? ''),
  }));
  return { rows, source: { format: 'xlsx', encoding: null, delimiter: null, sheet: worksheet.name } };
}

/**
 * The text of one cell: numbers as JavaScript writes them, booleans as TRUE/FALSE, dates as ISO 8601
 * (date only at midnight; no time zone, as Excel has none), rich text joined, formulas by their cached result,
 * and error values (#N/A, #DIV/0!, …) as '' (missing).
 */
function cellText(value: ExcelJS.CellValue, row: number, col: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if ('error' in value) return '';
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined) {
      const address = `${columnLetter(col - 1)}${row}`;
      throw new TableError(
        'unreadable',
        `Row ${row}, cell ${address}: the formula has no saved result. Open the file in Excel and save it again.`,
        { row, column_index: col - 1 },
      );
    }
    return cellText(value.result, row, col);
  }
  if ('hyperlink' in value) {
    // exceljs types the link text as a string, but it is rich text when the link text is formatted.
    const text: unknown = value.text;
    return typeof text === 'string' ? text : cellText(text as ExcelJS.CellValue, row, col);
  }
  return '';
}

function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}
