/** The result shape every regularised linear model in the engine returns, so callers can predict without knowing which penalty produced it. */
import type { AbortSignalLike } from '../linear/ols.js';

/**
 * A fitted linear predictor η = intercept + Σ_j coefficients[j]·x_j.
 *
 * Glossary:
 * - intercept: fitted separately and never penalised (as scikit-learn does); 0 when not fitted.
 * - nIter: outer iterations taken (coordinate-descent sweeps, Newton steps; 1 for a direct solve).
 * - converged: the stopping rule was met before the iteration limit.
 */
export interface LinearFit {
  /** Units of y (for logistic models: log-odds). */
  intercept: number;
  /** Length p; units of y (or log-odds) per unit of the matching column of x. */
  coefficients: Float64Array;
  nIter: number;
  converged: boolean;
}

/** Optional last argument of every fitting function in this folder. */
export interface FitContext {
  /** Checked at least once per outer iteration; abort throws the signal's reason. */
  signal?: AbortSignalLike;
  /** Called with a fraction in [0, 1] (monotone, not necessarily reaching 1 before the result returns). */
  onProgress?: (fraction: number) => void;
}

/**
 * η = intercept + x·coefficients for a column-major n×p `x`, written into `out` (length n, allocated
 * when omitted) and returned. Reads `fit` and `x`, mutates only `out`. Units: those of the fit.
 */
export function predictLinear(
  fit: LinearFit,
  x: Float64Array,
  n: number,
  p: number,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  checkShape('predictLinear', x, undefined, n, p);
  if (fit.coefficients.length !== p) {
    throw new RangeError(
      `predictLinear: fit has ${fit.coefficients.length} coefficients, x has ${p} columns`,
    );
  }
  if (out.length < n) throw new RangeError(`predictLinear: out has length ${out.length} < n = ${n}`);
  out.fill(fit.intercept, 0, n);
  for (let j = 0; j < p; j++) {
    const w = fit.coefficients[j]!;
    if (w === 0) continue;
    const o = j * n;
    for (let i = 0; i < n; i++) out[i]! += w * x[o + i]!;
  }
  return out;
}

/** Throws a RangeError naming `fn` unless x is a finite n×p array and y (when given) a finite length-n array. */
export function checkShape(
  fn: string,
  x: Float64Array,
  y: Float64Array | undefined,
  n: number,
  p: number,
): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${fn}: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`${fn}: p must be a positive integer, got ${p}`);
  if (x.length !== n * p) throw new RangeError(`${fn}: x has ${x.length} values, expected n·p = ${n * p}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) throw new RangeError(`${fn}: x[${i}] is not finite`);
  }
  if (y === undefined) return;
  if (y.length !== n) throw new RangeError(`${fn}: y has ${y.length} values, expected n = ${n}`);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(y[i]!)) throw new RangeError(`${fn}: y[${i}] is not finite`);
}

/** Column means of a column-major n×p array (zeros when `centre` is false). Pure. */
export function columnMeans(x: Float64Array, n: number, p: number, centre: boolean): Float64Array {
  const means = new Float64Array(p);
  if (!centre) return means;
  for (let j = 0; j < p; j++) means[j] = mean(x, j * n, n);
  return means;
}

/** Mean of a[offset..offset+n), with a second pass that removes most of the first pass's rounding. Pure. */
export function mean(a: Float64Array, offset: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[offset + i]!;
  const m = s / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += a[offset + i]! - m;
  return m + c / n;
}

/** A copy of x with column j reduced by means[j]. Pure. */
export function centreColumns(x: Float64Array, n: number, p: number, means: Float64Array): Float64Array {
  const out = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const o = j * n;
    const m = means[j]!;
    for (let i = 0; i < n; i++) out[o + i] = x[o + i]! - m;
  }
  return out;
}

/** Intercept that puts the fit through the means: yMean − Σ_j means[j]·w[j]. Pure. */
export function interceptFromMeans(yMean: number, means: Float64Array, w: Float64Array): number {
  let b = yMean;
  for (let j = 0; j < w.length; j++) b -= means[j]! * w[j]!;
  return b;
}
