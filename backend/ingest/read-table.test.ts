import { asyncErrorOf } from './table-error.testing.js';
import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import { readTable } from './read-table.js';
import type { Table } from './table.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

function column(table: Table, name: string) {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

describe('readTable: encodings', () => {
  const csv = 'speed,feed,wear\n1200,0.1,3.5\n1500,0.2,4.25\n';

  it('reads UTF-8 without a BOM', async () => {
    const table = await readTable(utf8(csv), { filename: 'cut.csv' });
    expect(table.source).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null });
    expect(table.columns.map((c) => c.name)).toEqual(['speed', 'feed', 'wear']);
    expect(Array.from(column(table, 'wear').values!)).toEqual([3.5, 4.25]);
    expect(table.rowCount).toBe(2);
    expect(table.rowNumbers).toEqual([2, 3]);
  });

  it('reads UTF-8 with a BOM, keeping the BOM out of the first column name', async () => {
    const table = await readTable(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv)]), { filename: 'cut.csv' });
    expect(table.columns[0]!.name).toBe('speed');
    expect(table.source.encoding).toBe('utf-8');
  });

  it('reads UTF-16LE with a BOM and tabs, as Excel "Unicode text" writes it', async () => {
    const text = '温度\t圧力\t材料\r\n20.5\t101.3\tアルミ\r\n21\t99.8\t鋼\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const table = await readTable(bytes, { filename: 'export.txt' });
    expect(table.source).toEqual({ format: 'tsv', encoding: 'utf-16le', delimiter: '\t', sheet: null });
    expect(table.columns.map((c) => [c.name, c.kind])).toEqual([
      ['温度', 'numeric'],
      ['圧力', 'numeric'],
      ['材料', 'categorical'],
    ]);
    expect(Array.from(column(table, '圧力').values!)).toEqual([101.3, 99.8]);
    expect(column(table, '材料').raw).toEqual(['アルミ', '鋼']);
  });

  it('reads Shift-JIS with Japanese headers and keeps them exactly', async () => {
    const text = '回転速度,送り速度,摩耗量,工具\r\n1200,0.10,0.031,超硬\r\n1500,0.15,0.045,ハイス\r\n';
    const table = await readTable(iconv.encode(text, 'Shift_JIS'), { filename: '試験.csv' });
    expect(table.source.encoding).toBe('shift_jis');
    expect(table.columns.map((c) => c.name)).toEqual(['回転速度', '送り速度', '摩耗量', '工具']);
    expect(column(table, '工具').kind).toBe('categorical');
    expect(column(table, '工具').raw).toEqual(['超硬', 'ハイス']);
    expect(Array.from(column(table, '摩耗量').values!)).toEqual([0.031, 0.045]);
  });

  it('rejects a binary file as unreadable', async () => {
    const bytes = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
    const error = await asyncErrorOf(readTable(bytes, { filename: 'data.csv' }));
    expect(error.code).toBe('unreadable');
    expect(error.message).toContain('not text');
  });
});

