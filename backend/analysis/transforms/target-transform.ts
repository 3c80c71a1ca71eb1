/** Target transforms fitted on training rows only, with exact inverses, so models can fit a skewed response and still report in its original units. */
import { brentMinimize } from './brent.js';

/**
 * Glossary:
 * - shift: a constant added to y before log, log10, sqrt and Box-Cox. Rule: shift = 1 − min(y) when min(y) ≤ 0,
 *   else 0, so the smallest training value maps to 1 (log 0) and all training values are strictly positive.
 *   Yeo-Johnson and 'none' never shift.
 * - λ (lambda): the Box-Cox / Yeo-Johnson exponent, fitted by maximum likelihood exactly as scipy.stats.boxcox
 *   and scipy.stats.yeojohnson do (Brent on the profile log-likelihood, bracket started at (−2, 2)).
 * - Precision: the profile likelihood is flat at its maximum, so in double precision λ is determined only to
 *   about 1e-7 (relative, or absolute near λ = 0): there scipy's λ and ours both sit in the same rounding-noise
 *   plateau of the likelihood (the sums reproduce numpy's pairwise summation; V8's Math.log/pow differ from
 *   glibc's by an ulp here and there, which moves Brent's path within that plateau).
 * - forward: original units → transformed units. inverse: back. inverse(forward(y)) = y to rounding.
 */

export const TRANSFORM_NAMES = ['none', 'log', 'log10', 'sqrt', 'box_cox', 'yeo_johnson'] as const;
export type TransformName = (typeof TRANSFORM_NAMES)[number];

/** Candidates `auto` tries by default. log10 is left out: it is log scaled, so its skewness is log's. */
export const AUTO_TRANSFORM_CANDIDATES: readonly TransformName[] = [
  'none',
  'log',
  'sqrt',
  'box_cox',
  'yeo_johnson',
];

/** 'none' is kept by `chooseTransform` when its |skewness| is within this of the smallest (absolute, unitless). */
export const SKEW_TIE_TOLERANCE = 0.05;

export interface FittedTransform {
  name: TransformName;
  /** Box-Cox / Yeo-Johnson exponent; null for the others. */
  lambda: number | null;
  /** Added to y before log/log10/sqrt/Box-Cox (see the glossary); 0 when not needed and for the others. */
  shift: number;
  /**
   * Original units → transformed units. Returns `out` (a new array when omitted); y is not mutated. Values
   * outside the domain (y + shift ≤ 0 for log/log10/Box-Cox, < 0 for sqrt) give NaN.
   */
  forward(y: Float64Array, out?: Float64Array): Float64Array;
  /**
   * Transformed units → original units; exact inverse of `forward` on its range. Outside the range (a model's
   * prediction can land there) the limit is returned: sqrt clamps z < 0 to 0 (→ −shift); Box-Cox and
   * Yeo-Johnson return the boundary value (−shift, or ±∞ when the boundary is at infinity); log/log10 can
   * overflow to +∞. Returns `out` (a new array when omitted); z is not mutated.
   */
  inverse(z: Float64Array, out?: Float64Array): Float64Array;
}

const EPS = 2 ** -52;
const TINY = 2.2250738585072014e-308;
const BRACKET: readonly [number, number] = [-2.0, 2.0];

/**
 * numpy's float64 `add.reduce` (pairwise summation: plain loop below 8 terms, 8 accumulators up to 128, halves
 * above), reproduced so the log-likelihoods below round exactly as scipy's do. Sums v[offset .. offset + n).
 */
function pairwiseSum(v: Float64Array, offset: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += v[offset + i]!;
    return res;
  }
  if (n <= 128) {
    const r = v.slice(offset, offset + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j]! += v[offset + i + j]!;
    }
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += v[offset + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(v, offset, n2) + pairwiseSum(v, offset + n2, n - n2);
}

/** numpy's `var` (ddof = 0) step for step: pairwise mean, squared deviations, pairwise sum, divide by n. */
function variance(v: Float64Array): number {
  const n = v.length;
  const mean = pairwiseSum(v, 0, n) / n;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = v[i]! - mean;
    d[i] = t * t;
  }
  return pairwiseSum(d, 0, n) / n;
}

