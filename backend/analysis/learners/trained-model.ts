/**
 * The engine-level face the model classes in boosting/, forest/ and gaussian-process/ implement themselves (raw
 * scores, their own JSON), so learners/ can wrap them. Callers outside the engine use `LearnerModel`
 * (learner-model.ts) and the registry (learner-registry.ts), which add classification semantics, explanations
 * and model files on top, and cover the linear models too.
 *
 * Glossary: x is a column-major n×p Float64Array (x[i + j·n] = row i, feature j) with NaN for a missing value;
 * `task` 'regression' predicts values in y's units, 'binary' predicts P(y = 1) through `predictProba`.
 */
import type { AbortSignalLike } from '../linear/ols.js';

export interface FitContext {
  signal?: AbortSignalLike;
  /** Fraction of the fit done, 0..1, non-decreasing. */
  onProgress?: (fraction: number) => void;
}

export interface TrainedModel {
  readonly kind: string;
  readonly task: 'regression' | 'binary';
  readonly nFeatures: number;
  /** Regression: predictions. Binary: the raw score (log-odds for boosting, P(y=1) for forests). */
  predict(x: Float64Array, n: number): Float64Array;
  /** Binary models only: P(y = 1) per row. */
  predictProba?(x: Float64Array, n: number): Float64Array;
  /** A versioned, JSON-serialisable description from which the same predictions are restored bit for bit. */
  toJSON(): { kind: string; version: number } & Record<string, unknown>;
}
