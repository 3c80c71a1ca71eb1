import { asyncErrorOf } from './table-error.testing.js';
import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { readTable } from './read-table.js';
import { readXlsx } from './read-xlsx.js';

type Sheet = { name: string; rows: ExcelJS.CellValue[][] };

/** Builds a workbook in memory with exceljs, one sheet per entry, rows starting at A1. */
async function workbook(...sheets: Sheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== undefined) ws.getCell(r + 1, c + 1).value = value;
      });
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const results: Sheet = {
  name: '結果',
  rows: [
    ['回転速度', '摩耗量', '材料'],
    [1200, 0.031, '超硬'],
    [1500, 0.045, 'ハイス'],
  ],
};
const notes: Sheet = { name: 'Notes', rows: [['note'], ['first run']] };

describe('readTable: xlsx', () => {
  it('reads the first sheet by default', async () => {
    const table = await readTable(await workbook(results, notes), { filename: 'runs.xlsx' });
    expect(table.source).toEqual({ format: 'xlsx', encoding: null, delimiter: null, sheet: '結果' });
    expect(table.columns.map((c) => [c.name, c.kind])).toEqual([
      ['回転速度', 'numeric'],
      ['摩耗量', 'numeric'],
      ['材料', 'categorical'],
    ]);
    expect(Array.from(table.columns[1]!.values!)).toEqual([0.031, 0.045]);
    expect(table.columns[2]!.raw).toEqual(['超硬', 'ハイス']);
    expect(table.rowNumbers).toEqual([2, 3]);
  });

  it('reads a named sheet', async () => {
    const table = await readTable(await workbook(results, notes), { filename: 'runs.XLSX', sheet: 'Notes' });
    expect(table.source.sheet).toBe('Notes');
    expect(table.columns.map((c) => c.name)).toEqual(['note']);
    expect(table.columns[0]!.raw).toEqual(['first run']);
  });

  it('lists the available sheets when the named one is missing', async () => {
    const error = await asyncErrorOf(
      readTable(await workbook(results, notes), { filename: 'r.xlsx', sheet: 'Data' }),
    );
    expect(error.code).toBe('sheet_not_found');
    expect(error.details).toEqual({ sheet: 'Data', sheets: ['結果', 'Notes'] });
    expect(error.message).toBe('Sheet "Data" not found. Available sheets: "結果", "Notes".');
  });

  it('uses the cached result of formula cells', async () => {
    const bytes = await workbook({
      name: 'S',
      rows: [
        ['x', 'twice', 'label'],
        [2, { formula: 'A2*2', result: 4 }, { formula: 'IF(A2>1,"high","low")', result: 'high' }],
        [3, { formula: 'A3*2', result: 6 }, { formula: 'NA()', result: { error: '#N/A' } }],
      ],
    });
    const table = await readTable(bytes, { filename: 'f.xlsx' });
    expect(Array.from(table.columns[1]!.values!)).toEqual([4, 6]);
    expect(table.columns[2]!.raw).toEqual(['high', null]);
  });

  it('rejects a formula without a cached result, naming the cell', async () => {
    const bytes = await workbook({ name: 'S', rows: [['x'], [{ formula: 'B7*2' }]] });
    const error = await asyncErrorOf(readTable(bytes, { filename: 'f.xlsx' }));
    expect(error.code).toBe('unreadable');
    expect(error.message).toBe(
      'Row 2, cell A2: the formula has no saved result. Open the file in Excel and save it again.',
    );
  });

  it('reports an empty sheet and a header-only sheet by name', async () => {
    const empty = await asyncErrorOf(
      readTable(await workbook({ name: 'Blank', rows: [] }), { filename: 'e.xlsx' }),
    );
    expect(empty.code).toBe('empty_file');
    expect(empty.message).toBe('Sheet "Blank" is empty.');
    const headerOnly = await asyncErrorOf(
      readTable(await workbook({ name: 'H', rows: [['a', 'b']] }), { filename: 'h.xlsx' }),
    );
    expect(headerOnly.code).toBe('no_data_rows');
    expect(headerOnly.message).toBe('Sheet "H" has a header row but no data rows.');
  });

  it('rejects a file that is not a workbook', async () => {
    const error = await asyncErrorOf(
      readTable(new TextEncoder().encode('a,b\n1,2\n'), { filename: 'fake.xlsx' }),
    );
    expect(error.code).toBe('unreadable');
    expect(error.message).toMatch(/^The file is not a readable Excel workbook/);
  });
});

describe('readXlsx: cell values', () => {
  it('converts rich text, booleans, dates, errors and hyperlinks to text', async () => {
    const bytes = await workbook({
      name: 'S',
      rows: [
        ['rich', 'flag', 'day', 'time', 'err', 'link'],
        [
          { richText: [{ text: 'Al' }, { text: '-6061', font: { bold: true } }] },
          true,
          new Date(Date.UTC(2024, 0, 15)),
          new Date(Date.UTC(2024, 0, 15, 10, 30, 5)),
          { error: '#DIV/0!' },
          { text: 'spec', hyperlink: 'https://example.com/spec' },
        ],
        ['plain', false, undefined, undefined, undefined, undefined],
      ],
    });
    const grid = await readXlsx(bytes);
    expect(grid.rows.map((r) => r.cells)).toEqual([
      ['rich', 'flag', 'day', 'time', 'err', 'link'],
      ['Al-6061', 'TRUE', '2024-01-15', '2024-01-15T10:30:05', '', 'spec'],
      ['plain', 'FALSE', '', '', '', ''],
    ]);
  });

  it('ignores trailing empty rows and columns, and blank rows in between keep their numbers', async () => {
    const bytes = await workbook({
      name: 'S',
      rows: [['a', 'b', '   '], [1, 2], [], [3, 4, ''], ['', '  ']],
    });
    const grid = await readXlsx(bytes);
    expect(grid.rows.map((r) => [r.rowNumber, ...r.cells])).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [4, '3', '4'],
    ]);
  });

  it('rejects data under an empty header cell, like a CSV', async () => {
    const bytes = await workbook({
      name: 'S',
      rows: [
        ['a', undefined, 'c'],
        [1, 9, 3],
      ],
    });
    const error = await asyncErrorOf(readTable(bytes, { filename: 'x.xlsx' }));
    expect(error.code).toBe('empty_column_name');
    expect(error.details).toEqual({ row: 1, column_index: 1, value: '9', sheet: 'S' });
    expect(error.message).toContain('column 2 (B)');
  });
});
