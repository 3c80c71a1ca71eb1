/** Fits and restores gradient boosting, random forests and extra trees from registry parameters, wrapping the engines in boosting/ and forest/ without changing them. */
import type {
  GradientBoostingModelJson,
  RandomForestModelJson,
} from '../../../src-shared/models/learner-model-json.js';
import type { LearnerParams } from '../../../src-shared/models/learner-params.js';
import {
  fitGradientBoosting,
  gradientBoostingFromJson,
  type GradientBoostingJson,
  type GradientBoostingModel,
  type LossName,
  type SoftmaxBoostingModel,
} from '../boosting/gradient-boosting.js';
import {
  fitExtraTrees,
  fitRandomForest,
  randomForestFromJson,
  type ForestParams,
  type RandomForestModel,
} from '../forest/random-forest.js';
import type { z } from 'zod';
import { checkTrainingData } from './check-input.js';
import type { FitContext, LearnerModel, LearnerTask } from './learner-model.js';
import { TreeEnsembleModel } from './tree-ensemble-model.js';

/**
 * Missing values: boosting learns a default direction per split (NaN allowed when fitting and predicting);
 * forests need complete training rows but route NaN at prediction to each split's majority child.
 * Constant columns are never split on; more columns than rows is fine; ±∞ is an error.
 */

const LOSS_OF_TASK: Record<LearnerTask, LossName> = {
  regression: 'squared-error',
  binary: 'log-loss',
  multiclass: 'softmax',
};

const TASK_OF_LOSS: Record<LossName, LearnerTask> = {
  'squared-error': 'regression',
  'absolute-error': 'regression',
  huber: 'regression',
  'log-loss': 'binary',
  softmax: 'multiclass',
};

/** The common face of a fitted boosting engine model. */
export function boostedTreesModel(m: GradientBoostingModel | SoftmaxBoostingModel): LearnerModel {
  if (m.task === 'multiclass') {
    const sm = m as SoftmaxBoostingModel;
    const k = sm.nClasses;
    return new TreeEnsembleModel({
      learner: 'gradient_boosting',
      task: 'multiclass',
      nFeatures: sm.nFeatures,
      nClasses: k,
      missing: 'native',
      output: 'class-score',
      ensembles: Array.from({ length: k }, (_, c) => ({
        trees: sm.trees.filter((_, t) => t % k === c),
        scale: 1,
        offset: sm.baseScore[c]!,
      })),
      raw: (x, n) => sm.predict(x, n),
      proba: (x, n) => sm.predictProba(x, n),
      json: () => sm.toJSON(),
    });
  }
  const gm = m as GradientBoostingModel;
  return new TreeEnsembleModel({
    learner: 'gradient_boosting',
    task: gm.task,
    nFeatures: gm.nFeatures,
    nClasses: gm.task === 'binary' ? 2 : 0,
    missing: 'native',
    output: gm.task === 'binary' ? 'log-odds' : 'value',
    ensembles: [{ trees: gm.trees, scale: 1, offset: gm.baseScore }],
    raw: (x, n) => gm.predict(x, n),
    ...(gm.task === 'binary' ? { proba: (x: Float64Array, n: number) => gm.predictProba!(x, n) } : {}),
    json: () => gm.toJSON(),
  });
}

/** Fits gradient boosting; `loss` defaults by task and must match it. */
export function fitBoostedTrees(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params: LearnerParams<'gradient_boosting'>,
  ctx: FitContext = {},
): LearnerModel {
  const task = params.task;
  const nClasses = checkTrainingData('gradient_boosting', task, 'native', x, y, n, p);
  const loss = params.loss ?? LOSS_OF_TASK[task];
  if (TASK_OF_LOSS[loss] !== task)
    throw new RangeError(
      `gradient_boosting: loss '${loss}' is for ${TASK_OF_LOSS[loss]} models, not ${task}`,
    );
  const model = fitGradientBoosting(
    x,
    y,
    n,
    p,
    {
      nEstimators: params.n_estimators,
      learningRate: params.learning_rate,
      numLeaves: params.num_leaves,
      maxDepth: params.max_depth,
      minDataInLeaf: params.min_data_in_leaf,
      minChildWeight: params.min_child_weight,
      lambda: params.reg_lambda,
      alpha: params.reg_alpha,
      minSplitGain: params.min_split_gain,
      subsample: params.subsample,
      colsampleByTree: params.colsample_bytree,
      maxBin: params.max_bin,
      loss,
      huberDelta: params.huber_delta,
      ...(loss === 'softmax' ? { nClasses } : {}),
      seed: params.seed,
    },
    ctx,
  );
  return boostedTreesModel(model);
}

export function boostedTreesFromJson(json: z.output<typeof GradientBoostingModelJson>): LearnerModel {
  return boostedTreesModel(gradientBoostingFromJson(json as GradientBoostingJson));
}

/** The common face of a fitted forest; `learner` says whether it was grown as extra trees. */
export function forestModel(m: RandomForestModel, learner: 'random_forest' | 'extra_trees'): LearnerModel {
  return new TreeEnsembleModel({
    learner,
    task: m.task,
    nFeatures: m.nFeatures,
    nClasses: m.task === 'binary' ? 2 : 0,
    missing: 'predict-only',
    output: m.task === 'binary' ? 'probability' : 'value',
    ensembles: [m.treeEnsemble()],
    raw: (x, n) => m.predict(x, n),
    ...(m.task === 'binary' ? { proba: (x: Float64Array, n: number) => m.predictProba(x, n) } : {}),
    json: () => m.toJSON() as z.output<typeof RandomForestModelJson>,
  });
}

/** Fits a random forest or extra trees (same parameters; extra trees default to no bootstrap). */
export function fitForestLearner(
  learner: 'random_forest' | 'extra_trees',
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params: LearnerParams<'random_forest'> | LearnerParams<'extra_trees'>,
  ctx: FitContext = {},
): LearnerModel {
  const task = params.task;
  if (task === 'multiclass')
    throw new RangeError(`${learner}: multiclass forests are not supported; use gradient_boosting`);
  checkTrainingData(learner, task, 'predict-only', x, y, n, p);
  const fp: ForestParams = {
    nTrees: params.n_estimators,
    maxDepth: params.max_depth,
    minSamplesSplit: params.min_samples_split,
    minSamplesLeaf: params.min_samples_leaf,
    bootstrap: params.bootstrap,
    maxSamples: params.max_samples,
    oobScore: params.oob_score,
    seed: params.seed,
    ...(params.max_features !== null ? { maxFeatures: params.max_features } : {}),
  };
  const input = { x, y, n, p, task };
  const m = learner === 'random_forest' ? fitRandomForest(input, fp, ctx) : fitExtraTrees(input, fp, ctx);
  return forestModel(m, learner);
}

/** Extra trees are stored as a random-forest model with random thresholds. */
export function forestFromJson(json: z.output<typeof RandomForestModelJson>): LearnerModel {
  return forestModel(
    randomForestFromJson(json),
    json.params.splitter === 'random' ? 'extra_trees' : 'random_forest',
  );
}
