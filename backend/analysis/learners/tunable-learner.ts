/**
 * A registry learner with its search space and a TPE study, in the shape the tuned nested CV drives
 * (model-selection/tuned-nested-cv.ts): the search spaces speak in tuning terms (tuning/search-spaces.ts), the
 * registry in model-file terms (src-shared/models/learner-params.ts); this is the one place that translates.
 */
import type { TunableLearner, TrialStudy } from '../model-selection/tuned-nested-cv.js';
import { createMedianPruner } from '../tuning/median-pruner.js';
import type { Params } from '../tuning/search-space.js';
import { MODEL_ALIASES, SEARCH_SPACES, type TunableModel } from '../tuning/search-spaces.js';
import { Study } from '../tuning/study.js';
import { learnerByName } from './learner-registry.js';
import type { LearnerModel, LearnerTask } from './learner-model.js';

export interface TunableOptions {
  task: LearnerTask;
  /** Stop trials whose first inner folds are worse than the median of finished trials (Optuna's MedianPruner). */
  prune?: boolean;
  /** Trials drawn at random before TPE takes over; default min(10, ⌈nTrials / 3⌉) is the caller's choice. */
  nStartupTrials?: number;
}

/**
 * The Lasso/elastic-net penalty that zeroes every coefficient on standardised columns,
 * α_max = max_j |z_jᵀ(y − ȳ)| / (n · l1Ratio), so a tuned ratio α/α_max means the same for every target's units.
 */
export function alphaMax(x: Float64Array, y: Float64Array, n: number, p: number, l1Ratio: number): number {
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i]!;
  yMean /= n;
  let best = 0;
  for (let j = 0; j < p; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i + j * n]!;
    mean /= n;
    let ss = 0;
    let dot = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i + j * n]! - mean;
      ss += d * d;
      dot += d * (y[i]! - yMean);
    }
    if (ss > 0) best = Math.max(best, Math.abs(dot) / Math.sqrt(ss / n));
  }
  // A target constant on these rows: any positive α zeroes everything; keep the penalty finite.
  return best > 0 ? best / (n * l1Ratio) : 1;
}

/** A trial's parameters (search-space names) as registry params for `model`. */
export function registryParams(
  model: TunableModel,
  trial: Params,
  data: { x: Float64Array; y: Float64Array; n: number; p: number },
): Record<string, unknown> {
  const t = trial as Record<string, number | string | boolean | null>;
  switch (model) {
    case 'gradient_boosting':
      return {
        n_estimators: t.nEstimators,
        learning_rate: t.learningRate,
        num_leaves: t.numLeaves,
        max_depth: t.maxDepth,
        min_data_in_leaf: t.minDataInLeaf,
        reg_lambda: t.lambda,
        reg_alpha: t.alpha,
        subsample: t.subsample,
        colsample_bytree: t.colsampleByTree,
      };
    case 'random_forest':
    case 'extra_trees':
      return {
        n_estimators: t.nTrees,
        max_depth: t.maxDepth,
        min_samples_split: t.minSamplesSplit,
        min_samples_leaf: t.minSamplesLeaf,
        max_features: t.maxFeaturesMode === 'fraction' ? t.maxFeaturesFraction : t.maxFeaturesMode,
        ...(model === 'random_forest' ? { max_samples: t.maxSamples } : {}),
      };
    case 'gaussian_process':
      // Restarts buy a better likelihood optimum, not a different model: fixed (see search-spaces.ts).
      return { kernel: t.kernel, n_restarts: 3 };
    case 'ridge':
      return { alpha: t.alpha };
    case 'lasso':
      return { alpha: (t.alphaRatio as number) * alphaMax(data.x, data.y, data.n, data.p, 1) };
    case 'elastic_net': {
      const l1 = t.l1Ratio as number;
      return { alpha: (t.alphaRatio as number) * alphaMax(data.x, data.y, data.n, data.p, l1), l1_ratio: l1 };
    }
    case 'logistic_regression':
      return { C: t.C, penalty: t.penalty, ...(t.penalty === 'elasticnet' ? { l1_ratio: t.l1Ratio } : {}) };
  }
}

/** Learners with random draws (the others are deterministic functions of the data and take no seed). */
const SEEDED = new Set<TunableModel>([
  'gradient_boosting',
  'random_forest',
  'extra_trees',
  'gaussian_process',
]);

/** The learner named `name` (any alias the jobs accept) ready for tuned nested CV. */
export function tunableLearner(name: string, options: TunableOptions): TunableLearner<Params, LearnerModel> {
  const model = MODEL_ALIASES[name];
  if (!model)
    throw new RangeError(`no tunable model '${name}'; known: ${Object.keys(MODEL_ALIASES).join(', ')}`);
  const def = learnerByName(model);
  const space = SEARCH_SPACES[model];
  return {
    name: model,
    createStudy(seed): TrialStudy<Params> {
      const study = new Study({
        space,
        seed,
        ...(options.nStartupTrials !== undefined
          ? { sampler: { nStartupTrials: options.nStartupTrials } }
          : {}),
        ...(options.prune ? { pruner: createMedianPruner() } : {}),
      });
      return {
        ask: () => study.ask(),
        tell: (id, value) => void study.tell(id, value === null ? 'pruned' : value),
        report(id, step, value) {
          study.report(id, step, value);
          return study.shouldPrune(id);
        },
      };
    },
    fit(x, y, n, p, params, seed) {
      const translated = registryParams(model, params, { x, y, n, p });
      return def.fit(x, y, n, p, {
        ...translated,
        task: options.task,
        ...(SEEDED.has(model) ? { seed } : {}),
      });
    },
  };
}
