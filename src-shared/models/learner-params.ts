/** The learners a job may ask for and their hyperparameters with defaults, in one place, so the API, the client and the engine's learner registry validate a request the same way. */
import { z } from 'zod';

/**
 * Glossary:
 * - learner: a named way to fit a model (`LEARNER_NAMES`); aliases (`lightgbm`, `xgboost`, `logistic`) name the
 *   same learner.
 * - task: 'regression' predicts a number in the target's units; 'binary' a class 0/1 and P(y = 1); 'multiclass'
 *   a class 0..K−1 and K probabilities. Not every learner supports every task (`LEARNER_TASKS_SUPPORTED`).
 * - Parameter names follow scikit-learn / LightGBM (snake_case); every field has a default, so `{}` (or
 *   `{ task }`) is a valid parameter set. Units: those of the training data after preprocessing (one-hot columns
 *   are 0/1; with `standardize` the penalties and GP length scales act on columns scaled to unit variance).
 */

export const LEARNER_TASKS = ['regression', 'binary', 'multiclass'] as const;
export const LearnerTask = z.enum(LEARNER_TASKS);
export type LearnerTask = z.infer<typeof LearnerTask>;

export const LEARNER_NAMES = [
  'gradient_boosting',
  'random_forest',
  'extra_trees',
  'gaussian_process',
  'ols',
  'ridge',
  'lasso',
  'elastic_net',
  'logistic_regression',
] as const;
export const LearnerName = z.enum(LEARNER_NAMES);
export type LearnerName = z.infer<typeof LearnerName>;

/** Other names accepted for a learner (lower case). */
export const LEARNER_ALIASES: Readonly<Record<string, LearnerName>> = {
  lightgbm: 'gradient_boosting',
  xgboost: 'gradient_boosting',
  gbdt: 'gradient_boosting',
  logistic: 'logistic_regression',
};

/** The tasks each learner can fit. */
export const LEARNER_TASKS_SUPPORTED: Readonly<Record<LearnerName, readonly LearnerTask[]>> = {
  gradient_boosting: ['regression', 'binary', 'multiclass'],
  random_forest: ['regression', 'binary'],
  extra_trees: ['regression', 'binary'],
  gaussian_process: ['regression'],
  ols: ['regression'],
  ridge: ['regression'],
  lasso: ['regression'],
  elastic_net: ['regression'],
  logistic_regression: ['binary'],
};

/** The canonical learner for a name or alias (case-insensitive), or undefined. */
export function canonicalLearnerName(name: string): LearnerName | undefined {
  const lower = name.trim().toLowerCase();
  if ((LEARNER_NAMES as readonly string[]).includes(lower)) return lower as LearnerName;
  return LEARNER_ALIASES[lower];
}

const seed = z
  .int()
  .default(0)
  .describe('Seed of every random draw; same data, parameters and seed → same model.');
const unit = z.number().gt(0).max(1);

/** The task, restricted to what `learner` supports, with a message that says what to use instead. */
function taskFor(learner: LearnerName, fallback: LearnerTask) {
  const tasks = LEARNER_TASKS_SUPPORTED[learner];
  return LearnerTask.default(fallback).refine((t) => tasks.includes(t), {
    error: (iss) =>
      `${learner} does not fit '${String(iss.input)}' models (it supports ${tasks.join(', ')})` +
      (iss.input === 'multiclass' ? '; use gradient_boosting for multiclass' : ''),
  });
}

export const BOOSTING_LOSSES = ['squared-error', 'absolute-error', 'huber', 'log-loss', 'softmax'] as const;

export const GradientBoostingParams = z.strictObject({
  task: taskFor('gradient_boosting', 'regression'),
  n_estimators: z.int().min(1).default(100).describe('Boosting rounds.'),
  learning_rate: unit.default(0.1).describe('Shrinkage applied to every tree.'),
  num_leaves: z.int().min(2).default(31).describe('Maximum leaves per tree.'),
  max_depth: z.int().default(-1).describe('Maximum depth (root = 0); ≤ 0 for no limit.'),
  min_data_in_leaf: z.int().min(1).default(20).describe('Minimum training rows per leaf (LightGBM).'),
  min_child_weight: z.number().min(0).default(1e-3).describe('Minimum hessian sum per leaf.'),
  reg_lambda: z.number().min(0).default(1).describe('L2 penalty on leaf weights (XGBoost).'),
  reg_alpha: z.number().min(0).default(0).describe('L1 penalty on leaf weights.'),
  min_split_gain: z.number().min(0).default(0).describe('Minimum loss reduction of a split (gamma).'),
  subsample: unit.default(1).describe('Share of rows drawn for each round.'),
  colsample_bytree: unit.default(1).describe('Share of features drawn for each tree.'),
  max_bin: z.int().min(2).max(65534).default(255).describe('Histogram bins per feature.'),
  loss: z
    .enum(BOOSTING_LOSSES)
    .optional()
    .describe('Default by task: squared-error, log-loss (binary), softmax (multiclass).'),
  huber_delta: z.number().gt(0).default(1).describe('Huber threshold, units of y.'),
  seed,
});

