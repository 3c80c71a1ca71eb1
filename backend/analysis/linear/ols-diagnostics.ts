/**
 * The checks an engineer runs after an OLS fit (which rows pull the fit, which terms are collinear, which
 * terms matter) computed from our own QR, so they agree with statsmodels and stay JSON-safe.
 */
import type { z } from 'zod';
import type { AnovaRow } from '../../../src-shared/api/linear-result.js';
import { fSf } from '../stats/f-distribution.js';
import { applyQ, applyQt, householderQr, norm2 } from './householder-qr.js';
import { solveLeastSquares } from './least-squares.js';
import { fitOls, INTERCEPT_TERM, type OlsInput, type OlsResult } from './ols.js';

export type AnovaTableRow = z.infer<typeof AnovaRow>;

export interface OlsDiagnosticsOptions {
  /**
   * ANOVA source of each term (length p), e.g. from design-spec's termSource: consecutive terms with the
   * same source are pooled into one row (`材料` with df = levels − 1). Default: each term is its own source.
   */
  sources?: string[];
}

export interface OlsDiagnostics {
  /** Hat-matrix diagonal h_i in [0, 1], dimensionless, per row. */
  leverage: (number | null)[];
  /** Internally studentized residuals e_i / (s·√(1 − h_i)), s² = SSE/dfResidual. */
  studentizedResiduals: (number | null)[];
  /** Externally studentized residuals, s replaced by the residual SD without row i. */
  externallyStudentizedResiduals: (number | null)[];
  /** Cook's distance r_i²·h_i / (rank·(1 − h_i)), r_i internally studentized. */
  cooksDistance: (number | null)[];
  /** Per non-intercept term, in term order: 1/(1 − R²_j) from regressing term j on all the other columns. */
  vif: { term: string; vif: number | null }[];
  /** Per term: b_j·sd(x_j)/sd(y) (sample SDs); null for the intercept and aliased terms. */
  standardizedCoefficients: { term: string; beta: number | null }[];
  /** Sequential (Type I) ANOVA, one row per source in term order (intercept excluded), then `Residual`. */
  anova: AnovaTableRow[];
  /** Gaussian log-likelihood at the MLE of σ², as statsmodels' OLS llf. */
  logLikelihood: number | null;
  /** −2·llf + 2k, k = rank (intercept included), as statsmodels. */
  aic: number | null;
  /** −2·llf + ln(n)·k. */
  bic: number | null;
}

const EPS = 2 ** -52;
/** 1 − h_i at or below this counts as leverage 1: the row is fitted exactly and its residual says nothing. */
const LEVERAGE_ONE = 1e-10;

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** The intercept column as fitOls finds it: the '(Intercept)' term, else the first all-ones column. */
function interceptColumn(input: OlsInput): number {
  if (!input.hasIntercept) return -1;
  const { n, p, x, terms } = input;
  const j = terms.indexOf(INTERCEPT_TERM);
  if (j >= 0) return j;
  for (let c = 0; c < p; c++) {
    let ones = true;
    for (let i = 0; i < n && ones; i++) ones = x[i + c * n] === 1;
    if (ones) return c;
  }
  throw new RangeError(
    `olsDiagnostics: hasIntercept is set but no column is '${INTERCEPT_TERM}' or all ones`,
  );
}

/** Mean by a corrected two-pass sum. */
function mean(v: Float64Array, from = 0, to = v.length): number {
  const m = to - from;
  let s = 0;
  for (let i = from; i < to; i++) s += v[i]!;
  let mu = s / m;
  let drift = 0;
  for (let i = from; i < to; i++) drift += v[i]! - mu;
  mu += drift / m;
  return mu;
}

/** Σ (v_i − c)² over [from, to). */
function sumSquares(v: Float64Array, c: number, from = 0, to = v.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += (v[i]! - c) ** 2;
  return s;
}

/** Hat diagonal from the thin Q of the fit's own factorisation: h_i = Σ_{k<rank} Q_ik². */
function hatDiagonal(input: OlsInput, lead: number, expectedRank: number): Float64Array {
  const { n, p, x, y } = input;
  const ls = solveLeastSquares(x, y, n, p, lead >= 0 ? { leadingColumn: lead } : {});
  if (ls.rank !== expectedRank)
    throw new RangeError(
      `olsDiagnostics: the fit has rank ${expectedRank} but its design has rank ${ls.rank}`,
    );
  const h = new Float64Array(n);
  const e = new Float64Array(n);
  for (let k = 0; k < ls.rank; k++) {
    e.fill(0);
    e[k] = 1;
    applyQ(ls.qr, e);
    for (let i = 0; i < n; i++) h[i]! += e[i]! * e[i]!;
  }
  for (let i = 0; i < n; i++) h[i] = Math.min(1, h[i]!);
  return h;
}

