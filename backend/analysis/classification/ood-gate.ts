/**
 * The out-of-distribution gate: a row far from the training rows (in robust Mahalanobis distance) gets no
 * P/N verdict but "gray", because a classifier's probabilities mean nothing where it never saw data.
 *
 * - Centre and shape: the reweighted Minimum Covariance Determinant estimate of the training rows
 *   (robust-covariance.ts), so outliers already in the training data do not widen the gate.
 * - Consistency: the reweighted MCD covariance (as scikit-learn returns it) is the covariance of rows already
 *   truncated at d² < χ²_p(0.975), so for Gaussian data it is too small by c = P(χ²_{p+2} ≤ q)/0.975 with
 *   q = χ²_p(0.975) (Croux & Haesbroeck 1999; R robustbase's covMcd applies the same factor). The gate divides
 *   the covariance by c; without it about twice the nominal share of in-distribution rows would be flagged.
 * - Cut-off: d² > χ²_p(quantile) (default quantile 0.99): for Gaussian inliers 1 % of rows are flagged. The
 *   original app used the empirical 99th percentile of d² of a non-robust fit (and subtracted the mean twice);
 *   the χ² quantile does not depend on how many outliers the training rows contained.
 * - Units: distances are in standard deviations along the robust covariance (unitless); features should be on
 *   comparable scales only for interpretability — Mahalanobis distance is scale-invariant.
 * Data: column-major n×p (x[i + j·n]), not mutated.
 */
import { choleskyInto, type CholeskyFactor } from '../gaussian-process/cholesky.js';
import { chiSquareCdf, chiSquareIsf, chiSquareQuantile } from '../stats/chi-square.js';
import { fitMinCovDet, squaredMahalanobis, type McdOptions } from './robust-covariance.js';

export interface OodGateOptions extends McdOptions {
  /** χ² quantile of the cut-off, in (0, 1); default 0.99. */
  quantile?: number;
}

export interface OodGateJson {
  kind: 'ood-gate';
  version: 1;
  p: number;
  location: number[];
  /** p×p row-major. */
  covariance: number[];
  quantile: number;
  thresholdSquared: number;
}

export interface OodGate {
  readonly p: number;
  readonly location: Float64Array;
  readonly covariance: Float64Array;
  readonly quantile: number;
  /** Cut-off on the squared distance, χ²_p(quantile). */
  readonly thresholdSquared: number;
  /** Mahalanobis distance (not squared) of each row of the column-major m×p x. */
  distances(x: Float64Array, m: number): Float64Array;
  /** 1 where the row's squared distance exceeds the cut-off (NaN features count as out of distribution). */
  flags(x: Float64Array, m: number): Uint8Array;
  toJSON(): OodGateJson;
}

/** A gate from stored estimates (e.g. restored from JSON). Throws if the covariance is not positive definite. */
export function oodGateFrom(location: Float64Array, covariance: Float64Array, quantile: number): OodGate {
  const p = location.length;
  if (covariance.length !== p * p) throw new RangeError('oodGateFrom: covariance must be p×p');
  if (!(quantile > 0 && quantile < 1))
    throw new RangeError(`oodGate: quantile must be in (0, 1), got ${quantile}`);
  const l = new Float64Array(p * p);
  if (!choleskyInto(covariance, p, 0, l))
    throw new RangeError('oodGate: covariance is not positive definite');
  const chol: CholeskyFactor = { n: p, l, jitter: 0 };
  const thresholdSquared = chiSquareQuantile(quantile, p);
  const squared = (x: Float64Array, m: number) => {
    if (x.length !== m * p) throw new RangeError(`oodGate: x has ${x.length} values, expected ${m}×${p}`);
    return squaredMahalanobis(x, m, p, location, chol);
  };
  return {
    p,
    location,
    covariance,
    quantile,
    thresholdSquared,
    distances: (x, m) => squared(x, m).map(Math.sqrt),
    flags: (x, m) => Uint8Array.from(squared(x, m), (d) => (d > thresholdSquared || Number.isNaN(d) ? 1 : 0)),
    toJSON: () => ({
      kind: 'ood-gate',
      version: 1,
      p,
      location: [...location],
      covariance: [...covariance],
      quantile,
      thresholdSquared,
    }),
  };
}

/** c = P(χ²_{p+2} ≤ q)/0.975, q = χ²_p(0.975): the shrinkage of a Gaussian covariance truncated at q. */
export function reweightingConsistency(p: number): number {
  return chiSquareCdf(chiSquareIsf(0.025, p), p + 2) / 0.975;
}

/** Fits the gate on the training rows (column-major n×p, n > p). */
export function fitOodGate(x: Float64Array, n: number, p: number, options: OodGateOptions = {}): OodGate {
  const mcd = fitMinCovDet(x, n, p, options);
  const c = reweightingConsistency(p);
  return oodGateFrom(
    mcd.location,
    mcd.covariance.map((v) => v / c),
    options.quantile ?? 0.99,
  );
}
