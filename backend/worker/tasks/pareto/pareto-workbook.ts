/**
 * pareto-summary.xlsx: the job's summary for people who live in Excel — the objectives and the front's numbers,
 * the front rows with their crowding distance, and the size of every front. Labels are Japanese with the English
 * term after them, as the operators' sheets are; text cells are neutralised against formula injection.
 */
import ExcelJS from 'exceljs';
import type { ParetoBody } from '../../../../src-shared/api/pareto-result.js';
import type { ParetoAnalysis } from '../../../analysis/pareto/index.js';
import { neutraliseFormula } from '../../../core/export/csv.js';
import { rowNumberOf, type Table } from '../../../ingest/index.js';
import { tableRow } from './pareto-body.js';

/** Front rows written to the workbook at most; pareto.csv has them all. */
export const MAX_WORKBOOK_FRONT_ROWS = 100_000;

type Cell = string | number | null;
const cell = (v: Cell | undefined): Cell => (typeof v === 'string' ? neutraliseFormula(v) : (v ?? null));

function header(sheet: ExcelJS.Worksheet, values: string[]): void {
  const row = sheet.addRow(values.map((v) => cell(v)));
  row.font = { bold: true };
}

export async function paretoWorkbook(table: Table, a: ParetoAnalysis, body: ParetoBody): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const names = body.objectives.map((o) => o.column);
  const dir = (d: 'min' | 'max') => (d === 'min' ? '最小化 (minimize)' : '最大化 (maximize)');

  const summary = wb.addWorksheet('概要 Summary');
  summary.getColumn(1).width = 44;
  for (let c = 2; c <= names.length + 1; c++) summary.getColumn(c).width = 18;
  header(summary, ['項目 (item)', ...names]);
  summary.addRow(['方向 (direction)', ...body.objectives.map((o) => dir(o.direction))]);
  summary.addRow(['理想点 (ideal, best on the front)', ...names.map((n) => body.ideal?.[n] ?? null)]);
  summary.addRow(['最悪点 (nadir, worst on the front)', ...names.map((n) => body.nadir?.[n] ?? null)]);
  const hv = body.hypervolume!;
  summary.addRow([
    `参照点 (reference point, ${hv.reference_source})`,
    ...names.map((n) => hv.reference_point[n] ?? null),
  ]);
  if (body.knee)
    summary.addRow([`ニー点 (knee point), 行 ${body.knee.row}`, ...names.map((n) => body.knee!.values[n]!)]);
  if (body.lexicographic) {
    const c = body.lexicographic.choice;
    summary.addRow([`辞書式選択 (lexicographic choice), 行 ${c.row}`, ...names.map((n) => c.values[n]!)]);
  }
  summary.addRow([]);
  const facts: [string, Cell][] = [
    ['データ行数 (rows)', a.n],
    ['評価した行 (rows ranked)', a.nEvaluated],
    ['除外した行 (rows excluded: missing objective)', a.nExcluded],
    ['パレート解の数 (rows on the front, rank 1)', a.front.length],
    ['フロント数 (number of ranked fronts)', a.frontSizes.length],
    [`ハイパーボリューム (hypervolume, ${hv.method})`, hv.value],
  ];
  if (hv.standard_error !== null) facts.push(['標準誤差 (standard error)', hv.standard_error]);
  if (body.knee) facts.push(['ニー点の方法 (knee method)', body.knee.method]);
  for (const [k, v] of facts) summary.addRow([k, cell(v)]);

  const front = wb.addWorksheet('パレート解 Front');
  const others = table.columns.map((c) => c.name).filter((n) => !names.includes(n));
  header(front, ['行 (row)', ...names, ...others, '混雑距離 (crowding distance)']);
  const shown = Math.min(a.front.length, MAX_WORKBOOK_FRONT_ROWS);
  for (let k = 0; k < shown; k++) {
    const i = a.front[k]!;
    const row = tableRow(table, i);
    const d = a.crowding[i]!;
    front.addRow([
      rowNumberOf(table, i),
      ...names.map((n) => cell(row[n])),
      ...others.map((n) => cell(row[n])),
      d === Infinity ? 'inf' : d,
    ]);
  }
  if (shown < a.front.length) {
    front.addRow([`… 先頭 ${shown} 行のみ。全行は pareto.csv (first ${shown} rows only; see pareto.csv)`]);
  }
  front.views = [{ state: 'frozen', ySplit: 1 }];

  const fronts = wb.addWorksheet('フロント Fronts');
  header(fronts, ['順位 (rank)', '行数 (rows)']);
  a.frontSizes.forEach((size, f) => fronts.addRow([f + 1, size]));

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
