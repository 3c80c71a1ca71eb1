/**
 * The `classification` result body: the honest nested-CV estimate of the whole procedure (tuning, calibration,
 * thresholds and the out-of-distribution gate all fitted inside each outer training part), the final model tuned
 * and refitted on all rows (reported separately), and the curve data the UI plots.
 *
 * Glossary:
 * - positive: rows whose label is `positive_label`; the model's probability is P(positive).
 * - probability: calibrated P(positive). OOF = out-of-fold: from the outer fold's own model, calibrator and gate.
 * - decision: P if probability > tau_pos, N if < tau_neg, gray otherwise or when the row is out of distribution.
 *   tau_pos = 1 / tau_neg = 0 mean "never" (too few rows of the class for the guarantee: `feasible` false).
 * - fpr_at_tau_pos: the realised false-positive rate of the P decision on held-out negatives (what α bounds).
 */
import { z } from 'zod';

const num = z.number().nullable();
const int = z.number().int();
const Params = z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]));

/** Scores of one outer fold or their mean / sd; null where undefined (e.g. a fold without positives). */
export const ClassificationScores = z.strictObject({
  roc_auc: num,
  pr_auc: num,
  brier: num,
  fpr_at_tau_pos: num,
  /** Share of rows with a P or N verdict. */
  coverage: num,
});
export type ClassificationScores = z.infer<typeof ClassificationScores>;

export const NpThresholdInfo = z.strictObject({
  /** In probability units; 1 (τ+) or 0 (τ−) when infeasible. */
  value: z.number(),
  feasible: z.boolean(),
  /** Rows of the class the threshold was set on (negatives for τ+, positives for τ−). */
  n: int,
  /** The tolerated error rate (α for τ+, β for τ−). */
  error_rate: z.number(),
  /** Those rows on the wrong side, and the Clopper–Pearson upper bound on the error rate at `confidence`. */
  observed_errors: int,
  error_rate_upper_bound: num,
});

export const ClassificationFold = z.strictObject({
  fold: int,
  /** The model the inner tuning chose in this fold. */
  chosen: z.string(),
  calibration: z.enum(['sigmoid', 'isotonic']),
  n_test: int,
  n_test_positive: int,
  tau_pos: z.number(),
  tau_neg: z.number(),
  tau_pos_feasible: z.boolean(),
  scores: ClassificationScores,
});

export const ClassCounts = z.strictObject({ positive: int, negative: int });

export const ClassificationBody = z.strictObject({
  target: z.string(),
  positive_label: z.string(),
  negative_label: z.string(),
  features: z.array(z.string()),
  /** Rows with an identical feature vector (or the same group_column value) are never split. */
  grouping: z.enum(['replicates', 'column']),
  n: int,
  n_positive: int,
  n_negative: int,
  n_dropped: int,
  /** The final model (chosen by tuning on all rows) and its artifact (a zerosec-model file with the classification block). */
  model: z.string(),
  model_file: z.string(),
  /** oof_* = nested-CV estimate at each fold's own τ+; in_sample_* = the final model on its training rows. */
  metrics: z.record(z.string(), num),
  cv: z.strictObject({
    folds: z.array(ClassificationFold),
    mean: ClassificationScores,
    sd: ClassificationScores,
    /** Each candidate model's ROC-AUC (raw probabilities) over the outer folds, and its tuned parameters per fold. */
    models: z.array(
      z.strictObject({ model: z.string(), roc_auc_mean: num, roc_auc_sd: num, params: z.array(Params) }),
    ),
  }),
  final: z.strictObject({
    model: z.string(),
    params: Params,
    calibration: z.strictObject({
      method: z.enum(['sigmoid', 'isotonic']),
      /** Of each method, judged on held-out inner folds (the lower Brier wins; ECE breaks ties). */
      candidates: z.array(z.strictObject({ method: z.enum(['sigmoid', 'isotonic']), brier: num, ece: num })),
    }),
    tuning: z.array(
      z.strictObject({
        model: z.string(),
        /** Mean inner-CV ROC-AUC of the best trial on all rows. */
        inner_roc_auc: num,
        params: Params,
        n_trials: int,
        n_pruned: int,
      }),
    ),
  }),
  thresholds: z.strictObject({
    tau_pos: NpThresholdInfo,
    tau_neg: NpThresholdInfo,
    alpha: z.number(),
    beta: z.number(),
    confidence: z.number(),
  }),
  ood: z.strictObject({
    /** False when the gate could not be fitted (e.g. no numeric feature, too few rows); `reason` says why. */
    available: z.boolean(),
    columns: z.array(z.string()),
    quantile: z.number(),
    /** Cut-off on the Mahalanobis distance (not squared); null when unavailable. */
    threshold: num,
    /** OOF rows flagged by their fold's gate. */
    n_flagged: int,
    reason: z.string().nullable(),
  }),
  /** OOF decisions against the actual class: confusion matrix of "P" vs the rest, and three-way counts. */
  confusion: z.strictObject({ tn: int, fp: int, fn: int, tp: int }),
  three_way: z.strictObject({ p: ClassCounts, n: ClassCounts, gray: ClassCounts }),
  /** From the OOF probabilities. */
  curves: z.strictObject({
    roc: z.strictObject({ fpr: z.array(z.number()), tpr: z.array(z.number()) }),
    pr: z.strictObject({ recall: z.array(z.number()), precision: z.array(z.number()) }),
    calibration: z.strictObject({
      prob_pred: z.array(z.number()),
      prob_true: z.array(z.number()),
      counts: z.array(int),
    }),
  }),
  /** The artifact listing every row's OOF probability, decision and OOD flag. */
  oof_file: z.string(),
});
export type ClassificationBody = z.infer<typeof ClassificationBody>;
