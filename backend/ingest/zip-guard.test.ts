import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { errorOf } from './table-error.testing.js';
import { checkZipBomb } from './zip-guard.js';

/** A workbook as exceljs writes it: 20,000 rows of the same numbers, about as repetitive as real data gets. */
async function repetitiveWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  ws.addRow(['a', 'b', 'c']);
  for (let i = 0; i < 20_000; i++) ws.addRow([1, 1, 'OK']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('checkZipBomb', () => {
  it('lets real workbooks through, however repetitive', async () => {
    expect(() => checkZipBomb(new Uint8Array(0))).not.toThrow();
    const bytes = await repetitiveWorkbook();
    expect(() => checkZipBomb(bytes)).not.toThrow();
  });

  it('refuses a part that inflates more than 200 times its size, naming the part', () => {
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(64 * 1024 * 1024).fill(0x20) });
    const error = errorOf(() => checkZipBomb(bomb));
    expect(error.code).toBe('unreadable');
    expect(error.message).toMatch(/part "xl\/worksheets\/sheet1\.xml" expands to more than 200 times/);
  });

  it('refuses a workbook whose parts together inflate beyond the limit', () => {
    const text = strToU8(
      Array.from({ length: 2000 }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join(''),
    );
    const zip = zipSync({ 'a.xml': text, 'b.xml': text });
    expect(() => checkZipBomb(zip, text.length * 2)).not.toThrow();
    const error = errorOf(() => checkZipBomb(zip, text.length * 2 - 1));
    expect(error.message).toMatch(/expands to more than .* when unzipped \(at part "b\.xml"\)/);
  });

  it('leaves corrupt deflate data to the workbook reader', () => {
    const zip = zipSync({ 'a.xml': strToU8('<a/>'.repeat(100)) });
    const broken = zip.slice();
    broken[40] = broken[40]! ^ 0xff;
    expect(() => checkZipBomb(broken)).not.toThrow();
  });
});
