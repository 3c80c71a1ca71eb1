/** The human files of a classification job: every row's OOF verdict (CSV), the XLSX summary, and the model file. */
import type { ClassificationBody } from '../../../../src-shared/api/classification-result.js';
import { toCsv } from '../../../core/export/csv.js';
import { summaryWorkbook, type SummaryCell } from '../../../core/export/summary-workbook.js';
import type { TaskFile } from '../task.js';
import type { OofRows } from './classification-study.js';

const DECISION = { 1: 'P', 0: 'N', [-1]: 'gray' } as const;

const paramsText = (p: Record<string, unknown>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(6)) : String(v)}`)
    .join(', ');

export async function classificationOutputFiles(
  body: ClassificationBody,
  rows: { rowNumbers: readonly number[]; y: Float64Array; oof: OofRows },
  modelFile: string,
): Promise<TaskFile[]> {
  const label = (v: number) => (v === 1 ? body.positive_label : body.negative_label);
  const oofHeader = ['row', 'label', 'oof_probability', 'decision', 'ood', 'fold'];
  const oofRows = rows.rowNumbers.map((row, i): Array<string | number | null> => [
    row,
    label(rows.y[i]!),
    rows.oof.probability[i]!,
    DECISION[rows.oof.decision[i] as 1 | 0 | -1],
    rows.oof.ood[i] === -1 ? null : rows.oof.ood[i]!,
    rows.oof.fold[i]!,
  ]);
  const t = body.thresholds;
  const metricRows = Object.entries(body.metrics).map(([k, v]): SummaryCell[] => [k, v]);
  const workbook = await summaryWorkbook([
    {
      name: '概要 Summary',
      header: ['項目 (item)', '値 (value)'],
      rows: [
        ['目的変数 (target)', body.target],
        ['陽性ラベル (positive label)', body.positive_label],
        ['モデル (model)', body.model],
        ['パラメータ (params)', paramsText(body.final.params)],
        ['校正 (calibration)', body.final.calibration.method],
        ['行数 (n)', body.n],
        ['陽性 (positives)', body.n_positive],
        ['除外 (dropped)', body.n_dropped],
        ['τ+', t.tau_pos.value],
        ['τ+ feasible', t.tau_pos.feasible],
        ['τ−', t.tau_neg.value],
        ['τ− feasible', t.tau_neg.feasible],
        ['α', t.alpha],
        ['β', t.beta],
        ['信頼度 (confidence)', t.confidence],
        ['OOD 閾値 (Mahalanobis)', body.ood.threshold],
        ...metricRows,
      ],
    },
    {
      name: '外側分割 Folds',
      header: [
        '分割 (fold)',
        '選ばれたモデル (chosen)',
        '校正 (calibration)',
        'n',
        '陽性 (positives)',
        'τ+',
        'τ−',
        'ROC-AUC',
        'PR-AUC',
        'Brier',
        'FPR at τ+',
        'coverage',
      ],
      rows: body.cv.folds.map((f): SummaryCell[] => [
        f.fold,
        f.chosen,
        f.calibration,
        f.n_test,
        f.n_test_positive,
        f.tau_pos,
        f.tau_neg,
        f.scores.roc_auc,
        f.scores.pr_auc,
        f.scores.brier,
        f.scores.fpr_at_tau_pos,
        f.scores.coverage,
      ]),
    },
    {
      name: 'モデル比較 Models',
      header: ['モデル (model)', 'ROC-AUC mean', 'ROC-AUC sd'],
      rows: body.cv.models.map((m): SummaryCell[] => [m.model, m.roc_auc_mean, m.roc_auc_sd]),
    },
    {
      name: '判定 Decisions',
      header: ['判定 (decision)', `実際 ${body.positive_label}`, `実際 ${body.negative_label}`],
      rows: (['p', 'n', 'gray'] as const).map((d): SummaryCell[] => [
        d === 'gray' ? 'gray' : d.toUpperCase(),
        body.three_way[d].positive,
        body.three_way[d].negative,
      ]),
    },
    { name: '予測 OOF', header: oofHeader, rows: oofRows },
  ]);
  return [
    { name: body.oof_file, bytes: toCsv(oofHeader, oofRows) },
    { name: 'classification.xlsx', bytes: workbook },
    { name: body.model_file, bytes: new TextEncoder().encode(modelFile) },
  ];
}
