import { describe, expect, it } from 'vitest';
import {
  compareFit,
  loadRegularizedReference,
  regularizedDataset,
} from '../__fixtures__/regularized-reference.js';
import type { AbortSignalLike } from '../linear/ols.js';
import { ConvergenceError } from './convergence-error.js';
import { fitLogistic, predictProbabilities, sigmoid } from './logistic.js';

const ref = loadRegularizedReference();

function maxRelative(actual: Float64Array, expected: readonly number[]): number {
  let worst = 0;
  expected.forEach((e, i) => {
    worst = Math.max(worst, Math.abs(actual[i]! - e) / Math.abs(e));
  });
  return worst;
}

function column(values: number[][]): { x: Float64Array; n: number; p: number } {
  const n = values[0]!.length;
  const x = new Float64Array(n * values.length);
  values.forEach((c, j) => x.set(c, j * n));
  return { x, n, p: values.length };
}

describe('fitLogistic L2 against scikit-learn LogisticRegression(penalty="l2")', () => {
  it.each(ref.logistic_l2.map((c) => [`${c.dataset} C=${c.C}`, c] as const))('%s', (_name, c) => {
    const d = regularizedDataset(ref, c.dataset);
    const fit = fitLogistic(d.x, d.y, d.n, d.p, { penalty: 'l2', C: c.C });
    expect(fit.converged).toBe(true);
    expect(fit.nIter).toBeLessThan(15);
    // Newton-Cholesky reference (within 3e-12 of the exact optimum).
    expect(compareFit(fit, c.intercept, c.coef).maxRelative).toBeLessThan(1e-6);
    const proba = predictProbabilities(fit, d.x, d.n, d.p);
    expect(maxRelative(proba, c.proba)).toBeLessThan(1e-8);
    // lbfgs with tol=1e-12 still stops on scipy's default ftol (≈2.2e-9 relative change of the objective),
    // which leaves it up to 3.1e-4 away from the optimum: only a loose check is meaningful.
    expect(compareFit(fit, c.lbfgs_intercept, c.lbfgs_coef).maxRelative).toBeLessThan(1e-3);
    expect(fit.inference).toBeUndefined();
  });
});

describe('fitLogistic elastic net against scikit-learn LogisticRegression(penalty="elasticnet", solver="saga")', () => {
  it.each(ref.logistic_enet.map((c) => [`${c.dataset} C=${c.C} l1=${c.l1_ratio}`, c] as const))(
    '%s',
    (_name, c) => {
      const d = regularizedDataset(ref, c.dataset);
      const fit = fitLogistic(d.x, d.y, d.n, d.p, { penalty: 'elasticnet', C: c.C, l1Ratio: c.l1_ratio });
      expect(fit.converged).toBe(true);
      expect(fit.nIter).toBeLessThan(20);
      // saga (tol 1e-12) is within 3.2e-10 of the exact optimum here.
      const cmp = compareFit(fit, c.intercept, c.coef);
      expect(cmp.maxRelative).toBeLessThan(1e-6);
      expect(cmp.maxAbsoluteAtZeros).toBeLessThanOrEqual(1e-9);
      expect(cmp.zeroPatternMatches).toBe(true);
      expect(maxRelative(predictProbabilities(fit, d.x, d.n, d.p), c.proba)).toBeLessThan(1e-8);
    },
  );

  it('with l1Ratio 0 equals the L2 fit', () => {
    const d = regularizedDataset(ref, 'deburring');
    const enet = fitLogistic(d.x, d.y, d.n, d.p, { penalty: 'elasticnet', C: 1, l1Ratio: 0 });
    const l2 = fitLogistic(d.x, d.y, d.n, d.p, { penalty: 'l2', C: 1 });
    expect(compareFit(enet, l2.intercept, Array.from(l2.coefficients)).maxRelative).toBeLessThan(1e-10);
  });
});

describe('fitLogistic unpenalised against statsmodels Logit', () => {
  it.each(ref.logit.map((c) => [c.dataset, c] as const))('%s', (_name, c) => {
    const d = regularizedDataset(ref, c.dataset);
    const fit = fitLogistic(d.x, d.y, d.n, d.p, { penalty: 'none' });
    expect(fit.converged).toBe(true);
    const inf = fit.inference!;
    expect(maxRelative(inf.estimates, c.params)).toBeLessThan(1e-10);
    expect(maxRelative(inf.standardErrors, c.bse)).toBeLessThan(1e-10);
    expect(maxRelative(inf.z, c.zvalues)).toBeLessThan(1e-10);
    expect(maxRelative(inf.pValues, c.pvalues)).toBeLessThan(1e-10);
    expect(Math.abs(inf.logLikelihood - c.llf) / Math.abs(c.llf)).toBeLessThan(1e-12);
    expect(maxRelative(predictProbabilities(fit, d.x, d.n, d.p), c.proba)).toBeLessThan(1e-8);
    expect(inf.estimates[0]).toBe(fit.intercept);
    const k = inf.estimates.length;
    for (let u = 0; u < k; u++) {
      for (let v = 0; v < k; v++)
        expect(inf.covariance[u + v * k]).toBeCloseTo(inf.covariance[v + u * k]!, 14);
    }
  });
});

