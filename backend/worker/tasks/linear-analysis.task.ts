/** The `linear_analysis` job: an ordinary least squares fit with full inference on the uploaded table. */
import { LinearAnalysisParameters } from '../../../src-shared/api/job-types.js';
import { INTERCEPT_TERM, type LinearAnalysisBody, type Warning } from '../../../src-shared/api/results.js';
import { fitOls } from '../../analysis/linear/ols.js';
import { readTable, requireColumns, numericColumn, rowNumberOf } from '../../ingest/index.js';
import { toCsv } from '../../core/export/csv.js';
import { TaskError, type Task } from './task.js';

export const linearAnalysisTask: Task = async (ctx) => {
  const params = LinearAnalysisParameters.parse(ctx.parameters);
  ctx.progress(0.02, 'reading_input');
  const table = await readTable(ctx.input, { filename: ctx.inputFileName, sheet: params.sheet });
  ctx.progress(0.3, 'preparing_data');

  const target = params.target_column ?? params.target_columns![0]!;
  const features =
    params.feature_columns ??
    table.columns.filter((c) => c.kind === 'numeric' && c.name !== target).map((c) => c.name);
  requireColumns(table, [target], 'target');
  requireColumns(table, features, 'feature');
  if (features.includes(target)) {
    throw new TaskError('ZS_ERR_INPUT', `The target column "${target}" cannot also be a feature.`, {
      field: 'parameters.feature_columns',
    });
  }
  if (features.length === 0) {
    throw new TaskError('ZS_ERR_INPUT', `No numeric feature columns besides "${target}" were found.`, {
      field: 'parameters.feature_columns',
    });
  }
  const y = numericColumn(table, target, 'target');
  const xs = features.map((f) => numericColumn(table, f, 'feature'));

  // Listwise deletion, reported: a missing value is never replaced by a made-up one.
  const keep: number[] = [];
  const dropped: number[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    const complete = !Number.isNaN(y[i]!) && xs.every((x) => !Number.isNaN(x[i]!));
    (complete ? keep : dropped).push(i);
  }
  const sheetRow = (i: number) => rowNumberOf(table, i);
  const warnings: Warning[] = [];
  if (dropped.length > 0) {
    warnings.push({
      code: 'rows_dropped_missing',
      message: `${dropped.length} row(s) with a missing value in the target or a feature were left out.`,
      details: { rows: dropped.slice(0, 50).map(sheetRow), count: dropped.length },
    });
  }
  if (params.train_test_split > 0 || params.standardize) {
    warnings.push({
      code: 'option_not_used_by_ols',
      message:
        'train_test_split and standardize apply to the regularised models and the cross-validated study; ' +
        'this OLS fit uses every complete row and reports coefficients in original units.',
    });
  }

  const n = keep.length;
  const terms = [...(params.fit_intercept ? [INTERCEPT_TERM] : []), ...features];
  const p = terms.length;
  if (n === 0) throw new TaskError('ZS_ERR_INPUT', 'No complete rows are left to fit.');
  const x = new Float64Array(n * p);
  const yy = new Float64Array(n);
  keep.forEach((row, i) => {
    yy[i] = y[row]!;
  });
  let col = 0;
  if (params.fit_intercept) {
    x.fill(1, 0, n);
    col++;
  }
  for (const values of xs) {
    const offset = col++ * n;
    keep.forEach((row, i) => {
      x[offset + i] = values[row]!;
    });
  }

  ctx.progress(0.5, 'fitting');
  const fit = fitOls(
    { n, p, x, y: yy, terms, hasIntercept: params.fit_intercept },
    { signal: ctx.signal, onProgress: (f, stage) => ctx.progress(0.5 + 0.4 * f, stage) },
  );
  if (fit.aliasedTerms.length > 0) {
    warnings.push({
      code: 'aliased_terms',
      message: `These terms are linear combinations of others and were left out: ${fit.aliasedTerms.join(', ')}.`,
      details: { terms: fit.aliasedTerms },
    });
  }

  ctx.progress(0.92, 'writing_outputs');
  const body: LinearAnalysisBody = {
    model: 'ols',
    target,
    features,
    n,
    n_dropped: dropped.length,
    df_model: fit.dfModel,
    df_residual: fit.dfResidual,
    rank: fit.rank,
    aliased_terms: fit.aliasedTerms,
    coefficients: fit.coefficients,
    metrics: {
      in_sample_r2: fit.r2,
      in_sample_adj_r2: fit.adjR2,
      in_sample_rmse: fit.rmse,
      in_sample_mae: fit.mae,
      residual_std_error: fit.residualStdError,
      f_statistic: fit.fStatistic,
      f_p_value: fit.fPValue,
    },
  };
  const coefficientsCsv = toCsv(
    ['term', 'estimate', 'std_error', 't', 'p', 'ci_low', 'ci_high'],
    fit.coefficients.map((c) => [c.term, c.estimate, c.std_error, c.t, c.p, c.ci_low, c.ci_high]),
  );
  const fittedCsv = toCsv(
    ['row', target, 'fitted', 'residual'],
    keep.map((row, i) => [sheetRow(row), yy[i]!, fit.fitted[i]!, fit.residuals[i]!]),
  );
  const r2 = fit.r2 === null ? 'n/a' : fit.r2.toPrecision(6);
  return {
    body,
    warnings,
    files: [
      { name: 'coefficients.csv', bytes: coefficientsCsv },
      { name: 'fitted.csv', bytes: fittedCsv },
    ],
    summary: `OLS fit of ${target} on ${p} term(s), n = ${n}, R² = ${r2}`,
  };
};
