/**
 * Chooses and fits a probability calibration from cross-validated scores only: each inner fold's rows judge
 * calibrators fitted on the other folds' rows (so isotonic's flexibility is not rewarded for memorising), and
 * the chosen method is then refitted on every row — the calibration a classifier trained on these rows gets.
 */
import { chooseCalibration, type CalibrationMethod, type Calibrator } from './calibration-choice.js';
import { fitIsotonic } from './isotonic-regression.js';
import { fitPlatt } from './platt-scaling.js';

export interface CalibrationScore {
  method: CalibrationMethod;
  /** Row-weighted means over the inner folds of each fold's held-out Brier score and ECE (10 bins). */
  brier: number;
  ece: number;
}

export interface CrossFittedCalibration {
  method: CalibrationMethod;
  /** The chosen method fitted on all rows. */
  calibrator: Calibrator;
  candidates: CalibrationScore[];
}

/**
 * scores: raw out-of-fold scores (higher = more positive), labels 0/1, fold: each row's fold (≥ 2 folds); none
 * mutated. Ranking as chooseCalibration: lower Brier, then lower ECE (within 1e-12 relative), then Platt. With a
 * single fold the choice is Platt (nothing held out to judge isotonic on).
 */
export function crossFittedCalibration(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  fold: ArrayLike<number>,
): CrossFittedCalibration {
  const n = scores.length;
  if (labels.length !== n || fold.length !== n)
    throw new RangeError(
      `crossFittedCalibration: ${n} scores, ${labels.length} labels, ${fold.length} folds`,
    );
  const folds = [...new Set(Array.from(fold))].sort((a, b) => a - b);
  const sums = { sigmoid: { brier: 0, ece: 0 }, isotonic: { brier: 0, ece: 0 } };
  let weight = 0;
  if (folds.length >= 2) {
    for (const f of folds) {
      const fit: number[] = [];
      const held: number[] = [];
      for (let i = 0; i < n; i++) (fold[i] === f ? held : fit).push(i);
      const choice = chooseCalibration({
        fitScores: fit.map((i) => scores[i]!),
        fitLabels: fit.map((i) => labels[i]!),
        evalScores: held.map((i) => scores[i]!),
        evalLabels: held.map((i) => labels[i]!),
      });
      for (const c of choice.candidates) {
        sums[c.method].brier += c.brier * held.length;
        sums[c.method].ece += c.ece * held.length;
      }
      weight += held.length;
    }
  }
  const candidates: CalibrationScore[] = (['sigmoid', 'isotonic'] as const).map((method) => ({
    method,
    brier: weight > 0 ? sums[method].brier / weight : Number.NaN,
    ece: weight > 0 ? sums[method].ece / weight : Number.NaN,
  }));
  const [platt, iso] = candidates as [CalibrationScore, CalibrationScore];
  const differs = (a: number, b: number) => Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  const isotonicWins =
    weight > 0 &&
    (differs(iso.brier, platt.brier)
      ? iso.brier < platt.brier
      : differs(iso.ece, platt.ece) && iso.ece < platt.ece);
  const calibrator = isotonicWins ? fitIsotonic(scores, labels) : fitPlatt(scores, labels);
  return { method: calibrator.method, calibrator, candidates };
}
