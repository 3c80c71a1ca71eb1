import { describe, expect, it } from 'vitest';
import {
  compareFit,
  loadRegularizedReference,
  regularizedDataset,
} from '../__fixtures__/regularized-reference.js';
import { fitOls } from '../linear/ols.js';
import { fitElasticNet } from './elastic-net.js';
import { predictLinear } from './linear-fit.js';
import { fitRidge } from './ridge.js';

const ref = loadRegularizedReference();

describe('fitRidge against scikit-learn Ridge', () => {
  // sklearn (solver='svd') is within 6e-13 of the exact optimum on these cases; ours within 3e-13 of sklearn.
  it.each(ref.ridge.map((c) => [`${c.dataset} α=${c.alpha} intercept=${c.fit_intercept}`, c] as const))(
    '%s',
    (_name, c) => {
      const d = regularizedDataset(ref, c.dataset);
      const fit = fitRidge(d.x, d.y, d.n, d.p, { alpha: c.alpha, fitIntercept: c.fit_intercept });
      const cmp = compareFit(fit, c.fit_intercept ? c.intercept : null, c.coef);
      expect(cmp.maxRelative).toBeLessThan(1e-6);
      expect(cmp.maxRelative).toBeLessThan(1e-10); // what we actually achieve, with margin
      if (!c.fit_intercept) expect(fit.intercept).toBe(0);
      expect(fit.converged).toBe(true);
      expect(fit.nIter).toBe(1);
      expect(fit.coefficients.every(Number.isFinite)).toBe(true);
    },
  );
});

describe('fitRidge properties', () => {
  const d = regularizedDataset(ref, 'correlated');

  it('α = 0 is ordinary least squares', () => {
    const ridge = fitRidge(d.x, d.y, d.n, d.p, { alpha: 0, fitIntercept: true });
    const x1 = new Float64Array(d.n * (d.p + 1)).fill(1, 0, d.n);
    x1.set(d.x, d.n);
    const ols = fitOls({
      n: d.n,
      p: d.p + 1,
      x: x1,
      y: d.y,
      terms: ['(Intercept)', 'x1', 'x2', 'x3', 'x4', 'x5'],
      hasIntercept: true,
    });
    expect(ridge.intercept).toBeCloseTo(ols.coefficients[0]!.estimate!, 10);
    ridge.coefficients.forEach((w, j) => expect(w).toBeCloseTo(ols.coefficients[j + 1]!.estimate!, 10));
  });

  it('equals the elastic net with l1Ratio 0 at α_ridge = n·α_enet', () => {
    const ridge = fitRidge(d.x, d.y, d.n, d.p, { alpha: d.n * 0.05, fitIntercept: true });
    const enet = fitElasticNet(d.x, d.y, d.n, d.p, {
      alpha: 0.05,
      l1Ratio: 0,
      fitIntercept: true,
      tol: 1e-14,
      maxIter: 100_000,
    });
    expect(compareFit(enet, ridge.intercept, Array.from(ridge.coefficients)).maxRelative).toBeLessThan(1e-9);
  });

  it('shrinks towards 0 as α grows and does not mutate its inputs', () => {
    const x = Float64Array.from(d.x);
    const y = Float64Array.from(d.y);
    const norms = [0.1, 10, 1e3, 1e6].map((alpha) => {
      const fit = fitRidge(x, y, d.n, d.p, { alpha, fitIntercept: true });
      return Math.hypot(...fit.coefficients);
    });
    for (let k = 1; k < norms.length; k++) expect(norms[k]!).toBeLessThan(norms[k - 1]!);
    expect(x).toEqual(d.x);
    expect(y).toEqual(d.y);
  });

  it('predictLinear reproduces intercept + Xw and writes into a supplied buffer', () => {
    const fit = fitRidge(d.x, d.y, d.n, d.p, { alpha: 1, fitIntercept: true });
    const out = new Float64Array(d.n);
    expect(predictLinear(fit, d.x, d.n, d.p, out)).toBe(out);
    let s = fit.intercept;
    for (let j = 0; j < d.p; j++) s += fit.coefficients[j]! * d.x[j * d.n]!;
    expect(out[0]).toBeCloseTo(s, 12);
    expect(() => predictLinear(fit, d.x, d.n, d.p - 1)).toThrow(RangeError);
  });

  it('rejects bad input: negative or NaN α, NaN or ±∞ data, wrong shapes', () => {
    expect(() => fitRidge(d.x, d.y, d.n, d.p, { alpha: -1, fitIntercept: true })).toThrow(RangeError);
    expect(() => fitRidge(d.x, d.y, d.n, d.p, { alpha: Number.NaN, fitIntercept: true })).toThrow(RangeError);
    const bad = Float64Array.from(d.x);
    bad[3] = Number.POSITIVE_INFINITY;
    expect(() => fitRidge(bad, d.y, d.n, d.p, { alpha: 1, fitIntercept: true })).toThrow(RangeError);
    const badY = Float64Array.from(d.y);
    badY[0] = Number.NaN;
    expect(() => fitRidge(d.x, badY, d.n, d.p, { alpha: 1, fitIntercept: true })).toThrow(RangeError);
    expect(() => fitRidge(d.x, d.y, d.n, d.p + 1, { alpha: 1, fitIntercept: true })).toThrow(RangeError);
    expect(() =>
      fitRidge(new Float64Array(0), new Float64Array(0), 0, 1, { alpha: 1, fitIntercept: true }),
    ).toThrow(RangeError);
  });

  it('honours an aborted signal', () => {
    const signal = AbortSignal.abort();
    expect(() => fitRidge(d.x, d.y, d.n, d.p, { alpha: 1, fitIntercept: true }, { signal })).toThrow();
  });
});
