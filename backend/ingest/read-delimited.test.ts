import { errorOf } from './table-error.testing.js';
import { describe, it, expect } from 'vitest';
import { detectDelimiter, readDelimited } from './read-delimited.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('detectDelimiter', () => {
  it('finds comma, semicolon and tab', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,5;2,5;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1,5\t2\n')).toBe('\t');
  });

  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('"x;y";"p,q,r"\n"1,2,3";4\n')).toBe(';');
  });

  it('prefers the delimiter whose count is the same on every line', () => {
    // Commas appear in the text column of some lines only; semicolons are consistent.
    expect(detectDelimiter('name;note;v\na;x, y, z;1\nb;plain;2\nc;p, q;3\n')).toBe(';');
  });

  it('treats a file without any candidate as a single comma-separated column', () => {
    expect(detectDelimiter('value\n1\n2\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});

describe('readDelimited', () => {
  it('keeps quoted commas, newlines and doubled quotes inside one field', () => {
    const grid = readDelimited(
      bytes('id,comment\r\n1,"a, b"\r\n2,"line 1\r\nline 2"\r\n3,"say ""hi"""\r\n'),
      'x.csv',
    );
    expect(grid.rows.map((r) => r.cells)).toEqual([
      ['id', 'comment'],
      ['1', 'a, b'],
      ['2', 'line 1\r\nline 2'],
      ['3', 'say "hi"'],
    ]);
    expect(grid.rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4]);
    expect(grid.source).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null });
  });

  it('skips blank rows and trailing empty lines but keeps the row numbers of the others', () => {
    const grid = readDelimited(bytes('a,b\n1,2\n\n,\n3,4\n\n\n'), 'x.csv');
    expect(grid.rows.map((r) => [r.rowNumber, ...r.cells])).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [5, '3', '4'],
    ]);
  });

  it('uses a tab for .tsv files even when commas are more frequent', () => {
    const grid = readDelimited(bytes('a,b\tc\n1,2\t3\n'), 'data.TSV');
    expect(grid.source.delimiter).toBe('\t');
    expect(grid.source.format).toBe('tsv');
    expect(grid.rows[1]!.cells).toEqual(['1,2', '3']);
  });

  it('reports a ragged row with its row number and the expected and found counts', () => {
    const error = errorOf(() => readDelimited(bytes('a,b,c\n1,2,3\n4,5\n6,7,8\n'), 'x.csv'));
    expect(error.code).toBe('ragged_row');
    expect(error.details).toEqual({ row: 3, expected: 3, found: 2 });
    expect(error.message).toBe(
      'Row 3 has 2 fields but the header (row 1) has 3. Check that row for a missing value or an unquoted comma.',
    );
  });

  it('counts the spreadsheet row of a ragged row after a multi-line quoted field', () => {
    const error = errorOf(() => readDelimited(bytes('a;b\n1;"x\ny"\n2;3;4\n'), 'x.txt'));
    expect(error.details).toEqual({ row: 3, expected: 2, found: 3 });
    expect(error.message).toContain('an unquoted semicolon');
  });

  it('reports a quote that is never closed', () => {
    const error = errorOf(() => readDelimited(bytes('a,b\n1,2\n3,"open\n4,5\n'), 'x.csv'));
    expect(error.code).toBe('unreadable');
    expect(error.details.row).toBe(3);
    expect(error.message).toContain('Row 3: a quoted field is never closed');
  });
});
