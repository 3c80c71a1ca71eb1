/**
 * Scores of hard 0/1 predictions, defined once as scikit-learn defines them so the classification report and
 * the tests agree. Probability-based scores (ROC-AUC, log loss, accuracy at a threshold) live in
 * model-selection/metrics.ts; curves and average precision in curves.ts.
 *
 * Conventions: labels and predictions are 0/1 (1 = the positive class), same length, not mutated. A ratio with a
 * zero denominator is 0, scikit-learn's zero_division=0 (its default "warn" also returns 0). Empty input: NaN.
 */

/** scikit-learn's confusion_matrix(y, pred, labels=[0, 1]): [[TN, FP], [FN, TP]]. */
export interface ConfusionMatrix {
  tn: number;
  fp: number;
  fn: number;
  tp: number;
}

export function confusionMatrix(y: ArrayLike<number>, pred: ArrayLike<number>): ConfusionMatrix {
  if (y.length !== pred.length)
    throw new RangeError(`confusionMatrix: ${y.length} labels but ${pred.length} predictions`);
  const m = { tn: 0, fp: 0, fn: 0, tp: 0 };
  for (let i = 0; i < y.length; i++) {
    const t = y[i];
    const p = pred[i];
    if ((t !== 0 && t !== 1) || (p !== 0 && p !== 1))
      throw new RangeError(`confusionMatrix: row ${i} has label ${t}, prediction ${p}; expected 0 or 1`);
    if (t === 1) {
      if (p === 1) m.tp++;
      else m.fn++;
    } else if (p === 1) m.fp++;
    else m.tn++;
  }
  return m;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

export interface BinaryScores {
  accuracy: number;
  /** Mean of the recalls of the two classes (classes absent from y are left out, as scikit-learn). */
  balancedAccuracy: number;
  /** TP / (TP + FP). */
  precision: number;
  /** TP / (TP + FN), the true-positive rate. */
  recall: number;
  /** Harmonic mean of precision and recall: 2TP / (2TP + FP + FN). */
  f1: number;
  confusion: ConfusionMatrix;
}

/** All scores of hard predictions at once. */
export function binaryScores(y: ArrayLike<number>, pred: ArrayLike<number>): BinaryScores {
  const c = confusionMatrix(y, pred);
  const n = c.tn + c.fp + c.fn + c.tp;
  if (n === 0)
    return { accuracy: NaN, balancedAccuracy: NaN, precision: NaN, recall: NaN, f1: NaN, confusion: c };
  const recalls: number[] = [];
  if (c.tp + c.fn > 0) recalls.push(c.tp / (c.tp + c.fn));
  if (c.tn + c.fp > 0) recalls.push(c.tn / (c.tn + c.fp));
  return {
    accuracy: (c.tp + c.tn) / n,
    balancedAccuracy: recalls.reduce((a, b) => a + b, 0) / recalls.length,
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    confusion: c,
  };
}
