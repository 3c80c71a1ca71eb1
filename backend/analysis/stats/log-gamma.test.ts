import { describe, expect, it } from 'vitest';
import { loadStatsReference, relativeError } from '../__fixtures__/stats-reference.js';
import { logBeta, logGamma } from './log-gamma.js';

const ref = loadStatsReference();

describe('logGamma', () => {
  it('matches mpmath to 1e-14·max(1, |log Γ|) on 1e-300 … 1e100', () => {
    let worst = 0;
    for (const row of ref.log_gamma) {
      const err = Math.abs(logGamma(row.x) - row.mp) / Math.max(1, Math.abs(row.mp));
      worst = Math.max(worst, err);
      expect(err, `x=${row.x}`).toBeLessThan(1e-14);
    }
    expect(worst).toBeLessThan(1e-14);
  });

  it('is exact at the small integers and ½ to rounding', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(relativeError(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(relativeError(logGamma(11), Math.log(3628800))).toBeLessThan(1e-15);
  });

  it('names its special values: NaN for x ≤ 0 and NaN, +∞ at +∞', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
    expect(logGamma(Number.NaN)).toBeNaN();
    expect(logGamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('logBeta', () => {
  it('agrees with log Γ sums where those do not cancel, and stays accurate where they do', () => {
    expect(relativeError(logBeta(2, 3), Math.log(1 / 12))).toBeLessThan(1e-14);
    expect(relativeError(logBeta(0.5, 0.5), Math.log(Math.PI))).toBeLessThan(1e-14);
    // B(a, 1) = 1/a exactly, for a large a where log Γ(a) ≈ 6e6 would swamp the answer.
    expect(relativeError(logBeta(1e6, 1), -Math.log(1e6))).toBeLessThan(1e-13);
    expect(relativeError(logBeta(500, 500), logBeta(500, 500))).toBe(0);
    expect(logBeta(0, 1)).toBeNaN();
  });
});
