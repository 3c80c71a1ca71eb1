/**
 * prediction-summary.xlsx: the job's summary for people who live in Excel — the model job and the counts, one row
 * per target (summary of the predictions), the features' training ranges with how many rows fell outside, and the
 * first rows of predictions.csv. Labels are Japanese with the English term after them, as the operators' sheets
 * are; text cells are neutralised against formula injection.
 */
import ExcelJS from 'exceljs';
import type { PredictionBody } from '../../../../src-shared/api/prediction-result.js';
import { neutraliseFormula } from '../../../core/export/csv.js';
import type { Cell } from './prediction-csv.js';

const cell = (v: Cell | boolean | undefined): Cell =>
  typeof v === 'string' ? neutraliseFormula(v) : typeof v === 'boolean' ? String(v) : (v ?? null);

function header(sheet: ExcelJS.Worksheet, values: string[]): void {
  sheet.addRow(values.map((v) => cell(v))).font = { bold: true };
}

export async function predictionWorkbook(
  body: PredictionBody,
  firstRows: readonly Cell[][],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const c = body.counts!;
  const summary = wb.addWorksheet('概要 Summary');
  summary.getColumn(1).width = 52;
  summary.getColumn(2).width = 40;
  header(summary, ['項目 (item)', '値 (value)']);
  const facts: [string, Cell][] = [
    ['モデルのジョブ (model job)', body.model_job_id],
    ['モデルのジョブの種類 (model job type)', body.model_job_type ?? null],
    [
      '予測の対象 (rows from)',
      body.source === 'candidates' ? '候補グリッド (candidate grid)' : '表 (uploaded table)',
    ],
    ['行数 (rows)', c.rows],
    ['全目的変数を予測した行 (rows predicted for every target)', c.predicted],
    ['学習範囲外の行 (rows outside the training range)', c.out_of_range],
    ['欠損値で予測できない行 (rows not predicted: missing value)', c.missing_value],
    ['未知のカテゴリの行 (rows not predicted: unknown category)', c.unknown_category],
  ];
  for (const [k, v] of facts) summary.addRow([k, cell(v)]);

  const targets = wb.addWorksheet('目的変数 Targets');
  header(targets, [
    '目的変数 (target)',
    '種類 (kind)',
    '学習器 (learner)',
    'モデルファイル (model file)',
    '予測した行 (rows predicted)',
    '最小 (min)',
    '平均 (mean)',
    '最大 (max)',
    '不確かさ (uncertainty)',
    'ラベル別の行数 (rows per label)',
    '判定別の行数 (rows per decision)',
    '分布外の行 (OOD rows)',
  ]);
  for (const t of body.targets ?? []) {
    const counts = (r: Record<string, number> | null) =>
      r === null
        ? null
        : Object.entries(r)
            .map(([k, n]) => `${k}: ${n}`)
            .join(', ');
    targets.addRow(
      [
        t.target,
        t.kind,
        t.learner,
        t.model_file,
        t.n_predicted,
        t.min,
        t.mean,
        t.max,
        t.uncertainty,
        counts(t.label_counts),
        counts(t.decision_counts),
        t.n_ood,
      ].map(cell),
    );
  }

  const features = wb.addWorksheet('特徴量 Features');
  header(features, [
    '特徴量 (feature)',
    '種類 (type)',
    '学習時の最小 (training min)',
    '学習時の最大 (training max)',
    '最小未満の行 (rows below)',
    '最大超の行 (rows above)',
  ]);
  for (const f of body.features ?? [])
    features.addRow([f.name, f.type, f.min, f.max, f.n_below, f.n_above].map(cell));

  const preview = wb.addWorksheet('先頭の行 First rows');
  header(preview, body.columns);
  for (const r of firstRows) preview.addRow(r.map(cell));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
