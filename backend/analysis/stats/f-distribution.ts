/** Upper-tail probability of Fisher's F: the p-value of a regression's overall F test. */
import { incompleteBetaTails, type BetaTails } from './incomplete-beta.js';

/**
 * Tails of I_x(d2/2, d1/2) at x = d2/(d2 + d1·f) for 0 < f < ∞: `lower` is P(F > f), `upper` is P(F ≤ f).
 * x, 1 − x and their logs are formed from r = d1·f/d2 (or 1/r) so tiny and huge f keep their digits.
 */
function tails(f: number, d1: number, d2: number): BetaTails {
  const logR = Math.log(d1) + Math.log(f) - Math.log(d2);
  if (logR <= 0) {
    const r = Math.exp(logR);
    const l1p = Math.log1p(r);
    return incompleteBetaTails(d2 / 2, d1 / 2, 1 / (1 + r), r / (1 + r), -l1p, logR - l1p);
  }
  const ri = Math.exp(-logR); // 1/r, possibly below the smallest double
  const l1p = Math.log1p(ri);
  return incompleteBetaTails(d2 / 2, d1 / 2, ri / (1 + ri), 1 / (1 + ri), -logR - l1p, -l1p);
}

/**
 * P(F > f) for F with d1 (numerator) and d2 (denominator) degrees of freedom, d1, d2 > 0 (fractional
 * allowed). 1 for f ≤ 0, 0 for f = +∞, NaN for NaN inputs or non-positive degrees of freedom.
 * Relative error about 1e-13.
 */
export function fSf(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return Number.NaN;
  if (f <= 0) return 1;
  if (f === Number.POSITIVE_INFINITY) return 0;
  return tails(f, d1, d2).lower;
}

/** P(F ≤ f), the complement of fSf computed without cancellation. Same domain as fSf. */
export function fCdf(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return Number.NaN;
  if (f <= 0) return 0;
  if (f === Number.POSITIVE_INFINITY) return 1;
  return tails(f, d1, d2).upper;
}
