import { describe, expect, it } from 'vitest';
import { fitOls } from '../linear/ols.js';
import { createRng } from '../random/rng.js';
import { olsCandidate, olsLearner, selectRows, selectValues, type LinearModel } from './learner.js';

describe('olsLearner', () => {
  const rng = createRng(4);
  const n = 30;
  const p = 3;
  const x = new Float64Array(n * p);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = 1.5 + 2 * x[i]! - x[i + n]! + 0.5 * x[i + 2 * n]! + 0.1 * rng.normal();

  it('adds the intercept and reproduces fitOls on [1 | x]', () => {
    const model = olsLearner.fit(x, y, n, p, {}) as LinearModel;
    const design = new Float64Array(n * (p + 1));
    design.fill(1, 0, n);
    design.set(x, n);
    const ref = fitOls({
      n,
      p: p + 1,
      x: design,
      y,
      terms: ['(Intercept)', 'a', 'b', 'c'],
      hasIntercept: true,
    });
    expect(model.intercept).toBe(ref.coefficients[0]!.estimate);
    expect(Array.from(model.coefficients)).toEqual(ref.coefficients.slice(1).map((c) => c.estimate));
    const pred = model.predict(x, n, p);
    for (let i = 0; i < n; i++) expect(Math.abs(pred[i]! - ref.fitted[i]!)).toBeLessThan(1e-12);
    expect(olsCandidate()).toEqual({ learner: olsLearner, grid: [{}] });
  });

  it('gives aliased columns a zero coefficient and still predicts', () => {
    const dup = new Float64Array(n * 2);
    dup.set(x.subarray(0, n), 0);
    dup.set(x.subarray(0, n), n); // identical columns
    const model = olsLearner.fit(dup, y, n, 2, {}) as LinearModel;
    expect(model.coefficients.filter((b) => b === 0).length).toBe(1);
    expect(model.predict(dup, n, 2).every(Number.isFinite)).toBe(true);
  });

  it('predict checks the shape', () => {
    const model = olsLearner.fit(x, y, n, p, {});
    expect(() => model.predict(x, n, 2)).toThrow(RangeError);
    expect(() => model.predict(x.subarray(1), n, p)).toThrow(RangeError);
  });
});

describe('selectRows / selectValues', () => {
  it('copy the requested rows of a column-major matrix, in the requested order', () => {
    // 3×2: column 0 = 1, 2, 3; column 1 = 10, 20, 30
    const x = Float64Array.from([1, 2, 3, 10, 20, 30]);
    expect(Array.from(selectRows(x, 3, 2, Int32Array.from([2, 0])))).toEqual([3, 1, 30, 10]);
    expect(Array.from(selectValues(Float64Array.from([5, 6, 7]), Int32Array.from([1])))).toEqual([6]);
  });
});