describe('fitLogistic separation and edge cases', () => {
  const cases: [string, number[][], number[]][] = [
    ['complete separation in one predictor', [[1, 2, 3, 4, 5, 6]], [0, 0, 0, 1, 1, 1]],
    ['quasi-complete separation (a tie at the boundary)', [[1, 2, 3, 3, 4, 5]], [0, 0, 0, 1, 1, 1]],
    [
      'quasi-complete separation by a binary factor',
      [
        [0, 0, 0, 1, 1, 1],
        [1, 0, 0, 0, 1, 1],
      ],
      [0, 1, 0, 1, 1, 1],
    ],
  ];

  it.each(cases)(
    '%s: unpenalised throws ConvergenceError; penalised fits stay finite',
    (_name, cols, labels) => {
      const { x, n, p } = column(cols);
      const y = Float64Array.from(labels);
      let error: unknown;
      try {
        fitLogistic(x, y, n, p, { penalty: 'none' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConvergenceError);
      expect((error as ConvergenceError).message).toMatch(/separated/);
      expect((error as ConvergenceError).code).toBe('ZS_ERR_CONVERGENCE');
      for (const options of [
        { penalty: 'l2', C: 10 },
        { penalty: 'elasticnet', C: 10, l1Ratio: 0.5 },
      ] as const) {
        const fit = fitLogistic(x, y, n, p, options);
        expect(fit.converged).toBe(true);
        expect(Number.isFinite(fit.intercept) && fit.coefficients.every(Number.isFinite)).toBe(true);
      }
    },
  );

  it('rejects labels other than 0/1, a single class, and (unpenalised) collinear columns', () => {
    const { x, n, p } = column([[1, 2, 3, 4]]);
    expect(() => fitLogistic(x, Float64Array.of(0, 1, 2, 1), n, p, { penalty: 'l2' })).toThrow(RangeError);
    expect(() => fitLogistic(x, Float64Array.of(0, 1, Number.NaN, 1), n, p, { penalty: 'l2' })).toThrow(
      RangeError,
    );
    expect(() => fitLogistic(x, Float64Array.of(1, 1, 1, 1), n, p, { penalty: 'l2' })).toThrow(RangeError);
    expect(() => fitLogistic(x, Float64Array.of(0, 1, 0, 1), n, p, { penalty: 'elasticnet' })).toThrow(
      RangeError,
    );
    expect(() => fitLogistic(x, Float64Array.of(0, 1, 0, 1), n, p, { penalty: 'l2', C: 0 })).toThrow(
      RangeError,
    );
    const twice = column([
      [1, 2, 3, 4, 5],
      [2, 4, 6, 8, 10],
    ]);
    expect(() => fitLogistic(twice.x, Float64Array.of(0, 1, 0, 1, 1), 5, 2, { penalty: 'none' })).toThrow(
      RangeError,
    );
    // Penalised fits of the same collinear design are fine.
    const fit = fitLogistic(twice.x, Float64Array.of(0, 1, 0, 1, 1), 5, 2, { penalty: 'l2' });
    expect(fit.coefficients.every(Number.isFinite)).toBe(true);
  });

  it('fits without an intercept when asked', () => {
    const d = regularizedDataset(ref, 'binary');
    const fit = fitLogistic(d.x, d.y, d.n, d.p, { penalty: 'none', fitIntercept: false });
    expect(fit.intercept).toBe(0);
    expect(fit.inference!.estimates.length).toBe(d.p);
    expect(fit.converged).toBe(true);
  });

  it('checks the signal once per Newton step and reports monotone progress', () => {
    const d = regularizedDataset(ref, 'deburring');
    let checks = 0;
    const signal: AbortSignalLike = {
      get aborted() {
        return checks >= 2;
      },
      throwIfAborted() {
        checks++;
        if (checks > 2) throw new Error('aborted');
      },
    };
    expect(() => fitLogistic(d.x, d.y, d.n, d.p, { penalty: 'l2' }, { signal })).toThrow('aborted');
    expect(checks).toBe(3);
    expect(() =>
      fitLogistic(
        d.x,
        d.y,
        d.n,
        d.p,
        { penalty: 'elasticnet', l1Ratio: 0.5 },
        { signal: AbortSignal.abort() },
      ),
    ).toThrow();
    const fractions: number[] = [];
    fitLogistic(d.x, d.y, d.n, d.p, { penalty: 'none' }, { onProgress: (f) => fractions.push(f) });
    expect(fractions.at(-1)).toBe(1);
    for (let k = 1; k < fractions.length; k++) expect(fractions[k]!).toBeGreaterThan(fractions[k - 1]!);
  });

  it('sigmoid is accurate in both tails and handles ±0, ±∞', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-0)).toBe(0.5);
    expect(sigmoid(Number.POSITIVE_INFINITY)).toBe(1);
    expect(sigmoid(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(sigmoid(-745)).toBeGreaterThan(0);
    expect(Math.abs(sigmoid(-40) - Math.exp(-40)) / Math.exp(-40)).toBeLessThan(1e-15);
  });
});
