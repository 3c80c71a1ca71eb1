/** The `nonlinear_analysis` job: tuned nested CV of the chosen models per target, the final models, their SHAP summaries. */
import { NonlinearAnalysisParameters } from '../../../../src-shared/api/job-types.js';
import type { NonlinearAnalysisBody, NonlinearTarget } from '../../../../src-shared/api/nonlinear-result.js';
import type { Warning } from '../../../../src-shared/api/results.js';
import { learnerByName } from '../../../analysis/learners/learner-registry.js';
import { readTable } from '../../../ingest/index.js';
import { TaskError, type Task } from '../task.js';
import { nonlinearColumns, targetData } from './nonlinear-inputs.js';
import { nonlinearOutputFiles } from './nonlinear-outputs.js';
import { studyTarget } from './nonlinear-target.js';

/** Fewest distinct conditions per outer fold for a score worth reporting. */
const MIN_ROWS_PER_FOLD = 2;

export const nonlinearAnalysisTask: Task = async (ctx) => {
  const params = NonlinearAnalysisParameters.parse(ctx.parameters);
  ctx.progress(0.01, 'reading_input');
  const table = await readTable(ctx.input, { filename: ctx.inputFileName, sheet: params.sheet });
  const columns = nonlinearColumns(table, params);
  const models = [...new Set(params.models_to_use)];
  const completeRows = models.some((m) => learnerByName(m).missingValues === 'error');
  ctx.progress(0.05, 'preparing_data');

  const warnings: Warning[] = [];
  if (params.enable_pareto)
    warnings.push({
      code: 'ZS_WARN_PARETO_SEPARATE',
      message:
        'enable_pareto: this job has no candidate grid to predict; run a prediction job on the grid with this job’s models, then a pareto job on its predictions.',
    });
  const targets: NonlinearTarget[] = [];
  const modelFiles: Array<{ name: string; text: string }> = [];
  for (const [index, target] of columns.targets.entries()) {
    const data = targetData(table, target, columns, { completeRows, groupColumn: params.group_column });
    warnings.push(...data.warnings);
    if (data.n < params.outer_splits * MIN_ROWS_PER_FOLD)
      throw new TaskError(
        'ZS_ERR_INPUT',
        `${target}: ${data.n} usable rows are too few for ${params.outer_splits} outer folds (need at least ${params.outer_splits * MIN_ROWS_PER_FOLD}); lower outer_splits or add rows.`,
        { field: 'parameters.outer_splits', target, rows: data.n },
      );
    const modelFile = `model-${index + 1}.model.json`;
    const slice = (f: number) => 0.05 + (0.85 * (index + f)) / columns.targets.length;
    try {
      const out = await studyTarget(target, data, {
        models,
        outerSplits: params.outer_splits,
        innerSplits: params.cv_splits,
        nTrials: params.n_trials,
        seed: params.random_seed,
        shap: params.enable_shap,
        modelFile,
        signal: ctx.signal,
        onProgress: (f, stage) => ctx.progress(slice(f), stage, target),
      });
      targets.push(out.result);
      modelFiles.push({ name: modelFile, text: out.modelFile });
    } catch (err) {
      if (ctx.signal.aborted || !(err instanceof RangeError)) throw err;
      // The engine's RangeErrors describe the data (too few groups, a missing value…): the user can act on them.
      throw new TaskError('ZS_ERR_INPUT', `${target}: ${err.message}`, { target });
    }
  }
  ctx.progress(0.92, 'writing_outputs');
  const body: NonlinearAnalysisBody = {
    features: columns.features.map((f) => f.name),
    grouping: params.group_column !== undefined ? 'column' : 'replicates',
    targets,
  };
  const files = await nonlinearOutputFiles(body, modelFiles);
  const summary = targets
    .map((t) => `${t.target}: ${t.model}, OOF R² = ${t.metrics.oof_r2?.toFixed(3) ?? '—'}`)
    .join('; ');
  return { body, warnings, files, summary };
};
