/**
 * Chooses between Platt and isotonic calibration on held-out rows, because which one is better depends on the
 * amount of data (isotonic overfits small calibration sets) and on how the raw scores are distorted.
 */
import { brierScore, expectedCalibrationError } from './calibration-metrics.js';
import { fitIsotonic, type IsotonicCalibrator } from './isotonic-regression.js';
import { fitPlatt, type PlattCalibrator } from './platt-scaling.js';

export type Calibrator = PlattCalibrator | IsotonicCalibrator;
export type CalibrationMethod = Calibrator['method'];

export interface CalibrationCandidate {
  method: CalibrationMethod;
  calibrator: Calibrator;
  /** On the evaluation rows. */
  brier: number;
  ece: number;
}

export interface CalibrationChoice {
  chosen: CalibrationCandidate;
  candidates: CalibrationCandidate[];
}

export interface CalibrationData {
  /** Rows the calibrators are fitted on: raw scores and 0/1 labels. */
  fitScores: ArrayLike<number>;
  fitLabels: ArrayLike<number>;
  /** Held-out rows they are judged on (never the fit rows, or isotonic always wins). */
  evalScores: ArrayLike<number>;
  evalLabels: ArrayLike<number>;
}

/**
 * Fits both calibrators on the fit rows and scores them on the evaluation rows. Ranking: by `criterion`
 * ('brier', the default: a proper scoring rule, so it cannot be gamed by a constant prediction the way ECE can),
 * the other metric breaking ties within 1e-12 relative, then Platt (two parameters, the simpler model).
 * ECE uses 10 equal-width bins (calibration-metrics.ts). Inputs are not mutated.
 */
export function chooseCalibration(
  data: CalibrationData,
  criterion: 'brier' | 'ece' = 'brier',
): CalibrationChoice {
  const candidates: CalibrationCandidate[] = [
    fitPlatt(data.fitScores, data.fitLabels),
    fitIsotonic(data.fitScores, data.fitLabels),
  ].map((calibrator) => {
    const p = calibrator.predict(data.evalScores);
    return {
      method: calibrator.method,
      calibrator,
      brier: brierScore(data.evalLabels, p),
      ece: expectedCalibrationError(data.evalLabels, p),
    };
  });
  const key = (c: CalibrationCandidate) =>
    (criterion === 'brier' ? [c.brier, c.ece] : [c.ece, c.brier]) as [number, number];
  const better = (a: CalibrationCandidate, b: CalibrationCandidate) => {
    const [a1, a2] = key(a);
    const [b1, b2] = key(b);
    if (Math.abs(a1 - b1) > 1e-12 * Math.max(Math.abs(a1), Math.abs(b1))) return a1 < b1;
    if (Math.abs(a2 - b2) > 1e-12 * Math.max(Math.abs(a2), Math.abs(b2))) return a2 < b2;
    return false; // keep the earlier one: Platt
  };
  const chosen = better(candidates[1]!, candidates[0]!) ? candidates[1]! : candidates[0]!;
  return { chosen, candidates };
}
