import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { normalCdf, normalSf } from '../stats/normal-distribution.js';
import { clopperPearsonInterval, clopperPearsonLower, clopperPearsonUpper } from './clopper-pearson.js';
import {
  npLowerThreshold,
  npRank,
  npUpperThreshold,
  npViolationProbability,
  threeWayLabel,
  threeWayLabels,
} from './neyman-pearson.js';

describe('Clopper–Pearson bounds', () => {
  it('have the closed forms at k = 0 and k = n and the usual textbook values', () => {
    // k = 0: upper bound 1 − (1 − c)^(1/n) ("rule of three" ≈ 3/n at 95 %).
    expect(clopperPearsonUpper(0, 100, 0.95)).toBeCloseTo(1 - 0.05 ** (1 / 100), 14);
    expect(clopperPearsonLower(0, 100, 0.95)).toBe(0);
    expect(clopperPearsonUpper(100, 100, 0.95)).toBe(1);
    expect(clopperPearsonLower(100, 100, 0.95)).toBeCloseTo(0.05 ** (1 / 100), 14);
    // Two-sided 95 % for 5 of 10 (scipy.stats.beta.ppf(0.025, 5, 6) and beta.ppf(0.975, 6, 5)).
    const ci = clopperPearsonInterval(5, 10, 0.95);
    expect(ci.lower).toBeCloseTo(0.18708602844739, 12);
    expect(ci.upper).toBeCloseTo(0.81291397155261, 12);
    expect(() => clopperPearsonUpper(3, 2, 0.95)).toThrow(RangeError);
    expect(() => clopperPearsonUpper(1, 2, 1)).toThrow(RangeError);
  });
});

describe('Neyman–Pearson order-statistic rank (Tong, Feng & Li 2018)', () => {
  it('is the smallest k with P(Bin(n, 1 − α) ≥ k) ≤ δ', () => {
    for (const [n, alpha, delta] of [
      [59, 0.05, 0.05],
      [100, 0.05, 0.05],
      [200, 0.1, 0.01],
      [1000, 0.01, 0.05],
    ] as const) {
      const k = npRank(n, alpha, delta)!;
      expect(npViolationProbability(n, k, alpha)).toBeLessThanOrEqual(delta);
      expect(npViolationProbability(n, k - 1, alpha)).toBeGreaterThan(delta);
    }
    // (1 − α)^n > δ: no order statistic works (n = 58 < log 0.05 / log 0.95 ≈ 58.4).
    expect(npRank(58, 0.05, 0.05)).toBeNull();
    expect(npRank(59, 0.05, 0.05)).toBe(59);
    expect(npViolationProbability(10, 10, 0.2)).toBeCloseTo(0.8 ** 10, 15);
  });

  it('reports an infeasible threshold as +∞ for τ+ and −∞ for τ−', () => {
    const up = npUpperThreshold([0.1, 0.2, 0.3], 0.05, 0.95);
    expect(up.feasible).toBe(false);
    expect(up.threshold).toBe(Number.POSITIVE_INFINITY);
    expect(npLowerThreshold([0.1, 0.2, 0.3], 0.05, 0.95).threshold).toBe(Number.NEGATIVE_INFINITY);
    expect(() => npUpperThreshold([Number.NaN], 0.05, 0.95)).toThrow(/NaN/);
  });

  it('its held-out false-positive count has a Clopper–Pearson upper bound ≤ α', () => {
    const rng = createRng(5);
    const neg = Float64Array.from({ length: 300 }, () => rng.normal());
    const t = npUpperThreshold(neg, 0.05, 0.95);
    expect(t.feasible).toBe(true);
    expect(t.observedErrors).toBe(300 - t.rank!);
    expect(t.errorRateUpperBound).toBeLessThanOrEqual(0.05);
    expect(clopperPearsonUpper(t.observedErrors + 1, 300, 0.95)).toBeGreaterThan(0.05);
  });

  it('three-way rule: P above τ+, N below τ−, gray between; P wins where the regions overlap', () => {
    expect([...threeWayLabels([0.9, 0.1, 0.5, Number.NaN], 0.8, 0.2)]).toEqual([1, 0, -1, -1]);
    expect(threeWayLabel(0.5, 0.4, 0.6)).toBe(1);
    expect(threeWayLabel(0.3, 0.4, 0.6)).toBe(0);
    expect(threeWayLabel(0.8, 0.8, 0.2)).toBe(-1); // strictly above τ+
  });

  it('holds on simulated Gaussian scores: realised FPR > α in at most (1 − confidence) of 200 repetitions', () => {
    // Scores: negatives N(0, 1), positives N(2.5, 1); held-out 150 negatives and 120 positives per repetition.
    // Realised error rates are exact: FPR(τ+) = P(N(0,1) > τ+), FNR(τ−) = P(N(2.5,1) < τ−).
    const alpha = 0.05;
    const beta = 0.1;
    const confidence = 0.95;
    const reps = 200;
    const rng = createRng(2018);
    let fprExceed = 0;
    let fnrExceed = 0;
    let gray = 0;
    let tPlus = null as ReturnType<typeof npUpperThreshold> | null;
    let tMinus = null as ReturnType<typeof npLowerThreshold> | null;
    for (let r = 0; r < reps; r++) {
      const neg = Float64Array.from({ length: 150 }, () => rng.normal());
      const pos = Float64Array.from({ length: 120 }, () => 2.5 + rng.normal());
      tPlus = npUpperThreshold(neg, alpha, confidence);
      tMinus = npLowerThreshold(pos, beta, confidence);
      if (normalSf(tPlus.threshold) > alpha) fprExceed++;
      if (normalCdf(tMinus.threshold - 2.5) > beta) fnrExceed++;
      // Share of a balanced population left gray.
      gray +=
        0.5 * Math.max(0, normalCdf(tPlus.threshold) - normalCdf(tMinus.threshold)) +
        0.5 * Math.max(0, normalCdf(tPlus.threshold - 2.5) - normalCdf(tMinus.threshold - 2.5));
    }
    const allowed = Math.round((1 - confidence) * reps);
    console.log(
      `NP thresholds over ${reps} repetitions: FPR > α=${alpha} in ${fprExceed} (allowed ${allowed}; exact violation probability v(k=${tPlus!.rank}) = ` +
        `${tPlus!.violationProbability.toFixed(4)}), FNR > β=${beta} in ${fnrExceed} (v(k=${tMinus!.rank}) = ${tMinus!.violationProbability.toFixed(4)}); ` +
        `mean gray share ${(gray / reps).toFixed(3)}`,
    );
    expect(fprExceed).toBeLessThanOrEqual(allowed);
    expect(fnrExceed).toBeLessThanOrEqual(allowed);
  });
});