/** Sample skewness g1 = m3 / m2^1.5 (biased; scipy.stats.skew's default). NaN for fewer than 2 distinct values. Unitless. */
export function skewness(y: Float64Array): number {
  const n = y.length;
  if (n === 0) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i]! - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  // scipy's test: variance below (resolution · mean)² counts as zero.
  if (m2 <= (1e-15 * mean) ** 2 || m2 === 0) return Number.NaN;
  return m3 / m2 ** 1.5;
}

/** scipy.special.boxcox: log(x) when |λ| < 1e-19, else expm1(λ·log x)/λ. */
function boxCox(x: number, lambda: number): number {
  if (Math.abs(lambda) < 1e-19) return Math.log(x);
  return Math.expm1(lambda * Math.log(x)) / lambda;
}

/** scipy.special.inv_boxcox, with the out-of-range limits described on `FittedTransform.inverse`. */
function inverseBoxCox(z: number, lambda: number): number {
  if (Math.abs(lambda) < 1e-19) return Math.exp(z);
  const t = lambda * z;
  if (t <= -1) return lambda > 0 ? 0 : Number.POSITIVE_INFINITY;
  return Math.exp(Math.log1p(t) / lambda);
}

/** Yeo-Johnson, scipy's branches; powers written as expm1/log1p so small λ (or 2 − λ) keeps its digits. */
function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) {
    if (Math.abs(lambda) < EPS) return Math.log1p(x);
    return Math.expm1(lambda * Math.log1p(x)) / lambda;
  }
  const q = 2 - lambda;
  if (Math.abs(q) <= EPS) return -Math.log1p(-x);
  return -Math.expm1(q * Math.log1p(-x)) / q;
}

/** Inverse of yeoJohnson: z ≥ 0 came from x ≥ 0, z < 0 from x < 0. */
function inverseYeoJohnson(z: number, lambda: number): number {
  if (z >= 0) {
    if (Math.abs(lambda) < EPS) return Math.expm1(z);
    const t = lambda * z;
    if (t <= -1) return Number.POSITIVE_INFINITY; // only λ < 0: z at or past the top of the range
    return Math.expm1(Math.log1p(t) / lambda);
  }
  const q = 2 - lambda;
  if (Math.abs(q) <= EPS) return -Math.expm1(-z);
  const t = -q * z;
  if (t <= -1) return Number.NEGATIVE_INFINITY; // only λ > 2
  return -Math.expm1(Math.log1p(t) / q);
}

/** −(scipy.stats.boxcox_llf): −[(λ − 1)·Σ log x − n/2·log var(x^λ/λ)], var of log x at λ = 0. */
function boxCoxNegLlf(lambda: number, data: Float64Array, sumLog: number, logData: Float64Array): number {
  const n = data.length;
  let v: number;
  if (lambda === 0) {
    v = variance(logData);
  } else {
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) t[i] = data[i]! ** lambda / lambda;
    v = variance(t);
  }
  return -((lambda - 1) * sumLog - (n / 2) * Math.log(v));
}

/** scipy's `_yeojohnson_transform` as written (powers minus one), used inside the likelihood only, so it rounds as scipy's does. */
function yeoJohnsonScipy(x: number, lambda: number): number {
  if (x >= 0) {
    if (Math.abs(lambda) < EPS) return Math.log1p(x);
    return ((x + 1) ** lambda - 1) / lambda;
  }
  if (Math.abs(lambda - 2) > EPS) return -((-x + 1) ** (2 - lambda) - 1) / (2 - lambda);
  return -Math.log1p(-x);
}

/** −(scipy.stats.yeojohnson_llf), with scipy's normmax rule: an infinite likelihood counts as −∞ (so +∞ here). */
function yeoJohnsonNegLlf(lambda: number, data: Float64Array, signedLogSum: number): number {
  const n = data.length;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = yeoJohnsonScipy(data[i]!, lambda);
  const v = variance(t);
  if (v < TINY) return Number.POSITIVE_INFINITY;
  let llf = (-n / 2) * Math.log(v);
  llf += (lambda - 1) * signedLogSum;
  return Number.isFinite(llf) || Number.isNaN(llf) ? -llf : Number.POSITIVE_INFINITY;
}

function checkFinite(y: Float64Array, where: string): void {
  if (y.length === 0) throw new RangeError(`${where}: y is empty`);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]!)) throw new RangeError(`${where}: y[${i}] is not finite`);
  }
}

function checkNotConstant(y: Float64Array, where: string): void {
  for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) return;
  throw new RangeError(`${where}: y is constant, so the maximum-likelihood λ does not exist`);
}

