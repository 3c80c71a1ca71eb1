import { describe, expect, it } from 'vitest';
import { loadQuantileReference } from '../__fixtures__/quantile-reference.js';
import { relativeError } from '../__fixtures__/stats-reference.js';
import { normalCdf, normalQuantile, normalSf } from './normal-distribution.js';

const ref = loadQuantileReference();

describe('normal distribution', () => {
  it('normalQuantile matches scipy.stats.norm.ppf to 1e-13 relative, p from 1e-300 to 1 − 1e-12', () => {
    let worst = 0;
    for (const row of ref.normal) {
      const e = relativeError(normalQuantile(row.p), row.ppf, 1e-300);
      worst = Math.max(worst, e);
      expect(e, `p=${row.p}`).toBeLessThan(1e-13);
    }
    console.log(`normalQuantile: worst relative error vs scipy ${worst.toExponential(2)}`);
  });

  it('cdf and sf are complementary, symmetric and inverted by the quantile', () => {
    for (const z of [-30, -5, -1, 0, 0.5, 3, 8]) {
      expect(relativeError(normalCdf(z), normalSf(-z))).toBeLessThan(1e-15);
      // Above z ≈ 3, Φ(z) rounds to within a few ulps of 1 and no longer determines z precisely.
      if (z <= 3) expect(relativeError(normalQuantile(normalCdf(z)), z, 1e-300)).toBeLessThan(1e-12);
    }
    expect(normalCdf(0)).toBe(0.5);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('handles ±∞, the ends of [0, 1] and NaN', () => {
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});
