import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { RESPONSE_COLUMNS, SHEET_NAME, buildExperimentForm } from './experiment-form.js';

async function read(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  // exceljs' typings want a Node Buffer; a Uint8Array view of the same bytes works.
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb.getWorksheet(SHEET_NAME)!;
}

describe('experiment form', () => {
  const factorColumns = ['A11', 'A13', '回転速度', '材料'];
  const runs = [
    { run: 1, source: 'existing' as const, values: { A11: 1, A13: 0, 回転速度: 3000, 材料: 'SUS' } },
    { run: 2, source: 'new' as const, values: { A11: 0, A13: 1, 回転速度: 1500.5, 材料: '=HYPERLINK("x")' } },
    { run: 3, source: 'new' as const, values: { A11: 1, A13: 0, 回転速度: 2000, 材料: 'AL' } },
  ];

  it('has No., 区分, the factors, the empty response columns and 実験日, one row per run', async () => {
    const sheet = await read(await buildExperimentForm({ factorColumns, runs }));
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'No.',
      '区分',
      ...factorColumns,
      '上面ダレ量',
      '側面ダレ量',
      '摩耗量',
      '面粗度前',
      '面粗度後',
      '実験日',
    ]);
    expect(RESPONSE_COLUMNS).toEqual(['上面ダレ量', '側面ダレ量', '摩耗量', '面粗度前', '面粗度後']);
    expect(sheet.rowCount).toBe(4);
    const row = (r: number) =>
      Array.from({ length: header.length }, (_, k) => sheet.getRow(r).getCell(k + 1).value);
    expect(row(2)).toEqual([1, '既存', 1, 0, 3000, 'SUS', null, null, null, null, null, null]);
    expect(row(3)).toEqual([2, '新規', 0, 1, 1500.5, `'=HYPERLINK("x")`, null, null, null, null, null, null]);
    expect(row(4).slice(0, 6)).toEqual([3, '新規', 1, 0, 2000, 'AL']);
  });

  it('marks existing runs, freezes the header and sizes the columns', async () => {
    const sheet = await read(await buildExperimentForm({ factorColumns, runs }));
    const fill = (r: number, c: number) =>
      (sheet.getRow(r).getCell(c).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(fill(2, 1)).toBe('FFE7E6E6');
    expect(fill(3, 1)).toBeUndefined();
    expect(fill(3, 7)).toBe('FFFFF9E1');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    for (let c = 1; c <= 12; c++) expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(8);
    // 上面ダレ量 is five wide characters: at least 10 units plus padding.
    expect(sheet.getColumn(7).width).toBeGreaterThanOrEqual(12);
    expect(sheet.getColumn(6).width).toBeGreaterThanOrEqual(`'=HYPERLINK("x")`.length);
  });

  it('neutralises a formula-like factor name in the header', async () => {
    const sheet = await read(
      await buildExperimentForm({
        factorColumns: ['=cmd'],
        runs: [{ run: 1, source: 'new', values: { '=cmd': 1 } }],
      }),
    );
    expect(sheet.getRow(1).getCell(3).value).toBe("'=cmd");
    expect(sheet.getRow(2).getCell(3).value).toBe(1);
  });
});
