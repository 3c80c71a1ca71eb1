/**
 * The `linear_analysis` result body: one block per target column, each with the chosen model, its honest
 * (out-of-fold) and in-sample metrics, OLS inference and diagnostics, and per-row values for the plots.
 */
import { z } from 'zod';

const num = z.number().nullable();

export const LINEAR_MODELS = ['ols', 'ridge', 'lasso', 'elastic_net', 'logistic'] as const;
export const LinearModelName = z.enum(LINEAR_MODELS);
export const TARGET_TRANSFORMS = ['none', 'log', 'log10', 'sqrt', 'box_cox', 'yeo_johnson'] as const;

export const CoefficientRow = z.strictObject({
  term: z.string(),
  estimate: num,
  std_error: num,
  t: num,
  p: num,
  ci_low: num,
  ci_high: num,
});
export type CoefficientRow = z.infer<typeof CoefficientRow>;

export const TransformInfo = z.strictObject({
  name: z.enum(TARGET_TRANSFORMS),
  /** Box-Cox / Yeo-Johnson exponent; null for the others. */
  lambda: num,
  /** Added to y before log/sqrt/Box-Cox so every value is positive; 0 when not needed. */
  shift: z.number(),
  /** How it was chosen: given by the user, or `auto` (inside the training folds). */
  chosen_by: z.enum(['user', 'auto']),
});

export const AnovaRow = z.strictObject({
  source: z.string(),
  df: z.number().int(),
  sum_sq: num,
  mean_sq: num,
  f: num,
  p: num,
});

export const CandidateScore = z.strictObject({
  model: LinearModelName,
  alpha: num,
  l1_ratio: num,
  /** Mean and standard deviation over outer folds of the selection metric, out-of-fold. */
  oof_mae: num,
  oof_rmse: num,
  oof_r2: num,
  oof_mae_sd: num,
});

export const RowDiagnostics = z.strictObject({
  /** Spreadsheet row number in the input file (header = 1). */
  row: z.number().int(),
  actual: z.number(),
  fitted: num,
  oof_predicted: num,
  residual: num,
  studentized_residual: num,
  leverage: num,
  cooks_distance: num,
});

export const LinearTargetResult = z.strictObject({
  target: z.string(),
  family: z.enum(['gaussian', 'binomial']),
  features: z.array(z.string()),
  /** Design terms in order, `(Intercept)` first when fitted. */
  terms: z.array(z.string()),
  n: z.number().int(),
  n_dropped: z.number().int(),
  transform: TransformInfo,
  selected: z.strictObject({ model: LinearModelName, alpha: num, l1_ratio: num, reason: z.string() }),
  candidates: z.array(CandidateScore),
  /** The final model refitted on all rows, in original units of the features. */
  coefficients: z.array(CoefficientRow),
  /** The same in coded units (features centred and scaled), when `standardize` is on; else empty. */
  coefficients_coded: z.array(CoefficientRow),
  standardized_coefficients: z.array(z.strictObject({ term: z.string(), beta: num })),
  vif: z.array(z.strictObject({ term: z.string(), vif: num })),
  aliased_terms: z.array(z.string()),
  anova: z.array(AnovaRow),
  metrics: z.record(z.string(), num),
  /** A readable equation in original units, inverse transform included. */
  equation: z.string(),
  rows: z.array(RowDiagnostics),
});
export type LinearTargetResult = z.infer<typeof LinearTargetResult>;

export const LinearAnalysisBody = z.strictObject({
  targets: z.array(LinearTargetResult).min(1),
  validation: z.strictObject({
    outer_splits: z.number().int(),
    inner_splits: z.number().int(),
    holdout_fraction: z.number(),
    selection_metric: z.enum(['mae', 'rmse']),
    random_seed: z.number().int(),
  }),
});
export type LinearAnalysisBody = z.infer<typeof LinearAnalysisBody>;
