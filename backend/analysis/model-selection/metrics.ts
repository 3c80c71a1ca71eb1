/** Scores for comparing models out of fold: one definition each, so the CV, the report and the tests agree on what "MAE" means. */

/**
 * Conventions: `yTrue` and `yPred` have the same length n and are not mutated. Regression scores are in units
 * of y (R² unitless). A score that does not exist (empty input, R² with constant y, AUC with one class) is NaN;
 * callers that emit JSON map it to null.
 */

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>, where: string): number {
  if (a.length !== b.length)
    throw new RangeError(`${where}: ${a.length} true values but ${b.length} predictions`);
  return a.length;
}

/** Mean absolute error, units of y. */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkLengths(yTrue, yPred, 'mae');
  if (n === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(yTrue[i]! - yPred[i]!);
  return s / n;
}

/** Root mean squared error, units of y. */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkLengths(yTrue, yPred, 'rmse');
  if (n === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += (yTrue[i]! - yPred[i]!) ** 2;
  return Math.sqrt(s / n);
}

/**
 * R² = 1 − SS_res / SS_tot, SS_tot taken around the mean of yTrue (so it is negative for predictions worse than
 * that mean). NaN when n = 0 or yTrue is constant.
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkLengths(yTrue, yPred, 'r2');
  if (n === 0) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i]!;
  mean /= n;
  let ssTot = 0;
  let ssRes = 0;
  for (let i = 0; i < n; i++) {
    ssTot += (yTrue[i]! - mean) ** 2;
    ssRes += (yTrue[i]! - yPred[i]!) ** 2;
  }
  return ssTot > 0 ? 1 - ssRes / ssTot : Number.NaN;
}

function checkBinary(y: ArrayLike<number>, where: string): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`${where}: yTrue[${i}] = ${y[i]} is not 0 or 1`);
  }
}

/** Fraction of rows where (probability ≥ threshold ? 1 : 0) equals yTrue (0/1). Labels 0/1 work as probabilities. */
export function accuracy(yTrue: ArrayLike<number>, probability: ArrayLike<number>, threshold = 0.5): number {
  const n = checkLengths(yTrue, probability, 'accuracy');
  checkBinary(yTrue, 'accuracy');
  if (n === 0) return Number.NaN;
  let hits = 0;
  for (let i = 0; i < n; i++) if ((probability[i]! >= threshold ? 1 : 0) === yTrue[i]) hits++;
  return hits / n;
}

/**
 * Area under the ROC curve by the Mann–Whitney statistic: (R₊ − n₊(n₊ + 1)/2) / (n₊·n₋), R₊ the sum of the
 * positives' ranks among all scores, tied scores sharing their mid-rank (so a tied positive/negative pair counts
 * ½). Equals sklearn's roc_auc_score. NaN when either class is absent. O(n log n).
 */
export function rocAuc(yTrue: ArrayLike<number>, score: ArrayLike<number>): number {
  const n = checkLengths(yTrue, score, 'rocAuc');
  checkBinary(yTrue, 'rocAuc');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let nPos = 0;
  let rankSumPos = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && score[order[end]!] === score[order[start]!]) end++;
    const midRank = (start + 1 + end) / 2; // ranks start+1 .. end
    for (let k = start; k < end; k++) {
      if (yTrue[order[k]!] === 1) {
        nPos++;
        rankSumPos += midRank;
      }
    }
    start = end;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Mean negative log-likelihood of 0/1 outcomes under predicted probabilities (natural log), probabilities clipped
 * to [eps, 1 − eps] so a confident miss costs −log(eps) instead of ∞.
 */
export function logLoss(yTrue: ArrayLike<number>, probability: ArrayLike<number>, eps = 1e-15): number {
  const n = checkLengths(yTrue, probability, 'logLoss');
  checkBinary(yTrue, 'logLoss');
  if (n === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(probability[i]!, eps), 1 - eps);
    s -= yTrue[i] === 1 ? Math.log(p) : Math.log1p(-p);
  }
  return s / n;
}

export type RegressionMetric = 'mae' | 'rmse';

/** The selection metric by name (lower is better for both). */
export function regressionScore(
  metric: RegressionMetric,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): number {
  return metric === 'mae' ? mae(yTrue, yPred) : rmse(yTrue, yPred);
}
