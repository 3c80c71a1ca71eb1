/** Chi-square tails and quantiles: the cut-off of squared Mahalanobis distances and MCD's consistency factor. */
import { incompleteGammaTails, logGammaDensity } from './incomplete-gamma.js';
import { increasingRoot } from './monotone-root.js';

/** P(X ≤ x) for X ~ χ²(df), df > 0 (NaN for NaN or df ≤ 0; 0 for x ≤ 0). */
export function chiSquareCdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 0;
  return incompleteGammaTails(df / 2, x / 2).lower;
}

/** P(X > x) for X ~ χ²(df), df > 0, computed without the cancellation of 1 − cdf. */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return incompleteGammaTails(df / 2, x / 2).upper;
}

/** Wilson–Hilferty start: df·(1 − 2/(9df) + z·√(2/(9df)))³ with a rough normal quantile z of the lower tail p. */
function wilsonHilferty(p: number, df: number): number {
  const q = Math.min(p, 1 - p);
  const w = Math.sqrt(-2 * Math.log(q));
  let z =
    w - (2.515517 + w * (0.802853 + w * 0.010328)) / (1 + w * (1.432788 + w * (0.189269 + w * 0.001308)));
  if (p < 0.5) z = -z;
  const v = 2 / (9 * df);
  const x = df * (1 - v + z * Math.sqrt(v)) ** 3;
  return x > 0 ? x : df * 1e-3;
}

/**
 * x with P(X ≤ x) = p (lower = true) or P(X > x) = p (lower = false). Newton on the log of the requested
 * tail (nearly linear in x there), so small tail probabilities keep their relative precision.
 */
function quantile(p: number, df: number, lower: boolean): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return Number.NaN;
  if (p === 0) return lower ? 0 : Number.POSITIVE_INFINITY;
  if (p === 1) return lower ? Number.POSITIVE_INFINITY : 0;
  const a = df / 2;
  const logP = Math.log(p);
  const x0 = wilsonHilferty(lower ? p : 1 - p, df);
  return increasingRoot(
    (x) => {
      const t = incompleteGammaTails(a, x / 2);
      const logDensity = logGammaDensity(a, x / 2) - Math.LN2;
      if (lower) return [Math.log(t.lower) - logP, Math.exp(logDensity - Math.log(t.lower))];
      return [logP - Math.log(t.upper), Math.exp(logDensity - Math.log(t.upper))];
    },
    x0,
    0,
    Number.POSITIVE_INFINITY,
  );
}

/** Quantile: x with P(X ≤ x) = p, for 0 ≤ p ≤ 1 and df > 0 (scipy.stats.chi2.ppf). Relative error ~1e-13. */
export function chiSquareQuantile(p: number, df: number): number {
  return quantile(p, df, true);
}

/** Inverse survival function: x with P(X > x) = q (scipy.stats.chi2.isf), accurate also for tiny q. */
export function chiSquareIsf(q: number, df: number): number {
  return quantile(q, df, false);
}
