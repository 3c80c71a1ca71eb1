/**
 * Platt scaling: a two-parameter logistic map from a classifier's score to a probability, the "sigmoid"
 * calibration of scikit-learn's CalibratedClassifierCV, for models whose scores are well ranked but badly scaled.
 *
 * Model (Platt 2000, scikit-learn's `_sigmoid_calibration`): P(y = 1 | s) = 1 / (1 + exp(a·s + b)), with a, b
 * minimising the log loss against Platt's smoothed targets t₊ = (N₊ + 1)/(N₊ + 2) for positives and
 * t₋ = 1/(N₋ + 2) for negatives (a Bayesian prior that keeps separable data from driving a to −∞).
 * scikit-learn stops BFGS at a gradient norm of 1e-5; we run Newton's method with backtracking to machine
 * precision, so the two agree to about 1e-8 in (a, b) and closer in the probabilities.
 */

export interface PlattCalibrator {
  readonly method: 'sigmoid';
  /** Slope a (negative when higher scores mean "positive") and intercept b, units 1/score and 1. */
  readonly a: number;
  readonly b: number;
  /** P(y = 1) for each score (new array; `scores` not mutated). */
  predict(scores: ArrayLike<number>): Float64Array;
  toJSON(): { method: 'sigmoid'; a: number; b: number };
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** 1 / (1 + e^z) without overflow. */
function logisticOfNeg(z: number): number {
  if (z >= 0) {
    const e = Math.exp(-z);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(z));
}

/** A calibrator from known (a, b), e.g. restored from JSON. */
export function plattCalibrator(a: number, b: number): PlattCalibrator {
  return {
    method: 'sigmoid',
    a,
    b,
    predict(scores) {
      return Float64Array.from(scores, (s) => logisticOfNeg(a * s + b));
    },
    toJSON: () => ({ method: 'sigmoid', a, b }),
  };
}

/**
 * Fits Platt scaling on scores s (any real units) and 0/1 labels y (same length, not mutated; labels > 0 count as
 * positive, as scikit-learn). Throws a RangeError on a length mismatch, empty input or a non-finite score.
 */
export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>): PlattCalibrator {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError(`fitPlatt: ${n} scores but ${labels.length} labels`);
  if (n === 0) throw new RangeError('fitPlatt: no data');
  let nPos = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i]!)) throw new RangeError(`fitPlatt: score ${i} is ${scores[i]}`);
    if (labels[i]! > 0) nPos++;
  }
  const nNeg = n - nPos;
  const tPos = (nPos + 1) / (nPos + 2);
  const tNeg = 1 / (nNeg + 2);
  const target = (i: number) => (labels[i]! > 0 ? tPos : tNeg);
  const loss = (a: number, b: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const z = a * scores[i]! + b;
      const t = target(i);
      s += t * softplus(z) + (1 - t) * softplus(-z);
    }
    return s;
  };
  let a = 0;
  let b = Math.log((nNeg + 1) / (nPos + 1)); // scikit-learn's starting point
  let f = loss(a, b);
  for (let iter = 0; iter < 200; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const s = scores[i]!;
      const p = logisticOfNeg(a * s + b);
      const r = target(i) - p; // ∂loss/∂z
      ga += r * s;
      gb += r;
      const w = p * (1 - p);
      haa += w * s * s;
      hab += w * s;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    let da: number;
    let db: number;
    if (det > 1e-300 * Math.max(1, haa * hbb)) {
      da = (hbb * ga - hab * gb) / det;
      db = (haa * gb - hab * ga) / det;
    } else {
      da = ga; // degenerate Hessian (all scores equal): gradient step
      db = gb;
    }
    let step = 1;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      const fa = loss(a - step * da, b - step * db);
      if (fa <= f) {
        a -= step * da;
        b -= step * db;
        f = fa;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (
      !accepted ||
      (Math.abs(step * da) <= 1e-15 * Math.max(1, Math.abs(a)) &&
        Math.abs(step * db) <= 1e-15 * Math.max(1, Math.abs(b)))
    )
      break;
  }
  return plattCalibrator(a, b);
}
