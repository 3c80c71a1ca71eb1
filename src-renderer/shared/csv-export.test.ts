import { describe, expect, it } from 'vitest';
import { csvBlob, neutraliseCell, toCsv } from './csv-export.js';

describe('CSV export', () => {
  it('neutralises text cells a spreadsheet would run as formulas, but not numbers', () => {
    expect(neutraliseCell('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(neutraliseCell('+cmd')).toBe("'+cmd");
    expect(neutraliseCell('-2+3')).toBe("'-2+3");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('-1.5')).toBe('-1.5');
    expect(neutraliseCell('+2e-3')).toBe('+2e-3');
    expect(neutraliseCell('回転速度')).toBe('回転速度');
  });

  it('quotes separators and keeps numbers and nulls plain', () => {
    const csv = toCsv(
      ['term', 'estimate'],
      [
        ['=1+1', -0.5],
        ['a,b "c"', null],
      ],
    );
    expect(csv).toBe('term,estimate\r\n\'=1+1,-0.5\r\n"a,b ""c""",\r\n');
  });

  it('writes UTF-8 with a BOM so Excel reads Japanese correctly', async () => {
    const bytes = new Uint8Array(await csvBlob(toCsv(['摩耗量'], [[1]])).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe('摩耗量\r\n1\r\n');
  });
});
