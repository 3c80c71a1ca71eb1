/** The truncated Gaussian kernels of the Parzen estimators: log-densities, interval masses and draws, stable in the tails. */
import { erfc } from '../regularized/normal-tail.js';
import { normalQuantile } from '../stats/normal-distribution.js';
import type { Rng } from '../random/rng.js';

const SQRT_PI = Math.sqrt(Math.PI);

/** log erfc(x) for x ≥ 0, finite far beyond the point (x ≈ 27) where erfc underflows. */
function logErfc(x: number): number {
  if (x < 26) return Math.log(erfc(x));
  const r = 1 / (2 * x * x);
  // Asymptotic series e^(−x²)/(x√π)·(1 − r + 3r² − 15r³); its error here is below 1e-12 relative.
  return -x * x - Math.log(x * SQRT_PI) + Math.log1p(-r + 3 * r * r - 15 * r * r * r);
}

/** log P(a ≤ Z ≤ b) for a standard normal Z and a ≤ b (−∞ when a = b). Computed on the tail side, so masses
 * far from the mean keep their relative precision (what Optuna's `_log_gauss_mass` does). */
export function logGaussMass(a: number, b: number): number {
  if (!(a < b)) return Number.NEGATIVE_INFINITY;
  if (b <= 0) return logGaussMass(-b, -a);
  if (a >= 0) {
    // ½·(erfc(a/√2) − erfc(b/√2)) = ½·erfc(a/√2)·(1 − erfc(b/√2)/erfc(a/√2))
    const la = logErfc(a / Math.SQRT2);
    const lb = b === Number.POSITIVE_INFINITY ? Number.NEGATIVE_INFINITY : logErfc(b / Math.SQRT2);
    return Math.log(0.5) + la + Math.log1p(-Math.exp(lb - la));
  }
  // Straddles 0: 1 − P(Z < a) − P(Z > b), both terms below ½.
  return Math.log1p(-0.5 * erfc(-a / Math.SQRT2) - 0.5 * erfc(b / Math.SQRT2));
}

/**
 * A draw from N(mu, sigma²) truncated to [lo, hi] by inversion, u uniform between the cdf values of the
 * ends. Works on the lower side of the mean (mirroring when the interval lies above it) so the cdf values
 * are small numbers with full relative precision. The result is clipped into [lo, hi] against rounding.
 * Advances `rng` by one uniform.
 */
export function sampleTruncatedNormal(mu: number, sigma: number, lo: number, hi: number, rng: Rng): number {
  let a = (lo - mu) / sigma;
  let b = (hi - mu) / sigma;
  const mirror = a > 0;
  if (mirror) [a, b] = [-b, -a];
  const pa = 0.5 * erfc(-a / Math.SQRT2);
  const pb = 0.5 * erfc(-b / Math.SQRT2);
  let z = normalQuantile(pa + rng.next() * (pb - pa));
  if (!Number.isFinite(z)) z = a + (b - a) / 2; // both ends underflow: the interval is far out and narrow
  z = Math.min(Math.max(z, a), b);
  const x = mu + sigma * (mirror ? -z : z);
  return Math.min(Math.max(x, lo), hi);
}
