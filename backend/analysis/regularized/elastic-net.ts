/** Lasso and elastic-net regression by cyclic coordinate descent, reproducing scikit-learn's `ElasticNet`, `Lasso` and `enet_path`. */
import {
  centreColumns,
  checkShape,
  columnMeans,
  interceptFromMeans,
  mean,
  type FitContext,
  type LinearFit,
} from './linear-fit.js';

export interface ElasticNetOptions {
  /**
   * Overall penalty weight α ≥ 0. The objective mixes units (α·‖w‖₁ needs α in y·x, α‖w‖² needs x²), so
   * α is only meaningful for a fixed scaling of the columns: standardise x when they carry different units.
   */
  alpha: number;
  /** Share of the L1 part, in [0, 1]; 1 is the Lasso, 0 ridge (scaled as below). */
  l1Ratio: number;
  /** Fit an unpenalised intercept by centring x and y first (scikit-learn's default). */
  fitIntercept: boolean;
  /** Duality-gap tolerance relative to ‖y_c‖² (scikit-learn's `tol`, default 1e-4). */
  tol?: number;
  /** Maximum number of full sweeps over the coefficients (default 1000). */
  maxIter?: number;
  /** Warm start: initial coefficients (length p, not mutated; default zeros). */
  initialCoefficients?: Float64Array;
}

export interface ElasticNetPathOptions {
  l1Ratio: number;
  /** Penalties to fit; sorted into decreasing order (as scikit-learn does). Default: the grid below. */
  alphas?: Float64Array;
  /** Grid size when `alphas` is omitted (default 100). */
  nAlphas?: number;
  /** Grid spans α_max·eps … α_max on a log scale (default 1e-3). */
  eps?: number;
  fitIntercept: boolean;
  tol?: number;
  maxIter?: number;
}

export interface ElasticNetPath {
  /** Decreasing penalties, one per fit. */
  alphas: Float64Array;
  /** fits[k] minimises the objective at alphas[k], warm-started from fits[k − 1]. */
  fits: LinearFit[];
  /** Duality gap at exit of each fit, for the objective multiplied by n (½‖y − Xw‖² + …), units of y². */
  dualGaps: Float64Array;
}

/** Outcome of one coordinate-descent run on centred data. */
interface CdOutcome {
  nIter: number;
  gap: number;
  converged: boolean;
}

/** Sum of squares of each column of a column-major n×p array. Pure. */
function columnSquares(x: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    const o = j * n;
    for (let i = 0; i < n; i++) s += x[o + i]! * x[o + i]!;
    out[j] = s;
  }
  return out;
}

/** r ← y − X·w (overwrites r). */
function residuals(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  n: number,
  p: number,
  r: Float64Array,
): void {
  r.set(y);
  for (let j = 0; j < p; j++) {
    const wj = w[j]!;
    if (wj === 0) continue;
    const o = j * n;
    for (let i = 0; i < n; i++) r[i]! -= wj * x[o + i]!;
  }
}

/**
 * The duality gap of ½‖y − Xw‖² + l1Reg·‖w‖₁ + l2Reg/2·‖w‖², as scikit-learn's cd_fast computes it:
 * the dual point is the residual r scaled so that ‖Xᵀr − l2Reg·w‖∞ ≤ l1Reg. Reads everything, mutates nothing.
 */
function dualityGap(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  r: Float64Array,
  n: number,
  p: number,
  l1Reg: number,
  l2Reg: number,
): number {
  let dualNorm = 0;
  let l1Norm = 0;
  let wNorm2 = 0;
  for (let j = 0; j < p; j++) {
    const o = j * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += x[o + i]! * r[i]!;
    dualNorm = Math.max(dualNorm, Math.abs(s - l2Reg * w[j]!));
    l1Norm += Math.abs(w[j]!);
    wNorm2 += w[j]! * w[j]!;
  }
  let rNorm2 = 0;
  let ry = 0;
  for (let i = 0; i < n; i++) {
    rNorm2 += r[i]! * r[i]!;
    ry += r[i]! * y[i]!;
  }
  let scale = 1;
  let gap = rNorm2;
  if (dualNorm > l1Reg) {
    scale = l1Reg / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
  }
  return gap + l1Reg * l1Norm - scale * ry + 0.5 * l2Reg * (1 + scale * scale) * wNorm2;
}

/**
 * Cyclic coordinate descent (scikit-learn's `enet_coordinate_descent`, residual updates) for
 * ½‖y − Xw‖² + l1Reg‖w‖₁ + l2Reg/2‖w‖² on already-centred x, y. Mutates `w` (the warm start on entry,
 * the solution on exit) and nothing else. After a sweep in which max|Δw_j| < tol·max|w_j| (or w = 0),
 * the residual is recomputed from scratch (removing drift) and the duality gap is compared with
 * tol·‖y‖²; the run also ends at maxIter sweeps.
 */
