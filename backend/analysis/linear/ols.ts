/** Ordinary least squares with the inference process engineers read off a regression table. */
import type { CoefficientRow } from '../../../src-shared/api/results.js';
import { fSf } from '../stats/f-distribution.js';
import { studentTQuantile, studentTTwoSidedP } from '../stats/student-t.js';
import { DotAccumulator } from './compensated.js';
import { invertR } from './householder-qr.js';
import { solveLeastSquares } from './least-squares.js';

export const INTERCEPT_TERM = '(Intercept)';

/** The part of AbortSignal the engine uses; a DOM/Node AbortSignal satisfies it (the engine has no DOM types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  throwIfAborted(): void;
}

export interface OlsInput {
  n: number;
  p: number;
  /** Column-major n×p design matrix, including the intercept column of ones if any. Not mutated. */
  x: Float64Array;
  /** Response, length n. Not mutated. */
  y: Float64Array;
  /** p names; the intercept's term is '(Intercept)'. */
  terms: string[];
  /** True when one column is the intercept: R² and F are centred; otherwise uncentred (as NIST does for NoInt1/2). */
  hasIntercept: boolean;
}

export interface OlsContext {
  signal?: AbortSignalLike;
  /** Called with a fraction in [0, 1] and a stage name at a few checkpoints. */
  onProgress?: (fraction: number, stage: string) => void;
}

export interface OlsResult {
  /** In the order of `terms`; aliased terms have all-null numbers. Estimates in units of y per unit of the term. */
  coefficients: CoefficientRow[];
  rank: number;
  aliasedTerms: string[];
  dfModel: number;
  dfResidual: number;
  /** Residual sum of squares, units of y². 0 for an exact fit. */
  sse: number;
  r2: number | null;
  adjR2: number | null;
  /** sqrt(SSE / n), in-sample, units of y. */
  rmse: number;
  /** Mean absolute residual, in-sample, units of y. */
  mae: number;
  /** sqrt(SSE / dfResidual): NIST's "residual standard deviation"; null when dfResidual = 0. */
  residualStdError: number | null;
  /** Null when undefined: dfModel = 0, dfResidual = 0, or an exact fit (F infinite). */
  fStatistic: number | null;
  fPValue: number | null;
  fitted: Float64Array;
  residuals: Float64Array;
}

const EPS = 2 ** -52;