describe('readTable: delimiters and cells', () => {
  it.each([
    [',', 'a,b\n1,x\n2,y\n'],
    [';', 'a;b\n1;x\n2;y\n'],
    ['\t', 'a\tb\n1\tx\n2\ty\n'],
  ])('detects %j', async (delimiter, text) => {
    const table = await readTable(utf8(text), { filename: 'd.csv' });
    expect(table.source.delimiter).toBe(delimiter);
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(column(table, 'b').raw).toEqual(['x', 'y']);
  });

  it('keeps quoted commas, newlines and quotes in categorical cells', async () => {
    const table = await readTable(utf8('run,note\n1,"hot, dry"\n2,"two\nlines"\n3,"6"" pipe"\n'), {
      filename: 'n.csv',
    });
    expect(column(table, 'note').raw).toEqual(['hot, dry', 'two\nlines', '6" pipe']);
    expect(column(table, 'run').kind).toBe('numeric');
  });

  it('parses full-width digits and treats missing tokens as missing', async () => {
    const text = 'x,y,label\n１．５,NA,a\n+2,,N/A\n3e-1,#N/A,NULL\n-4,NaN,b\n';
    const table = await readTable(utf8(text), { filename: 'm.csv' });
    const x = column(table, 'x');
    const y = column(table, 'y');
    const label = column(table, 'label');
    expect(x.kind).toBe('numeric');
    expect(Array.from(x.values!)).toEqual([1.5, 2, 0.3, -4]);
    expect(x.raw).toEqual(['１．５', '+2', '3e-1', '-4']);
    expect(y).toMatchObject({ kind: 'empty', values: null, missing: 4, raw: [null, null, null, null] });
    expect(label).toMatchObject({
      kind: 'categorical',
      values: null,
      missing: 2,
      raw: ['a', null, null, 'b'],
    });
  });

  it('makes a column categorical when a value uses a thousands separator', async () => {
    const table = await readTable(utf8('v\n"1,234"\n5\n'), { filename: 'v.csv' });
    expect(column(table, 'v').kind).toBe('categorical');
  });

  it('trims header names and keeps their positions', async () => {
    const table = await readTable(utf8(' a ,\tb\n1,2\n'), { filename: 'p.csv' });
    expect(table.columns.map((c) => [c.name, c.index])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });

  it('drops a column with neither a name nor data, such as a trailing delimiter', async () => {
    const table = await readTable(utf8('a,b,\n1,2,\n3,4,\n'), { filename: 't.csv' });
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('numbers data rows as spreadsheet rows, counting skipped blank rows', async () => {
    const table = await readTable(utf8('\na,b\n1,2\n\n3,4\n'), { filename: 'r.csv' });
    expect(table.rowNumbers).toEqual([3, 5]);
    expect(table.rowCount).toBe(2);
  });
});

describe('readTable: file and header errors', () => {
  it('rejects an empty file', async () => {
    const error = await asyncErrorOf(readTable(new Uint8Array(), { filename: 'e.csv' }));
    expect(error.code).toBe('empty_file');
    expect(error.message).toBe('The file is empty.');
  });

  it('rejects a file of blank lines as empty', async () => {
    const error = await asyncErrorOf(readTable(utf8('\r\n  \n,,\n'), { filename: 'e.csv' }));
    expect(error.code).toBe('empty_file');
  });

  it('rejects a header without data rows', async () => {
    const error = await asyncErrorOf(readTable(utf8('a,b,c\n'), { filename: 'h.csv' }));
    expect(error.code).toBe('no_data_rows');
    expect(error.message).toBe('The file has a header row but no data rows.');
  });

  it('rejects a first row that holds only numbers', async () => {
    const error = await asyncErrorOf(readTable(utf8('1.5,2\n3,4\n'), { filename: 'n.csv' }));
    expect(error.code).toBe('no_header');
    expect(error.details.row).toBe(1);
    expect(error.message).toBe(
      'Row 1 holds only numbers, but it must hold the column names. Add a header row above the data.',
    );
  });

  it('rejects duplicate column names, naming both positions', async () => {
    const error = await asyncErrorOf(readTable(utf8('温度,圧力,温度\n1,2,3\n'), { filename: 'd.csv' }));
    expect(error.code).toBe('duplicate_column');
    expect(error.details).toEqual({ row: 1, column: '温度', column_index: 2 });
    expect(error.message).toBe(
      'The column name "温度" appears twice in the header (row 1): column 1 (A) and column 3 (C). ' +
        'Column names must be unique.',
    );
  });

  it('treats names that differ only by surrounding spaces as duplicates', async () => {
    const error = await asyncErrorOf(readTable(utf8('a,a \n1,2\n'), { filename: 'd.csv' }));
    expect(error.code).toBe('duplicate_column');
  });

  it('rejects an empty column name with data below it, giving the position as a number and a letter', async () => {
    const header = Array.from({ length: 28 }, (_, i) => (i === 26 ? '' : `c${i}`)).join(',');
    const row1 = Array.from({ length: 28 }, () => '').join(',');
    const row2 = Array.from({ length: 28 }, (_, i) => (i === 26 ? '7.5' : '1')).join(',');
    const error = await asyncErrorOf(readTable(utf8(`${header}\n${row1}\n${row2}\n`), { filename: 'e.csv' }));
    expect(error.code).toBe('empty_column_name');
    expect(error.details).toEqual({ row: 1, column_index: 26, value: '7.5' });
    expect(error.message).toBe(
      'The header (row 1) has no name for column 27 (AA), but the column holds data (row 3: "7.5"). ' +
        'Give the column a name or delete it.',
    );
  });

  it('rejects a ragged row, naming the row and the counts', async () => {
    const error = await asyncErrorOf(readTable(utf8('a,b\n1,2\n3,4\n5\n'), { filename: 'r.csv' }));
    expect(error.code).toBe('ragged_row');
    expect(error.details).toEqual({ row: 4, expected: 2, found: 1 });
    expect(error.message).toContain('Row 4 has 1 field but the header (row 1) has 2.');
  });

  it('rejects more columns than allowed', async () => {
    const error = await asyncErrorOf(readTable(utf8('a,b,c\n1,2,3\n'), { filename: 'w.csv', maxColumns: 2 }));
    expect(error.code).toBe('too_many_columns');
    expect(error.details).toEqual({ expected: 2, found: 3 });
    expect(error.message).toBe('The table has 3 columns; at most 2 are allowed.');
  });

  it('rejects unsupported extensions, by name', async () => {
    const xls = await asyncErrorOf(readTable(utf8('a\n1\n'), { filename: 'old.xls' }));
    expect(xls.code).toBe('unreadable');
    expect(xls.message).toBe(
      'Cannot read "old.xls": .xls files are not supported. Save it as .xlsx or as "CSV UTF-8".',
    );
    const json = await asyncErrorOf(readTable(utf8('a\n1\n'), { filename: 'data.json' }));
    expect(json.message).toBe(
      'Cannot read "data.json": .json files are not supported. Use a .csv, .tsv, .txt or .xlsx file.',
    );
    const none = await asyncErrorOf(readTable(utf8('a\n1\n'), { filename: 'README' }));
    expect(none.message).toContain('the file name has no extension');
  });
});
