/**
 * Minimum Covariance Determinant location and scatter by FAST-MCD (Rousseeuw & Van Driessen 1999), so the
 * out-of-distribution gate measures distance from the bulk of the training rows, not from a mean and covariance
 * that a few odd rows have already dragged towards themselves.
 *
 * Follows scikit-learn 1.2's MinCovDet (fast_mcd, correct_covariance, reweight_covariance):
 * - h = ⌈(n + p + 1)/2⌉ rows (or ⌊supportFraction·n⌋): the subset whose covariance determinant is smallest.
 * - p = 1: exact — the shortest half (mean of the midpoints of the shortest h-ranges), then the h rows nearest it.
 * - p > 1: 30 random h-subsets (seeded Fisher–Yates), 2 C-steps each; the 10 with the smallest determinant are
 *   iterated to convergence (≤ 30 C-steps) and the best is the raw estimate. A C-step refits location and
 *   (biased, /h) covariance on the h rows with the smallest Mahalanobis distances; it never raises det.
 *   Departure: scikit-learn splits n > 500 rows into subsets of 300 first; we run the same 30 starts on all
 *   rows (simpler, at least as thorough; O(n·p²) per C-step is cheap at our sizes).
 * - Consistency: raw squared distances are divided by median(d²)/χ²_p(0.5), so they are χ²_p-scaled for
 *   Gaussian inliers (the raw covariance is reported corrected by the same factor).
 * - Reweighting: rows with corrected d² < χ²_p upper 2.5 % point form the support of the final location (mean)
 *   and covariance (biased, /m); final d² are under those estimates.
 * Data: x column-major n×p (x[i + j·n]), not mutated. A support whose covariance is singular (e.g. a constant
 * feature, or more than h rows on a hyperplane) throws a RangeError: drop constant or collinear features first.
 */
import { choleskyInto, solveLower, type CholeskyFactor } from '../gaussian-process/cholesky.js';
import { createRng } from '../random/rng.js';
import { chiSquareIsf } from '../stats/chi-square.js';

export interface McdOptions {
  /** Share of rows in the raw support, in (0, 1]; default (n + p + 1)/(2n), the maximal breakdown point. */
  supportFraction?: number;
  /** Seed of the random starting subsets (default 0). */
  seed?: number;
}

export interface McdResult {
  n: number;
  p: number;
  /** Final (reweighted) location, length p, units of x. */
  location: Float64Array;
  /** Final covariance, p×p row-major, units of x². */
  covariance: Float64Array;
  /** Rows used for the final estimates (1) or not (0). */
  support: Uint8Array;
  /** Squared Mahalanobis distance of every row under the final estimates (χ²_p-scaled for Gaussian inliers). */
  distances: Float64Array;
  rawLocation: Float64Array;
  /** Raw MCD covariance of the best h-subset (biased, /h), before the consistency factor. */
  rawCovariance: Float64Array;
  /** median(raw d²)/χ²_p(0.5). */
  consistencyFactor: number;
  rawSupport: Uint8Array;
  /** log det of rawCovariance: the MCD objective. */
  rawLogDet: number;
}

/** Mean and biased covariance of the rows flagged in `rows` (indices). */
function meanCov(
  x: Float64Array,
  n: number,
  p: number,
  rows: ArrayLike<number>,
): { mean: Float64Array; cov: Float64Array } {
  const m = rows.length;
  const mean = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += x[rows[k]! + j * n]!;
    mean[j] = s / m;
  }
  const cov = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += (x[rows[k]! + a * n]! - mean[a]!) * (x[rows[k]! + b * n]! - mean[b]!);
      cov[a * p + b] = cov[b * p + a] = s / m;
    }
  }
  return { mean, cov };
}

interface Estimate {
  mean: Float64Array;
  cov: Float64Array;
  chol: CholeskyFactor | null;
  logDet: number;
}

function estimate(x: Float64Array, n: number, p: number, rows: ArrayLike<number>): Estimate {
  const { mean, cov } = meanCov(x, n, p, rows);
  const l = new Float64Array(p * p);
  if (!choleskyInto(cov, p, 0, l)) return { mean, cov, chol: null, logDet: Number.NEGATIVE_INFINITY };
  let logDet = 0;
  for (let i = 0; i < p; i++) logDet += 2 * Math.log(l[i * p + i]!);
  return { mean, cov, chol: { n: p, l, jitter: 0 }, logDet };
}

/** Squared Mahalanobis distances of all rows from (mean, L Lᵀ). */
export function squaredMahalanobis(
  x: Float64Array,
  n: number,
  p: number,
  mean: Float64Array,
  chol: CholeskyFactor,
): Float64Array {
  const out = new Float64Array(n);
  const z = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) z[j] = x[i + j * n]! - mean[j]!;
    solveLower(chol, z);
    let s = 0;
    for (let j = 0; j < p; j++) s += z[j]! * z[j]!;
    out[i] = s;
  }
  return out;
}

/** Indices of the h smallest values (ties by index, as a stable argsort). */
function smallest(d: Float64Array, h: number): Int32Array {
  const order = Array.from({ length: d.length }, (_, i) => i).sort((a, b) => d[a]! - d[b]! || a - b);
  return Int32Array.from(order.slice(0, h)).sort();
}