/** VIF of column j: SST_j / SSE_j of the regression of column j on every other column (with our QR). */
function varianceInflation(input: OlsInput, j: number, lead: number): number | null {
  const { n, p, x, terms } = input;
  const col = x.subarray(j * n, (j + 1) * n);
  const sst = lead >= 0 ? sumSquares(col, mean(col)) : sumSquares(col, 0);
  if (!(sst > 0)) return null;
  if (p === 1) return 1;
  const others = new Float64Array(n * (p - 1));
  others.set(x.subarray(0, j * n), 0);
  others.set(x.subarray((j + 1) * n), j * n);
  const fit = fitOls({
    n,
    p: p - 1,
    x: others,
    y: Float64Array.from(col),
    terms: terms.filter((_, k) => k !== j),
    hasIntercept: lead >= 0,
  });
  const colNorm = norm2(col, 0, n);
  const floor = (Math.max(n, p) * EPS * colNorm) ** 2;
  if (!(fit.sse > floor)) return null;
  return finiteOrNull(sst / fit.sse);
}

/** Power of two nearest 1/‖v‖ (lossless column scaling, as least-squares.ts). */
function powerOfTwoScale(norm: number): number {
  if (!(norm > 0) || !Number.isFinite(norm)) return 1;
  return 2 ** -Math.round(Math.log2(norm));
}

/**
 * Type I sums of squares: the kept columns in term order (intercept first) factored without pivoting;
 * SS of column k is (Qᵀy)_k². y is centred first when there is an intercept, which removes the largest
 * component before the reflections and keeps the small sums of squares accurate. A column whose
 * remaining norm falls to the rank tolerance in this order is left out, as R's lm does.
 */
function sequentialSumsOfSquares(
  input: OlsInput,
  lead: number,
  aliased: ReadonlySet<number>,
): Map<number, number> {
  const { n, p, x, y } = input;
  let kept: number[] = [];
  if (lead >= 0) kept.push(lead);
  for (let j = 0; j < p; j++) if (j !== lead && !aliased.has(j)) kept.push(j);
  const ss = new Map<number, number>();
  const yc = Float64Array.from(y);
  if (lead >= 0) {
    const mu = mean(y);
    for (let i = 0; i < n; i++) yc[i]! -= mu;
  }
  for (;;) {
    const m = kept.length;
    if (m === 0) return ss;
    const a = new Float64Array(n * m);
    kept.forEach((j, k) => {
      const col = x.subarray(j * n, (j + 1) * n);
      const s = powerOfTwoScale(norm2(col, 0, n));
      for (let i = 0; i < n; i++) a[k * n + i] = col[i]! * s;
    });
    const qr = householderQr(a, n, m, { leading: kept.map((_, k) => k) });
    if (qr.rank < m) {
      kept = kept.filter((_, k) => k !== qr.rank);
      continue;
    }
    const z = applyQt(qr, Float64Array.from(yc));
    kept.forEach((j, k) => ss.set(j, z[k]! * z[k]!));
    return ss;
  }
}

/**
 * Diagnostics of an OLS fit. `input` must be the OlsInput that produced `fit` (neither is mutated); the
 * factorisation is recomputed from it exactly as fitOls computes it.
 *
 * Cost: one refactorisation for the leverages, one unpivoted QR for the ANOVA and one OLS fit per term for
 * the VIFs, O(n·p³) in all.
 *
 * Special cases (JSON-safe: null, never NaN or ∞):
 * - leverage 1 (1 − h_i ≤ 1e-10): studentized residuals and Cook's distance null for that row;
 * - dfResidual = 0 or an exact fit (SSE = 0): studentized residuals, Cook's distance, F and p null;
 *   log-likelihood, AIC and BIC null when SSE = 0 (the likelihood is unbounded);
 * - external studentization needs dfResidual ≥ 2;
 * - VIF null for aliased terms, for a column that is (numerically) a combination of the others, and for
 *   a constant column when there is an intercept; with no intercept, R² and so VIF are uncentred
 *   (as statsmodels' variance_inflation_factor on a design without a constant);
 * - ANOVA: the intercept's SS is not reported; with no intercept, sums of squares are about zero. A source
 *   whose columns are all aliased has df 0 and null numbers.
 */
