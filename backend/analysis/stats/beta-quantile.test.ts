import { describe, expect, it } from 'vitest';
import { loadQuantileReference } from '../__fixtures__/quantile-reference.js';
import { relativeError } from '../__fixtures__/stats-reference.js';
import { betaIsf, betaQuantile } from './beta-quantile.js';
import { incompleteBeta } from './incomplete-beta.js';

const ref = loadQuantileReference();

describe('betaQuantile / betaIsf', () => {
  it('match scipy.stats.beta.ppf / isf to 1e-10 relative, incl. the Clopper–Pearson shapes (n ≤ 1000)', () => {
    let worst = 0;
    for (const row of ref.beta) {
      const e = Math.max(
        relativeError(betaQuantile(row.p, row.a, row.b), row.ppf),
        relativeError(betaIsf(row.p, row.a, row.b), row.isf),
      );
      worst = Math.max(worst, e);
      expect(e, `a=${row.a} b=${row.b} p=${row.p}`).toBeLessThan(1e-10);
    }
    console.log(`beta quantiles: worst relative error vs scipy ${worst.toExponential(2)}`);
  });

  it('inverts the incomplete beta', () => {
    for (const [a, b] of [
      [2, 3],
      [0.5, 7],
      [30, 4],
    ] as const) {
      for (const p of [1e-8, 0.2, 0.9])
        expect(relativeError(incompleteBeta(betaQuantile(p, a, b), a, b), p)).toBeLessThan(1e-12);
    }
  });

  it('uses the closed forms for a = 1 or b = 1 and handles the edges', () => {
    expect(relativeError(betaQuantile(0.3, 4, 1), 0.3 ** 0.25)).toBeLessThan(1e-15);
    expect(relativeError(betaIsf(0.05, 1, 20), 1 - 0.05 ** (1 / 20))).toBeLessThan(1e-14);
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(betaIsf(0, 2, 3)).toBe(1);
    expect(betaQuantile(0.5, 0, 3)).toBeNaN();
    expect(betaQuantile(Number.NaN, 2, 3)).toBeNaN();
  });
});