const singular = () =>
  new RangeError(
    'robust covariance: the covariance of the core rows is singular; drop constant or collinear features',
  );

/** Up to `steps` C-steps from `start`; stops when det no longer decreases. Returns the best estimate and its rows. */
function cSteps(
  x: Float64Array,
  n: number,
  p: number,
  h: number,
  start: Estimate,
  rows: Int32Array,
  steps: number,
) {
  let best = { est: start, rows };
  for (let s = 0; s < steps && best.est.chol; s++) {
    const nextRows = smallest(squaredMahalanobis(x, n, p, best.est.mean, best.est.chol), h);
    const next = estimate(x, n, p, nextRows);
    if (!(next.logDet < best.est.logDet)) break;
    best = { est: next, rows: nextRows };
  }
  return best;
}

function rawMcd(
  x: Float64Array,
  n: number,
  p: number,
  h: number,
  seed: number,
): { est: Estimate; rows: Int32Array } {
  if (p === 1) {
    const sorted = Float64Array.from(x.subarray(0, n)).sort();
    let minWidth = Number.POSITIVE_INFINITY;
    for (let i = 0; i + h < n; i++) minWidth = Math.min(minWidth, sorted[i + h]! - sorted[i]!);
    let centre: number;
    if (h < n) {
      let s = 0;
      let c = 0;
      for (let i = 0; i + h < n; i++) {
        if (sorted[i + h]! - sorted[i]! === minWidth) {
          s += 0.5 * (sorted[i + h]! + sorted[i]!);
          c++;
        }
      }
      centre = s / c;
    } else centre = sorted.reduce((a, b) => a + b, 0) / n;
    const rows = smallest(
      Float64Array.from(x.subarray(0, n), (v) => Math.abs(v - centre)),
      h,
    );
    const est = estimate(x, n, p, rows);
    // scikit-learn keeps the shortest-half centre as the raw location (not the support mean).
    est.mean[0] = centre;
    return { est, rows };
  }
  const rng = createRng(seed);
  const starts: { est: Estimate; rows: Int32Array }[] = [];
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let t = 0; t < 30; t++) {
    rng.shuffle(perm);
    const rows = Int32Array.from(perm.subarray(0, h)).sort();
    starts.push(cSteps(x, n, p, h, estimate(x, n, p, rows), rows, 2));
  }
  starts.sort((a, b) => a.est.logDet - b.est.logDet);
  let best = starts[0]!;
  for (const s of starts.slice(0, 10)) {
    const refined = cSteps(x, n, p, h, s.est, s.rows, 30);
    if (refined.est.logDet < best.est.logDet) best = refined;
  }
  return best;
}

/** FAST-MCD on the column-major n×p x (see the module comment). Needs n > p and finite values. */
export function fitMinCovDet(x: Float64Array, n: number, p: number, options: McdOptions = {}): McdResult {
  if (!(Number.isInteger(n) && Number.isInteger(p) && p >= 1 && n > p))
    throw new RangeError(`fitMinCovDet: need n > p ≥ 1, got n = ${n}, p = ${p}`);
  if (x.length !== n * p) throw new RangeError(`fitMinCovDet: x has ${x.length} values, expected ${n * p}`);
  for (let i = 0; i < n * p; i++)
    if (!Number.isFinite(x[i]!))
      throw new RangeError(`fitMinCovDet: row ${i % n}, column ${Math.floor(i / n)} is not finite`);
  const h =
    options.supportFraction === undefined
      ? Math.ceil(0.5 * (n + p + 1))
      : Math.floor(options.supportFraction * n);
  if (!(h > p && h <= n))
    throw new RangeError(`fitMinCovDet: support of ${h} rows must exceed p = ${p} and be at most n`);
  const raw = rawMcd(x, n, p, h, options.seed ?? 0);
  if (!raw.est.chol) throw singular();
  const rawD = squaredMahalanobis(x, n, p, raw.est.mean, raw.est.chol);
  const sortedD = Float64Array.from(rawD).sort();
  const median = n % 2 === 1 ? sortedD[(n - 1) / 2]! : 0.5 * (sortedD[n / 2 - 1]! + sortedD[n / 2]!);
  const factor = median / chiSquareIsf(0.5, p);
  const cut = chiSquareIsf(0.025, p);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (rawD[i]! / factor < cut) keep.push(i);
  const final = estimate(x, n, p, keep);
  if (!final.chol || keep.length <= p) throw singular();
  const support = new Uint8Array(n);
  for (const i of keep) support[i] = 1;
  const rawSupport = new Uint8Array(n);
  for (const i of raw.rows) rawSupport[i] = 1;
  return {
    n,
    p,
    location: final.mean,
    covariance: final.cov,
    support,
    distances: squaredMahalanobis(x, n, p, final.mean, final.chol),
    rawLocation: raw.est.mean,
    rawCovariance: raw.est.cov,
    consistencyFactor: factor,
    rawSupport,
    rawLogDet: raw.est.logDet,
  };
}
