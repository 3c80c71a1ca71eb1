/** A fitted linear predictor (OLS, ridge, lasso, elastic net or logistic regression) behind the common `LearnerModel`, built from its model JSON so a trained and a loaded model are the same object. */
import type { LinearModelJson } from '../../../src-shared/models/learner-model-json.js';
import type { z } from 'zod';
import { predictLinear, type LinearFit } from '../regularized/linear-fit.js';
import { predictProbabilities, sigmoid } from '../regularized/logistic.js';
import { checkPredictionData } from './check-input.js';
import {
  classesFromProba,
  type ExplainOptions,
  type Explanation,
  type LearnerModel,
  type LearnerName,
  type LearnerTask,
} from './learner-model.js';

/**
 * Glossary:
 * - η = intercept + Σ_j b_j·x_j, with b in units of the output per unit of column j. For 'logit' models η is the
 *   log-odds of class 1.
 * - Contribution of column j to row i: φ_ij = b_j·(x_ij − m_j), m_j the training mean of column j; the base value
 *   intercept + Σ_j b_j·m_j is the mean training η, so base + Σ_j φ_ij = η_i exactly (up to rounding). These are
 *   the exact SHAP values of a linear model with independent features. Interactions are zero off the diagonal.
 */

export type LinearJson = z.output<typeof LinearModelJson>;

export class LinearLearnerModel implements LearnerModel {
  readonly learner: LearnerName;
  readonly task: LearnerTask;
  readonly nFeatures: number;
  readonly nClasses: number;
  private readonly fit: LinearFit;
  private readonly means: Float64Array;

  constructor(private readonly json: LinearJson) {
    this.learner = json.estimator;
    this.task = json.link === 'logit' ? 'binary' : 'regression';
    this.nClasses = json.link === 'logit' ? 2 : 0;
    this.nFeatures = json.n_features;
    this.fit = {
      intercept: json.intercept,
      coefficients: Float64Array.from(json.coefficients),
      nIter: json.n_iter,
      converged: json.converged,
    };
    this.means = Float64Array.from(json.feature_means);
  }

  /** Intercept (units of the output) and coefficients (per unit of each column), copies. */
  get intercept(): number {
    return this.fit.intercept;
  }

  get coefficients(): Float64Array {
    return this.fit.coefficients.slice();
  }

  private eta(method: string, x: Float64Array, n: number): Float64Array {
    checkPredictionData(this.learner, method, 'error', x, n, this.nFeatures);
    return predictLinear(this.fit, x, n, this.nFeatures);
  }

  predict(x: Float64Array, n: number): Float64Array {
    const eta = this.eta('predict', x, n);
    if (this.task === 'regression') return eta;
    for (let i = 0; i < n; i++) eta[i] = sigmoid(eta[i]!);
    return classesFromProba(eta, n, 2);
  }

  predictProba(x: Float64Array, n: number): Float64Array {
    if (this.task === 'regression')
      throw new TypeError(`${this.learner}.predictProba: this is a regression model; use predict`);
    checkPredictionData(this.learner, 'predictProba', 'error', x, n, this.nFeatures);
    return predictProbabilities(this.fit, x, n, this.nFeatures);
  }

  explain(x: Float64Array, n: number, options: ExplainOptions = {}): Explanation {
    const prediction = this.eta('explain', x, n);
    const p = this.nFeatures;
    const b = this.fit.coefficients;
    let base = this.fit.intercept;
    for (let j = 0; j < p; j++) base += b[j]! * this.means[j]!;
    const values = new Float64Array(n * p);
    for (let j = 0; j < p; j++) {
      const bj = b[j]!;
      const mj = this.means[j]!;
      for (let i = 0; i < n; i++) values[i + n * j] = bj * (x[i + n * j]! - mj);
    }
    let interactions: Float64Array | undefined;
    if (options.interactions) {
      interactions = new Float64Array(n * p * p);
      for (let j = 0; j < p; j++) interactions.set(values.subarray(n * j, n * (j + 1)), n * (j + p * j));
    }
    return {
      method: 'linear',
      output: this.task === 'binary' ? 'log-odds' : 'value',
      n,
      p,
      nOutputs: 1,
      baseValue: Float64Array.of(base),
      values,
      ...(interactions ? { interactions } : {}),
      prediction,
    };
  }

  toJSON(): LinearJson {
    const j = this.json;
    return {
      ...j,
      coefficients: [...j.coefficients],
      feature_means: [...j.feature_means],
      aliased: [...j.aliased],
    };
  }
}