/** Replaces NaN and ±∞ by null, so results stay JSON-safe. */
function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function validate(input: OlsInput): number {
  const { n, p, x, y, terms } = input;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`fitOls: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`fitOls: p must be a positive integer, got ${p}`);
  if (x.length !== n * p) throw new RangeError(`fitOls: x has ${x.length} values, expected n·p = ${n * p}`);
  if (y.length !== n) throw new RangeError(`fitOls: y has ${y.length} values, expected n = ${n}`);
  if (terms.length !== p) throw new RangeError(`fitOls: ${terms.length} terms for ${p} columns`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) throw new RangeError(`fitOls: x[${i}] is not finite`);
  }
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(y[i]!)) throw new RangeError(`fitOls: y[${i}] is not finite`);
  if (!input.hasIntercept) return -1;
  let j = terms.indexOf(INTERCEPT_TERM);
  if (j < 0) {
    for (let c = 0; c < p && j < 0; c++) {
      let ones = true;
      for (let i = 0; i < n && ones; i++) ones = x[i + c * n] === 1;
      if (ones) j = c;
    }
  }
  if (j < 0)
    throw new RangeError(`fitOls: hasIntercept is set but no column is '${INTERCEPT_TERM}' or all ones`);
  for (let i = 0; i < n; i++) {
    if (x[i + j * n] !== 1) throw new RangeError(`fitOls: intercept column '${terms[j]}' is not all ones`);
  }
  return j;
}

function checkpoint(ctx: OlsContext | undefined, fraction: number, stage: string): void {
  ctx?.signal?.throwIfAborted();
  ctx?.onProgress?.(fraction, stage);
}

/**
 * Fits y = X·b + e by least squares: Householder QR with column pivoting on power-of-two-scaled columns,
 * the intercept (if any) factored first, then Björck refinement with compensated residuals (see
 * solveLeastSquares). Never forms XᵀX.
 *
 * Inference: σ² = SSE/dfResidual; Cov(b) = σ²·(RᵀR)⁻¹ from the rows of R⁻¹; t = b/SE with dfResidual
 * degrees of freedom, two-sided p; CI = b ± t_{0.975, df}·SE. R² and F are centred when hasIntercept,
 * uncentred (total SS = Σy²) otherwise.
 *
 * Special cases (numbers that do not exist are null, never NaN or ∞):
 * - Rank deficiency: terms whose columns are numerically combinations of others (relative tolerance
 *   max(n, p)·eps on unit-norm columns) are reported in `aliasedTerms` with all-null rows; the rest is fitted
 *   on the remaining columns and df counts only those.
 * - Exact fit: when every residual is within rounding of the fitted value (|e_i| ≤ 8·p·eps·(|y_i| + Σ_j |x_ij·b_j|)),
 *   the residuals are set to exactly 0 and fitted = y. Then SSE = 0, SE = 0, CI = [b, b], t, p, F and its p
 *   are null, R² = 1. (NIST certifies SE 0 and F = ∞ for Wampler1/2.)
 * - dfResidual = 0: SE, t, p, CI, residualStdError, adjR2 and F are null.
 *
 * Throws RangeError on inconsistent shapes or non-finite inputs, and the signal's reason when aborted.
 */
export function fitOls(input: OlsInput, ctx?: OlsContext): OlsResult {
  checkpoint(ctx, 0, 'validate');
  const interceptColumn = validate(input);
  const { n, p, x, y, terms, hasIntercept } = input;

  checkpoint(ctx, 0.1, 'factorise');
  const ls = solveLeastSquares(x, y, n, p, interceptColumn >= 0 ? { leadingColumn: interceptColumn } : {});
  const { coefficients: b, rank, qr, scale } = ls;
  const pivot = qr.pivot;

  checkpoint(ctx, 0.6, 'residuals');
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  const fit = new DotAccumulator();
  const res = new DotAccumulator();
  let exact = true;
  for (let i = 0; i < n; i++) {
    fit.reset();
    res.reset(y[i]!);
    let magnitude = Math.abs(y[i]!);
    for (let k = 0; k < rank; k++) {
      const j = pivot[k]!;
      const v = x[i + j * n]!;
      fit.addProduct(v, b[j]!);
      res.addProduct(-v, b[j]!);
      magnitude += Math.abs(v * b[j]!);
    }
    fitted[i] = fit.value();
    residuals[i] = res.value();
    if (Math.abs(residuals[i]!) > 8 * Math.max(p, 1) * EPS * magnitude) exact = false;
  }
  if (exact) {
    residuals.fill(0);
    fitted.set(y);
  }
  let sse = 0;
  let sumAbs = 0;
  for (let i = 0; i < n; i++) {
    sse += residuals[i]! * residuals[i]!;
    sumAbs += Math.abs(residuals[i]!);
  }

  // Sums of squares about the mean (centred) or about zero (uncentred), each by a corrected two-pass sum.
  let yMean = 0;
  if (hasIntercept) {
    for (let i = 0; i < n; i++) yMean += y[i]!;
    yMean /= n;
    let drift = 0;
    for (let i = 0; i < n; i++) drift += y[i]! - yMean;
    yMean += drift / n;
  }
  let sst = 0;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    sst += (y[i]! - yMean) ** 2;
    ssr += (fitted[i]! - yMean) ** 2;
  }

  checkpoint(ctx, 0.8, 'inference');
  const dfModel = hasIntercept ? rank - 1 : rank;
  const dfResidual = n - rank;
  const sigma2 = dfResidual > 0 ? sse / dfResidual : Number.NaN;
  const tCrit = dfResidual > 0 ? studentTQuantile(0.975, dfResidual) : Number.NaN;

  // Var(c_k) = σ²·‖row k of R⁻¹‖² in the scaled, pivoted coordinates; b_j = scale_j·c_k.
  const rInv = invertR(qr);
  const rows: CoefficientRow[] = terms.map((term) => ({
    term,
    estimate: null,
    std_error: null,
    t: null,
    p: null,
    ci_low: null,
    ci_high: null,
  }));
  for (let k = 0; k < rank; k++) {
    let rowNorm2 = 0;
    for (let c = k; c < rank; c++) rowNorm2 += rInv[k + c * rank]! ** 2;
    const j = pivot[k]!;
    const estimate = b[j]!;
    const se = dfResidual > 0 ? Math.sqrt(sigma2 * rowNorm2) * scale[j]! : Number.NaN;
    const t = se > 0 ? estimate / se : Number.NaN;
    const row = rows[j]!;
    row.estimate = estimate;
    row.std_error = finiteOrNull(se);
    row.t = finiteOrNull(t);
    row.p = Number.isFinite(t) ? finiteOrNull(studentTTwoSidedP(t, dfResidual)) : null;
    row.ci_low = finiteOrNull(estimate - tCrit * se);
    row.ci_high = finiteOrNull(estimate + tCrit * se);
  }

  let r2: number | null = null;
  if (sst > 0) r2 = exact ? 1 : sse <= ssr ? 1 - sse / sst : ssr / sst;
  let adjR2: number | null = null;
  if (r2 !== null && dfResidual > 0) adjR2 = 1 - ((1 - r2) * (hasIntercept ? n - 1 : n)) / dfResidual;
  let fStatistic: number | null = null;
  let fPValue: number | null = null;
  if (dfModel > 0 && dfResidual > 0 && sse > 0) {
    fStatistic = finiteOrNull(ssr / dfModel / (sse / dfResidual));
    if (fStatistic !== null) fPValue = finiteOrNull(fSf(fStatistic, dfModel, dfResidual));
  }

  const result: OlsResult = {
    coefficients: rows,
    rank,
    aliasedTerms: ls.aliased.map((j) => terms[j]!),
    dfModel,
    dfResidual,
    sse,
    r2,
    adjR2,
    rmse: Math.sqrt(sse / n),
    mae: sumAbs / n,
    residualStdError: dfResidual > 0 ? Math.sqrt(sigma2) : null,
    fStatistic,
    fPValue,
    fitted,
    residuals,
  };
  checkpoint(ctx, 1, 'done');
  return result;
}