/** scipy.stats.boxcox_llf(λ, x): the Box-Cox profile log-likelihood (x strictly positive, not checked). */
export function boxCoxLogLikelihood(lambda: number, x: Float64Array): number {
  const logData = x.map(Math.log);
  return -boxCoxNegLlf(lambda, x, pairwiseSum(logData, 0, x.length), logData);
}

/** scipy.stats.yeojohnson_llf(λ, x): the Yeo-Johnson profile log-likelihood (+∞ when the transformed variance underflows). */
export function yeoJohnsonLogLikelihood(lambda: number, x: Float64Array): number {
  const n = x.length;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = yeoJohnsonScipy(x[i]!, lambda);
  const v = variance(t);
  if (v < TINY) return Number.POSITIVE_INFINITY;
  return (-n / 2) * Math.log(v) + (lambda - 1) * sumSignedLog(x);
}

function sumSignedLog(x: Float64Array): number {
  const signedLog = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) signedLog[i] = Math.sign(x[i]!) * Math.log(Math.abs(x[i]!) + 1);
  return pairwiseSum(signedLog, 0, x.length);
}

/**
 * Box-Cox λ by maximum likelihood, as scipy.stats.boxcox(x) (boxcox_normmax method 'mle', Brent from the
 * bracket (−2, 2)). x must be strictly positive and not constant (throws RangeError otherwise).
 */
export function boxCoxLambda(x: Float64Array): number {
  checkFinite(x, 'boxCoxLambda');
  checkNotConstant(x, 'boxCoxLambda');
  const n = x.length;
  const logData = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(x[i]! > 0)) throw new RangeError(`boxCoxLambda: x[${i}] = ${x[i]} is not positive`);
    logData[i] = Math.log(x[i]!);
  }
  const sumLog = pairwiseSum(logData, 0, n);
  const { x: lambda } = brentMinimize((l) => boxCoxNegLlf(l, x, sumLog, logData), BRACKET);
  if (!Number.isFinite(lambda)) throw new RangeError('boxCoxLambda: the likelihood has no finite maximum');
  return lambda;
}

/** Yeo-Johnson λ by maximum likelihood, as scipy.stats.yeojohnson(x) (Brent from the bracket (−2, 2)). Throws on constant x. */
export function yeoJohnsonLambda(x: Float64Array): number {
  checkFinite(x, 'yeoJohnsonLambda');
  checkNotConstant(x, 'yeoJohnsonLambda');
  const s = sumSignedLog(x);
  const { x: lambda } = brentMinimize((l) => yeoJohnsonNegLlf(l, x, s), BRACKET);
  if (!Number.isFinite(lambda))
    throw new RangeError('yeoJohnsonLambda: the likelihood has no finite maximum');
  return lambda;
}

function mapInto(v: Float64Array, out: Float64Array | undefined, f: (a: number) => number): Float64Array {
  const r = out ?? new Float64Array(v.length);
  if (r.length !== v.length)
    throw new RangeError(`transform: out has length ${r.length}, expected ${v.length}`);
  for (let i = 0; i < v.length; i++) r[i] = f(v[i]!);
  return r;
}

/**
 * Builds a transform from known parameters (a stored result, or values fitted elsewhere). `lambda` is required
 * for box_cox and yeo_johnson and ignored (reported as null) for the others; `shift` is used by log, log10,
 * sqrt and box_cox only.
 */
