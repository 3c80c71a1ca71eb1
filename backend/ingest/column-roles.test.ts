import { errorOf } from './table-error.testing.js';
import { describe, it, expect } from 'vitest';
import { numericColumn, requireColumns } from './column-roles.js';
import { readTable } from './read-table.js';

const read = (text: string) => readTable(new TextEncoder().encode(text), { filename: 't.csv' });

describe('requireColumns', () => {
  it('returns the columns in the order asked', async () => {
    const table = await read('回転速度,送り速度,摩耗量\n1,2,3\n');
    expect(requireColumns(table, ['摩耗量', '回転速度'], 'factor').map((c) => c.index)).toEqual([2, 0]);
  });

  it('lists every missing column and the available ones', async () => {
    const table = await read('回転速度,送り速度,摩耗量\n1,2,3\n');
    const error = errorOf(() => requireColumns(table, ['回転速度', '切込み', 'Temp'], 'factor'));
    expect(error.code).toBe('missing_column');
    expect(error.details).toEqual({ column: '切込み', columns: ['切込み', 'Temp'] });
    expect(error.message).toBe(
      'The factor columns "切込み", "Temp" are not in the table. Available columns: "回転速度", "送り速度", "摩耗量".',
    );
  });

  it('words a single missing column in the singular', async () => {
    const table = await read('a\n1\n');
    const error = errorOf(() => requireColumns(table, ['y'], 'response'));
    expect(error.message).toBe('The response column "y" is not in the table. Available columns: "a".');
  });
});

describe('numericColumn', () => {
  it('returns the parsed values with NaN for missing cells', async () => {
    const table = await read('x,y\n1,2.5\n2,NA\n');
    expect(Array.from(numericColumn(table, 'y', 'response'))).toEqual([2.5, NaN]);
  });

  it('names the row, the column and the value of the first non-number', async () => {
    const rows = ['1', '2', '"1,234"', '', '5', 'abc'];
    const table = await read(`回転速度,摩耗量\n${rows.map((v, i) => `${i},${v}`).join('\n')}\n`);
    const error = errorOf(() => numericColumn(table, '摩耗量', 'response'));
    expect(error.code).toBe('non_numeric');
    expect(error.details).toEqual({
      row: 4,
      column: '摩耗量',
      column_index: 1,
      value: '1,234',
      rows: [4, 7],
    });
    expect(error.message).toBe(
      'Row 4, column "摩耗量": "1,234" is not a number (use a dot as the decimal mark and no thousands separator). ' +
        'The column is used as response and must hold numbers. 2 cells in this column are not numbers (rows 4, 7).',
    );
  });

  it('counts spreadsheet rows across skipped blank rows', async () => {
    const table = await read('v\n1\n\n\nx\n');
    const error = errorOf(() => numericColumn(table, 'v', 'factor'));
    expect(error.details.row).toBe(5);
    expect(error.message).toBe(
      'Row 5, column "v": "x" is not a number. The column is used as factor and must hold numbers.',
    );
  });

  it('reports at most 20 offending rows', async () => {
    const cells = Array.from({ length: 30 }, (_, i) => `bad${i}`);
    const table = await read(`v\n${cells.join('\n')}\n`);
    const error = errorOf(() => numericColumn(table, 'v', 'factor'));
    expect(error.details.rows).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(error.message).toContain('30 cells in this column are not numbers (rows 2, 3, 4,');
    expect(error.message).toMatch(/, 21, …\)\.$/);
  });

  it('rejects a column with no values', async () => {
    const table = await read('x,y\n1,NA\n2,\n');
    const error = errorOf(() => numericColumn(table, 'y', 'response'));
    expect(error.code).toBe('non_numeric');
    expect(error.message).toBe('Column "y" has no values, but it is used as response and must hold numbers.');
  });

  it('throws missing_column for an absent column', async () => {
    const table = await read('x\n1\n');
    expect(errorOf(() => numericColumn(table, 'z', 'response')).code).toBe('missing_column');
  });

  it('uses data-row index + 2 when a hand-built table has no rowNumbers', () => {
    const table = {
      columns: [
        { name: 'v', index: 0, kind: 'categorical' as const, raw: ['1', 'x'], values: null, missing: 0 },
      ],
      rowCount: 2,
      source: { format: 'csv' as const, encoding: 'utf-8' as const, delimiter: ',' as const, sheet: null },
    };
    expect(errorOf(() => numericColumn(table, 'v', 'factor')).details.row).toBe(3);
  });
});
