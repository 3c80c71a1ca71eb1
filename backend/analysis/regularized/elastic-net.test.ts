import { describe, expect, it } from 'vitest';
import {
  compareFit,
  loadRegularizedReference,
  regularizedDataset,
} from '../__fixtures__/regularized-reference.js';
import type { AbortSignalLike } from '../linear/ols.js';
import { alphaGrid, elasticNetPath, fitElasticNet } from './elastic-net.js';

const ref = loadRegularizedReference();
const precise = { tol: 1e-12, maxIter: 1_000_000 };

/** A signal that aborts once it has been checked `limit` times. */
function abortAfter(limit: number): AbortSignalLike & { checks: number } {
  return {
    checks: 0,
    get aborted() {
      return this.checks >= limit;
    },
    throwIfAborted() {
      this.checks++;
      if (this.checks > limit) throw new Error('aborted');
    },
  };
}

describe('fitElasticNet against scikit-learn ElasticNet / Lasso (tol 1e-12)', () => {
  // sklearn stops within 1e-8 of the exact optimum (checked by the generator); we reproduce its iterates
  // sweep for sweep, so the agreement is ~1e-12. Zeros must be exact zeros on both sides.
  it.each(
    ref.enet.map(
      (c) =>
        [`${c.model} ${c.dataset} α=${c.alpha} l1=${c.l1_ratio} intercept=${c.fit_intercept}`, c] as const,
    ),
  )('%s', (_name, c) => {
    const d = regularizedDataset(ref, c.dataset);
    const fit = fitElasticNet(d.x, d.y, d.n, d.p, {
      alpha: c.alpha,
      l1Ratio: c.l1_ratio,
      fitIntercept: c.fit_intercept,
      ...precise,
    });
    const cmp = compareFit(fit, c.fit_intercept ? c.intercept : null, c.coef);
    expect(cmp.maxRelative).toBeLessThan(1e-6);
    expect(cmp.maxAbsoluteAtZeros).toBeLessThanOrEqual(1e-9);
    expect(cmp.zeroPatternMatches).toBe(true);
    expect(fit.converged).toBe(true);
    expect(fit.nIter).toBe(c.n_iter); // same cyclic order and stopping rule as cd_fast
    expect(fit.coefficients.every(Number.isFinite)).toBe(true);
  });
});

describe('elasticNetPath against scikit-learn enet_path / lasso_path', () => {
  it.each(ref.path.map((c) => [`l1_ratio=${c.l1_ratio}`, c] as const))('%s', (_name, c) => {
    const d = regularizedDataset(ref, c.dataset);
    const fractions: number[] = [];
    const path = elasticNetPath(
      d.x,
      d.y,
      d.n,
      d.p,
      { l1Ratio: c.l1_ratio, fitIntercept: true, ...precise },
      { onProgress: (f) => fractions.push(f) },
    );
    expect(path.alphas.length).toBe(c.n_alphas);
    path.alphas.forEach((a, k) => expect(Math.abs(a - c.alphas[k]!) / c.alphas[k]!).toBeLessThan(1e-13));
    path.fits.forEach((fit, k) => {
      // At α_max (a tie: one coefficient sits exactly on the threshold) cd_fast leaves a 2e-17 round-off
      // coefficient where the exact answer is 0 (we happen to reproduce it, following the same arithmetic).
      const cmp = compareFit(fit, c.intercepts[k]!, c.coefs[k]!, 1e-12);
      expect(cmp.maxRelative).toBeLessThan(1e-6);
      expect(cmp.maxAbsoluteAtZeros).toBeLessThanOrEqual(1e-9);
      expect(cmp.zeroPatternMatches).toBe(true);
      expect(fit.converged).toBe(true);
    });
    expect(path.dualGaps.every((g) => Number.isFinite(g))).toBe(true);
    expect(fractions.length).toBe(c.n_alphas);
    expect(fractions.at(-1)).toBe(1);
    for (let k = 1; k < fractions.length; k++) expect(fractions[k]!).toBeGreaterThan(fractions[k - 1]!);
  });

  it('sorts user-supplied alphas into decreasing order and fits each', () => {
    const d = regularizedDataset(ref, 'correlated');
    const path = elasticNetPath(d.x, d.y, d.n, d.p, {
      l1Ratio: 0.5,
      fitIntercept: true,
      alphas: Float64Array.of(0.01, 0.5, 0.1),
      ...precise,
    });
    expect(Array.from(path.alphas)).toEqual([0.5, 0.1, 0.01]);
    const c = ref.enet.find((e) => e.dataset === 'correlated' && e.alpha === 0.1 && e.l1_ratio === 0.5)!;
    expect(compareFit(path.fits[1]!, c.intercept, c.coef).maxRelative).toBeLessThan(1e-6);
  });
});

