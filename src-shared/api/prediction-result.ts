/**
 * The `prediction` result body: which models of which job predicted how many rows, what was flagged (rows outside
 * the training range per feature, categories the model never saw, missing values, out-of-distribution rows), a
 * summary per target and the first rows, so the UI can show the job without reading the whole predictions.csv.
 *
 * Glossary:
 * - row: the spreadsheet row number of an input row (header = row 1); for a generated candidate grid, the
 *   candidate's 1-based index;
 * - predicted: a row with a prediction of every target; a row that has none (a missing value the model cannot
 *   take, a flagged unknown category) has empty prediction cells and a `note` in predictions.csv;
 * - out of range: a numeric feature outside [min, max] of the model's training rows (with several models, the
 *   narrowest range); such rows are predicted and flagged, never dropped.
 * Fields after `columns` are written by the prediction job; they are optional only so result.json files made
 * before the engine (UI fixtures) stay valid.
 */
import { z } from 'zod';

const num = z.number().nullable();
const count = z.number().int().min(0);

export const PredictionTargetSummary = z.strictObject({
  target: z.string(),
  kind: z.enum(['regression', 'classification']),
  /** Learner of the model file (`random_forest`, `ols`, `logistic`, ...). */
  learner: z.string(),
  /** The model file of the model job that made the predictions. */
  model_file: z.string(),
  /** predictions.csv column of the predicted value (regression) or label (classification). */
  prediction_column: z.string(),
  /** Column of the uncertainty (regression), or null when the model has none. */
  sd_column: z.string().nullable(),
  /** `gp_predictive_sd`: the Gaussian process's predictive standard deviation; `tree_spread`: the standard deviation of the forest's tree predictions. */
  uncertainty: z.enum(['gp_predictive_sd', 'tree_spread']).nullable(),
  /** Classification: P(positive class) column (the model's second class), calibrated when `calibrated`. */
  probability_column: z.string().nullable(),
  classes: z.array(z.string()).nullable(),
  calibrated: z.boolean(),
  /** Three-way decision thresholds on the probability, when the model file carries them. */
  thresholds: z.strictObject({ tau_pos: num, tau_neg: num }).nullable(),
  /** Rows with a prediction of this target. */
  n_predicted: count,
  /** Regression: min, mean and max of the predictions. */
  min: num,
  mean: num,
  max: num,
  /** Classification: rows per predicted label (and per decision, `positive` / `negative` / `gray`, with thresholds). */
  label_counts: z.record(z.string(), count).nullable(),
  decision_counts: z.record(z.string(), count).nullable(),
  /** Rows the model file's out-of-distribution gate flagged (null without a gate). */
  n_ood: count.nullable(),
});
export type PredictionTargetSummary = z.infer<typeof PredictionTargetSummary>;

export const PredictionFeatureSummary = z.strictObject({
  name: z.string(),
  type: z.enum(['numeric', 'categorical']),
  /** Training range (numeric; the narrowest over the models), null when unknown. */
  min: num,
  max: num,
  n_below: count,
  n_above: count,
});

export const PredictionCounts = z.strictObject({
  /** Rows read (table) or generated (grid). */
  rows: count,
  /** Rows with a prediction of every target. */
  predicted: count,
  /** Rows with at least one feature outside the training range. */
  out_of_range: count,
  /** Rows left without a prediction: a missing value the model cannot take, or an unknown category (flag mode). */
  missing_value: count,
  unknown_category: count,
});

export const PredictionBody = z.strictObject({
  model_job_id: z.string(),
  /** Rows in predictions.csv. */
  n: z.number().int(),
  /** The columns of predictions.csv, in order. */
  columns: z.array(z.string()),
  model_job_type: z.string().optional(),
  source: z.enum(['table', 'candidates']).optional(),
  counts: PredictionCounts.optional(),
  targets: z.array(PredictionTargetSummary).optional(),
  features: z.array(PredictionFeatureSummary).optional(),
  /** The first rows of predictions.csv (all of `columns`). */
  preview: z.array(z.array(z.union([z.number(), z.string(), z.null()]))).optional(),
});
export type PredictionBody = z.infer<typeof PredictionBody>;
