/**
 * An XLSX summary from plain tables: one sheet per table, a bold frozen header, sensible widths, text cells
 * neutralised against formula injection. For jobs whose summary is tables only (no calculator sheet).
 */
import ExcelJS from 'exceljs';
import { neutraliseFormula } from './csv.js';

export type SummaryCell = string | number | boolean | null;

export interface SummarySheet {
  /** Sheet name (Excel: at most 31 characters, no []:*?/\ — longer names are cut). */
  name: string;
  header: readonly string[];
  rows: ReadonlyArray<readonly SummaryCell[]>;
  /** A note written under the table, e.g. that rows were cut. */
  note?: string;
}

const cell = (v: SummaryCell): SummaryCell =>
  typeof v === 'string' ? neutraliseFormula(v) : typeof v === 'number' && !Number.isFinite(v) ? null : v;

export async function summaryWorkbook(sheets: readonly SummarySheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = wb.addWorksheet(s.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
    const head = sheet.addRow(s.header.map((h) => neutraliseFormula(h)));
    head.font = { bold: true };
    for (const r of s.rows) sheet.addRow(r.map(cell));
    if (s.note) sheet.addRow([neutraliseFormula(s.note)]);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    s.header.forEach((h, c) => {
      const longest = Math.max(h.length, ...s.rows.slice(0, 200).map((r) => String(r[c] ?? '').length));
      sheet.getColumn(c + 1).width = Math.min(60, Math.max(10, longest + 2));
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
