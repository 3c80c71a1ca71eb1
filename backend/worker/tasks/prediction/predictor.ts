/**
 * One model of the model job, as the prediction task sees it: the features it reads (with training ranges and
 * categories) and a predict over a chunk of rows, whatever file it came from (a `zerosec-model` file or the
 * linear job's `zerosec-linear-model`).
 *
 * Glossary:
 * - chunk values: per feature name, a Float64Array (numeric, NaN = missing) or text cells (categorical, null =
 *   missing) of the same n rows; the task passes only complete rows of known categories unless the predictor
 *   `acceptsMissing` (tree models route missing values themselves).
 * - classification: `value` is the class index into `classes`; `probability` is P(classes[1]) for two classes,
 *   P(predicted class) for more; `decision` is 1 (positive), 0 (negative) or −1 (gray) when the model file carries
 *   thresholds; `ood` is 1 for rows its out-of-distribution gate flags (they are also sent to gray).
 */
import type { UncertaintyKind } from '../../../analysis/learners/prediction-uncertainty.js';

export interface FeatureNeed {
  name: string;
  type: 'numeric' | 'categorical';
  /** Categorical: the categories seen in training (any other value is unknown). */
  categories: string[] | null;
  /** Numeric: training range, null when unknown. */
  min: number | null;
  max: number | null;
}

export type ChunkValues = Record<string, Float64Array | readonly (string | null)[]>;

export interface PredictorOutput {
  value: Float64Array;
  sd: Float64Array | null;
  probability: Float64Array | null;
  decision: Int8Array | null;
  ood: Uint8Array | null;
}

export interface Predictor {
  target: string;
  fileName: string;
  learner: string;
  kind: 'regression' | 'classification';
  classes: string[] | null;
  features: FeatureNeed[];
  acceptsMissing: boolean;
  uncertainty: UncertaintyKind | null;
  calibrated: boolean;
  thresholds: { tau_pos: number; tau_neg: number } | null;
  hasOod: boolean;
  predict(values: ChunkValues, n: number): PredictorOutput;
}
