/**
 * The `nonlinear_analysis` result body: per target, the honest nested-CV estimate (per fold and per model, with
 * out-of-fold predictions for the parity plot), the final model tuned and refitted on all rows (reported
 * separately), and explanations (mean |SHAP| and per-row SHAP values for beeswarm and dependence plots).
 */
import { z } from 'zod';

const num = z.number().nullable();
const Params = z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]));

export const RegressionScores = z.strictObject({ mae: num, rmse: num, r2: num });

export const NonlinearFold = z.strictObject({
  fold: z.number().int(),
  /** The model the inner tuning chose in this outer fold. */
  chosen: z.string(),
  n_test: z.number().int(),
  scores: RegressionScores,
});

export const NonlinearModelCv = z.strictObject({
  model: z.string(),
  mean: RegressionScores,
  sd: RegressionScores,
  /** Tuned hyperparameters in each outer fold. */
  params: z.array(Params),
});

export const NonlinearTuning = z.strictObject({
  model: z.string(),
  /** Mean inner-CV RMSE of the best trial on all rows. */
  inner_rmse: num,
  params: Params,
  n_trials: z.number().int(),
  n_pruned: z.number().int(),
});

export const ShapSummary = z.strictObject({
  base_value: z.number(),
  /** Mean |SHAP| per feature, in `features` order. */
  mean_abs: z.array(z.number()),
  /** Input row numbers (1-based, as in the file) of the rows whose SHAP values are listed (a sample if many). */
  rows: z.array(z.number().int()),
  /** Row-major rows.length × features.length SHAP values and the matching feature values. */
  values: z.array(z.array(z.number())),
  feature_values: z.array(z.array(num)),
});

export const NonlinearTarget = z.strictObject({
  target: z.string(),
  /** The final model (chosen by tuning on all rows). */
  model: z.string(),
  /** oof_* = nested-CV estimate of the whole procedure; in_sample_* = the final model on its training rows. */
  metrics: z.record(z.string(), num),
  n: z.number().int(),
  n_dropped: z.number().int(),
  /** The artifact holding the final model (a zerosec-model file, for prediction jobs). */
  model_file: z.string(),
  folds: z.array(NonlinearFold),
  models: z.array(NonlinearModelCv),
  final: z.strictObject({ model: z.string(), params: Params, tuning: z.array(NonlinearTuning) }),
  /** Per row used: its 1-based row number, the measured value, the OOF prediction and its outer fold. */
  oof: z.strictObject({
    row: z.array(z.number().int()),
    actual: z.array(z.number()),
    predicted: z.array(num),
    fold: z.array(z.number().int()),
  }),
  shap: ShapSummary.nullable(),
});
export type NonlinearTarget = z.infer<typeof NonlinearTarget>;

/** The final models' predictions on a generated candidate grid, ranked by Pareto dominance (enable_pareto). */
export const NonlinearPareto = z.strictObject({
  objectives: z.array(z.strictObject({ column: z.string(), direction: z.enum(['minimize', 'maximize']) })),
  n_candidates: z.number().int(),
  n_front: z.number().int(),
  /** Factor columns of the candidates, then the predicted targets. */
  columns: z.array(z.string()),
  /** Front rows (at most 1,000; pareto-candidates.csv has all): 1-based candidate number and values by column. */
  front: z.array(
    z.strictObject({
      candidate: z.number().int(),
      values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    }),
  ),
  /** The knee of the front (largest distance to the hyperplane through the extremes), or null. */
  knee_candidate: z.number().int().nullable(),
});
export type NonlinearPareto = z.infer<typeof NonlinearPareto>;

export const NonlinearAnalysisBody = z.strictObject({
  features: z.array(z.string()),
  /** Rows with an identical feature vector are one condition: never split between training and test. */
  grouping: z.enum(['replicates', 'column']),
  targets: z.array(NonlinearTarget),
  pareto: NonlinearPareto.nullable().optional(),
});
export type NonlinearAnalysisBody = z.infer<typeof NonlinearAnalysisBody>;
