/**
 * One target of a nonlinear analysis: tuned nested CV over the chosen models, the final model tuned and refitted
 * on all rows, its SHAP summary, and the result block plus the model file that describe them.
 */
import type { NonlinearTarget } from '../../../../src-shared/api/nonlinear-result.js';
import { encodeFeatures, featureSpecsOf } from '../../../analysis/learners/feature-encoding.js';
import { learnerByName } from '../../../analysis/learners/learner-registry.js';
import { ModelPipeline, saveModelFile } from '../../../analysis/learners/model-pipeline.js';
import { tunedNestedCvParallel } from '../../../analysis/learners/tuned-cv-kernel.js';
import { duplicateRowGroups } from '../../../analysis/model-selection/group-k-fold.js';
import { mae, r2, rmse } from '../../../analysis/model-selection/metrics.js';
import type { RegressionFoldScores } from '../../../analysis/model-selection/tuned-nested-cv.js';
import { serialMap } from '../../../analysis/parallel/parallel-map.js';
import { sharedComputePool } from '../../compute/compute-pool.js';
import { createRng, deriveSeed } from '../../../analysis/random/rng.js';
import type { TargetData } from './nonlinear-inputs.js';

/** Rows × trials × (outer folds + 1) above which the folds go to the compute pool; below, threads cost more than they save. */
const PARALLEL_WORK = 20_000;

/** SHAP values are computed for at most this many rows (a seeded sample beyond). */
export const MAX_SHAP_ROWS = 1000;

export interface TargetStudyOptions {
  models: readonly string[];
  outerSplits: number;
  innerSplits: number;
  nTrials: number;
  seed: number;
  shap: boolean;
  modelFile: string;
  signal: AbortSignal;
  onProgress: (fraction: number, stage: string) => void;
}

type Params = Record<string, string | number | boolean | null>;
const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);
const scores = (s: RegressionFoldScores) => ({
  mae: finiteOrNull(s.mae),
  rmse: finiteOrNull(s.rmse),
  r2: finiteOrNull(s.r2),
});

function shapRows(n: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= MAX_SHAP_ROWS) return all;
  return createRng(deriveSeed(seed, 7))
    .shuffle(all)
    .slice(0, MAX_SHAP_ROWS)
    .sort((a, b) => a - b);
}

function shapSummary(pipeline: ModelPipeline, data: TargetData, seed: number): NonlinearTarget['shap'] {
  if (learnerByName(pipeline.model.learner).explanation === 'none') return null;
  const rows = shapRows(data.n, seed);
  const m = rows.length;
  const values = Object.fromEntries(
    data.features.map((f) => [
      f.name,
      f.type === 'numeric' ? Float64Array.from(rows, (i) => f.values[i]!) : rows.map((i) => f.values[i]!),
    ]),
  );
  const e = pipeline.explain(values, m);
  const F = data.features.length;
  const meanAbs = Array.from({ length: F }, (_, f) => {
    let s = 0;
    for (let r = 0; r < m; r++) s += Math.abs(e.featureValues[r + m * f]!);
    return s / m;
  });
  return {
    base_value: e.baseValue[0]!,
    mean_abs: meanAbs,
    rows: rows.map((i) => data.rowNumbers[i]!),
    values: Array.from({ length: m }, (_, r) =>
      Array.from({ length: F }, (_, f) => e.featureValues[r + m * f]!),
    ),
    feature_values: rows.map((i) =>
      data.features.map((f) => (f.type === 'numeric' && Number.isFinite(f.values[i]!) ? f.values[i]! : null)),
    ),
  };
}

export async function studyTarget(
  target: string,
  data: TargetData,
  options: TargetStudyOptions,
): Promise<{ result: NonlinearTarget; modelFile: string; pipeline: ModelPipeline }> {
  const specs = featureSpecsOf(data.features, data.n);
  const needsComplete = options.models.some((m) => learnerByName(m).missingValues === 'error');
  const values = Object.fromEntries(data.features.map((f) => [f.name, f.values]));
  const { x } = encodeFeatures(specs, values, data.n, !needsComplete);
  const p = x.length / data.n;
  const work = data.n * options.nTrials * (options.outerSplits + 1);
  const { cv, final } = await tunedNestedCvParallel(
    {
      x,
      y: data.y,
      n: data.n,
      p,
      learners: [...options.models],
      prune: true,
      outerSplits: options.outerSplits,
      innerSplits: options.innerSplits,
      nTrials: options.nTrials,
      seed: options.seed,
      groups: data.groups ?? duplicateRowGroups(x, data.n, p),
      signal: options.signal,
      onProgress: (f, stage) => options.onProgress(0.95 * f, stage),
    },
    work >= PARALLEL_WORK ? sharedComputePool() : serialMap,
  );

  const pipeline = new ModelPipeline(specs, { name: target }, final.model);
  const fitted = final.model.predict(x, data.n);
  const oofAll = {
    mae: mae(data.y, cv.oof),
    rmse: rmse(data.y, cv.oof),
    r2: r2(data.y, cv.oof),
  };
  const metrics = {
    oof_r2: finiteOrNull(oofAll.r2),
    oof_rmse: finiteOrNull(oofAll.rmse),
    oof_mae: finiteOrNull(oofAll.mae),
    oof_r2_fold_mean: finiteOrNull(cv.scores.mean.r2),
    oof_r2_fold_sd: finiteOrNull(cv.scores.sd.r2),
    in_sample_r2: finiteOrNull(r2(data.y, fitted)),
    in_sample_rmse: finiteOrNull(rmse(data.y, fitted)),
  };
  options.onProgress(0.96, 'explaining');
  const shap = options.shap ? shapSummary(pipeline, data, options.seed) : null;
  options.onProgress(1, 'explaining');

  const result: NonlinearTarget = {
    target,
    model: final.learner,
    metrics,
    n: data.n,
    n_dropped: data.nDropped,
    model_file: options.modelFile,
    folds: cv.scores.folds.map((s, f) => ({
      fold: f + 1,
      chosen: cv.chosen[f]!,
      n_test: cv.fold.filter((v) => v === f).length,
      scores: scores(s),
    })),
    models: cv.learners.map((l) => ({
      model: l.learner,
      mean: scores(l.mean),
      sd: scores(l.sd),
      params: l.params as Params[],
    })),
    final: {
      model: final.learner,
      params: final.params as Params,
      tuning: final.tuning.map((t) => ({
        model: t.learner,
        inner_rmse: finiteOrNull(t.innerScore),
        params: t.params as Params,
        n_trials: t.trials.length,
        n_pruned: t.trials.filter((tr) => tr.value === null).length,
      })),
    },
    oof: {
      row: data.rowNumbers,
      actual: Array.from(data.y),
      predicted: Array.from(cv.oof, finiteOrNull),
      fold: Array.from(cv.fold, (f) => f + 1),
    },
    shap,
  };
  return { result, modelFile: saveModelFile(pipeline, { metrics }), pipeline };
}
