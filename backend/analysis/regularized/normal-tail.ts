/** Two-sided normal p-values for Wald z statistics, to near double precision also far in the tail. */

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * The complementary error function erfc(x) = 2/√π ∫ₓ^∞ e^(−t²) dt. Pure.
 *
 * - |x| < 2: erf from the everywhere-positive series erf(x) = 2/√π·e^(−x²)·Σ (2x²)ⁿ·x / (1·3·…·(2n+1)),
 *   then 1 − erf (relative error of erfc below about 1e-13 on this range, since erfc(2) ≈ 4.7e-3);
 * - x ≥ 2: Laplace's continued fraction e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))), evaluated by
 *   the modified Lentz method (relative error a few ulps);
 * - x ≤ −2: 2 − erfc(−x). erfc(±∞) = 0, 2; NaN gives NaN.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let k = 1; k < 200; k++) {
      term *= (2 * x2) / (2 * k + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x2) * sum;
  }
  if (x > 27.3) return 0; // erfc(27.3) < 2^-1074
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** P(|Z| ≥ |z|) for a standard normal Z: erfc(|z|/√2). Pure; ±∞ gives 0, NaN gives NaN. */
export function normalTwoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}
