/** The `classification` job: a binary classifier tuned by nested CV on ROC-AUC, with calibrated probabilities, a guaranteed false-positive rate, a gray zone and an out-of-distribution gate. */
import { ClassificationParameters } from '../../../../src-shared/api/job-types.js';
import { learnerByName } from '../../../analysis/learners/learner-registry.js';
import { readTable } from '../../../ingest/index.js';
import { TaskError, type Task } from '../task.js';
import { classificationData } from './classification-inputs.js';
import { classificationOutputFiles } from './classification-outputs.js';
import { studyClassifier } from './classification-study.js';

/** Fewest rows of each class per outer fold for a fold score worth reporting. */
const MIN_PER_CLASS_PER_FOLD = 1;
const MODEL_FILE = 'model-1.model.json';
const OOF_FILE = 'oof-predictions.csv';

export const classificationTask: Task = async (ctx) => {
  const params = ClassificationParameters.parse(ctx.parameters);
  ctx.progress(0.01, 'reading_input');
  const table = await readTable(ctx.input, { filename: ctx.inputFileName, sheet: params.sheet });
  const models = [...new Set(params.models_to_use)];
  const completeRows = models.some((m) => learnerByName(m).missingValues === 'error');
  ctx.progress(0.04, 'preparing_data');
  const data = classificationData(table, params, completeRows);
  const nPositive = data.y.reduce((a, b) => a + b, 0);
  const smaller = Math.min(nPositive, data.n - nPositive);
  if (smaller < params.outer_splits * MIN_PER_CLASS_PER_FOLD)
    throw new TaskError(
      'ZS_ERR_INPUT',
      `${data.target}: the smaller class has ${smaller} row(s), too few for ${params.outer_splits} outer folds (each needs one of each class); lower outer_splits or add rows.`,
      { field: 'parameters.outer_splits', rows: smaller },
    );
  let out: ReturnType<typeof studyClassifier>;
  try {
    out = studyClassifier(data, {
      models,
      outerSplits: params.outer_splits,
      innerSplits: params.cv_splits,
      nTrials: params.n_trials_inner,
      alpha: params.alpha,
      beta: params.beta,
      confidence: params.confidence,
      oodQuantile: params.ood_quantile,
      seed: params.random_seed,
      modelFile: MODEL_FILE,
      oofFile: OOF_FILE,
      grouping: params.group_column !== undefined ? 'column' : 'replicates',
      signal: ctx.signal,
      onProgress: (f, stage) => ctx.progress(0.05 + 0.88 * f, stage, data.target),
    });
  } catch (err) {
    if (ctx.signal.aborted || !(err instanceof RangeError)) throw err;
    // The engine's RangeErrors describe the data (too few groups, a missing value…): the user can act on them.
    throw new TaskError('ZS_ERR_INPUT', `${data.target}: ${err.message}`, { target: data.target });
  }
  const { body } = out;
  const warnings = [...data.warnings];
  if (!body.thresholds.tau_pos.feasible)
    warnings.push({
      code: 'ZS_WARN_NP_INFEASIBLE',
      message: `${body.thresholds.tau_pos.n} negative rows are too few to guarantee a false-positive rate ≤ ${params.alpha} at confidence ${params.confidence}: nothing is called positive (τ+ = 1). Add rows of '${body.negative_label}' or raise α.`,
      details: { threshold: 'tau_pos', n: body.thresholds.tau_pos.n },
    });
  if (!body.thresholds.tau_neg.feasible)
    warnings.push({
      code: 'ZS_WARN_NP_INFEASIBLE',
      message: `${body.thresholds.tau_neg.n} positive rows are too few to guarantee a false-negative rate ≤ ${params.beta} at confidence ${params.confidence}: nothing is called negative (τ− = 0). Add rows of '${body.positive_label}' or raise β.`,
      details: { threshold: 'tau_neg', n: body.thresholds.tau_neg.n },
    });
  if (!body.ood.available)
    warnings.push({
      code: 'ZS_WARN_NO_OOD_GATE',
      message: `No out-of-distribution gate: ${body.ood.reason ?? 'it could not be fitted'}.`,
    });
  ctx.progress(0.95, 'writing_outputs');
  const files = await classificationOutputFiles(
    body,
    { rowNumbers: data.rowNumbers, y: data.y, oof: out.oof },
    out.modelFile,
  );
  const auc = body.metrics.oof_roc_auc;
  const summary = `${body.target} (positive '${body.positive_label}'): ${body.model}, OOF ROC-AUC = ${auc === null || auc === undefined ? '—' : auc.toFixed(3)}, τ+ = ${body.thresholds.tau_pos.value.toPrecision(3)}`;
  return { body, warnings, files, summary };
};
