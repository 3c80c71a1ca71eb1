/** Student-t tail probabilities and quantiles: the p-values and confidence intervals of regression coefficients. */
import { incompleteBetaTails, type BetaTails } from './incomplete-beta.js';
import { logBeta } from './log-gamma.js';

/**
 * Tails of I_x(df/2, ½) at x = df/(df + t²): `lower` is the two-sided p-value P(|T| ≥ |t|), `upper` its
 * complement. x, 1 − x and their logs are formed from r = t²/df (or df/t²) so that neither huge |t|
 * (t² overflows) nor tiny |t| (x rounds to 1) loses digits.
 */
function twoSidedTails(t: number, df: number): BetaTails {
  const at = Math.abs(t);
  if (at * at <= df) {
    const r = (at * at) / df;
    const l1p = Math.log1p(r);
    return incompleteBetaTails(df / 2, 0.5, 1 / (1 + r), r / (1 + r), -l1p, Math.log(r) - l1p);
  }
  const logR = Math.log(df) - 2 * Math.log(at); // r = df/t² ≤ 1, possibly below the smallest double
  const r = Math.exp(logR);
  const l1p = Math.log1p(r);
  return incompleteBetaTails(df / 2, 0.5, r / (1 + r), 1 / (1 + r), logR - l1p, -l1p);
}

/**
 * Two-sided p-value P(|T| ≥ |t|) of Student's t with df > 0 degrees of freedom (df may be fractional).
 * NaN for NaN inputs or df ≤ 0; 0 for t = ±∞. Relative error about 1e-13 down to the smallest doubles.
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return twoSidedTails(t, df).lower;
}

/** Upper tail P(T > t) of Student's t with df > 0 degrees of freedom. */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 0;
  if (t === Number.NEGATIVE_INFINITY) return 1;
  const tails = twoSidedTails(t, df);
  return t > 0 ? tails.lower / 2 : 0.5 + tails.upper / 2;
}

/** Lower tail P(T ≤ t) of Student's t with df > 0 degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  return studentTSf(-t, df);
}

/** log of the Student-t density at t ≥ 0, written to stay finite for |t| up to the largest double. */
function logPdf(t: number, df: number): number {
  const logNorm = -0.5 * Math.log(df) - logBeta(df / 2, 0.5);
  const at = Math.abs(t);
  const log1pR =
    at * at <= df ? Math.log1p((at * at) / df) : 2 * Math.log(at) - Math.log(df) + Math.log1p(df / (at * at));
  return logNorm - ((df + 1) / 2) * log1pR;
}

/** Rough upper-tail normal quantile (Abramowitz & Stegun 26.2.23, error < 4.5e-4) for 0 < q ≤ 0.5. */
function roughNormalIsf(q: number): number {
  const w = Math.sqrt(-2 * Math.log(q));
  return (
    w - (2.515517 + w * (0.802853 + w * 0.010328)) / (1 + w * (1.432788 + w * (0.189269 + w * 0.001308)))
  );
}

/**
 * t > 0 with P(T > t) = q for 0 < q < 0.5. Starts from the larger of a Cornish–Fisher expansion and the
 * power-law tail approximation, then runs Newton on log P(T > e^s) = log q in s = log t, which is close to
 * linear in the tails, with bisection whenever a step leaves the current bracket.
 */
function upperQuantile(q: number, df: number): number {
  const z = roughNormalIsf(q);
  const z2 = z * z;
  const cf =
    z +
    (z * (z2 + 1)) / (4 * df) +
    (z * (5 * z2 * z2 + 16 * z2 + 3)) / (96 * df * df) +
    (z * (3 * z2 * z2 * z2 + 19 * z2 * z2 + 17 * z2 - 15)) / (384 * df * df * df);
  // P(T > t) ≈ df^((df−1)/2) t^(−df) / B(df/2, ½) for large t.
  const logTail = (((df - 1) / 2) * Math.log(df) - logBeta(df / 2, 0.5) - Math.log(q)) / df;
  let s = Math.log(Math.max(cf > 0 ? cf : 1e-300, Math.exp(logTail)));
  const logQ = Math.log(q);
  let lo = Number.NEGATIVE_INFINITY; // P(T > e^lo) > q
  let hi = Number.POSITIVE_INFINITY; // P(T > e^hi) < q
  for (let iter = 0; iter < 200; iter++) {
    const t = Math.exp(s);
    const sf = twoSidedTails(t, df).lower / 2;
    const g = Math.log(sf) - logQ;
    if (g === 0) return t;
    if (g > 0) lo = s;
    else hi = s;
    const slope = -Math.exp(s + logPdf(t, df) - Math.log(sf)); // d log P(T > e^s) / ds
    let next = s - g / slope;
    if (!Number.isFinite(next) || next <= lo || next >= hi) {
      if (Number.isFinite(lo) && Number.isFinite(hi)) next = (lo + hi) / 2;
      else next = g > 0 ? s + 2 : s - 2;
    }
    if (Math.abs(next - s) <= 4e-16 * Math.max(1, Math.abs(s))) return Math.exp(next);
    s = next;
  }
  return Math.exp(s);
}

/**
 * Inverse survival function: t with P(T > t) = q, for 0 ≤ q ≤ 1 and df > 0 (±∞ at q = 0 or 1).
 * Relative error about 1e-14 in t; exact closed forms for df = 1 and 2.
 */
export function studentTIsf(q: number, df: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1 || !(df > 0)) return Number.NaN;
  if (q === 0) return Number.POSITIVE_INFINITY;
  if (q === 1) return Number.NEGATIVE_INFINITY;
  if (q === 0.5) return 0;
  if (q > 0.5) return -studentTIsf(1 - q, df);
  if (df === 1) return 1 / Math.tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  return upperQuantile(q, df);
}

/** Quantile t_{p, df}: t with P(T ≤ t) = p, for 0 ≤ p ≤ 1 and df > 0. E.g. studentTQuantile(0.975, df). */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return Number.NaN;
  if (p < 0.5) return -studentTIsf(p, df);
  return studentTIsf(1 - p, df);
}
