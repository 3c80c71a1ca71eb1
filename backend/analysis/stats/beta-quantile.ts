/** Beta quantiles, the inverse of the regularised incomplete beta: what Clopper–Pearson bounds are made of. */
import { incompleteBeta, incompleteBetaComplement } from './incomplete-beta.js';
import { logBeta } from './log-gamma.js';
import { increasingRoot } from './monotone-root.js';

/** log of the Beta(a, b) density at 0 < x < 1. */
function logDensity(x: number, a: number, b: number): number {
  return (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b);
}

/**
 * x with I_x(a, b) = p (lower = true) or 1 − I_x(a, b) = p (lower = false), by safeguarded Newton on the
 * log of the requested tail, which keeps relative precision in p when p is small. Start: the mean a/(a + b).
 */
function quantile(p: number, a: number, b: number, lower: boolean): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(a > 0) || !(b > 0)) return Number.NaN;
  if (p === 0) return lower ? 0 : 1;
  if (p === 1) return lower ? 1 : 0;
  // Closed forms: I_x(a, 1) = x^a and 1 − I_x(1, b) = (1 − x)^b.
  if (b === 1) return lower ? Math.exp(Math.log(p) / a) : Math.exp(Math.log1p(-p) / a);
  if (a === 1) return lower ? -Math.expm1(Math.log1p(-p) / b) : -Math.expm1(Math.log(p) / b);
  const logP = Math.log(p);
  return increasingRoot(
    (x) => {
      const ld = logDensity(x, a, b);
      if (lower) {
        const t = incompleteBeta(x, a, b);
        return [Math.log(t) - logP, Math.exp(ld - Math.log(t))];
      }
      const t = incompleteBetaComplement(x, a, b);
      return [logP - Math.log(t), Math.exp(ld - Math.log(t))];
    },
    a / (a + b),
    0,
    1,
  );
}

/** Quantile of Beta(a, b): x with I_x(a, b) = p (scipy.stats.beta.ppf). Relative error ~1e-13. */
export function betaQuantile(p: number, a: number, b: number): number {
  return quantile(p, a, b, true);
}

/** Inverse survival function of Beta(a, b): x with 1 − I_x(a, b) = q (scipy.stats.beta.isf). */
export function betaIsf(q: number, a: number, b: number): number {
  return quantile(q, a, b, false);
}
