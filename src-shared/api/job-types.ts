/**
 * Job types and their parameters: one zod schema per type, shared by the API (validation, OpenAPI),
 * the worker (typed parameters) and the clients (forms, CLI --param parsing).
 *
 * Glossary: a *job* is one analysis of one uploaded input file; its *parameters* are the options below;
 * names follow the seed API (`num_points`, `target_column`, ...) so existing scripts keep working.
 * Objects are strict: an unknown field is rejected with a message naming it.
 */
import { z } from 'zod';

export const JOB_TYPES = [
  'optimization',
  'linear_analysis',
  'nonlinear_analysis',
  'classification',
  'prediction',
  'pareto',
] as const;
export const JobType = z.enum(JOB_TYPES);
export type JobType = z.infer<typeof JobType>;

const columnName = z.string().min(1).max(255);
const columnList = z.array(columnName).min(1).max(10_000);
const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);

/** Options every job accepts: how to read its input table. */
const inputOptions = {
  /** XLSX only: the sheet to read; the first sheet when omitted. */
  sheet: z.string().min(1).max(255).optional(),
};

/** A factor to generate candidates from: a range with a step, or an explicit list of levels. */
export const FactorDefinition = z.strictObject({
  name: columnName,
  type: z.enum(['continuous', 'categorical']).default('continuous'),
  min: z.number().optional(),
  max: z.number().optional(),
  step: z.number().positive().optional(),
  levels: z
    .array(z.union([z.number(), z.string().min(1)]))
    .min(1)
    .max(10_000)
    .optional(),
});

/** A candidate grid generated from factor definitions (as the optimization job's), for predicting untested conditions. */
export const CandidateGrid = z.strictObject({
  factors: z.array(FactorDefinition).min(1).max(50),
  one_hot_groups: z.array(z.array(columnName).min(2)).optional(),
  constraints: z.array(z.string().min(1).max(1000)).max(50).optional(),
});

export const OptimizationParameters = z.strictObject({
  ...inputOptions,
  /** Runs to choose (new runs; existing ones come on top). */
  num_points: z.number().int().min(2).max(10_000).default(15),
  random_seed: seed.default(42),
  /** Candidate file: the factor columns (default: every numeric column except `existing_column`). */
  feature_columns: columnList.optional(),
  /**
   * Generate the candidates from these factors instead of reading them from the file; the uploaded file then
   * holds the runs already done (it may have only a header).
   */
  factors: z.array(FactorDefinition).min(1).max(50).optional(),
  /** Groups of 0/1 columns of which exactly one is 1 (brush types A11/A13/A21/A32). */
  one_hot_groups: z.array(z.array(columnName).min(2)).optional(),
  /** Conditions every candidate must meet, e.g. `送り速度 * パス数 <= 9000`. */
  constraints: z.array(z.string().min(1).max(1000)).max(50).optional(),
  model: z
    .union([z.enum(['main_effects', 'interactions', 'quadratic']), z.string().min(1).max(10_000)])
    .default('main_effects'),
  intercept: z.boolean().default(true),
  /** Factors coded to [-1, 1] (`range`) or centred and scaled (`standardize`). */
  coding: z.enum(['range', 'standardize']).default('range'),
  criterion: z.enum(['D', 'I', 'A', 'D_then_I']).default('D'),
  algorithm: z.enum(['fedorov', 'coordinate']).default('fedorov'),
  n_starts: z.number().int().min(1).max(1000).default(20),
  /** A 0/1 column of the candidate file marking runs already done (kept, not chosen again). */
  existing_column: columnName.optional(),
  randomize_run_order: z.boolean().default(true),
});

/** Model terms: main effects, + two-factor interactions, full quadratic, or an explicit list `x1 + x2 + x1:x2 + x1^2`. */
export const LINEAR_MODEL_TERMS = ['linear', 'interactions', 'quadratic'] as const;

