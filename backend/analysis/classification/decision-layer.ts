/**
 * What turns a fitted binary classifier's raw P(y = 1) into the classification job's verdicts, fitted from
 * cross-validated scores of the training rows only: calibration (cross-fitted choice of Platt or isotonic), the
 * Neyman–Pearson thresholds τ+ (FPR ≤ α) and τ− (FNR ≤ β) on the calibrated scores, and the robust Mahalanobis
 * out-of-distribution gate on the numeric features. The same layer serves each outer fold and the final model.
 *
 * Documented choices:
 * - Thresholds are set on the calibrated OOF scores of the training rows: τ+ from the negatives, τ− from the
 *   positives. The guarantee (FPR ≤ α with probability ≥ confidence) holds for the model those scores came from;
 *   applying it to the model refitted on all training rows assumes the refit ranks new rows as the fold models did
 *   (cross-fitting, as scikit-learn's CalibratedClassifierCV(ensemble=False)). The job measures the realised FPR on
 *   held-out negatives in every outer fold to check that assumption.
 * - Infeasible thresholds (too few rows of a class) become 1 (τ+: no P verdict) and 0 (τ−: no N verdict): on
 *   calibrated probabilities in [0, 1] these mean exactly "never", and stay finite in JSON.
 * - The gate reads the numeric features that vary in the training rows and are complete there (a constant column
 *   has no covariance); rows with a missing value among them are out of distribution. If FAST-MCD finds no
 *   non-singular h-subset (discrete factor levels can put half the rows on a hyperplane) the full-support
 *   estimate is tried; if that fails too there is no gate and `gateProblem` says why.
 * Inputs are not mutated; column-major matrices.
 */
import type { Calibrator } from './calibration-choice.js';
import { crossFittedCalibration, type CrossFittedCalibration } from './cross-fitted-calibration.js';
import { npLowerThreshold, npUpperThreshold, threeWayLabel, type NpThreshold } from './neyman-pearson.js';
import { fitOodGate, type OodGate } from './ood-gate.js';

export interface NumericColumns {
  names: readonly string[];
  /** Column-major n×names.length, NaN = missing. */
  x: Float64Array;
  n: number;
}

export interface DecisionLayerInput {
  /** Raw inner-OOF P(y = 1) of the training rows, their 0/1 labels and inner folds. */
  scores: Float64Array;
  labels: Float64Array;
  fold: Int32Array;
  alpha: number;
  beta: number;
  confidence: number;
  /** The training rows' numeric features (the gate's candidates); null for no gate. */
  numeric: NumericColumns | null;
  oodQuantile: number;
  seed: number;
}

export interface DecisionLayer {
  calibration: CrossFittedCalibration;
  calibrator: Calibrator;
  tauPos: NpThreshold;
  tauNeg: NpThreshold;
  /** The thresholds as applied, in probability units (1 / 0 when infeasible). */
  tauPosValue: number;
  tauNegValue: number;
  gate: OodGate | null;
  /** Indices into `numeric.names` the gate reads. */
  gateColumns: number[];
  gateProblem: string | null;
}

function gateOf(input: DecisionLayerInput): Pick<DecisionLayer, 'gate' | 'gateColumns' | 'gateProblem'> {
  const num = input.numeric;
  if (!num || num.names.length === 0)
    return { gate: null, gateColumns: [], gateProblem: 'no numeric feature' };
  const { n, x } = num;
  const columns: number[] = [];
  for (let j = 0; j < num.names.length; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    let complete = true;
    for (let i = 0; i < n; i++) {
      const v = x[i + j * n]!;
      if (!Number.isFinite(v)) complete = false;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (complete && hi > lo) columns.push(j);
  }
  const p = columns.length;
  if (p === 0) return { gate: null, gateColumns: [], gateProblem: 'no numeric feature varies' };
  if (n <= p + 1)
    return { gate: null, gateColumns: columns, gateProblem: `${n} rows for ${p} numeric features` };
  const sub = new Float64Array(n * p);
  columns.forEach((j, k) => sub.set(x.subarray(j * n, (j + 1) * n), k * n));
  let problem = '';
  for (const supportFraction of [undefined, 1]) {
    try {
      const gate = fitOodGate(sub, n, p, {
        quantile: input.oodQuantile,
        seed: input.seed,
        ...(supportFraction !== undefined ? { supportFraction } : {}),
      });
      return { gate, gateColumns: columns, gateProblem: null };
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      problem = err.message;
    }
  }
  return { gate: null, gateColumns: columns, gateProblem: problem };
}

export function fitDecisionLayer(input: DecisionLayerInput): DecisionLayer {
  const calibration = crossFittedCalibration(input.scores, input.labels, input.fold);
  const calibrated = calibration.calibrator.predict(input.scores);
  const neg: number[] = [];
  const pos: number[] = [];
  calibrated.forEach((p, i) => (input.labels[i] === 1 ? pos : neg).push(p));
  const tauPos = npUpperThreshold(neg, input.alpha, input.confidence);
  const tauNeg = npLowerThreshold(pos, input.beta, input.confidence);
  return {
    calibration,
    calibrator: calibration.calibrator,
    tauPos,
    tauNeg,
    tauPosValue: tauPos.feasible ? tauPos.threshold : 1,
    tauNegValue: tauNeg.feasible ? tauNeg.threshold : 0,
    ...gateOf(input),
  };
}

export interface Verdicts {
  probability: Float64Array;
  /** 1 = P, 0 = N, −1 = gray. */
  decision: Int8Array;
  /** 1 = out of distribution; null without a gate. */
  ood: Uint8Array | null;
}

/** Verdicts for m new rows from their raw P(y = 1) and numeric features (same names/order as when fitted). */
export function applyDecisionLayer(
  layer: DecisionLayer,
  raw: Float64Array,
  numeric: NumericColumns | null,
): Verdicts {
  const probability = layer.calibrator.predict(raw);
  let ood: Uint8Array | null = null;
  if (layer.gate && numeric) {
    const m = numeric.n;
    const sub = new Float64Array(m * layer.gateColumns.length);
    layer.gateColumns.forEach((j, k) => sub.set(numeric.x.subarray(j * m, (j + 1) * m), k * m));
    ood = layer.gate.flags(sub, m);
  }
  const decision = Int8Array.from(probability, (p, i) =>
    ood?.[i] === 1 ? -1 : threeWayLabel(p, layer.tauPosValue, layer.tauNegValue),
  );
  return { probability, decision, ood };
}
