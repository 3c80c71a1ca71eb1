import { describe, expect, it } from 'vitest';
import { loadClassificationReference } from '../__fixtures__/classification-reference.js';
import { createRng } from '../random/rng.js';
import { chooseCalibration } from './calibration-choice.js';
import { brierScore, calibrationCurve, expectedCalibrationError } from './calibration-metrics.js';
import { fitIsotonic, isotonicCalibrator } from './isotonic-regression.js';
import { fitPlatt } from './platt-scaling.js';

const ref = loadClassificationReference();
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe('Platt scaling', () => {
  it("matches scikit-learn's _sigmoid_calibration to 1e-6 and the exact optimum to 1e-9", () => {
    const c = fitPlatt(ref.platt.score, ref.platt.y);
    const pSk = maxAbs(c.predict(ref.platt.grid), ref.platt.p_sklearn);
    const pEx = maxAbs(c.predict(ref.platt.grid), ref.platt.p_exact);
    console.log(
      `Platt: a = ${c.a}, b = ${c.b}; sklearn (${ref.platt.a}, ${ref.platt.b}); max |Δp| vs sklearn ${pSk.toExponential(2)}, vs exact ${pEx.toExponential(2)}`,
    );
    expect(Math.abs(c.a - ref.platt.a)).toBeLessThan(1e-6);
    expect(Math.abs(c.b - ref.platt.b)).toBeLessThan(1e-6);
    expect(pSk).toBeLessThan(1e-6);
    // Two Newton solutions of the same problem agree to the conditioning of its optimum (sums of 300 terms).
    expect(Math.abs(c.a - ref.platt.a_exact)).toBeLessThan(1e-9);
    expect(Math.abs(c.b - ref.platt.b_exact)).toBeLessThan(1e-9);
    expect(pEx).toBeLessThan(1e-10);
  });

  it('stays finite on separable data (the smoothed targets keep a bounded)', () => {
    const c = fitPlatt([-3, -2, -1, 1, 2, 3], [0, 0, 0, 1, 1, 1]);
    expect(Number.isFinite(c.a) && c.a < 0).toBe(true);
    const p = c.predict([-3, 3]);
    expect(p[0]!).toBeGreaterThan(0);
    expect(p[1]!).toBeLessThan(1);
    expect(() => fitPlatt([], [])).toThrow(RangeError);
    expect(() => fitPlatt([Number.NaN], [1])).toThrow(/score 0/);
  });
});

describe('isotonic regression', () => {
  for (const c of ref.isotonic) {
    it(`matches scikit-learn IsotonicRegression to 1e-12: ${c.name}`, () => {
      const iso = fitIsotonic(c.x, c.y, { weights: c.weight ?? undefined, increasing: c.increasing });
      expect(maxAbs(iso.xThresholds, c.x_thresholds)).toBe(0);
      expect(maxAbs(iso.yThresholds, c.y_thresholds)).toBeLessThan(1e-12);
      expect(maxAbs(iso.predict(c.grid), c.predict)).toBeLessThan(1e-12);
    });
  }

  it('handles a single distinct x, NaN queries and bad input', () => {
    const iso = fitIsotonic([2, 2, 2], [0, 1, 1]);
    expect([...iso.predict([0, 2, 5])]).toEqual([2 / 3, 2 / 3, 2 / 3]);
    expect(iso.predict([Number.NaN])[0]).toBeNaN();
    expect(() => fitIsotonic([1, 2], [0])).toThrow(RangeError);
    expect(() => fitIsotonic([1], [0], { weights: [0] })).toThrow(/positive weight/);
    const restored = isotonicCalibrator(
      Float64Array.from(iso.toJSON().xThresholds),
      Float64Array.from(iso.toJSON().yThresholds),
    );
    expect([...restored.predict([1, 3])]).toEqual([...iso.predict([1, 3])]);
  });
});

describe('Brier score, calibration curve and ECE', () => {
  for (const key of ['calibration', 'calibration_edges'] as const) {
    it(`match scikit-learn brier_score_loss and calibration_curve (10 uniform bins) to 1e-12: ${key}`, () => {
      const c = ref[key];
      expect(Math.abs(brierScore(c.y, c.prob) - c.brier)).toBeLessThan(1e-12);
      const curve = calibrationCurve(c.y, c.prob, 10);
      expect(maxAbs(curve.probTrue, c.prob_true)).toBeLessThan(1e-12);
      expect(maxAbs(curve.probPred, c.prob_pred)).toBeLessThan(1e-12);
    });
  }

  it('ECE is the count-weighted mean gap of the calibration curve; 0 for perfectly calibrated bins', () => {
    expect(expectedCalibrationError([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0);
    // Bins: {0.1 (y 0), 0.1 (y 1)} gap |0.5 − 0.1| = 0.4 weight ½; {0.9, 0.9 both 1} gap 0.1 weight ½.
    expect(expectedCalibrationError([0, 1, 1, 1], [0.1, 0.1, 0.9, 0.9])).toBeCloseTo(0.25, 15);
    expect(brierScore([], [])).toBeNaN();
    expect(() => brierScore([2], [0.5])).toThrow(/label/);
    expect(() => calibrationCurve([1], [1.5])).toThrow(/outside/);
  });
});

describe('calibration chooser', () => {
  /** Scores s ~ N(±1, 1); true P(y = 1 | s) = logistic(2s) (a sigmoid) or a step (isotonic's home ground). */
  function simulate(seed: number, n: number, shape: 'sigmoid' | 'step') {
    const rng = createRng(seed);
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = 3 * rng.next() - 1.5;
      const p =
        shape === 'sigmoid' ? 1 / (1 + Math.exp(-2 * s[i]!)) : s[i]! < -0.5 ? 0.05 : s[i]! < 0.7 ? 0.5 : 0.97;
      y[i] = rng.next() < p ? 1 : 0;
    }
    return { s, y };
  }

  it('picks Platt for sigmoid-distorted scores and isotonic for a step, by held-out Brier', () => {
    for (const [shape, expected] of [
      ['sigmoid', 'sigmoid'],
      ['step', 'isotonic'],
    ] as const) {
      const fit = simulate(1, 400, shape);
      const held = simulate(2, 2000, shape);
      const choice = chooseCalibration({
        fitScores: fit.s,
        fitLabels: fit.y,
        evalScores: held.s,
        evalLabels: held.y,
      });
      const summary = choice.candidates
        .map((c) => `${c.method} Brier ${c.brier.toFixed(4)} ECE ${c.ece.toFixed(4)}`)
        .join(', ');
      console.log(`calibration chooser, ${shape} truth: ${summary} → ${choice.chosen.method}`);
      expect(choice.chosen.method).toBe(expected);
      expect(choice.chosen.brier).toBe(Math.min(...choice.candidates.map((c) => c.brier)));
    }
  });
});
