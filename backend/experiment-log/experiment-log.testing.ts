/** Test helpers: hand-built Tables (as readTable would give them) and a brush-deburring form row. */
import { classifyCells } from '../ingest/cell-values.js';
import type { Table } from '../ingest/table.js';

/** A Table from a header and rows of cell texts (null or '' = missing), data rows numbered from 2. */
export function tableOf(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | null>>): Table {
  return {
    columns: header.map((name, index) => {
      const raw = rows.map((r) => {
        const cell = r[index];
        return cell === undefined || cell === null || cell.trim() === '' ? null : cell.trim();
      });
      const classified = classifyCells(raw);
      return { name, index, raw, ...classified };
    }),
    rowCount: rows.length,
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null },
  };
}

/** A Table from records (header = the union of their keys in first-seen order). */
export function tableOfRecords(records: ReadonlyArray<Record<string, string | number | null>>): Table {
  const header = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return tableOf(
    header,
    records.map((r) => header.map((h) => (r[h] === undefined || r[h] === null ? null : String(r[h])))),
  );
}

/** The conditions of one brush run (canonical names), brush A11, overridable. */
export function brushRun(
  overrides: Record<string, string | number | null> = {},
): Record<string, string | number | null> {
  return {
    実験日: '2025-10-29',
    A13: 0,
    A11: 1,
    A21: 0,
    A32: 0,
    直径: 15,
    材料: 'Steel',
    線材長: 50,
    線材本数: 6,
    回転速度: 4000,
    送り速度: 1500,
    UPカット: 1,
    切込量: 1,
    突出量: 15,
    載せ率: 0.5,
    パス数: 2,
    ...overrides,
  };
}
