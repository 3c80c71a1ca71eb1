import { describe, expect, it } from 'vitest';
import { loadQuantileReference } from '../__fixtures__/quantile-reference.js';
import { relativeError } from '../__fixtures__/stats-reference.js';
import { chiSquareCdf, chiSquareIsf, chiSquareQuantile, chiSquareSf } from './chi-square.js';
import { incompleteGammaTails } from './incomplete-gamma.js';

const ref = loadQuantileReference();

describe('incompleteGammaTails', () => {
  it('matches scipy.special.gammainc / gammaincc to 1e-12 relative (both tails, a 0.5..500)', () => {
    let worst = 0;
    for (const row of ref.gamma) {
      const t = incompleteGammaTails(row.a, row.x);
      const e = Math.max(relativeError(t.lower, row.p, 1e-300), relativeError(t.upper, row.q, 1e-300));
      worst = Math.max(worst, e);
      expect(e, `a=${row.a} x=${row.x}`).toBeLessThan(1e-12);
    }
    console.log(`incompleteGamma: worst relative error vs scipy ${worst.toExponential(2)}`);
  });

  it('handles the edges: x = 0, x = ∞, a ≤ 0 and NaN', () => {
    expect(incompleteGammaTails(2, 0)).toEqual({ lower: 0, upper: 1 });
    expect(incompleteGammaTails(2, Number.POSITIVE_INFINITY)).toEqual({ lower: 1, upper: 0 });
    expect(incompleteGammaTails(0, 1).lower).toBeNaN();
    expect(incompleteGammaTails(1, Number.NaN).upper).toBeNaN();
    expect(relativeError(incompleteGammaTails(1, 2).upper, Math.exp(-2))).toBeLessThan(1e-14);
  });
});

describe('chi-square', () => {
  it('quantile and isf match scipy.stats.chi2 to 1e-11 relative, p down to 1e-12', () => {
    let worst = 0;
    for (const row of ref.chi2) {
      const e = Math.max(
        relativeError(chiSquareQuantile(row.p, row.df), row.ppf),
        relativeError(chiSquareIsf(row.p, row.df), row.isf),
      );
      worst = Math.max(worst, e);
      expect(e, `df=${row.df} p=${row.p}`).toBeLessThan(1e-11);
    }
    console.log(`chiSquare quantiles: worst relative error vs scipy ${worst.toExponential(2)}`);
  });

  it('inverts its own cdf and sf', () => {
    for (const df of [1, 3, 7.5, 40]) {
      for (const p of [0.01, 0.5, 0.975]) {
        expect(relativeError(chiSquareCdf(chiSquareQuantile(p, df), df), p)).toBeLessThan(1e-13);
        expect(relativeError(chiSquareSf(chiSquareIsf(p, df), df), p)).toBeLessThan(1e-13);
      }
    }
  });

  it('has the closed form for df = 2 (exponential) and the edge values', () => {
    expect(relativeError(chiSquareIsf(0.05, 2), -2 * Math.log(0.05))).toBeLessThan(1e-14);
    expect(chiSquareQuantile(0, 3)).toBe(0);
    expect(chiSquareQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(chiSquareIsf(0, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(chiSquareQuantile(0.5, 0)).toBeNaN();
    expect(chiSquareQuantile(-0.1, 2)).toBeNaN();
    expect(chiSquareCdf(-1, 2)).toBe(0);
    expect(chiSquareSf(Number.NaN, 2)).toBeNaN();
  });
});
