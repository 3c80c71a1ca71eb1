/**
 * Writes a fitted decision layer into a model file's classification block and restores it, so a prediction from
 * the file gives the classification job's calibrated probability, P / N / gray verdict and OOD flag exactly.
 */
import {
  CLASSIFICATION_BLOCK_VERSION,
  type ClassificationBlock,
} from '../../../src-shared/models/classification-block.js';
import { isotonicCalibrator } from './isotonic-regression.js';
import { oodGateFrom } from './ood-gate.js';
import { plattCalibrator } from './platt-scaling.js';
import { threeWayLabel } from './neyman-pearson.js';
import type { Calibrator } from './calibration-choice.js';
import type { DecisionLayer } from './decision-layer.js';
import type { OodGate } from './ood-gate.js';

export interface BlockLabels {
  positive: string;
  negative: string;
}

export interface BlockGuarantee {
  alpha: number;
  beta: number;
  confidence: number;
}

/** The gate's JSON with the names of the columns it reads, in the schema's key order (a saved file reloads identically). */
function gateBlock(gate: OodGate, columns: string[]): NonNullable<ClassificationBlock['ood']> {
  const g = gate.toJSON();
  return {
    kind: g.kind,
    version: g.version,
    p: g.p,
    columns,
    location: g.location,
    covariance: g.covariance,
    quantile: g.quantile,
    thresholdSquared: g.thresholdSquared,
  };
}

/** The block of a decision layer; `numericNames` are the names the layer's gate columns index into. Pure. */
export function classificationBlockOf(
  layer: DecisionLayer,
  numericNames: readonly string[],
  labels: BlockLabels,
  guarantee: BlockGuarantee,
): ClassificationBlock {
  const gate = layer.gate;
  return {
    version: CLASSIFICATION_BLOCK_VERSION,
    positive_label: labels.positive,
    negative_label: labels.negative,
    calibration: layer.calibrator.toJSON(),
    thresholds: { tau_pos: layer.tauPosValue, tau_neg: layer.tauNegValue },
    guarantee: {
      ...guarantee,
      tau_pos_feasible: layer.tauPos.feasible,
      tau_neg_feasible: layer.tauNeg.feasible,
    },
    ood: gate
      ? gateBlock(
          gate,
          layer.gateColumns.map((j) => numericNames[j]!),
        )
      : null,
  };
}

/** A restored block: calibrator, thresholds and gate with the feature names it reads. */
export interface RestoredClassifier {
  calibrator: Calibrator;
  tauPos: number;
  tauNeg: number;
  gate: OodGate | null;
  gateColumns: readonly string[];
}

export function restoreClassificationBlock(block: ClassificationBlock): RestoredClassifier {
  const c = block.calibration;
  const calibrator =
    c.method === 'sigmoid'
      ? plattCalibrator(c.a, c.b)
      : isotonicCalibrator(Float64Array.from(c.xThresholds), Float64Array.from(c.yThresholds));
  const g = block.ood;
  return {
    calibrator,
    tauPos: block.thresholds.tau_pos,
    tauNeg: block.thresholds.tau_neg,
    gate: g ? oodGateFrom(Float64Array.from(g.location), Float64Array.from(g.covariance), g.quantile) : null,
    gateColumns: g ? g.columns : [],
  };
}

export interface ClassifiedRows {
  probability: Float64Array;
  decision: Int8Array;
  ood: Uint8Array | null;
}

/**
 * Calibrated probabilities and verdicts of m rows from their raw P(positive) and numeric feature values by name
 * (the gate's columns must be present; NaN = missing → out of distribution). Pure.
 */
export function classifyRows(
  restored: RestoredClassifier,
  raw: Float64Array,
  numeric: Readonly<Record<string, Float64Array>>,
): ClassifiedRows {
  const m = raw.length;
  const probability = restored.calibrator.predict(raw);
  let ood: Uint8Array | null = null;
  if (restored.gate) {
    const p = restored.gateColumns.length;
    const x = new Float64Array(m * p);
    restored.gateColumns.forEach((name, k) => {
      const v = numeric[name];
      if (!v || v.length !== m)
        throw new RangeError(`classifyRows: numeric feature '${name}' needs ${m} values`);
      x.set(v, k * m);
    });
    ood = restored.gate.flags(x, m);
  }
  const decision = Int8Array.from(probability, (q, i) =>
    ood?.[i] === 1 ? -1 : threeWayLabel(q, restored.tauPos, restored.tauNeg),
  );
  return { probability, decision, ood };
}
