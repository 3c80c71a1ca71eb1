import { describe, expect, it } from 'vitest';
import { loadStatsReference, relativeError } from '../__fixtures__/stats-reference.js';
import { incompleteBeta, incompleteBetaComplement } from './incomplete-beta.js';

const ref = loadStatsReference();

describe('incompleteBeta', () => {
  it('matches mpmath (50 digits) for both tails over a, b ∈ [0.5, 1000], x ∈ [1e-8, 1 − 1e-8]', () => {
    let worst = 0;
    for (const row of ref.incomplete_beta) {
      const lower = relativeError(incompleteBeta(row.x, row.a, row.b), row.mp, 1e-300);
      const upper = relativeError(incompleteBetaComplement(row.x, row.a, row.b), row.mp_complement, 1e-300);
      worst = Math.max(worst, lower, upper);
      expect(lower, `I_${row.x}(${row.a}, ${row.b})`).toBeLessThan(1e-12);
      expect(upper, `1 − I_${row.x}(${row.a}, ${row.b})`).toBeLessThan(1e-12);
    }
    console.log(`incompleteBeta: worst relative error vs mpmath ${worst.toExponential(2)}`);
  });

  it('matches scipy.special.betainc to 1e-10 where scipy agrees with mpmath', () => {
    for (const row of ref.incomplete_beta) {
      if (row.scipy === null || relativeError(row.scipy, row.mp, 1e-300) > 1e-12) continue;
      expect(relativeError(incompleteBeta(row.x, row.a, row.b), row.scipy, 1e-300)).toBeLessThan(1e-10);
    }
  });

  it('has closed forms at the edges: I_0 = 0, I_1 = 1, I_x(1, 1) = x, I_x(a, 1) = x^a', () => {
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    expect(incompleteBetaComplement(0, 2, 3)).toBe(1);
    expect(relativeError(incompleteBeta(0.3, 1, 1), 0.3)).toBeLessThan(1e-13);
    expect(relativeError(incompleteBeta(0.3, 4, 1), 0.3 ** 4)).toBeLessThan(1e-13);
    expect(relativeError(incompleteBeta(1e-200, 1, 1), 1e-200)).toBeLessThan(1e-13);
  });

  it('returns NaN outside its domain', () => {
    expect(incompleteBeta(-0.1, 1, 1)).toBeNaN();
    expect(incompleteBeta(1.1, 1, 1)).toBeNaN();
    expect(incompleteBeta(Number.NaN, 1, 1)).toBeNaN();
    expect(incompleteBeta(0.5, 0, 1)).toBeNaN();
    expect(incompleteBeta(0.5, 1, -1)).toBeNaN();
  });
});