export const LinearAnalysisParameters = z
  .strictObject({
    ...inputOptions,
    /** One target; `target_columns` analyses several in one job. */
    target_column: columnName.optional(),
    target_columns: columnList.optional(),
    /** Default: every numeric column except the targets. Text columns are one-hot coded (first level = reference). */
    feature_columns: columnList.optional(),
    model: z.union([z.enum(LINEAR_MODEL_TERMS), z.string().min(1).max(10_000)]).default('linear'),
    fit_intercept: z.boolean().default(true),
    /** Centre and scale the features; coefficients are then reported in coded and original units. */
    standardize: z.boolean().default(false),
    transform: z.enum(['none', 'log', 'log10', 'sqrt', 'box_cox', 'yeo_johnson', 'auto']).default('none'),
    models_to_use: z
      .array(z.enum(['ols', 'ridge', 'lasso', 'elastic_net']))
      .min(1)
      .default(['ols', 'ridge', 'lasso', 'elastic_net']),
    selection_metric: z.enum(['mae', 'rmse']).default('mae'),
    /** The original app's rule: keep OLS when its out-of-fold error is within this fraction of the best model's. */
    prefer_ols_within: z.number().min(0).max(1).default(0),
    /** Outer folds of the double cross-validation (honest metrics). */
    outer_splits: z.number().int().min(2).max(50).default(5),
    /** Inner folds (hyperparameter choice inside each outer training part). */
    cv_splits: z.number().int().min(2).max(50).default(5),
    /** Fraction held out for a final test score; 0 = no hold-out. */
    train_test_split: z.number().min(0).max(0.9).default(0),
    random_seed: seed.default(42),
  })
  .refine((p) => (p.target_column === undefined) !== (p.target_columns === undefined), {
    message: 'give exactly one of target_column or target_columns',
    path: ['target_column'],
  });

export const REGRESSION_MODELS = [
  'random_forest',
  'extra_trees',
  'gradient_boosting',
  'gaussian_process',
  'ridge',
  'lasso',
  'elastic_net',
] as const;

export const NonlinearAnalysisParameters = z.strictObject({
  ...inputOptions,
  target_columns: columnList,
  feature_columns: columnList.optional(),
  models_to_use: z.array(z.enum(REGRESSION_MODELS)).min(1).default(['random_forest', 'gradient_boosting']),
  outer_splits: z.number().int().min(2).max(50).default(10),
  cv_splits: z.number().int().min(2).max(50).default(5),
  n_trials: z.number().int().min(1).max(2000).default(50),
  /** Rows sharing a value here are never split between training and test; default: identical feature rows. */
  group_column: columnName.optional(),
  enable_shap: z.boolean().default(true),
  /** Predict `candidates` with the final models and rank them by Pareto dominance (needs 2 or more targets). */
  enable_pareto: z.boolean().default(false),
  candidates: CandidateGrid.optional(),
  /** Direction per target for the Pareto ranking; default: every target minimised (wear, sag, roughness). */
  pareto_objectives: z
    .array(
      z.strictObject({ column: columnName, direction: z.enum(['minimize', 'maximize']).default('minimize') }),
    )
    .min(2)
    .max(6)
    .optional(),
  random_seed: seed.default(42),
});

export const CLASSIFICATION_MODELS = [
  'gradient_boosting',
  'random_forest',
  'logistic',
  'logistic_regression',
] as const;

