/**
 * Isotonic regression by pool-adjacent-violators, written to reproduce scikit-learn's IsotonicRegression step
 * for step (so calibrated probabilities match it), for the "isotonic" probability calibration.
 *
 * fit(x, y, w) as scikit-learn 1.2 (`_build_y`): drop rows with weight 0; sort by x then y; merge runs of x that
 * differ by less than 1e-15 (numpy's float64 resolution) into one point at the run's first x with the weighted
 * mean y and summed weight; PAV (scikit-learn's `_inplace_contiguous_isotonic_regression`, the same pooling
 * order); then drop interior points whose fitted value equals both neighbours'. Decreasing fits run PAV on the
 * reversed sequence.
 * predict(t) with out_of_bounds 'clip': t clipped to [min x, max x], then linear interpolation between
 * thresholds (numpy.interp's formula: slope·(t − x_j) + y_j with x_j ≤ t < x_{j+1}); one threshold → constant.
 */

export interface IsotonicCalibrator {
  readonly method: 'isotonic';
  /** Increasing x knots and fitted values (scikit-learn's X_thresholds_, y_thresholds_). */
  readonly xThresholds: Float64Array;
  readonly yThresholds: Float64Array;
  predict(x: ArrayLike<number>): Float64Array;
  toJSON(): { method: 'isotonic'; xThresholds: number[]; yThresholds: number[] };
}

/** scikit-learn's PAV, in place on y with weights w (both mutated). */
function poolAdjacentViolators(y: Float64Array, w: Float64Array): void {
  const n = y.length;
  const target = Int32Array.from({ length: n }, (_, i) => i);
  let i = 0;
  while (i < n) {
    let k = target[i]! + 1;
    if (k === n) break;
    if (y[i]! < y[k]!) {
      i = k;
      continue;
    }
    let sumWy = w[i]! * y[i]!;
    let sumW = w[i]!;
    for (;;) {
      const prevY = y[k]!;
      sumWy += w[k]! * y[k]!;
      sumW += w[k]!;
      k = target[k]! + 1;
      if (k === n || prevY < y[k]!) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        if (i > 0) i = target[i - 1]!;
        break;
      }
    }
  }
  i = 0;
  while (i < n) {
    const k = target[i]! + 1;
    for (let j = i + 1; j < k; j++) y[j] = y[i]!;
    i = k;
  }
}

/** A calibrator from known thresholds (increasing x), e.g. restored from JSON. */
export function isotonicCalibrator(xThresholds: Float64Array, yThresholds: Float64Array): IsotonicCalibrator {
  const m = xThresholds.length;
  if (m === 0 || yThresholds.length !== m)
    throw new RangeError('isotonicCalibrator: need matching, non-empty thresholds');
  const xMin = xThresholds[0]!;
  const xMax = xThresholds[m - 1]!;
  const at = (t: number): number => {
    if (Number.isNaN(t)) return Number.NaN;
    if (m === 1) return yThresholds[0]!;
    const c = Math.min(Math.max(t, xMin), xMax);
    if (c >= xMax) return yThresholds[m - 1]!;
    let lo = 0;
    let hi = m - 1; // x[lo] ≤ c < x[hi]
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xThresholds[mid]! <= c) lo = mid;
      else hi = mid;
    }
    const slope = (yThresholds[hi]! - yThresholds[lo]!) / (xThresholds[hi]! - xThresholds[lo]!);
    return slope * (c - xThresholds[lo]!) + yThresholds[lo]!;
  };
  return {
    method: 'isotonic',
    xThresholds,
    yThresholds,
    predict: (x) => Float64Array.from(x, at),
    toJSON: () => ({ method: 'isotonic', xThresholds: [...xThresholds], yThresholds: [...yThresholds] }),
  };
}

/**
 * Fits a non-decreasing (or, with increasing = false, non-increasing) step function of x to y with optional
 * non-negative weights (none mutated). For calibration pass scores as x and 0/1 labels as y. Throws a
 * RangeError on mismatched lengths, non-finite values or no row with positive weight.
 */
export function fitIsotonic(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { weights?: ArrayLike<number>; increasing?: boolean } = {},
): IsotonicCalibrator {
  const n = x.length;
  const w0 = options.weights;
  if (y.length !== n || (w0 && w0.length !== n))
    throw new RangeError('fitIsotonic: x, y and weights must have the same length');
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!))
      throw new RangeError(`fitIsotonic: row ${i} is not finite`);
    const wi = w0 ? w0[i]! : 1;
    if (!(wi >= 0)) throw new RangeError(`fitIsotonic: weight ${i} is ${wi}`);
    if (wi > 0) rows.push(i);
  }
  if (rows.length === 0) throw new RangeError('fitIsotonic: no row with positive weight');
  rows.sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!); // numpy.lexsort((y, x))
  // _make_unique: runs closer than float64 resolution become one point.
  const ux: number[] = [];
  const uy: number[] = [];
  const uw: number[] = [];
  let cx = x[rows[0]!]!;
  let sy = 0;
  let sw = 0;
  for (const r of rows) {
    const wr = w0 ? w0[r]! : 1;
    if (x[r]! - cx >= 1e-15) {
      ux.push(cx);
      uw.push(sw);
      uy.push(sy / sw);
      cx = x[r]!;
      sw = wr;
      sy = y[r]! * wr;
    } else {
      sw += wr;
      sy += y[r]! * wr;
    }
  }
  ux.push(cx);
  uw.push(sw);
  uy.push(sy / sw);
  const m = ux.length;
  const increasing = options.increasing ?? true;
  const fy = Float64Array.from(increasing ? uy : uy.slice().reverse());
  const fw = Float64Array.from(increasing ? uw : uw.slice().reverse());
  poolAdjacentViolators(fy, fw);
  if (!increasing) fy.reverse();
  const keep: number[] = [];
  for (let i = 0; i < m; i++)
    if (i === 0 || i === m - 1 || fy[i] !== fy[i - 1] || fy[i] !== fy[i + 1]) keep.push(i);
  return isotonicCalibrator(
    Float64Array.from(keep, (i) => ux[i]!),
    Float64Array.from(keep, (i) => fy[i]!),
  );
}
