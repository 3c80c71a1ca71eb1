import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.js';
import { parsePreview } from './parse-preview.js';

const CSV = '回転速度,送り速度,摩耗量\n1200,300,5.1\n1500,,6.2\n1800,600,NA\n';
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM, UTF-16 with BOM, and Shift-JIS', () => {
    expect(decodeText(utf8(CSV))).toEqual({ text: CSV, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(CSV)])).text).toBe(CSV);
    const le = iconv.encode(CSV, 'utf16le');
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...le]))).toEqual({ text: CSV, encoding: 'utf-16le' });
    const sjis = decodeText(new Uint8Array(iconv.encode(CSV, 'Shift_JIS')));
    expect(sjis).toEqual({ text: CSV, encoding: 'shift_jis' });
  });
});

describe('parsePreview', () => {
  it('previews a Shift-JIS CSV with Japanese headers, types, missing counts and min/max/mean', () => {
    const result = parsePreview('data.csv', new Uint8Array(iconv.encode(CSV, 'Shift_JIS')));
    expect(result.status).toBe('table');
    if (result.status !== 'table') return;
    const { preview } = result;
    expect(preview.encoding).toBe('shift_jis');
    expect(preview.rowCount).toBe(3);
    expect(preview.columns.map((c) => c.name)).toEqual(['回転速度', '送り速度', '摩耗量']);
    expect(preview.columns[0]).toEqual({
      name: '回転速度',
      kind: 'numeric',
      missing: 0,
      min: 1200,
      max: 1800,
      mean: 1500,
    });
    expect(preview.columns[1]!.missing).toBe(1);
    expect(preview.columns[2]).toMatchObject({ kind: 'numeric', missing: 1, min: 5.1, max: 6.2 });
  });

  it('detects text columns and tab separators', () => {
    const result = parsePreview('d.tsv', utf8('brush\tload\nA\t1\nB\t2\n'));
    expect(result.status === 'table' && result.preview.columns.map((c) => c.kind)).toEqual([
      'text',
      'numeric',
    ]);
    expect(result.status === 'table' && result.preview.format).toBe('tsv');
  });

  it('names the first ragged row by its spreadsheet row number, blank lines included', () => {
    const result = parsePreview('d.csv', utf8('a,b\n1,2\n\n3,4,5\n6\n'));
    expect(result).toEqual({
      status: 'error',
      error: { code: 'ragged', row: 4, expected: 2, found: 3, count: 2 },
    });
  });

  it('reports empty files, header-only files, non-tables and XLSX', () => {
    expect(parsePreview('e.csv', new Uint8Array())).toEqual({ status: 'error', error: { code: 'empty' } });
    expect(parsePreview('e.csv', utf8('  \n'))).toEqual({ status: 'error', error: { code: 'empty' } });
    expect(parsePreview('h.csv', utf8('a,b\n'))).toEqual({ status: 'error', error: { code: 'no_rows' } });
    expect(parsePreview('x.csv', utf8('just some prose\nover two lines\n'))).toEqual({
      status: 'error',
      error: { code: 'not_a_table' },
    });
    expect(parsePreview('b.csv', new Uint8Array([0, 1, 2, 3, 0x50, 0x4b]))).toEqual({
      status: 'error',
      error: { code: 'not_a_table' },
    });
    expect(parsePreview('book.xlsx', new Uint8Array([1]))).toEqual({ status: 'no_preview', format: 'xlsx' });
    expect(parsePreview('a.pdf', new Uint8Array([1]))).toEqual({
      status: 'error',
      error: { code: 'unsupported_extension' },
    });
  });
});
