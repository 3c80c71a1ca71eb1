/** The `nonlinear_analysis` job: tuned nested CV of the chosen models per target, the final models, their SHAP summaries. */
import type { z } from 'zod';
import { NonlinearAnalysisParameters } from '../../../../src-shared/api/job-types.js';
import type { NonlinearAnalysisBody, NonlinearTarget } from '../../../../src-shared/api/nonlinear-result.js';
import type { Warning } from '../../../../src-shared/api/results.js';
import { learnerByName } from '../../../analysis/learners/learner-registry.js';
import type { ModelPipeline } from '../../../analysis/learners/model-pipeline.js';
import { readTable } from '../../../ingest/index.js';
import { TaskError, type Task } from '../task.js';
import { nonlinearColumns, targetData } from './nonlinear-inputs.js';
import { nonlinearOutputFiles } from './nonlinear-outputs.js';
import { paretoOfCandidates, type ParetoObjective } from './nonlinear-pareto.js';
import { studyTarget } from './nonlinear-target.js';

/** Fewest distinct conditions per outer fold for a score worth reporting. */
const MIN_ROWS_PER_FOLD = 2;

type Params = z.output<typeof NonlinearAnalysisParameters>;

/** The Pareto objectives of enable_pareto, checked before any model is fitted so a mistake costs nothing. */
function paretoObjectives(params: Params): ParetoObjective[] {
  if (!params.candidates)
    throw new TaskError(
      'ZS_ERR_INPUT',
      'enable_pareto needs candidates: the factor definitions of the conditions to predict and rank.',
      { field: 'parameters.candidates' },
    );
  const objectives =
    params.pareto_objectives ??
    params.target_columns.map((column) => ({ column, direction: 'minimize' as const }));
  if (objectives.length < 2)
    throw new TaskError('ZS_ERR_INPUT', 'enable_pareto needs at least two targets to trade off.', {
      field: 'parameters.target_columns',
    });
  for (const o of objectives)
    if (!params.target_columns.includes(o.column))
      throw new TaskError(
        'ZS_ERR_INPUT',
        `pareto_objectives: "${o.column}" is not one of the target columns.`,
        {
          field: 'parameters.pareto_objectives',
          column: o.column,
        },
      );
  return objectives;
}

export const nonlinearAnalysisTask: Task = async (ctx) => {
  const params = NonlinearAnalysisParameters.parse(ctx.parameters);
  ctx.progress(0.01, 'reading_input');
  const table = await readTable(ctx.input, { filename: ctx.inputFileName, sheet: params.sheet });
  const columns = nonlinearColumns(table, params);
  const models = [...new Set(params.models_to_use)];
  const completeRows = models.some((m) => learnerByName(m).missingValues === 'error');
  ctx.progress(0.05, 'preparing_data');

  const warnings: Warning[] = [];
  const objectives = params.enable_pareto ? paretoObjectives(params) : null;
  const targets: NonlinearTarget[] = [];
  const modelFiles: Array<{ name: string; text: string }> = [];
  const pipelines = new Map<string, ModelPipeline>();
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
      pipelines.set(target, out.pipeline);
    } catch (err) {
      if (ctx.signal.aborted || !(err instanceof RangeError)) throw err;
      // The engine's RangeErrors describe the data (too few groups, a missing value…): the user can act on them.
      throw new TaskError('ZS_ERR_INPUT', `${target}: ${err.message}`, { target });
    }
  }
  let pareto: ReturnType<typeof paretoOfCandidates> | null = null;
  if (objectives && params.candidates) {
    ctx.progress(0.9, 'pareto');
    pareto = paretoOfCandidates(params.candidates, pipelines, objectives, params.random_seed);
  }
  ctx.progress(0.93, 'writing_outputs');
  const body: NonlinearAnalysisBody = {
    features: columns.features.map((f) => f.name),
    grouping: params.group_column !== undefined ? 'column' : 'replicates',
    targets,
    pareto: pareto?.body ?? null,
  };
  const files = await nonlinearOutputFiles(body, modelFiles);
  if (pareto) files.push({ name: 'pareto-candidates.csv', bytes: pareto.csv });
  const summary = targets
    .map((t) => `${t.target}: ${t.model}, OOF R² = ${t.metrics.oof_r2?.toFixed(3) ?? '—'}`)
    .join('; ');
  return { body, warnings, files, summary };
};
