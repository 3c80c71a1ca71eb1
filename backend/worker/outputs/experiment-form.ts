/**
 * Prints the chosen runs as the operator's experiment form (実験フォーム): one row per run in run order, the
 * factor settings to use, and empty cells for the measurements and the date, as the team's Excel sheet had it.
 *
 * Glossary:
 * - run: one experiment; `No.` is its number in the (possibly randomised) run order;
 * - 区分: 既存 (already done, from the uploaded runs; its row is greyed) or 新規 (to be run);
 * - response columns: the measurements the engineers fill in by hand, left empty here.
 */
import ExcelJS from 'exceljs';
import { neutraliseFormula } from '../../core/export/csv.js';

/**
 * The measurement columns of the team's form, in the order they fill them in: top-face sag, side-face sag, wear,
 * surface roughness before and after. Fixed by design (no parameter): a change here changes every new form.
 */
export const RESPONSE_COLUMNS: readonly string[] = Object.freeze([
  '上面ダレ量',
  '側面ダレ量',
  '摩耗量',
  '面粗度前',
  '面粗度後',
]);

export const RUN_NUMBER_COLUMN = 'No.';
export const SOURCE_COLUMN = '区分';
export const DATE_COLUMN = '実験日';
export const SOURCE_LABELS = { existing: '既存', new: '新規' } as const;
export const SHEET_NAME = '実験フォーム';

export interface ExperimentFormRun {
  run: number;
  source: 'existing' | 'new';
  values: Record<string, number | string | null>;
}

export interface ExperimentFormInput {
  /** The factor columns, in the order they appear on the form. */
  factorColumns: readonly string[];
  /** In run order. */
  runs: readonly ExperimentFormRun[];
}

/** Display width of a text in Excel character units: East Asian wide characters count two. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

/** A cell value: finite numbers stay numbers, text is neutralised so Excel never reads it as a formula. */
function cellValue(value: number | string | null | undefined): number | string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return neutraliseFormula(value);
}

const THIN = { style: 'thin' as const, color: { argb: 'FF9E9E9E' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDEBF7' } };
const EXISTING_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE7E6E6' } };
const INPUT_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF9E1' } };

/**
 * The form as an XLSX file: header `No., 区分, <factors>, <RESPONSE_COLUMNS>, 実験日`, one row per run; existing
 * runs greyed with their measurement cells left as they are (empty), new runs with pale-yellow cells to fill.
 * Header frozen, columns wide enough for their longest text, printed landscape one page wide.
 */
export async function buildExperimentForm(input: ExperimentFormInput): Promise<Uint8Array> {
  const header = [RUN_NUMBER_COLUMN, SOURCE_COLUMN, ...input.factorColumns, ...RESPONSE_COLUMNS, DATE_COLUMN];
  const firstResponse = 3 + input.factorColumns.length; // 1-based column of the first response
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  sheet.addRow(header.map((h) => neutraliseFormula(h)));
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  headerRow.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  headerRow.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
  });

  const widths = header.map((h) => textWidth(h));
  for (const run of input.runs) {
    const cells = [
      run.run,
      SOURCE_LABELS[run.source],
      ...input.factorColumns.map((c) => cellValue(run.values[c])),
      ...RESPONSE_COLUMNS.map(() => null),
      null,
    ];
    const row = sheet.addRow(cells);
    cells.forEach((v, k) => {
      if (v !== null) widths[k] = Math.max(widths[k]!, textWidth(String(v)));
    });
    for (let c = 1; c <= header.length; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      if (run.source === 'existing') cell.fill = EXISTING_FILL;
      else if (c >= firstResponse) cell.fill = INPUT_FILL;
    }
    row.getCell(header.length).numFmt = 'yyyy/mm/dd';
  }
  header.forEach((_, k) => {
    const column = sheet.getColumn(k + 1);
    column.width = Math.min(40, Math.max(k === header.length - 1 ? 12 : 8, widths[k]! + 2));
    if (k >= 2) column.alignment = { horizontal: k < firstResponse - 1 ? 'right' : 'center' };
  });
  sheet.getColumn(1).alignment = { horizontal: 'center' };
  sheet.getColumn(2).alignment = { horizontal: 'center' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
