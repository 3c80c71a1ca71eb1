/** The boosting objectives as gradient/hessian kernels, so the tree grower never needs to know which loss it is fitting. */

/**
 * Glossary:
 * - raw score F: what the trees add up to. Regression: a prediction in units of y. Binary: log-odds of y = 1.
 *   Softmax: one score per class (column-major n×K: F[k·n + i]), class probabilities = softmax over k.
 * - gradient g = ∂loss/∂F and hessian h = ∂²loss/∂F² per row, which the grower turns into leaf weights
 *   −g_sum/(h_sum + λ). A constant hessian (`constHess` > 0) lets the histogram kernel skip one sum.
 * - base score: the starting raw score before any tree (mean, median, log-odds or log class priors).
 */

export type LossName = 'squared-error' | 'absolute-error' | 'huber' | 'log-loss' | 'softmax';

export interface Loss {
  readonly name: LossName;
  /** Trees per round: K for softmax, else 1. */
  readonly outputs: number;
  /** > 0 when every hessian equals this constant. */
  readonly constHess: number;
  /** Leaf values re-fitted to the median residual after growth (absolute error, as LightGBM and XGBoost do). */
  readonly refitMedian: boolean;
  /** Checks y (length n) for this loss; throws a RangeError naming the first bad row. */
  checkTarget(y: Float64Array, n: number): void;
  /** Starting raw score(s), length `outputs`. Pure. */
  baseScore(y: Float64Array, n: number): Float64Array;
  /**
   * Writes g and h for every row (length n·outputs, class-major like F) from the raw scores F; a loss with a
   * constant hessian (`constHess` > 0) writes only g (nothing reads its h). Mutates `grad` and `hess` only.
   */
  gradients(y: Float64Array, f: Float64Array, n: number, grad: Float64Array, hess: Float64Array): void;
  /** Mean loss over n rows at raw scores F (squared error: ½(F − y)², so that `gradients` is its derivative; used for early stopping). Pure. */
  evaluate(y: Float64Array, f: Float64Array, n: number): number;
}

/** Smallest hessian passed on, so a saturated logistic row never makes a leaf weight infinite. */
const MIN_HESS = 1e-16;

function checkFinite(y: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i]!)) throw new RangeError(`y[${i}] is ${y[i]}; the target must be finite`);
  }
}

/** Median of the first m values of `a` (mutates `a`: sorts that prefix). NaN for m = 0. */
export function medianInPlace(a: Float64Array, m: number): number {
  if (m === 0) return Number.NaN;
  const s = a.subarray(0, m).sort();
  const h = m >>> 1;
  return m % 2 === 1 ? s[h]! : s[h - 1]! / 2 + s[h]! / 2;
}

function mean(y: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += y[i]!;
  return s / n;
}

const squaredError: Loss = {
  name: 'squared-error',
  outputs: 1,
  constHess: 1,
  refitMedian: false,
  checkTarget: checkFinite,
  baseScore: (y, n) => Float64Array.of(mean(y, n)),
  gradients(y, f, n, grad) {
    for (let i = 0; i < n; i++) {
      grad[i] = f[i]! - y[i]!;
    }
  },
  evaluate(y, f, n) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (f[i]! - y[i]!) ** 2;
    return (0.5 * s) / n; // ½(F − y)², whose gradient is F − y
  },
};

const absoluteError: Loss = {
  name: 'absolute-error',
  outputs: 1,
  constHess: 1,
  refitMedian: true,
  checkTarget: checkFinite,
  baseScore: (y, n) => Float64Array.of(medianInPlace(Float64Array.from(y.subarray(0, n)), n)),
  gradients(y, f, n, grad) {
    for (let i = 0; i < n; i++) {
      const r = f[i]! - y[i]!;
      grad[i] = r > 0 ? 1 : r < 0 ? -1 : 0;
    }
  },
  evaluate(y, f, n) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(f[i]! - y[i]!);
    return s / n;
  },
};

/** Huber loss with threshold δ (units of y): ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond; hessian taken as 1 (LightGBM's choice). */
export function huberLoss(delta: number): Loss {
  if (!(delta > 0 && Number.isFinite(delta))) throw new RangeError(`huberDelta must be > 0, got ${delta}`);
  return {
    name: 'huber',
    outputs: 1,
    constHess: 1,
    refitMedian: false,
    checkTarget: checkFinite,
    baseScore: (y, n) => Float64Array.of(medianInPlace(Float64Array.from(y.subarray(0, n)), n)),
    gradients(y, f, n, grad) {
      for (let i = 0; i < n; i++) {
        const r = f[i]! - y[i]!;
        grad[i] = r > delta ? delta : r < -delta ? -delta : r;
      }
    },
    evaluate(y, f, n) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const a = Math.abs(f[i]! - y[i]!);
        s += a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
      }
      return s / n;
    },
  };
}