export function makeTransform(name: TransformName, lambda: number | null, shift: number): FittedTransform {
  if (!Number.isFinite(shift)) throw new RangeError(`makeTransform: shift must be finite, got ${shift}`);
  const needsLambda = name === 'box_cox' || name === 'yeo_johnson';
  if (needsLambda && (lambda === null || !Number.isFinite(lambda)))
    throw new RangeError(`makeTransform: ${name} needs a finite lambda`);
  const l = needsLambda ? lambda! : null;
  const s = name === 'none' || name === 'yeo_johnson' ? 0 : shift;
  let fwd: (a: number) => number;
  let inv: (a: number) => number;
  switch (name) {
    case 'none':
      fwd = (a) => a;
      inv = (a) => a;
      break;
    case 'log':
      fwd = (a) => (a + s > 0 ? Math.log(a + s) : Number.NaN);
      inv = (a) => Math.exp(a) - s;
      break;
    case 'log10':
      fwd = (a) => (a + s > 0 ? Math.log10(a + s) : Number.NaN);
      inv = (a) => 10 ** a - s;
      break;
    case 'sqrt':
      fwd = (a) => (a + s >= 0 ? Math.sqrt(a + s) : Number.NaN);
      inv = (a) => (a > 0 ? a * a : 0) - s;
      break;
    case 'box_cox': {
      const lam = l!;
      fwd = (a) => (a + s > 0 ? boxCox(a + s, lam) : Number.NaN);
      inv = (a) => inverseBoxCox(a, lam) - s;
      break;
    }
    case 'yeo_johnson': {
      const lam = l!;
      fwd = (a) => yeoJohnson(a, lam);
      inv = (a) => inverseYeoJohnson(a, lam);
      break;
    }
  }
  return {
    name,
    lambda: l,
    shift: s,
    forward: (y, out) => mapInto(y, out, fwd),
    inverse: (z, out) => mapInto(z, out, inv),
  };
}

/** The shift rule of the glossary: 1 − min(y) when min(y) ≤ 0, else 0. */
export function positiveShift(y: Float64Array): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < y.length; i++) if (y[i]! < min) min = y[i]!;
  return min <= 0 ? 1 - min : 0;
}

/**
 * Fits a transform on y (the training rows only; y is not mutated): the shift for log/log10/sqrt/box_cox, and
 * λ by maximum likelihood for box_cox (on y + shift) and yeo_johnson. Throws RangeError on empty or non-finite
 * y, and for box_cox/yeo_johnson on constant y.
 */
export function fitTransform(name: TransformName, y: Float64Array): FittedTransform {
  checkFinite(y, 'fitTransform');
  switch (name) {
    case 'none':
      return makeTransform('none', null, 0);
    case 'log':
    case 'log10':
    case 'sqrt':
      return makeTransform(name, null, positiveShift(y));
    case 'box_cox': {
      const shift = positiveShift(y);
      const shifted = new Float64Array(y.length);
      for (let i = 0; i < y.length; i++) shifted[i] = y[i]! + shift;
      return makeTransform('box_cox', boxCoxLambda(shifted), shift);
    }
    case 'yeo_johnson':
      return makeTransform('yeo_johnson', yeoJohnsonLambda(y), 0);
    default:
      throw new RangeError(`fitTransform: unknown transform '${String(name)}'`);
  }
}

export interface TransformChoice {
  transform: FittedTransform;
  /** Every candidate tried, in the given order, with |skewness| of its transformed y (NaN when it could not be fitted). */
  scores: { name: TransformName; absSkewness: number }[];
}

/**
 * The `auto` rule, computed on the y it is given (pass training rows only): fit each candidate on y, take the
 * absolute sample skewness of the transformed values, and choose the smallest. 'none' (when a candidate) wins
 * whenever its |skewness| is within SKEW_TIE_TOLERANCE of the smallest; other exact ties go to the earlier
 * candidate. Candidates that cannot be fitted (constant y for Box-Cox, say) or whose skewness is undefined are
 * skipped; when none is left, 'none' is returned. y is not mutated.
 */
export function chooseTransform(
  y: Float64Array,
  candidates: readonly TransformName[] = AUTO_TRANSFORM_CANDIDATES,
): TransformChoice {
  checkFinite(y, 'chooseTransform');
  const scores: TransformChoice['scores'] = [];
  const fitted: (FittedTransform | null)[] = [];
  for (const name of candidates) {
    let t: FittedTransform | null = null;
    let s = Number.NaN;
    try {
      t = fitTransform(name, y);
      s = Math.abs(skewness(t.forward(y)));
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
    fitted.push(Number.isNaN(s) ? null : t);
    scores.push({ name, absSkewness: s });
  }
  let best = -1;
  for (let k = 0; k < scores.length; k++) {
    if (fitted[k] === null) continue;
    if (best < 0 || scores[k]!.absSkewness < scores[best]!.absSkewness) best = k;
  }
  if (best < 0) return { transform: makeTransform('none', null, 0), scores };
  const none = scores.findIndex((s) => s.name === 'none');
  if (
    none >= 0 &&
    fitted[none] !== null &&
    scores[none]!.absSkewness <= scores[best]!.absSkewness + SKEW_TIE_TOLERANCE
  ) {
    best = none;
  }
  return { transform: fitted[best]!, scores };
}
