import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { accuracy, logLoss, mae, r2, regressionScore, rmse, rocAuc } from './metrics.js';

describe('regression metrics: a hand-checkable case', () => {
  // errors 0.5, 0, 1, −1 → |e| sum 2.5, e² sum 2.25; mean y = 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5.
  const y = Float64Array.from([1, 2, 3, 4]);
  const pred = Float64Array.from([1.5, 2, 2, 5]);
  it('mae, rmse, r2', () => {
    expect(mae(y, pred)).toBe(0.625);
    expect(rmse(y, pred)).toBe(0.75);
    expect(r2(y, pred)).toBe(1 - 2.25 / 5);
    expect(regressionScore('mae', y, pred)).toBe(0.625);
    expect(regressionScore('rmse', y, pred)).toBe(0.75);
  });
  it('r2 is 1 for a perfect fit, 0 for the mean, negative when worse than the mean', () => {
    expect(r2(y, y)).toBe(1);
    expect(r2(y, Float64Array.from([2.5, 2.5, 2.5, 2.5]))).toBe(0);
    expect(r2(y, Float64Array.from([4, 3, 2, 1]))).toBe(1 - 20 / 5);
  });
  it('special values: empty input and constant y give NaN; mismatched lengths throw', () => {
    const empty = new Float64Array(0);
    expect(mae(empty, empty)).toBeNaN();
    expect(rmse(empty, empty)).toBeNaN();
    expect(r2(empty, empty)).toBeNaN();
    expect(r2(Float64Array.from([3, 3]), Float64Array.from([3, 4]))).toBeNaN();
    expect(() => mae(y, Float64Array.from([1]))).toThrow(RangeError);
  });
});

describe('binary metrics', () => {
  it('accuracy with the 0.5 threshold (≥ counts as 1) and a custom threshold', () => {
    const y = [1, 0, 1, 0, 1];
    const p = [0.9, 0.5, 0.4, 0.1, 0.5];
    // predicted 1, 1, 0, 0, 1 → hits at 0, 3, 4
    expect(accuracy(y, p)).toBe(3 / 5);
    expect(accuracy(y, p, 0.45)).toBe(3 / 5);
    expect(accuracy(y, p, 0.3)).toBe(4 / 5); // predicted 1, 1, 1, 0, 1 → hits at 0, 2, 3, 4
    expect(accuracy(y, y)).toBe(1);
    expect(() => accuracy([0.5], [1])).toThrow(RangeError);
  });

  it('log loss by hand, with clipping of confident misses', () => {
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 15);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 10);
    expect(Number.isFinite(logLoss([0], [1]))).toBe(true);
    expect(() => logLoss([2], [0.5])).toThrow(RangeError);
  });

  it('roc_auc by hand, with ties', () => {
    // positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4) (0.8>0.1) (0.4=0.4 → ½) (0.4>0.1) → 3.5/4
    expect(rocAuc([1, 1, 0, 0], [0.8, 0.4, 0.4, 0.1])).toBe(3.5 / 4);
    expect(rocAuc([1, 0], [1, 0])).toBe(1);
    expect(rocAuc([1, 0], [0, 1])).toBe(0);
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
    expect(rocAuc([], [])).toBeNaN();
  });

  it('roc_auc equals a brute-force pair count on random data with many ties', () => {
    const rng = createRng(17);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + rng.int(200);
      const y = Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
      y[0] = 1;
      y[1] = 0;
      const s = Array.from({ length: n }, () => rng.int(10) / 10); // 10 distinct values: ties everywhere
      let wins = 0;
      let pairs = 0;
      for (let i = 0; i < n; i++) {
        if (y[i] !== 1) continue;
        for (let j = 0; j < n; j++) {
          if (y[j] !== 0) continue;
          pairs++;
          wins += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
      }
      expect(Math.abs(rocAuc(y, s) - wins / pairs)).toBeLessThan(1e-14);
    }
  });
});
