/**
 * The hyperparameter search space of each model the modelling jobs tune, in one place, with the reasons for
 * every range, so a reviewer can compare them with the original app's (../shared/reference/original-app.md §4, §6).
 *
 * Conventions:
 * - Parameter names are our learners' option names (gradient-boosting.ts, random-forest.ts,
 *   gaussian-process.ts, regularized/*.ts), so a trial's params go straight into the learner's options, except
 *   where a comment says how the job maps them (maxFeatures, alphaRatio).
 * - Data are small (the shipped results.db has 165 rows; an inner training fold of 10-fold nested CV is ~130),
 *   which bounds what can matter: nothing may ask for leaves smaller than the data can fill.
 * - Log scale for anything that acts multiplicatively (rates, penalties, counts spanning decades).
 * - Fixed, not tuned: knobs that trade time for accuracy only (restarts, bins), and parameters the original app
 *   offered that our learners fit by themselves (the GP's noise level).
 */
import type { SearchSpace } from './search-space.js';

export type TunableModel =
  | 'gradient_boosting'
  | 'random_forest'
  | 'extra_trees'
  | 'gaussian_process'
  | 'ridge'
  | 'lasso'
  | 'elastic_net'
  | 'logistic_regression';

/**
 * Names the jobs accept for each model. The original app offered LightGBM and XGBoost separately; ours is a
 * single histogram gradient-boosting learner covering both (leaf-wise growth with a leaf limit, L1/L2 leaf
 * penalties, row and column subsampling), so both names select it.
 */
export const MODEL_ALIASES: Readonly<Record<string, TunableModel>> = {
  gradient_boosting: 'gradient_boosting',
  lightgbm: 'gradient_boosting',
  xgboost: 'gradient_boosting',
  random_forest: 'random_forest',
  extra_trees: 'extra_trees',
  gaussian_process: 'gaussian_process',
  ridge: 'ridge',
  lasso: 'lasso',
  elastic_net: 'elastic_net',
  logistic_regression: 'logistic_regression',
  logistic: 'logistic_regression',
};

/**
 * Gradient boosting (GradientBoostingParams). Original: LightGBM n_estimators 50–1000, num_leaves 10–300,
 * lr 0.005–0.3 (log), feature/bagging fraction 0.3–1, L1/L2 0–10, min_child_samples 5–100, max_bin 100–500;
 * XGBoost depth 3–12, subsample/colsample 0.6–1, α/λ 0–10, γ 0–5.
 * - nEstimators 50–1000 (log), learningRate 0.005–0.3 (log): as LightGBM's; they trade off against each other.
 * - numLeaves 4–64 (log), departure from 10–300: a tree over ~130 rows with ≥ 2 rows per leaf has at most ~65
 *   leaves, so larger limits are all the same setting and would waste the sampler's attention.
 * - maxDepth 2–10: XGBoost's 3–12 shifted down, since depth beyond log2(numLeaves) never binds.
 * - minDataInLeaf 2–40 (log), departure from 5–100: 100 rows per leaf would force stumps on our data.
 * - lambda, alpha 1e-4–10 (log), departure from uniform 0–10: penalties act multiplicatively; 1e-4 is "none".
 * - subsample, colsampleByTree 0.4–1: between LightGBM's 0.3 and XGBoost's 0.6; with 7–12 features 0.3
 *   leaves two or three per tree.
 * - Not tuned: maxBin (255 bins exceed the distinct values of every factor), minSplitGain (XGBoost's γ is in
 *   units of the loss, so a fixed range means different things for wear in mm and sag in µm; lambda and
 *   minDataInLeaf regularise instead).
 */
export const GRADIENT_BOOSTING_SPACE: SearchSpace = {
  nEstimators: { kind: 'int', low: 50, high: 1000, log: true },
  learningRate: { kind: 'float', low: 0.005, high: 0.3, log: true },
  numLeaves: { kind: 'int', low: 4, high: 64, log: true },
  maxDepth: { kind: 'int', low: 2, high: 10 },
  minDataInLeaf: { kind: 'int', low: 2, high: 40, log: true },
  lambda: { kind: 'float', low: 1e-4, high: 10, log: true },
  alpha: { kind: 'float', low: 1e-4, high: 10, log: true },
  subsample: { kind: 'float', low: 0.4, high: 1 },
  colsampleByTree: { kind: 'float', low: 0.4, high: 1 },
};

