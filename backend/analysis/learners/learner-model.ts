/**
 * The one interface every fitted learner offers — boosted trees, forests, Gaussian processes and the linear
 * models — so tuning, prediction jobs, explanations and model files never branch on the kind of model.
 *
 * Glossary:
 * - x: column-major n×p Float64Array (x[i + j·n] = row i, model column j); NaN = missing (accepted only by
 *   learners that handle it, see `LearnerDefinition.missingValues`); ±∞ is always an error.
 * - task: 'regression' → `predict` gives values in y's units. 'binary' → `predict` gives the class (0 or 1, the
 *   larger probability, 0 on ties) and `predictProba` P(y = 1), length n. 'multiclass' (K classes) → `predict`
 *   gives the class 0..K−1 (lowest on ties) and `predictProba` a column-major n×K matrix (P of class k for row i
 *   at i + k·n).
 * - output of an explanation: the number the contributions add up to — 'value' (regression, y's units),
 *   'log-odds' (binary boosting and logistic regression), 'probability' (binary forests) or 'class-score' (the
 *   softmax input of each class, multiclass boosting).
 */
import type { LearnerModelJson } from '../../../src-shared/models/learner-model-json.js';
import type { LearnerName, LearnerTask } from '../../../src-shared/models/learner-params.js';
import type { AbortSignalLike } from '../linear/ols.js';

export type { LearnerName, LearnerTask } from '../../../src-shared/models/learner-params.js';
export type { FitContext } from './trained-model.js';

export interface ExplainOptions {
  /** Also compute pairwise interaction values (tree models: exact TreeSHAP interactions). Default false. */
  interactions?: boolean;
  signal?: AbortSignalLike;
}

/**
 * Per-row, per-column contributions: for every row i and output k,
 * baseValue[k] + Σ_j values[i + n·j + n·p·k] = prediction[i + n·k] (to rounding).
 */
export interface Explanation {
  /** 'tree-shap': exact path-dependent TreeSHAP. 'linear': coefficient × (x − training mean), exact for a linear model. */
  method: 'tree-shap' | 'linear';
  output: 'value' | 'log-odds' | 'probability' | 'class-score';
  n: number;
  p: number;
  /** 1, or K for multiclass. */
  nOutputs: number;
  /** Length nOutputs: the expected output (trees: under the covers; linear: the mean training prediction). */
  baseValue: Float64Array;
  /** n·p·nOutputs: row i, column j, output k at i + n·j + n·p·k. */
  values: Float64Array;
  /** With `interactions`: n·p·p·nOutputs, Φ_jl of row i, output k at i + n·(j + p·l) + n·p·p·k; Σ_l Φ_jl = φ_j. */
  interactions?: Float64Array;
  /** The explained output, n·nOutputs (row i, output k at i + n·k). */
  prediction: Float64Array;
}

export interface LearnerModel {
  readonly learner: LearnerName;
  readonly task: LearnerTask;
  /** Model columns p the model reads. */
  readonly nFeatures: number;
  /** 2 for binary, K for multiclass, 0 for regression. */
  readonly nClasses: number;
  /** See the glossary. Pure; x is not mutated. */
  predict(x: Float64Array, n: number): Float64Array;
  /** Classification only (a TypeError for regression). See the glossary. Pure. */
  predictProba(x: Float64Array, n: number): Float64Array;
  /** Per-column contributions (see `Explanation`). Gaussian processes throw `ExplanationNotSupportedError`. */
  explain(x: Float64Array, n: number, options?: ExplainOptions): Explanation;
  /** The learner-specific model JSON (validated by `LearnerModelJson` when loaded); restores predictions bit for bit. */
  toJSON(): LearnerModelJson;
}

/** Thrown by `explain` for a model without per-row contributions; the message names the alternative. */
export class ExplanationNotSupportedError extends Error {
  override readonly name = 'ExplanationNotSupportedError';
}

/** Class of each row from P(y = 1) (binary: 1 when P > 0.5) or a column-major n×K probability matrix. Pure. */
export function classesFromProba(proba: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  if (k === 2 && proba.length === n) {
    for (let i = 0; i < n; i++) out[i] = proba[i]! > 0.5 ? 1 : 0;
    return out;
  }
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[c * n + i]! > proba[best * n + i]!) best = c;
    out[i] = best;
  }
  return out;
}
