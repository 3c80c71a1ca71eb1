/** How well predicted probabilities match observed frequencies: the scores the calibration chooser ranks by, and the reliability-diagram data. */

function check(y: ArrayLike<number>, p: ArrayLike<number>, where: string): number {
  if (y.length !== p.length)
    throw new RangeError(`${where}: ${y.length} labels but ${p.length} probabilities`);
  for (let i = 0; i < p.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`${where}: label ${i} is ${y[i]}, not 0 or 1`);
    if (!(p[i]! >= 0 && p[i]! <= 1))
      throw new RangeError(`${where}: probability ${i} is ${p[i]}, outside [0, 1]`);
  }
  return y.length;
}

/** Mean squared difference between P(y = 1) and the 0/1 label (scikit-learn's brier_score_loss). NaN when empty. */
export function brierScore(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const n = check(y, p, 'brierScore');
  if (n === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += (y[i]! - p[i]!) ** 2;
  return s / n;
}

export interface CalibrationCurve {
  /** Non-empty bins only, in increasing order: observed share of positives (scikit-learn's prob_true). */
  probTrue: Float64Array;
  /** Mean predicted probability in each non-empty bin (prob_pred). */
  probPred: Float64Array;
  /** Rows in each non-empty bin. */
  counts: Float64Array;
  /** Index of each non-empty bin among the nBins. */
  bins: Int32Array;
}

/**
 * Reliability-diagram data with nBins equal-width bins on [0, 1] (scikit-learn 1.2 calibration_curve,
 * strategy 'uniform'): bin edges k/nBins; a probability on an interior edge belongs to the LOWER bin
 * (numpy.searchsorted(edges[1:-1], p), side 'left'), so bin 0 is [0, 1/nBins] and bin k is (k/nBins, (k+1)/nBins].
 */
export function calibrationCurve(y: ArrayLike<number>, p: ArrayLike<number>, nBins = 10): CalibrationCurve {
  const n = check(y, p, 'calibrationCurve');
  if (!(Number.isInteger(nBins) && nBins >= 1))
    throw new RangeError(`calibrationCurve: nBins must be an integer ≥ 1`);
  const inner = Float64Array.from({ length: nBins - 1 }, (_, k) => (k + 1) / nBins); // numpy.linspace(0, 1, nBins+1)[1:-1]
  const sumP = new Float64Array(nBins);
  const sumY = new Float64Array(nBins);
  const count = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = inner.length; // first edge ≥ p
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inner[mid]! < p[i]!) lo = mid + 1;
      else hi = mid;
    }
    sumP[lo]! += p[i]!;
    sumY[lo]! += y[i]!;
    count[lo]! += 1;
  }
  const bins: number[] = [];
  for (let k = 0; k < nBins; k++) if (count[k]! > 0) bins.push(k);
  return {
    probTrue: Float64Array.from(bins, (k) => sumY[k]! / count[k]!),
    probPred: Float64Array.from(bins, (k) => sumP[k]! / count[k]!),
    counts: Float64Array.from(bins, (k) => count[k]!),
    bins: Int32Array.from(bins),
  };
}

/**
 * Expected calibration error: Σ_bins (n_b / n)·|observed share − mean prediction| over the bins of
 * calibrationCurve (equal width, nBins = 10 by default, edges to the lower bin). Unitless in [0, 1]; NaN when empty.
 */
export function expectedCalibrationError(y: ArrayLike<number>, p: ArrayLike<number>, nBins = 10): number {
  const n = y.length;
  const c = calibrationCurve(y, p, nBins);
  if (n === 0) return Number.NaN;
  let s = 0;
  for (let k = 0; k < c.bins.length; k++) s += (c.counts[k]! / n) * Math.abs(c.probTrue[k]! - c.probPred[k]!);
  return s;
}