/**
 * The tree-shape part shared by both forests. Original RF: depth 3–50, min_samples_split 2–20, min_samples_leaf
 * 1–15, max_features {sqrt, log2, 0.3–0.9}.
 * - maxDepth 2–32 (log): above log2(n) ≈ 8–10 a depth limit stops binding, so 32 means "unlimited" and the
 *   log scale spends the trials where depth matters.
 * - minSamplesSplit 2–20, minSamplesLeaf 1–15: as the original.
 * - maxFeatures: maxFeaturesMode 'sqrt' | 'log2' | 'fraction', and maxFeaturesFraction 0.3–1 when 'fraction'.
 *   Departure: the fraction goes up to 1 (all features, scikit-learn's default for regression forests and
 *   often the best with few features); the original stopped at 0.9. The job maps mode 'fraction' to
 *   `maxFeatures: maxFeaturesFraction` and the others to the string.
 */
const FOREST_SHAPE: SearchSpace = {
  maxDepth: { kind: 'int', low: 2, high: 32, log: true },
  minSamplesSplit: { kind: 'int', low: 2, high: 20 },
  minSamplesLeaf: { kind: 'int', low: 1, high: 15 },
  maxFeaturesMode: { kind: 'categorical', choices: ['sqrt', 'log2', 'fraction'] },
  maxFeaturesFraction: {
    kind: 'float',
    low: 0.3,
    high: 1,
    when: { param: 'maxFeaturesMode', in: ['fraction'] },
  },
};

/**
 * Random forest (ForestParams, splitter 'best', bootstrap true). Original: n_estimators 50–500, bootstrap
 * on/off, max_samples.
 * - nTrees 50–500 in steps of 50: more trees never hurt accuracy, only time; the step keeps the sampler from
 *   treating 251 and 252 trees as different settings.
 * - Departure: bootstrap is always on. Without it (and with all features) every tree sees the same rows and
 *   splits them the same way, i.e. one tree; extra trees is the model for bootstrap-free ensembles.
 * - maxSamples 0.5–1: the share of rows per bootstrap sample (the original's max_samples).
 */
export const RANDOM_FOREST_SPACE: SearchSpace = {
  nTrees: { kind: 'int', low: 50, high: 500, step: 50 },
  ...FOREST_SHAPE,
  maxSamples: { kind: 'float', low: 0.5, high: 1 },
};

/**
 * Extra trees (ForestParams, splitter 'random', bootstrap false as scikit-learn). Not in the original app;
 * same tree-shape space as the random forest. No maxSamples: without bootstrap every tree sees all rows, and
 * the randomness comes from the split thresholds.
 */
export const EXTRA_TREES_SPACE: SearchSpace = {
  nTrees: { kind: 'int', low: 50, high: 500, step: 50 },
  ...FOREST_SHAPE,
};

/**
 * Gaussian process (GaussianProcessOptions). Original: 10 kernels (RBF, Matérn ν = 0.5/1.5/2.5, optionally
 * + DotProduct, each + White), alpha 1e-6–1e-1, n_restarts 0–10.
 * - kernel: our four stationary kernels, each with a fitted noise term (the original's "+ White").
 *   Departure: no DotProduct variants (our GP has no linear kernel; the linear models cover linear trends).
 * - Departure: alpha is not tuned. The original used alpha as the noise level; ours fits the noise variance
 *   by maximum marginal likelihood, and alpha stays a 1e-10 jitter.
 * - Departure: nRestarts is not tuned; it buys a better optimum of the likelihood at a cost in time, never a
 *   different model class, so the job fixes it (3).
 * The continuous hyperparameters (length scales, signal and noise variances) are fitted inside each trial,
 * so the inner search only chooses the kernel.
 */
export const GAUSSIAN_PROCESS_SPACE: SearchSpace = {
  kernel: { kind: 'categorical', choices: ['rbf', 'matern12', 'matern32', 'matern52'] },
};

/**
 * Ridge (on standardised columns, see linear-study/learners.ts). Original α 1e-5–1e4 (log).
 * - alpha 1e-4–1e4 (log): the penalty is compared with XᵀX, whose diagonal is n for standardised columns, so
 *   for n ≥ 10 anything below 1e-4 is ordinary least squares already.
 */
