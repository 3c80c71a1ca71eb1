/** The human files of a linear analysis: CSV tables, the Excel workbook with its calculator, and the model file. */
import type { LinearAnalysisBody } from '../../../../src-shared/api/linear-result.js';
import type { FinalLinearModel, StudyRows } from '../../../analysis/linear-study/study-types.js';
import { toCsv } from '../../../core/export/csv.js';
import { buildLinearWorkbook, type WorkbookModel } from '../../outputs/linear-workbook.js';
import type { TaskFile } from '../task.js';

export const MODEL_FILE_FORMAT = 'zerosec-linear-model';

export async function linearOutputFiles(
  body: LinearAnalysisBody,
  models: FinalLinearModel[],
  firstRows: StudyRows[],
): Promise<TaskFile[]> {
  const coefficientsCsv = toCsv(
    ['target', 'term', 'estimate', 'std_error', 't', 'p', 'ci_low', 'ci_high'],
    body.targets.flatMap((t) =>
      t.coefficients.map((c) => [t.target, c.term, c.estimate, c.std_error, c.t, c.p, c.ci_low, c.ci_high]),
    ),
  );
  const predictionsCsv = toCsv(
    ['target', 'row', 'actual', 'fitted', 'oof_predicted', 'residual'],
    body.targets.flatMap((t) =>
      t.rows.map((r) => [t.target, r.row, r.actual, r.fitted, r.oof_predicted, r.residual]),
    ),
  );

  // The calculator reproduces continuous targets; a logistic target has its probability formula in the equation.
  const calculatorModels: WorkbookModel[] = models
    .map((m, k) => ({ m, rows: firstRows[k]! }))
    .filter(({ m }) => m.family === 'gaussian')
    .map(({ m, rows }) => ({
      target: m.target,
      terms: m.spec.terms,
      coefficients: m.coefficients,
      coding: m.spec.coding,
      categorical: m.spec.categorical,
      transform: m.transform,
      example: Object.fromEntries(
        m.features.map((f) => [f, rows.data.numeric[f]?.[0] ?? rows.data.text[f]?.[0] ?? '']),
      ) as Record<string, number | string>,
      ranges: m.ranges,
    }));
  const workbook = await buildLinearWorkbook({
    models: calculatorModels,
    summary: body.targets.flatMap((t) => [
      [`${t.target}: model`, t.selected.model] as [string, string],
      [`${t.target}: n`, t.n] as [string, number],
      ...Object.entries(t.metrics)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [`${t.target}: ${k}`, v!] as [string, number]),
      [`${t.target}: equation`, t.equation] as [string, string],
    ]),
    coefficientTables: body.targets.map((t) => ({
      target: t.target,
      header: ['term', 'estimate', 'std_error', 't', 'p', 'ci_low', 'ci_high'],
      rows: t.coefficients.map((c) => [c.term, c.estimate, c.std_error, c.t, c.p, c.ci_low, c.ci_high]),
    })),
    anovaTables: body.targets.map((t) => ({
      target: t.target,
      header: ['source', 'df', 'sum_sq', 'mean_sq', 'f', 'p'],
      rows: t.anova.map((a) => [a.source, a.df, a.sum_sq, a.mean_sq, a.f, a.p]),
    })),
    predictions: {
      header: ['target', 'row', 'actual', 'fitted', 'oof_predicted', 'residual'],
      rows: body.targets.flatMap((t) =>
        t.rows.map((r) => [t.target, r.row, r.actual, r.fitted, r.oof_predicted, r.residual]),
      ),
    },
  });
  const modelFile = {
    format: MODEL_FILE_FORMAT,
    version: 1,
    models: models.map((m) => ({ ...m })),
  };
  return [
    { name: 'coefficients.csv', bytes: coefficientsCsv },
    { name: 'predictions.csv', bytes: predictionsCsv },
    { name: 'linear-analysis.xlsx', bytes: workbook },
    { name: 'linear-model.json', bytes: new TextEncoder().encode(JSON.stringify(modelFile, null, 2)) },
  ];
}