function coordinateDescent(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  w: Float64Array,
  l1Reg: number,
  l2Reg: number,
  tol: number,
  maxIter: number,
  context: FitContext,
  progress: (fraction: number) => void,
): CdOutcome {
  const squares = columnSquares(x, n, p);
  const r = new Float64Array(n);
  residuals(x, y, w, n, p, r);
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[i]! * y[i]!;
  const gapTol = tol * yy;
  let gap = Number.POSITIVE_INFINITY;
  let firstGap = Number.NaN;
  for (let iter = 0; iter < maxIter; iter++) {
    context.signal?.throwIfAborted();
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      const sq = squares[j]!;
      if (sq === 0) continue;
      const o = j * n;
      const old = w[j]!;
      let rho = 0;
      for (let i = 0; i < n; i++) rho += x[o + i]! * r[i]!;
      rho += sq * old; // xⱼᵀ(r + xⱼ·wⱼ)
      const shrunk = Math.abs(rho) - l1Reg;
      const next = shrunk > 0 ? (Math.sign(rho) * shrunk) / (sq + l2Reg) : 0;
      const delta = next - old;
      if (delta !== 0) {
        for (let i = 0; i < n; i++) r[i]! -= delta * x[o + i]!;
        w[j] = next;
      }
      dwMax = Math.max(dwMax, Math.abs(delta));
      wMax = Math.max(wMax, Math.abs(next));
    }
    if (wMax === 0 || dwMax / wMax < tol || iter === maxIter - 1) {
      residuals(x, y, w, n, p, r);
      gap = dualityGap(x, y, w, r, n, p, l1Reg, l2Reg);
      if (Number.isNaN(firstGap)) firstGap = gap;
      if (gap <= gapTol) {
        progress(1);
        return { nIter: iter + 1, gap, converged: true };
      }
      // Progress: how far the gap has come from its first check towards the tolerance, in the log.
      if (firstGap > gapTol && gap < firstGap && gapTol > 0) {
        progress(Math.min(1, Math.log(firstGap / gap) / Math.log(firstGap / gapTol)));
      }
    }
  }
  return { nIter: maxIter, gap, converged: false };
}

function checkPenalty(fn: string, alpha: number, l1Ratio: number): void {
  if (!(alpha >= 0) || !Number.isFinite(alpha))
    throw new RangeError(`${fn}: alpha must be finite and ≥ 0, got ${alpha}`);
  if (!(l1Ratio >= 0 && l1Ratio <= 1))
    throw new RangeError(`${fn}: l1Ratio must lie in [0, 1], got ${l1Ratio}`);
}

function checkIterationOptions(fn: string, tol: number, maxIter: number): void {
  if (!(tol >= 0) || !Number.isFinite(tol))
    throw new RangeError(`${fn}: tol must be finite and ≥ 0, got ${tol}`);
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new RangeError(`${fn}: maxIter must be a positive integer, got ${maxIter}`);
}

/** Centred copies of x and y with the means that undo the centring. */
function prepare(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  fitIntercept: boolean,
): { xc: Float64Array; yc: Float64Array; means: Float64Array; yMean: number } {
  const means = columnMeans(x, n, p, fitIntercept);
  const yMean = fitIntercept ? mean(y, 0, n) : 0;
  const xc = centreColumns(x, n, p, means);
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) yc[i] = y[i]! - yMean;
  return { xc, yc, means, yMean };
}

/**
 * Minimises 1/(2n)·‖y − Xw − b‖² + α·l1Ratio·‖w‖₁ + α·(1 − l1Ratio)/2·‖w‖² (scikit-learn
 * `ElasticNet(alpha, l1_ratio, fit_intercept, tol, max_iter)`; `Lasso` is l1Ratio = 1) for a
 * column-major n×p `x` with no intercept column; b = 0 when fitIntercept is false.
 *
 * Method: x and y are centred when the intercept is fitted (b = ȳ − x̄·w afterwards), the objective
 * is multiplied by n, and cyclic coordinate descent with residual updates runs until the duality gap
 * falls to tol·‖y_c‖² (checked, as scikit-learn does, only after a sweep that changed no coefficient by
 * more than tol times the largest). Columns that are constant (after centring) keep coefficient 0.
 * converged is false when maxIter sweeps pass first (scikit-learn warns in that case). Inputs are
 * not mutated.
 */
export function fitElasticNet(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  options: ElasticNetOptions,
  context: FitContext = {},
): LinearFit {
  checkShape('fitElasticNet', x, y, n, p);
  const { alpha, l1Ratio, fitIntercept } = options;
  const tol = options.tol ?? 1e-4;
  const maxIter = options.maxIter ?? 1000;
  checkPenalty('fitElasticNet', alpha, l1Ratio);
  checkIterationOptions('fitElasticNet', tol, maxIter);
  const w = new Float64Array(p);
  if (options.initialCoefficients !== undefined) {
    if (options.initialCoefficients.length !== p) {
      throw new RangeError(
        `fitElasticNet: initialCoefficients has length ${options.initialCoefficients.length}, expected ${p}`,
      );
    }
    w.set(options.initialCoefficients);
  }
  const { xc, yc, means, yMean } = prepare(x, y, n, p, fitIntercept);
  const report = monotone(context.onProgress);
  const outcome = coordinateDescent(
    xc,
    yc,
    n,
    p,
    w,
    alpha * l1Ratio * n,
    alpha * (1 - l1Ratio) * n,
    tol,
    maxIter,
    context,
    report,
  );
  return {
    intercept: fitIntercept ? interceptFromMeans(yMean, means, w) : 0,
    coefficients: w,
    nIter: outcome.nIter,
    converged: outcome.converged,
  };
}

