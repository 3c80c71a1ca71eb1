/** The `linear_analysis` job: one honest, fully reported linear study per target column of the uploaded table. */
import { LinearAnalysisParameters } from '../../../../src-shared/api/job-types.js';
import type { LinearAnalysisBody } from '../../../../src-shared/api/linear-result.js';
import type { Warning } from '../../../../src-shared/api/results.js';
import { readTable } from '../../../ingest/index.js';
import { FormulaError } from '../../../analysis/linear/design-spec.js';
import { gaussianStudy } from '../../../analysis/linear-study/gaussian-study.js';
import { binomialStudy } from '../../../analysis/linear-study/binomial-study.js';
import type { FinalLinearModel, StudyInput, StudyRows } from '../../../analysis/linear-study/study-types.js';
import { TaskError, type Task } from '../task.js';
import { checkRowsSuffice, resolveColumns, targetRows } from './linear-inputs.js';
import { linearOutputFiles } from './linear-outputs.js';

export const linearAnalysisTask: Task = async (ctx) => {
  const params = LinearAnalysisParameters.parse(ctx.parameters);
  ctx.progress(0.01, 'reading_input');
  const table = await readTable(ctx.input, { filename: ctx.inputFileName, sheet: params.sheet });
  const { targets, features } = resolveColumns(table, params);
  ctx.progress(0.1, 'preparing_data');

  const warnings: Warning[] = [];
  const results: LinearAnalysisBody['targets'] = [];
  const models: FinalLinearModel[] = [];
  const trainRows: StudyRows[] = [];
  for (const [index, target] of targets.entries()) {
    const rows = targetRows(table, target, features, {
      holdout: params.train_test_split,
      seed: params.random_seed,
      targetIndex: index,
    });
    warnings.push(...rows.warnings);
    checkRowsSuffice(target, rows.train.n, params.outer_splits, params.cv_splits);
    const slice = (f: number) => 0.1 + (0.8 * (index + f)) / targets.length;
    const input: StudyInput = {
      target,
      features,
      train: rows.train,
      test: rows.test,
      nDropped: rows.nDropped,
      options: {
        model: params.model,
        intercept: params.fit_intercept,
        standardize: params.standardize,
        transform: params.transform,
        models: params.models_to_use,
        metric: params.selection_metric,
        preferOlsWithin: params.prefer_ols_within,
        outerSplits: params.outer_splits,
        innerSplits: params.cv_splits,
        seed: params.random_seed,
      },
      signal: ctx.signal,
      onProgress: (f, stage) => ctx.progress(slice(f), stage, target),
    };
    try {
      const out = rows.family === 'binomial' ? binomialStudy(input) : gaussianStudy(input);
      results.push(out.result);
      models.push(out.model);
      warnings.push(...out.warnings);
      trainRows.push(rows.train);
    } catch (err) {
      if (err instanceof FormulaError) {
        throw new TaskError('ZS_ERR_INPUT', `model: ${err.message}`, {
          field: 'parameters.model',
          position: err.position,
        });
      }
      if (err instanceof RangeError)
        throw new TaskError('ZS_ERR_ANALYSIS', `${target}: ${err.message}`, { target });
      throw err;
    }
    ctx.progress(slice(1), 'target_done', target);
  }

  const body: LinearAnalysisBody = {
    targets: results,
    validation: {
      outer_splits: params.outer_splits,
      inner_splits: params.cv_splits,
      holdout_fraction: params.train_test_split,
      selection_metric: params.selection_metric,
      random_seed: params.random_seed,
    },
  };
  ctx.progress(0.92, 'writing_outputs');
  const files = await linearOutputFiles(body, models, trainRows);
  const first = results[0]!;
  const r2 = first.metrics.oof_r2 ?? first.metrics.oof_roc_auc;
  return {
    body,
    warnings,
    files,
    summary:
      `${results.length} target(s); ${first.target}: ${first.selected.model}, n = ${first.n}` +
      (r2 === null || r2 === undefined
        ? ''
        : `, ${first.family === 'gaussian' ? 'out-of-fold R²' : 'out-of-fold AUC'} = ${r2.toPrecision(4)}`),
  };
};