describe('fitElasticNet properties', () => {
  const d = regularizedDataset(ref, 'correlated');
  const xc = new Float64Array(d.x);
  const yc = Float64Array.from(d.y);

  it('gives all-zero coefficients and intercept ȳ at α ≥ α_max, and non-zero just below', () => {
    // Centre by hand so alphaGrid sees the data the intercept fit sees.
    const ybar = yc.reduce((s, v) => s + v, 0) / d.n;
    const ycc = yc.map((v) => v - ybar);
    const xcc = Float64Array.from(xc);
    for (let j = 0; j < d.p; j++) {
      let m = 0;
      for (let i = 0; i < d.n; i++) m += xc[j * d.n + i]!;
      m /= d.n;
      for (let i = 0; i < d.n; i++) xcc[j * d.n + i]! -= m;
    }
    const alphaMax = alphaGrid(xcc, ycc, d.n, d.p, 1, 1, 1)[0]!;
    const at = fitElasticNet(d.x, d.y, d.n, d.p, {
      alpha: alphaMax * (1 + 1e-12),
      l1Ratio: 1,
      fitIntercept: true,
    });
    expect(Array.from(at.coefficients)).toEqual([0, 0, 0, 0, 0]);
    expect(at.intercept).toBeCloseTo(ybar, 12);
    expect(at.nIter).toBe(1);
    const below = fitElasticNet(d.x, d.y, d.n, d.p, {
      alpha: alphaMax * 0.99,
      l1Ratio: 1,
      fitIntercept: true,
    });
    expect(below.coefficients.some((w) => w !== 0)).toBe(true);
  });

  it('warm-started from its own solution stops after one sweep', () => {
    const cold = fitElasticNet(d.x, d.y, d.n, d.p, {
      alpha: 0.01,
      l1Ratio: 0.5,
      fitIntercept: true,
      ...precise,
    });
    const warm = fitElasticNet(d.x, d.y, d.n, d.p, {
      alpha: 0.01,
      l1Ratio: 0.5,
      fitIntercept: true,
      ...precise,
      initialCoefficients: cold.coefficients,
    });
    expect(cold.nIter).toBeGreaterThan(10);
    expect(warm.nIter).toBe(1);
    expect(compareFit(warm, cold.intercept, Array.from(cold.coefficients)).maxRelative).toBeLessThan(1e-9);
  });

  it('reports converged = false when maxIter runs out, still with finite numbers', () => {
    const fit = fitElasticNet(d.x, d.y, d.n, d.p, {
      alpha: 0.001,
      l1Ratio: 0.5,
      fitIntercept: true,
      tol: 1e-12,
      maxIter: 3,
    });
    expect(fit.converged).toBe(false);
    expect(fit.nIter).toBe(3);
    expect(fit.coefficients.every(Number.isFinite)).toBe(true);
  });

  it('keeps a constant column at 0 and handles y ≡ const (all coefficients 0)', () => {
    const x = Float64Array.from(d.x);
    x.fill(2.5, 0, d.n);
    const fit = fitElasticNet(x, d.y, d.n, d.p, {
      alpha: 0.01,
      l1Ratio: 0.5,
      fitIntercept: true,
      ...precise,
    });
    expect(fit.coefficients[0]).toBe(0);
    const flat = fitElasticNet(d.x, new Float64Array(d.n).fill(3), d.n, d.p, {
      alpha: 0.1,
      l1Ratio: 1,
      fitIntercept: true,
    });
    expect(Array.from(flat.coefficients)).toEqual([0, 0, 0, 0, 0]);
    expect(flat.intercept).toBeCloseTo(3, 14);
  });

  it('checks the signal once per sweep and per α', () => {
    const signal = abortAfter(5);
    expect(() =>
      fitElasticNet(
        d.x,
        d.y,
        d.n,
        d.p,
        { alpha: 0.001, l1Ratio: 0.5, fitIntercept: true, ...precise },
        { signal },
      ),
    ).toThrow('aborted');
    expect(signal.checks).toBe(6);
    const pathSignal = abortAfter(50);
    expect(() =>
      elasticNetPath(d.x, d.y, d.n, d.p, { l1Ratio: 1, fitIntercept: true }, { signal: pathSignal }),
    ).toThrow('aborted');
    expect(() =>
      fitElasticNet(
        d.x,
        d.y,
        d.n,
        d.p,
        { alpha: 0.1, l1Ratio: 1, fitIntercept: true },
        { signal: AbortSignal.abort() },
      ),
    ).toThrow();
  });

  it('reports monotone progress ending at 1 when it converges', () => {
    const fractions: number[] = [];
    fitElasticNet(
      d.x,
      d.y,
      d.n,
      d.p,
      { alpha: 0.001, l1Ratio: 0.5, fitIntercept: true, ...precise },
      {
        onProgress: (f) => fractions.push(f),
      },
    );
    expect(fractions.at(-1)).toBe(1);
    for (let k = 1; k < fractions.length; k++)
      expect(fractions[k]!).toBeGreaterThanOrEqual(fractions[k - 1]!);
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
  });

  it('rejects bad options', () => {
    const base = { alpha: 0.1, l1Ratio: 0.5, fitIntercept: true };
    expect(() => fitElasticNet(d.x, d.y, d.n, d.p, { ...base, l1Ratio: 1.5 })).toThrow(RangeError);
    expect(() => fitElasticNet(d.x, d.y, d.n, d.p, { ...base, alpha: Number.NaN })).toThrow(RangeError);
    expect(() => fitElasticNet(d.x, d.y, d.n, d.p, { ...base, maxIter: 0 })).toThrow(RangeError);
    expect(() =>
      fitElasticNet(d.x, d.y, d.n, d.p, { ...base, initialCoefficients: new Float64Array(2) }),
    ).toThrow(RangeError);
    expect(() => elasticNetPath(d.x, d.y, d.n, d.p, { l1Ratio: 0, fitIntercept: true })).toThrow(RangeError);
  });
});
