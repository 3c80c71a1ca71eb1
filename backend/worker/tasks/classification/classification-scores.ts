/** The classification report's numbers from labels, calibrated probabilities and verdicts: per fold, pooled out-of-fold, and the curve data. */
import type {
  ClassificationBody,
  ClassificationScores,
} from '../../../../src-shared/api/classification-result.js';
import { binaryScores } from '../../../analysis/classification/binary-metrics.js';
import {
  brierScore,
  calibrationCurve,
  expectedCalibrationError,
} from '../../../analysis/classification/calibration-metrics.js';
import { averagePrecision, precisionRecallCurve, rocCurve } from '../../../analysis/classification/curves.js';
import { rocAuc } from '../../../analysis/model-selection/metrics.js';

export const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

/** Realised FPR of "probability > τ+" among the negatives; NaN without negatives. */
export function fprAbove(y: ArrayLike<number>, probability: ArrayLike<number>, tauPos: number): number {
  let neg = 0;
  let fp = 0;
  for (let i = 0; i < y.length; i++)
    if (y[i] === 0) {
      neg++;
      if (probability[i]! > tauPos) fp++;
    }
  return neg > 0 ? fp / neg : Number.NaN;
}

/** Scores of one set of rows; verdicts 1 / 0 / −1 (gray). NaN where undefined (one class only). */
export function scoresOf(
  y: Float64Array,
  probability: Float64Array,
  decision: Int8Array,
  tauPos: number,
): Record<keyof ClassificationScores, number> {
  let pos = 0;
  let decided = 0;
  for (let i = 0; i < y.length; i++) {
    pos += y[i]!;
    if (decision[i] !== -1) decided++;
  }
  return {
    roc_auc: rocAuc(y, probability),
    pr_auc: pos > 0 ? averagePrecision(y, probability) : Number.NaN,
    brier: brierScore(y, probability),
    fpr_at_tau_pos: fprAbove(y, probability, tauPos),
    coverage: y.length > 0 ? decided / y.length : Number.NaN,
  };
}

export const nullable = (s: Record<keyof ClassificationScores, number>): ClassificationScores => ({
  roc_auc: finiteOrNull(s.roc_auc),
  pr_auc: finiteOrNull(s.pr_auc),
  brier: finiteOrNull(s.brier),
  fpr_at_tau_pos: finiteOrNull(s.fpr_at_tau_pos),
  coverage: finiteOrNull(s.coverage),
});

export interface OofReport {
  metrics: Record<string, number | null>;
  confusion: ClassificationBody['confusion'];
  threeWay: ClassificationBody['three_way'];
  curves: ClassificationBody['curves'];
}

/**
 * Pooled OOF report: hard metrics of the P verdict (P vs N-or-gray) at each fold's own τ+, probability scores,
 * three-way counts and curves. `foldTauPos[i]` is the τ+ that row i was judged with.
 */
export function oofReport(
  y: Float64Array,
  probability: Float64Array,
  decision: Int8Array,
  foldTauPos: Float64Array,
): OofReport {
  const hard = binaryScores(
    y,
    Int8Array.from(decision, (d) => (d === 1 ? 1 : 0)),
  );
  let negatives = 0;
  let falsePositives = 0;
  let decided = 0;
  let correct = 0;
  const count = () => ({ positive: 0, negative: 0 });
  const threeWay = { p: count(), n: count(), gray: count() };
  for (let i = 0; i < y.length; i++) {
    const actual = y[i] === 1 ? 'positive' : 'negative';
    const d = decision[i]!;
    threeWay[d === 1 ? 'p' : d === 0 ? 'n' : 'gray'][actual]++;
    if (y[i] === 0) {
      negatives++;
      if (probability[i]! > foldTauPos[i]!) falsePositives++;
    }
    if (d !== -1) {
      decided++;
      if (d === y[i]) correct++;
    }
  }
  const roc = rocCurve(y, probability);
  const pr = precisionRecallCurve(y, probability);
  const cal = calibrationCurve(y, probability, 10);
  return {
    metrics: {
      oof_roc_auc: finiteOrNull(rocAuc(y, probability)),
      oof_pr_auc: finiteOrNull(averagePrecision(y, probability)),
      oof_brier: finiteOrNull(brierScore(y, probability)),
      oof_ece: finiteOrNull(expectedCalibrationError(y, probability)),
      oof_accuracy: finiteOrNull(hard.accuracy),
      oof_balanced_accuracy: finiteOrNull(hard.balancedAccuracy),
      oof_precision: finiteOrNull(hard.precision),
      oof_recall: finiteOrNull(hard.recall),
      oof_f1: finiteOrNull(hard.f1),
      oof_fpr_at_tau_pos: negatives > 0 ? falsePositives / negatives : null,
      oof_coverage: y.length > 0 ? decided / y.length : null,
      oof_accuracy_decided: decided > 0 ? correct / decided : null,
    },
    confusion: hard.confusion,
    threeWay,
    curves: {
      roc: { fpr: Array.from(roc.fpr), tpr: Array.from(roc.tpr) },
      pr: { recall: Array.from(pr.recall), precision: Array.from(pr.precision) },
      calibration: {
        prob_pred: Array.from(cal.probPred),
        prob_true: Array.from(cal.probTrue),
        counts: Array.from(cal.counts),
      },
    },
  };
}