export const RIDGE_SPACE: SearchSpace = {
  alpha: { kind: 'float', low: 1e-4, high: 1e4, log: true },
};

/**
 * Lasso. Original α 1e-4–0.1 (log), an absolute range. Departure: we tune alphaRatio = α / α_max in
 * 1e-4–1 (log), where α_max = max_j |x_jᵀ(y − ȳ)| / n on the (standardised) training rows is the smallest α
 * that sets every coefficient to zero. α is in units of y, so a fixed absolute range zeroes everything for
 * wear (~0.01 mm) and does nothing for forces (~100 N); the ratio means the same on every target. The job
 * computes α_max per training fold.
 */
export const LASSO_SPACE: SearchSpace = {
  alphaRatio: { kind: 'float', low: 1e-4, high: 1, log: true },
};

/**
 * Elastic net. Original α 1e-5–10 (log), l1_ratio 0.01–0.99. Same departure as the Lasso: alphaRatio
 * 1e-4–1 (log) of α_max = max_j |x_jᵀ(y − ȳ)| / (n·l1Ratio). l1Ratio 0.01–0.99 as the original (the
 * pure ends are the Lasso and ridge candidates).
 */
export const ELASTIC_NET_SPACE: SearchSpace = {
  alphaRatio: { kind: 'float', low: 1e-4, high: 1, log: true },
  l1Ratio: { kind: 'float', low: 0.01, high: 0.99 },
};

/**
 * Logistic regression (LogisticOptions). Original: saga with penalty 'elasticnet' and default C.
 * - C 1e-4–1e3 (log): from "almost intercept-only" to "almost unpenalised" on standardised columns.
 * - penalty 'l2' | 'elasticnet', with l1Ratio 0.05–0.95 only under 'elasticnet'. Departure: the original
 *   always used elastic net; plain L2 is the better-conditioned default and is kept as a choice.
 */
export const LOGISTIC_REGRESSION_SPACE: SearchSpace = {
  C: { kind: 'float', low: 1e-4, high: 1e3, log: true },
  penalty: { kind: 'categorical', choices: ['l2', 'elasticnet'] },
  l1Ratio: { kind: 'float', low: 0.05, high: 0.95, when: { param: 'penalty', in: ['elasticnet'] } },
};

export const SEARCH_SPACES: Readonly<Record<TunableModel, SearchSpace>> = {
  gradient_boosting: GRADIENT_BOOSTING_SPACE,
  random_forest: RANDOM_FOREST_SPACE,
  extra_trees: EXTRA_TREES_SPACE,
  gaussian_process: GAUSSIAN_PROCESS_SPACE,
  ridge: RIDGE_SPACE,
  lasso: LASSO_SPACE,
  elastic_net: ELASTIC_NET_SPACE,
  logistic_regression: LOGISTIC_REGRESSION_SPACE,
};

/**
 * The feature-selection parameters tuned together with each model (original: top_k 5–min(50, p) and
 * corr_threshold 0.85–0.99, plus use_interactions / use_polynomial). Departures: the original's interaction and
 * polynomial switches are dropped (its preprocessor ignored them); topK spans min(5, p)–p so small feature sets
 * can keep all their features. Returns a space with only corrThreshold when p ≤ 1.
 */
export function featureSelectionSpace(p: number): SearchSpace {
  if (!(Number.isInteger(p) && p >= 1))
    throw new RangeError(`featureSelectionSpace: p must be an integer ≥ 1, got ${p}`);
  const corrThreshold = { kind: 'float', low: 0.85, high: 0.99 } as const;
  if (p === 1) return { corrThreshold };
  return { topK: { kind: 'int', low: Math.min(5, p), high: p }, corrThreshold };
}

/** The search space of a model by any accepted name (see MODEL_ALIASES); throws on an unknown name. */
export function searchSpaceFor(name: string): SearchSpace {
  const model = MODEL_ALIASES[name];
  if (!model)
    throw new RangeError(
      `no search space for model '${name}'; known: ${Object.keys(MODEL_ALIASES).join(', ')}`,
    );
  return SEARCH_SPACES[model];
}
