/** Least-squares solution refined to near full double accuracy, shared by every linear model in the engine. */
import { DotAccumulator } from './compensated.js';
import { applyQ, applyQt, householderQr, solveR, solveRt, type PivotedQr } from './householder-qr.js';

/** Result of solveLeastSquares. Coefficients are in the units of y per unit of the matching column of x. */
export interface LeastSquaresSolution {
  /** Length p; entries of aliased columns are 0 and listed in `aliased`. */
  coefficients: Float64Array;
  /** Indices of columns left out as linear combinations of the others (ascending). */
  aliased: number[];
  rank: number;
  /** Factorisation of x·diag(1/scale) (kept columns first in `qr.pivot` order), reusable for inference. */
  qr: PivotedQr;
  /** Per-column powers of two that brought every column to a norm in [1/√2, √2); exact, so lossless. */
  scale: Float64Array;
  /** Refinement steps that were applied. */
  refinementSteps: number;
}

export interface LeastSquaresOptions {
  /** Column forced to the first position of the factorisation, e.g. the intercept. */
  leadingColumn?: number;
  /** Relative rank tolerance passed to householderQr (default max(n, p)·eps). */
  relativeTolerance?: number;
  /** Maximum number of refinement steps (default 3). */
  maxRefinementSteps?: number;
}

const EPS = 2 ** -52;

/** The power of two nearest (in the log) to 1/‖column‖, or 1 for a zero column. */
function powerOfTwoScale(norm: number): number {
  if (!(norm > 0) || !Number.isFinite(norm)) return 1;
  return 2 ** -Math.round(Math.log2(norm));
}

/**
 * Minimises ‖y − x·b‖₂ for a column-major n×p `x` (neither input is mutated).
 *
 * 1. Columns are scaled by exact powers of two to about unit norm, which makes the pivoting and the rank
 *    tolerance independent of units, and costs no rounding.
 * 2. Householder QR with column pivoting gives the rank and a first solution c = R⁻¹·(Qᵀy) for the kept
 *    columns (aliased columns get 0).
 * 3. Björck's iterative refinement on the augmented system [I A; Aᵀ 0]·[r; c] = [y; 0]: the residuals
 *    f = y − r − A·c and g = −Aᵀ·r are formed with compensated (twice-working-precision) dot products and
 *    the correction is solved with the same QR. Unlike refining c alone, this converges for problems with
 *    large residuals too, and it stops as soon as a correction fails to shrink.
 */
export function solveLeastSquares(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  options: LeastSquaresOptions = {},
): LeastSquaresSolution {
  const scale = new Float64Array(p);
  const a = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    let s2 = 0;
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(x[i + j * n]!));
    if (m > 0) for (let i = 0; i < n; i++) s2 += (x[i + j * n]! / m) ** 2;
    const s = powerOfTwoScale(m * Math.sqrt(s2));
    scale[j] = s;
    for (let i = 0; i < n; i++) a[i + j * n] = x[i + j * n]! * s;
  }
  const qrOptions: { leading?: number[]; relativeTolerance?: number } = {};
  if (options.leadingColumn !== undefined) qrOptions.leading = [options.leadingColumn];
  if (options.relativeTolerance !== undefined) qrOptions.relativeTolerance = options.relativeTolerance;
  const qr = householderQr(a, n, p, qrOptions);
  const { rank, pivot } = qr;

  // First solution: c = R⁻¹·(Qᵀy)₁, r = Q·[0; (Qᵀy)₂].
  const work = applyQt(qr, Float64Array.from(y));
  const c = solveR(qr, work);
  for (let i = 0; i < rank; i++) work[i] = 0;
  const r = applyQ(qr, work);

  // Refinement on the augmented system.
  const maxSteps = options.maxRefinementSteps ?? 3;
  const acc = new DotAccumulator();
  const f = new Float64Array(n);
  const g = new Float64Array(rank);
  const dc = new Float64Array(rank);
  let previous = Number.POSITIVE_INFINITY;
  let steps = 0;
  for (let step = 0; step < maxSteps && rank > 0; step++) {
    for (let i = 0; i < n; i++) {
      acc.reset(y[i]!);
      acc.add(-r[i]!);
      for (let k = 0; k < rank; k++) acc.addProduct(-a[i + pivot[k]! * n]!, c[k]!);
      f[i] = acc.value();
    }
    for (let k = 0; k < rank; k++) {
      const o = pivot[k]! * n;
      acc.reset();
      for (let i = 0; i < n; i++) acc.addProduct(-a[o + i]!, r[i]!);
      g[k] = acc.value();
    }
    const h = solveRt(qr, g);
    const e = applyQt(qr, f);
    for (let k = 0; k < rank; k++) dc[k] = e[k]! - h[k]!;
    solveR(qr, dc, dc);
    for (let k = 0; k < rank; k++) e[k] = h[k]!;
    const dr = applyQ(qr, e);

    let size = 0;
    let cMax = 0;
    for (let k = 0; k < rank; k++) {
      size = Math.max(size, Math.abs(dc[k]!));
      cMax = Math.max(cMax, Math.abs(c[k]!));
    }
    if (!(size < previous)) break; // not converging: keep the previous iterate
    for (let k = 0; k < rank; k++) c[k]! += dc[k]!;
    for (let i = 0; i < n; i++) r[i]! += dr[i]!;
    steps++;
    previous = size;
    if (size <= EPS * cMax) break;
  }

  const coefficients = new Float64Array(p);
  for (let k = 0; k < rank; k++) coefficients[pivot[k]!] = c[k]! * scale[pivot[k]!]!;
  const aliased: number[] = [];
  for (let k = rank; k < p; k++) aliased.push(pivot[k]!);
  aliased.sort((u, v) => u - v);
  return { coefficients, aliased, rank, qr, scale, refinementSteps: steps };
}
