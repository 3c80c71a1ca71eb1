import { describe, expect, it } from 'vitest';
import { loadStatsReference, relativeError } from '../__fixtures__/stats-reference.js';
import { fCdf, fSf } from './f-distribution.js';

const ref = loadStatsReference();

describe('fSf', () => {
  it('matches mpmath to 1e-12 relative, d1, d2 ∈ 1 … 1000, f ∈ 1e-10 … 1e100', () => {
    let worst = 0;
    for (const row of ref.f_sf) {
      const err = relativeError(fSf(row.f, row.d1, row.d2), row.sf_mp);
      worst = Math.max(worst, err);
      expect(err, `f=${row.f} d1=${row.d1} d2=${row.d2}`).toBeLessThan(1e-12);
    }
    console.log(`fSf: worst relative error vs mpmath ${worst.toExponential(2)}`);
  });

  it('matches scipy.stats.f.sf to 1e-10 wherever scipy itself is within 1e-10 of mpmath', () => {
    let skipped = 0;
    for (const row of ref.f_sf) {
      if (row.sf_scipy === null || Math.abs(row.sf_mp) < 1e-300) continue;
      if (relativeError(row.sf_scipy, row.sf_mp) > 1e-10) {
        skipped++;
        continue;
      }
      expect(relativeError(fSf(row.f, row.d1, row.d2), row.sf_scipy)).toBeLessThan(1e-10);
    }
    expect(skipped).toBeLessThan(5);
  });

  it('has the closed form P(F > f) = (1 + f)^−1 for d1 = d2 = 2, and a complementary CDF', () => {
    for (const f of [1e-12, 0.3, 1, 7, 1e9]) {
      expect(relativeError(fSf(f, 2, 2), 1 / (1 + f))).toBeLessThan(1e-14);
      expect(relativeError(fCdf(f, 2, 2), f / (1 + f))).toBeLessThan(1e-14);
    }
  });

  it('names the special values', () => {
    expect(fSf(0, 3, 4)).toBe(1);
    expect(fSf(-1, 3, 4)).toBe(1);
    expect(fSf(Number.POSITIVE_INFINITY, 3, 4)).toBe(0);
    expect(fCdf(0, 3, 4)).toBe(0);
    expect(fSf(Number.NaN, 3, 4)).toBeNaN();
    expect(fSf(1, 0, 4)).toBeNaN();
    expect(fSf(1, 3, -4)).toBeNaN();
  });
});
