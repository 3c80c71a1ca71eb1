import { describe, expect, it } from 'vitest';
import { ClassificationBlock } from '../../../src-shared/models/classification-block.js';
import { createRng } from '../random/rng.js';
import { normalSf } from '../stats/normal-distribution.js';
import { classificationBlockOf, classifyRows, restoreClassificationBlock } from './classification-block.js';
import { crossFittedCalibration } from './cross-fitted-calibration.js';
import { applyDecisionLayer, fitDecisionLayer } from './decision-layer.js';

const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));

/** Raw scores s ~ N(0, 1) for negatives and N(shift, 1) for positives, reported as P = σ(s); random inner folds. */
function simulate(nNeg: number, nPos: number, shift: number, seed: number) {
  const rng = createRng(seed);
  const n = nNeg + nPos;
  const s = Float64Array.from({ length: n }, (_, i) => rng.normal() + (i >= nNeg ? shift : 0));
  return {
    scores: s.map(sigmoid),
    labels: Float64Array.from({ length: n }, (_, i) => (i >= nNeg ? 1 : 0)),
    fold: Int32Array.from({ length: n }, () => rng.int(5)),
  };
}

describe('decision layer', () => {
  it('the NP threshold holds: population FPR > α in at most 1 − confidence of 200 repetitions', () => {
    const alpha = 0.05;
    const confidence = 0.95;
    const reps = 200;
    let violations = 0;
    let infeasible = 0;
    const fprs: number[] = [];
    for (let r = 0; r < reps; r++) {
      const d = simulate(150, 90, 1.5, 1000 + r);
      const layer = fitDecisionLayer({
        ...d,
        alpha,
        beta: 0.1,
        confidence,
        numeric: null,
        oodQuantile: 0.99,
        seed: r,
      });
      if (!layer.tauPos.feasible) {
        infeasible++;
        continue;
      }
      // Population FPR of "calibrated(σ(s)) > τ+" for s ~ N(0, 1): the calibrator is non-decreasing, so the rule
      // is s > s* with s* the smallest raw score it calls positive (bisection), and FPR = P(N(0,1) > s*).
      const positive = (s: number) => layer.calibrator.predict([sigmoid(s)])[0]! > layer.tauPosValue;
      let lo = -12;
      let hi = 12;
      if (!positive(hi)) {
        fprs.push(0);
        continue;
      }
      for (let k = 0; k < 100; k++) {
        const mid = (lo + hi) / 2;
        if (positive(mid)) hi = mid;
        else lo = mid;
      }
      const fpr = normalSf(hi);
      fprs.push(fpr);
      if (fpr > alpha) violations++;
    }
    const mean = fprs.reduce((a, b) => a + b, 0) / fprs.length;
    console.log(
      `NP threshold (150 negatives, α = ${alpha}, confidence ${confidence}): population FPR > α in ${violations}/${reps} repetitions (allowed ${Math.round(reps * (1 - confidence))}), mean FPR ${mean.toFixed(4)}, infeasible ${infeasible}`,
    );
    expect(infeasible).toBe(0);
    expect(violations).toBeLessThanOrEqual(reps * (1 - confidence));
  });

  it('too few negatives for the guarantee: no P verdict (τ+ = 1), and P never wins over gray', () => {
    const d = simulate(40, 40, 2, 3); // (1 − 0.05)^40 > 0.05: infeasible
    const layer = fitDecisionLayer({
      ...d,
      alpha: 0.05,
      beta: 0.05,
      confidence: 0.95,
      numeric: null,
      oodQuantile: 0.99,
      seed: 1,
    });
    expect(layer.tauPos.feasible).toBe(false);
    expect(layer.tauPosValue).toBe(1);
    const v = applyDecisionLayer(layer, d.scores, null);
    expect(v.decision.every((x) => x !== 1)).toBe(true);
  });

  it('cross-fitted calibration picks isotonic for badly shaped scores and Platt for logistic ones', () => {
    const rng = createRng(5);
    const n = 2000;
    const labels = Float64Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const fold = Int32Array.from({ length: n }, () => rng.int(5));
    // Logistic in the score: Platt is the true model.
    const logistic = labels.map((y) => sigmoid(2 * (y - 0.5) + rng.normal()));
    expect(crossFittedCalibration(logistic, labels, fold).method).toBe('sigmoid');
    // A step: positives' scores in a narrow band in the middle, negatives on both sides (non-monotone in log-odds
    // for Platt, a plain step for isotonic after ranking).
    const step = labels.map((y) =>
      y === 1 ? 0.5 + 0.01 * rng.next() : rng.next() < 0.5 ? 0.1 * rng.next() : 0.45 + 0.05 * rng.next(),
    );
    const c = crossFittedCalibration(step, labels, fold);
    expect(c.method).toBe('isotonic');
    expect(c.candidates[1]!.brier).toBeLessThan(c.candidates[0]!.brier);
  });

  it('a gate on the numeric features flags far rows; the block round-trips and gives the same verdicts', () => {
    const d = simulate(200, 120, 1.5, 9);
    const rng = createRng(2);
    const n = d.scores.length;
    const x = Float64Array.from({ length: 2 * n }, () => rng.normal());
    const numeric = { names: ['回転速度', 'feed'], x, n };
    const layer = fitDecisionLayer({
      ...d,
      alpha: 0.05,
      beta: 0.1,
      confidence: 0.95,
      numeric,
      oodQuantile: 0.99,
      seed: 4,
    });
    expect(layer.gate).not.toBeNull();
    const block = classificationBlockOf(
      layer,
      numeric.names,
      { positive: 'NG', negative: 'OK' },
      { alpha: 0.05, beta: 0.1, confidence: 0.95 },
    );
    const parsed = ClassificationBlock.parse(JSON.parse(JSON.stringify(block)));
    expect(parsed).toEqual(block);
    const newRows = { names: numeric.names, x: Float64Array.from([0, 8, 0.1, 0]), n: 2 };
    const raw = Float64Array.from([0.9, 0.9]);
    const direct = applyDecisionLayer(layer, raw, newRows);
    const restored = classifyRows(restoreClassificationBlock(parsed), raw, {
      回転速度: Float64Array.from([0, 8]),
      feed: Float64Array.from([0.1, 0]),
    });
    expect(Array.from(direct.ood!)).toEqual([0, 1]);
    expect(restored).toEqual(direct);
    expect(direct.decision[1]).toBe(-1);
  });
});