export function olsDiagnostics(
  input: OlsInput,
  fit: OlsResult,
  options: OlsDiagnosticsOptions = {},
): OlsDiagnostics {
  const { n, p, x, y, terms } = input;
  if (fit.coefficients.length !== p || fit.residuals.length !== n)
    throw new RangeError('olsDiagnostics: the fit does not match the input shape');
  const sources = options.sources ?? terms;
  if (sources.length !== p) throw new RangeError(`olsDiagnostics: ${sources.length} sources for ${p} terms`);
  const lead = interceptColumn(input);
  const { rank, dfResidual, sse } = fit;
  const residuals = fit.residuals;
  const aliased = new Set<number>();
  fit.coefficients.forEach((row, j) => {
    if (row.estimate === null) aliased.add(j);
  });

  // Row diagnostics.
  const h = hatDiagonal(input, lead, rank);
  const leverage: (number | null)[] = Array.from(h, (v) => v);
  const studentizedResiduals: (number | null)[] = new Array<number | null>(n).fill(null);
  const externallyStudentizedResiduals: (number | null)[] = new Array<number | null>(n).fill(null);
  const cooksDistance: (number | null)[] = new Array<number | null>(n).fill(null);
  if (dfResidual > 0 && sse > 0) {
    const s2 = sse / dfResidual;
    for (let i = 0; i < n; i++) {
      const oneMinusH = 1 - h[i]!;
      if (!(oneMinusH > LEVERAGE_ONE)) continue;
      const e = residuals[i]!;
      const r = e / Math.sqrt(s2 * oneMinusH);
      studentizedResiduals[i] = finiteOrNull(r);
      cooksDistance[i] = finiteOrNull((r * r * h[i]!) / (rank * oneMinusH));
      if (dfResidual > 1) {
        const s2i = (sse - (e * e) / oneMinusH) / (dfResidual - 1);
        if (s2i > (8 * n * EPS * sse) / (dfResidual - 1))
          externallyStudentizedResiduals[i] = finiteOrNull(e / Math.sqrt(s2i * oneMinusH));
      }
    }
  }

  // Collinearity and standardized effects.
  const vif: { term: string; vif: number | null }[] = [];
  for (let j = 0; j < p; j++) {
    if (j === lead) continue;
    vif.push({ term: terms[j]!, vif: aliased.has(j) ? null : varianceInflation(input, j, lead) });
  }
  const sdY = n > 1 ? Math.sqrt(sumSquares(y, mean(y)) / (n - 1)) : 0;
  const standardizedCoefficients = fit.coefficients.map((row, j) => {
    let beta: number | null = null;
    if (j !== lead && row.estimate !== null && sdY > 0) {
      const col = x.subarray(j * n, (j + 1) * n);
      const sdX = Math.sqrt(sumSquares(col, mean(col)) / (n - 1));
      if (sdX > 0) beta = finiteOrNull((row.estimate * sdX) / sdY);
    }
    return { term: terms[j]!, beta };
  });

  // Sequential ANOVA, pooling consecutive terms of one source.
  const ss = sequentialSumsOfSquares(input, lead, aliased);
  const mse = dfResidual > 0 && sse > 0 ? sse / dfResidual : Number.NaN;
  const anova: AnovaTableRow[] = [];
  let current: { source: string; df: number; sum: number } | null = null;
  const flush = (): void => {
    if (current === null) return;
    const { source, df, sum } = current;
    const meanSq = df > 0 ? sum / df : Number.NaN;
    const f = meanSq / mse;
    anova.push({
      source,
      df,
      sum_sq: df > 0 ? finiteOrNull(sum) : null,
      mean_sq: finiteOrNull(meanSq),
      f: finiteOrNull(f),
      p: Number.isFinite(f) ? finiteOrNull(fSf(f, df, dfResidual)) : null,
    });
    current = null;
  };
  for (let j = 0; j < p; j++) {
    if (j === lead) continue;
    const source = sources[j]!;
    if (current === null || current.source !== source) {
      flush();
      current = { source, df: 0, sum: 0 };
    }
    const v = ss.get(j);
    if (v !== undefined) {
      current.df++;
      current.sum += v;
    }
  }
  flush();
  anova.push({
    source: 'Residual',
    df: dfResidual,
    sum_sq: sse,
    mean_sq: dfResidual > 0 ? sse / dfResidual : null,
    f: null,
    p: null,
  });

  // Likelihood and information criteria (statsmodels' OLS definitions).
  const llf = sse > 0 ? (-n / 2) * (Math.log(2 * Math.PI) + Math.log(sse / n) + 1) : Number.NaN;
  return {
    leverage,
    studentizedResiduals,
    externallyStudentizedResiduals,
    cooksDistance,
    vif,
    standardizedCoefficients,
    anova,
    logLikelihood: finiteOrNull(llf),
    aic: finiteOrNull(-2 * llf + 2 * rank),
    bic: finiteOrNull(-2 * llf + Math.log(n) * rank),
  };
}