export const ClassificationParameters = z.strictObject({
  ...inputOptions,
  /** A column with exactly two distinct values (rows without one are left out with a warning). */
  target_column: columnName,
  /** The value of `target_column` that means "positive" (1, 'OK', 'NG', 'Yes', ...); the other value is negative. */
  positive_label: z.union([z.string().min(1), z.number()]).default(1),
  feature_columns: columnList.optional(),
  models_to_use: z.array(z.enum(CLASSIFICATION_MODELS)).min(1).default(['gradient_boosting', 'logistic']),
  outer_splits: z.number().int().min(2).max(50).default(10),
  /** Inner folds (tuning, calibration and thresholds inside each outer training part). */
  cv_splits: z.number().int().min(2).max(50).default(5),
  n_trials_inner: z.number().int().min(1).max(2000).default(50),
  /** Largest false-positive rate the positive decision may have. */
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  /** Largest false-negative rate the negative decision may have (τ−); between τ− and τ+ is gray. */
  beta: z.number().gt(0).lt(0.5).default(0.05),
  /** Probability that the realised error rates stay within α and β (Clopper–Pearson / order-statistic bound). */
  confidence: z.number().min(0.5).lt(1).default(0.95),
  /** χ² quantile of the out-of-distribution gate: rows beyond it get no P/N verdict. */
  ood_quantile: z.number().min(0.5).lt(1).default(0.99),
  /** Rows sharing a value here are never split between training and test; default: identical feature rows. */
  group_column: columnName.optional(),
  random_seed: seed.default(42),
});

export const PredictionParameters = z.strictObject({
  ...inputOptions,
  /**
   * The completed modelling job whose models predict the input rows: its `<target>.model.json` files (nonlinear,
   * classification) or its `linear-model.json` (linear_analysis).
   */
  model_job_id: z.uuid(),
  /** Predict these targets only; default every model of the job. */
  targets: columnList.optional(),
  /**
   * A text value the model never saw in training: `error` fails the job naming row and column; `flag` leaves the
   * row's predictions empty and says why in its `note`.
   */
  unknown_category: z.enum(['error', 'flag']).default('error'),
  /**
   * Predict a generated candidate grid (the optimization job's factor definitions) instead of the uploaded table,
   * which is then not read (it may hold only a header).
   */
  candidates: CandidateGrid.optional(),
});

/** An objective's direction; `min`/`max` are accepted as short forms of `minimize`/`maximize`. */
export const PARETO_DIRECTIONS = ['minimize', 'maximize', 'min', 'max'] as const;

export const ParetoParameters = z.strictObject({
  ...inputOptions,
  /** The columns to trade off (2 to 6), each minimised or maximised. */
  objectives: z
    .array(z.strictObject({ column: columnName, direction: z.enum(PARETO_DIRECTIONS).default('minimize') }))
    .min(2)
    .max(6),
  /**
   * Hypervolume reference point, one value per objective in the column's own units (a point worse than every
   * front point). Default: the front's nadir moved 10 % of the front's range further in the worse direction.
   */
  reference_point: z.array(z.number()).min(2).max(6).optional(),
  /**
   * Lexicographic preference: objectives in priority order; among the front, keep the points within `tolerance`
   * (column units) of the best on the first, then of the best of those on the second, and so on.
   */
  lexicographic: z
    .array(z.strictObject({ column: columnName, tolerance: z.number().min(0).default(0) }))
    .min(1)
    .max(6)
    .optional(),
  /** Most front points written to result.json for the plots (ε-box thinning); pareto.csv always has every row. */
  max_plot_points: z.number().int().min(50).max(200_000).default(5000),
  /** Monte Carlo samples of the hypervolume estimate with more than 3 objectives. */
  hypervolume_samples: z.number().int().min(1000).max(10_000_000).default(200_000),
  random_seed: seed.default(42),
});

export const JOB_PARAMETER_SCHEMAS = {
  optimization: OptimizationParameters,
  linear_analysis: LinearAnalysisParameters,
  nonlinear_analysis: NonlinearAnalysisParameters,
  classification: ClassificationParameters,
  prediction: PredictionParameters,
  pareto: ParetoParameters,
} as const satisfies Record<JobType, z.ZodType>;

export type JobParameters = {
  [K in JobType]: z.output<(typeof JOB_PARAMETER_SCHEMAS)[K]>;
};
/** What a client may send: fields with defaults are optional. */
export type JobParametersInput = {
  [K in JobType]: z.input<(typeof JOB_PARAMETER_SCHEMAS)[K]>;
};
