/** Test helper: typed access to classification-reference.json, the scikit-learn values written by generate-classification-reference.py. */
import reference from './classification-reference.json' with { type: 'json' };

interface CurveRef {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

export interface MetricCase {
  name: string;
  y: number[];
  score: number[];
  pred: number[];
  accuracy: number;
  balanced_accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** [[TN, FP], [FN, TP]] */
  confusion: number[][];
  roc_auc: number;
  average_precision: number;
  roc_drop: CurveRef;
  roc_all: CurveRef;
  pr: { precision: number[]; recall: number[]; thresholds: number[] };
}

export interface IsotonicCase {
  name: string;
  x: number[];
  y: number[];
  weight: number[] | null;
  increasing: boolean;
  x_thresholds: number[];
  y_thresholds: number[];
  grid: number[];
  predict: number[];
}

export interface CalibrationRef {
  y: number[];
  prob: number[];
  brier: number;
  prob_true: number[];
  prob_pred: number[];
}

export interface ClassificationReference {
  versions: Record<string, string>;
  platt: {
    score: number[];
    y: number[];
    a: number;
    b: number;
    a_exact: number;
    b_exact: number;
    grid: number[];
    p_sklearn: number[];
    p_exact: number[];
  };
  isotonic: IsotonicCase[];
  metrics: MetricCase[];
  calibration: CalibrationRef;
  calibration_edges: CalibrationRef;
  mcd: {
    x_rows: number[][];
    outlier: number[];
    raw_location: number[];
    raw_covariance: number[][];
    raw_support: number[];
    raw_logdet: number;
    location: number[];
    covariance: number[][];
    support: number[];
    dist: number[];
    mahalanobis_new: number[];
  };
}

export function loadClassificationReference(): ClassificationReference {
  return reference as unknown as ClassificationReference;
}

/** Row-major rows → column-major Float64Array (x[i + j·n]). */
export function columnMajor(rows: number[][]): { x: Float64Array; n: number; p: number } {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[i + j * n] = rows[i]![j]!;
  return { x, n, p };
}