export const sigmoid = (z: number): number =>
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));

/** log(1 + e^z) without overflow. */
const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

const logLoss: Loss = {
  name: 'log-loss',
  outputs: 1,
  constHess: 0,
  refitMedian: false,
  checkTarget(y, n) {
    let ones = 0;
    for (let i = 0; i < n; i++) {
      if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`y[${i}] is ${y[i]}; log-loss needs labels 0 or 1`);
      ones += y[i]!;
    }
    if (ones === 0 || ones === n)
      throw new RangeError(`log-loss needs both classes, but every label is ${ones === 0 ? 0 : 1}`);
  },
  baseScore(y, n) {
    const q = mean(y, n);
    return Float64Array.of(Math.log(q / (1 - q)));
  },
  gradients(y, f, n, grad, hess) {
    for (let i = 0; i < n; i++) {
      const q = sigmoid(f[i]!);
      grad[i] = q - y[i]!;
      hess[i] = Math.max(q * (1 - q), MIN_HESS);
    }
  },
  evaluate(y, f, n) {
    let s = 0;
    for (let i = 0; i < n; i++) s += softplus(f[i]!) - y[i]! * f[i]!; // −log P(y | F)
    return s / n;
  },
};

/**
 * Multiclass softmax over K classes, labels 0..K−1 (every class must occur). The hessian is the diagonal
 * K/(K−1)·p(1−p), LightGBM's scaling, which keeps Newton steps from overshooting the coupled classes.
 */
export function softmaxLoss(nClasses: number): Loss {
  const K = nClasses;
  const factor = K / (K - 1);
  return {
    name: 'softmax',
    outputs: K,
    constHess: 0,
    refitMedian: false,
    checkTarget(y, n) {
      const seen = new Uint8Array(K);
      for (let i = 0; i < n; i++) {
        const v = y[i]!;
        if (!Number.isInteger(v) || v < 0 || v >= K)
          throw new RangeError(`y[${i}] is ${v}; softmax needs integer class labels 0..${K - 1}`);
        seen[v] = 1;
      }
      const missing = seen.indexOf(0);
      if (missing >= 0) throw new RangeError(`softmax: class ${missing} of 0..${K - 1} never occurs in y`);
    },
    baseScore(y, n) {
      const counts = new Float64Array(K);
      for (let i = 0; i < n; i++) counts[y[i]!]! += 1;
      let meanLog = 0;
      for (let k = 0; k < K; k++) meanLog += Math.log(counts[k]! / n) / K;
      return counts.map((c) => Math.log(c / n) - meanLog);
    },
    gradients(y, f, n, grad, hess) {
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, f[k * n + i]!);
        let sum = 0;
        for (let k = 0; k < K; k++) {
          const e = Math.exp(f[k * n + i]! - max);
          grad[k * n + i] = e;
          sum += e;
        }
        for (let k = 0; k < K; k++) {
          const q = grad[k * n + i]! / sum;
          grad[k * n + i] = q - (y[i] === k ? 1 : 0);
          hess[k * n + i] = Math.max(factor * q * (1 - q), MIN_HESS);
        }
      }
    },
    evaluate(y, f, n) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, f[k * n + i]!);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += Math.exp(f[k * n + i]! - max);
        s += max + Math.log(sum) - f[y[i]! * n + i]!;
      }
      return s / n;
    },
  };
}

/** The loss by name (huberDelta for 'huber', nClasses for 'softmax'). */
export function lossByName(name: LossName, huberDelta: number, nClasses: number): Loss {
  switch (name) {
    case 'squared-error':
      return squaredError;
    case 'absolute-error':
      return absoluteError;
    case 'huber':
      return huberLoss(huberDelta);
    case 'log-loss':
      return logLoss;
    case 'softmax':
      if (!(Number.isInteger(nClasses) && nClasses >= 2))
        throw new RangeError(`softmax needs at least 2 classes, got ${nClasses}`);
      return softmaxLoss(nClasses);
    default:
      throw new RangeError(`unknown loss '${String(name)}'`);
  }
}
