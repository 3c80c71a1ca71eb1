import { describe, expect, it } from 'vitest';
import { loadClassificationReference } from '../__fixtures__/classification-reference.js';
import { rocAuc } from '../model-selection/metrics.js';
import { binaryScores, confusionMatrix } from './binary-metrics.js';
import { averagePrecision, precisionRecallCurve, rocCurve } from './curves.js';

const ref = loadClassificationReference();
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe('classification metrics vs scikit-learn (to 1e-12)', () => {
  for (const c of ref.metrics) {
    it(`hard-label scores and confusion matrix: ${c.name}`, () => {
      const s = binaryScores(c.y, c.pred);
      expect(Math.abs(s.accuracy - c.accuracy)).toBeLessThan(1e-12);
      expect(Math.abs(s.balancedAccuracy - c.balanced_accuracy)).toBeLessThan(1e-12);
      expect(Math.abs(s.precision - c.precision)).toBeLessThan(1e-12);
      expect(Math.abs(s.recall - c.recall)).toBeLessThan(1e-12);
      expect(Math.abs(s.f1 - c.f1)).toBeLessThan(1e-12);
      expect([
        [s.confusion.tn, s.confusion.fp],
        [s.confusion.fn, s.confusion.tp],
      ]).toEqual(c.confusion);
    });

    it(`ROC-AUC (model-selection/metrics.ts), average precision and curves, ties included: ${c.name}`, () => {
      expect(Math.abs(rocAuc(c.y, c.score) - c.roc_auc)).toBeLessThan(1e-12);
      expect(Math.abs(averagePrecision(c.y, c.score) - c.average_precision)).toBeLessThan(1e-12);
      for (const [drop, r] of [
        [true, c.roc_drop],
        [false, c.roc_all],
      ] as const) {
        const roc = rocCurve(c.y, c.score, drop);
        expect(maxAbs(roc.fpr, r.fpr)).toBeLessThan(1e-12);
        expect(maxAbs(roc.tpr, r.tpr)).toBeLessThan(1e-12);
        // scikit-learn 1.2 puts max score + 1 first; we put +∞ (scikit-learn ≥ 1.3). The rest are the scores.
        expect(roc.thresholds[0]).toBe(Number.POSITIVE_INFINITY);
        expect(maxAbs(roc.thresholds.subarray(1), r.thresholds.slice(1))).toBe(0);
      }
      const pr = precisionRecallCurve(c.y, c.score);
      expect(maxAbs(pr.precision, c.pr.precision)).toBeLessThan(1e-12);
      expect(maxAbs(pr.recall, c.pr.recall)).toBeLessThan(1e-12);
      expect(maxAbs(pr.thresholds, c.pr.thresholds)).toBe(0);
    });
  }

  it('names the edge cases: zero division → 0, one class, empty input, bad labels', () => {
    const none = binaryScores([0, 0, 1], [0, 0, 0]);
    expect(none.precision).toBe(0);
    expect(none.f1).toBe(0);
    expect(none.balancedAccuracy).toBe(0.5);
    expect(binaryScores([1, 1], [1, 0]).balancedAccuracy).toBe(0.5); // only the positive class's recall
    expect(binaryScores([], []).accuracy).toBeNaN();
    expect(() => confusionMatrix([2], [1])).toThrow(/row 0/);
    const oneClass = rocCurve([1, 1, 1], [0.1, 0.5, 0.9]);
    expect(oneClass.fpr.every((v) => Number.isNaN(v))).toBe(true);
    expect(averagePrecision([0, 0], [0.2, 0.4])).toBe(0);
    expect(() => rocCurve([0, 1], [0, Number.NaN])).toThrow(/score 1/);
  });
});