/**
 * scikit-learn's `_alpha_grid`: α_max = max_j |x_jᵀy| / (n·l1Ratio) on the (centred) data — the
 * smallest α at which every coefficient is 0 — and nAlphas values from α_max down to α_max·eps, evenly
 * spaced in log10 (numpy `logspace`, reversed). Pure; x and y are already centred if that is wanted.
 */
export function alphaGrid(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  l1Ratio: number,
  nAlphas: number,
  eps: number,
): Float64Array {
  if (!(l1Ratio > 0 && l1Ratio <= 1)) {
    throw new RangeError(
      `alphaGrid: the automatic grid needs l1Ratio in (0, 1], got ${l1Ratio}; pass alphas instead`,
    );
  }
  if (!Number.isInteger(nAlphas) || nAlphas < 1)
    throw new RangeError(`alphaGrid: nAlphas must be a positive integer, got ${nAlphas}`);
  if (!(eps > 0) || !Number.isFinite(eps))
    throw new RangeError(`alphaGrid: eps must be finite and > 0, got ${eps}`);
  let max = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[j * n + i]! * y[i]!;
    max = Math.max(max, Math.abs(s));
  }
  const alphaMax = max / (n * l1Ratio);
  const out = new Float64Array(nAlphas);
  const resolution = 1e-15; // np.finfo(float).resolution
  if (alphaMax <= resolution) return out.fill(resolution);
  const start = Math.log10(alphaMax * eps);
  const stop = Math.log10(alphaMax);
  if (nAlphas === 1) {
    out[0] = 10 ** start;
    return out;
  }
  const step = (stop - start) / (nAlphas - 1);
  for (let k = 0; k < nAlphas; k++) {
    const exponent = k === nAlphas - 1 ? stop : k * step + start;
    out[nAlphas - 1 - k] = 10 ** exponent;
  }
  return out;
}

/**
 * Fits the elastic net (objective as in fitElasticNet) along a decreasing sequence of α, each fit
 * warm-started from the previous one (scikit-learn `enet_path` / `lasso_path` applied to data centred
 * by hand, with intercepts b_k = ȳ − x̄·w_k when fitIntercept is true). Progress is reported per α.
 * Inputs are not mutated.
 */
export function elasticNetPath(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  options: ElasticNetPathOptions,
  context: FitContext = {},
): ElasticNetPath {
  checkShape('elasticNetPath', x, y, n, p);
  const { l1Ratio, fitIntercept } = options;
  const tol = options.tol ?? 1e-4;
  const maxIter = options.maxIter ?? 1000;
  checkPenalty('elasticNetPath', 0, l1Ratio);
  checkIterationOptions('elasticNetPath', tol, maxIter);
  const { xc, yc, means, yMean } = prepare(x, y, n, p, fitIntercept);
  let alphas: Float64Array;
  if (options.alphas !== undefined) {
    alphas = Float64Array.from(options.alphas).sort().reverse();
    for (const a of alphas) checkPenalty('elasticNetPath', a, l1Ratio);
  } else {
    alphas = alphaGrid(xc, yc, n, p, l1Ratio, options.nAlphas ?? 100, options.eps ?? 1e-3);
  }
  const report = monotone(context.onProgress);
  const w = new Float64Array(p);
  const fits: LinearFit[] = [];
  const dualGaps = new Float64Array(alphas.length);
  alphas.forEach((alpha, k) => {
    const outcome = coordinateDescent(
      xc,
      yc,
      n,
      p,
      w,
      alpha * l1Ratio * n,
      alpha * (1 - l1Ratio) * n,
      tol,
      maxIter,
      context,
      () => undefined,
    );
    const coefficients = Float64Array.from(w);
    fits.push({
      intercept: fitIntercept ? interceptFromMeans(yMean, means, coefficients) : 0,
      coefficients,
      nIter: outcome.nIter,
      converged: outcome.converged,
    });
    dualGaps[k] = outcome.gap;
    report((k + 1) / alphas.length);
  });
  return { alphas, fits, dualGaps };
}

/** Wraps an optional progress callback so that it only ever sees non-decreasing fractions. */
function monotone(callback: ((fraction: number) => void) | undefined): (fraction: number) => void {
  let last = 0;
  return (fraction) => {
    if (callback === undefined || !(fraction >= last)) return;
    last = fraction;
    callback(fraction);
  };
}
