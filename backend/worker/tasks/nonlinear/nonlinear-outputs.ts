/** The human files of a nonlinear analysis: OOF predictions (CSV), the XLSX summary, and one model file per target. */
import type { NonlinearAnalysisBody } from '../../../../src-shared/api/nonlinear-result.js';
import { toCsv } from '../../../core/export/csv.js';
import { summaryWorkbook, type SummaryCell } from '../../../core/export/summary-workbook.js';
import type { TaskFile } from '../task.js';

const paramsText = (p: Record<string, unknown>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(6)) : String(v)}`)
    .join(', ');

export async function nonlinearOutputFiles(
  body: NonlinearAnalysisBody,
  models: ReadonlyArray<{ name: string; text: string }>,
): Promise<TaskFile[]> {
  const oofHeader = ['target', 'row', 'actual', 'oof_predicted', 'fold', 'model_in_fold'];
  const oofRows = body.targets.flatMap((t) =>
    t.oof.row.map((row, k) => [
      t.target,
      row,
      t.oof.actual[k]!,
      t.oof.predicted[k] ?? null,
      t.oof.fold[k]!,
      t.folds[t.oof.fold[k]! - 1]?.chosen ?? '',
    ]),
  );
  const metricNames = [...new Set(body.targets.flatMap((t) => Object.keys(t.metrics)))];
  const workbook = await summaryWorkbook([
    {
      name: '概要 Summary',
      header: [
        '目的変数 (target)',
        'モデル (model)',
        '行数 (n)',
        '除外 (dropped)',
        ...metricNames,
        'パラメータ (params)',
      ],
      rows: body.targets.map((t) => [
        t.target,
        t.model,
        t.n,
        t.n_dropped,
        ...metricNames.map((m) => t.metrics[m] ?? null),
        paramsText(t.final.params),
      ]),
    },
    {
      name: 'モデル比較 Models',
      header: [
        '目的変数 (target)',
        'モデル (model)',
        'R² mean',
        'R² sd',
        'RMSE mean',
        'RMSE sd',
        'MAE mean',
        'MAE sd',
      ],
      rows: body.targets.flatMap((t) =>
        t.models.map((m): SummaryCell[] => [
          t.target,
          m.model,
          m.mean.r2,
          m.sd.r2,
          m.mean.rmse,
          m.sd.rmse,
          m.mean.mae,
          m.sd.mae,
        ]),
      ),
    },
    {
      name: '外側分割 Folds',
      header: ['目的変数 (target)', '分割 (fold)', '選ばれたモデル (chosen)', 'n', 'R²', 'RMSE', 'MAE'],
      rows: body.targets.flatMap((t) =>
        t.folds.map((f): SummaryCell[] => [
          t.target,
          f.fold,
          f.chosen,
          f.n_test,
          f.scores.r2,
          f.scores.rmse,
          f.scores.mae,
        ]),
      ),
    },
    {
      name: '重要度 Importance',
      header: ['目的変数 (target)', '特徴量 (feature)', '平均|SHAP| (mean |SHAP|)'],
      rows: body.targets.flatMap((t) =>
        t.shap ? body.features.map((f, j): SummaryCell[] => [t.target, f, t.shap!.mean_abs[j]!]) : [],
      ),
    },
    { name: '予測 OOF', header: oofHeader, rows: oofRows },
  ]);
  return [
    { name: 'oof-predictions.csv', bytes: toCsv(oofHeader, oofRows) },
    { name: 'nonlinear-analysis.xlsx', bytes: workbook },
    ...models.map((m) => ({ name: m.name, bytes: new TextEncoder().encode(m.text) })),
  ];
}