const forestShape = {
  n_estimators: z.int().min(1).default(100).describe('Number of trees.'),
  max_features: z
    .union([z.enum(['sqrt', 'log2', 'all']), z.number().gt(0), z.strictObject({ count: z.int().min(1) })])
    .nullable()
    .default(null)
    .describe(
      "Features tried per split: 'sqrt', 'log2', 'all', a fraction in (0, 1], an integer ≥ 2 or { count }; " +
        "null = 'all' for regression, 'sqrt' for binary (scikit-learn).",
    ),
  max_depth: z
    .int()
    .min(0)
    .nullable()
    .default(null)
    .describe('Depth limit; null grows until the leaf limits stop.'),
  min_samples_split: z.int().min(2).default(2),
  min_samples_leaf: z.int().min(1).default(1),
  max_samples: z
    .number()
    .gt(0)
    .nullable()
    .default(null)
    .describe('Rows per tree: a fraction in (0, 1] or a count; null = all n.'),
  oob_score: z.boolean().default(false).describe('Compute the out-of-bag score.'),
  seed,
};

export const RandomForestParams = z.strictObject({
  task: taskFor('random_forest', 'regression'),
  ...forestShape,
  bootstrap: z.boolean().default(true).describe('Each tree sees a bootstrap sample.'),
});

export const ExtraTreesParams = z.strictObject({
  task: taskFor('extra_trees', 'regression'),
  ...forestShape,
  bootstrap: z.boolean().default(false).describe('false: every tree sees all rows (scikit-learn).'),
});

export const GP_KERNEL_NAMES = ['rbf', 'matern12', 'matern32', 'matern52'] as const;

export const GaussianProcessParams = z.strictObject({
  task: taskFor('gaussian_process', 'regression'),
  kernel: z.enum(GP_KERNEL_NAMES).default('matern52').describe('Matérn 5/2 suits measured responses best.'),
  normalize_y: z.boolean().default(true),
  standardize: z
    .boolean()
    .default(true)
    .describe('Scale each column to mean 0, sd 1 before fitting (length scales then in sd units).'),
  optimize: z.boolean().default(true).describe('Maximise the log marginal likelihood.'),
  n_restarts: z.int().min(0).default(5),
  alpha: z.number().min(0).default(1e-10).describe('Diagonal jitter, units of normalised y².'),
  seed,
});

const fitIntercept = z.boolean().default(true);
const standardize = z
  .boolean()
  .default(true)
  .describe(
    'Penalise coefficients of columns scaled to unit variance; coefficients are reported in raw units.',
  );

export const OlsParams = z.strictObject({
  task: taskFor('ols', 'regression'),
  fit_intercept: fitIntercept,
});

export const RidgeParams = z.strictObject({
  task: taskFor('ridge', 'regression'),
  alpha: z.number().min(0).default(1).describe('Penalty α (scikit-learn Ridge).'),
  fit_intercept: fitIntercept,
  standardize,
});

const coordinateDescent = {
  alpha: z.number().min(0).default(1).describe('Penalty α (scikit-learn ElasticNet/Lasso).'),
  fit_intercept: fitIntercept,
  standardize,
  tol: z.number().min(0).default(1e-4).describe('Duality-gap tolerance relative to ‖y_c‖².'),
  max_iter: z.int().min(1).default(1000),
};

export const LassoParams = z.strictObject({
  task: taskFor('lasso', 'regression'),
  ...coordinateDescent,
});

export const ElasticNetParams = z.strictObject({
  task: taskFor('elastic_net', 'regression'),
  ...coordinateDescent,
  l1_ratio: z.number().min(0).max(1).default(0.5),
});

export const LogisticRegressionParams = z.strictObject({
  task: taskFor('logistic_regression', 'binary'),
  penalty: z.enum(['l2', 'elasticnet', 'none']).default('l2'),
  C: z.number().gt(0).default(1).describe('Inverse penalty strength (scikit-learn).'),
  l1_ratio: z.number().min(0).max(1).default(0.5).describe("Share of L1, for penalty 'elasticnet'."),
  fit_intercept: fitIntercept,
  standardize,
  tol: z.number().min(0).default(1e-12),
  max_iter: z.int().min(1).default(100),
});

/** Each learner's parameter schema. */
export const LEARNER_PARAMS = {
  gradient_boosting: GradientBoostingParams,
  random_forest: RandomForestParams,
  extra_trees: ExtraTreesParams,
  gaussian_process: GaussianProcessParams,
  ols: OlsParams,
  ridge: RidgeParams,
  lasso: LassoParams,
  elastic_net: ElasticNetParams,
  logistic_regression: LogisticRegressionParams,
} as const satisfies Record<LearnerName, z.ZodType>;

/** Resolved parameters (defaults filled in) of learner L. */
export type LearnerParams<L extends LearnerName> = z.output<(typeof LEARNER_PARAMS)[L]>;
