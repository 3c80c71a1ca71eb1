/**
 * What the tuned nested CV optimises and reports, injected so one procedure serves regression (RMSE inside,
 * MAE/RMSE/R² outside) and binary classification (1 − ROC-AUC inside, probability scores outside).
 */
import { mae, r2, rmse, rocAuc } from './metrics.js';

export interface Predictor {
  /** Predictions for the n rows of a column-major n×p x. */
  predict(x: Float64Array, n: number): Float64Array;
}

/** Scores of one outer test fold: named numbers (NaN where undefined), averaged key by key. */
export type FoldScores = Record<string, number>;

export interface CvScoring<M, S extends FoldScores> {
  /** The numbers a fitted model gives for rows (regression: predictions; binary: P(y = 1)). */
  output(model: M, x: Float64Array, n: number): Float64Array;
  /**
   * The inner loss of one inner fold, lower is better; null when the fold cannot be scored (e.g. one class only):
   * the trial's score is then the mean over the folds that can. A non-finite loss counts as Number.MAX_VALUE.
   */
  innerLoss(yTrue: Float64Array, output: Float64Array): number | null;
  /** The outer test fold's scores from its rows' outputs. */
  foldScores(yTrue: Float64Array, output: Float64Array): S;
  /** Average fold scores over the folds where they are defined (regression: false, NaN propagates). */
  skipUndefined?: boolean;
}

export interface RegressionFoldScores {
  mae: number;
  rmse: number;
  r2: number;
  [key: string]: number;
}

/** The default: predict, inner RMSE (y's units), outer MAE / RMSE / R². */
export const regressionScoring: CvScoring<Predictor, RegressionFoldScores> = {
  output: (model, x, n) => model.predict(x, n),
  innerLoss: (y, pred) => rmse(y, pred),
  foldScores: (y, pred) => ({ mae: mae(y, pred), rmse: rmse(y, pred), r2: r2(y, pred) }),
};

/** A binary classifier's fitted model: P(y = 1) per row (learner-model.ts). */
export interface ProbabilityModel {
  predictProba(x: Float64Array, n: number): Float64Array;
}

export interface BinaryFoldScores {
  rocAuc: number;
  [key: string]: number;
}

/**
 * Binary classification on 0/1 labels: output P(y = 1); inner loss 1 − ROC-AUC. Why AUC and not log-loss: the
 * job's decisions are thresholds on a calibrated probability, and the calibrator is fitted after tuning, so what
 * tuning must find is the best *ranking*; log-loss would also reward raw probabilities that happen to be well
 * scaled (and punish good rankers with overconfident raw scores, e.g. boosting), which calibration repairs anyway.
 * A fold with one class has no AUC and is skipped (folds are stratified, so that is rare). Outer scores: ROC-AUC
 * of the raw probabilities; the classification job adds calibrated scores itself.
 */
export const binaryAucScoring: CvScoring<ProbabilityModel, BinaryFoldScores> = {
  output: (model, x, n) => model.predictProba(x, n),
  innerLoss(y, p) {
    const auc = rocAuc(y, p);
    return Number.isNaN(auc) ? null : 1 - auc;
  },
  foldScores: (y, p) => ({ rocAuc: rocAuc(y, p) }),
  skipUndefined: true,
};

export interface ScoreSummary<S extends FoldScores = RegressionFoldScores> {
  folds: S[];
  /** Key by key (see `summarise`); sd with n − 1 (0 for one fold). */
  mean: S;
  sd: S;
}

/** Mean and sd of each score over the folds; with skipUndefined over the folds where it is not NaN (NaN if none). */
export function summarise<S extends FoldScores>(folds: S[], skipUndefined = false): ScoreSummary<S> {
  const keys = folds.length > 0 ? Object.keys(folds[0]!) : [];
  const mean: FoldScores = {};
  const sd: FoldScores = {};
  for (const key of keys) {
    const v = folds.map((s) => s[key]!).filter((x) => !skipUndefined || !Number.isNaN(x));
    const m = v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;
    mean[key] = m;
    sd[key] = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : 0;
  }
  return { folds, mean: mean as S, sd: sd as S };
}
