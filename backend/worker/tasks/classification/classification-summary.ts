/** Small conversions from the engine's results to the classification result body's blocks. */
import type {
  ClassificationBody,
  ClassificationScores,
} from '../../../../src-shared/api/classification-result.js';
import type { NpThreshold } from '../../../analysis/classification/neyman-pearson.js';
import { summarise } from '../../../analysis/model-selection/cv-scoring.js';
import { finiteOrNull, nullable } from './classification-scores.js';

/** Mean and sd over the folds where each score is defined. */
export function summariseFolds(folds: Array<Record<keyof ClassificationScores, number>>): {
  mean: ClassificationScores;
  sd: ClassificationScores;
} {
  const s = summarise(folds, true);
  return { mean: nullable(s.mean), sd: nullable(s.sd) };
}

export function thresholdInfo(t: NpThreshold, value: number): ClassificationBody['thresholds']['tau_pos'] {
  return {
    value,
    feasible: t.feasible,
    n: t.n,
    error_rate: t.alpha,
    observed_errors: t.observedErrors,
    error_rate_upper_bound: finiteOrNull(t.errorRateUpperBound),
  };
}
