/** Puts boosted trees and forests behind the common `LearnerModel`, with exact TreeSHAP explanations, so both tree families answer predict / predictProba / explain identically. */
import type { LearnerModelJson } from '../../../src-shared/models/learner-model-json.js';
import { treeShap, treeShapInteractions, type TreeEnsemble } from '../explain/tree-shap.js';
import { checkPredictionData, type MissingPolicy } from './check-input.js';
import {
  classesFromProba,
  type ExplainOptions,
  type Explanation,
  type LearnerModel,
  type LearnerName,
  type LearnerTask,
} from './learner-model.js';

/** What a tree model contributes; `TreeEnsembleModel` builds the common behaviour on it. */
export interface TreeModelParts {
  learner: LearnerName;
  task: LearnerTask;
  nFeatures: number;
  /** 0 (regression), 2 (binary) or K. */
  nClasses: number;
  missing: MissingPolicy;
  output: Explanation['output'];
  /** One additive ensemble per output (K for multiclass boosting, else 1); TreeSHAP explains each. */
  ensembles: readonly TreeEnsemble[];
  /** The explained output, column-major n×outputs, from the engine's own prediction code. Pure. */
  raw(x: Float64Array, n: number): Float64Array;
  /** Classification: P(y = 1) (binary, length n) or the n×K probabilities. Pure. */
  proba?(x: Float64Array, n: number): Float64Array;
  json(): LearnerModelJson;
}

export class TreeEnsembleModel implements LearnerModel {
  readonly learner: LearnerName;
  readonly task: LearnerTask;
  readonly nFeatures: number;
  readonly nClasses: number;

  constructor(private readonly parts: TreeModelParts) {
    this.learner = parts.learner;
    this.task = parts.task;
    this.nFeatures = parts.nFeatures;
    this.nClasses = parts.nClasses;
  }

  /** The additive ensembles (one per output), for what predict does not give, such as a forest's tree spread. */
  get ensembles(): readonly TreeEnsemble[] {
    return this.parts.ensembles;
  }

  private check(method: string, x: Float64Array, n: number): void {
    checkPredictionData(this.learner, method, this.parts.missing, x, n, this.nFeatures);
  }

  predict(x: Float64Array, n: number): Float64Array {
    this.check('predict', x, n);
    if (this.task === 'regression') return this.parts.raw(x, n);
    return classesFromProba(this.parts.proba!(x, n), n, this.nClasses);
  }

  predictProba(x: Float64Array, n: number): Float64Array {
    if (this.task === 'regression')
      throw new TypeError(`${this.learner}.predictProba: this is a regression model; use predict`);
    this.check('predictProba', x, n);
    return this.parts.proba!(x, n);
  }

  explain(x: Float64Array, n: number, options: ExplainOptions = {}): Explanation {
    this.check('explain', x, n);
    const p = this.nFeatures;
    const ensembles = this.parts.ensembles;
    const k = ensembles.length;
    const baseValue = new Float64Array(k);
    const values = new Float64Array(n * p * k);
    const interactions = options.interactions ? new Float64Array(n * p * p * k) : undefined;
    const opts = options.signal ? { signal: options.signal } : {};
    ensembles.forEach((e, c) => {
      const shap = treeShap(e, x, n, p, opts);
      baseValue[c] = shap.baseValue;
      values.set(shap.values, c * n * p);
      if (interactions) interactions.set(treeShapInteractions(e, x, n, p, opts).values, c * n * p * p);
    });
    return {
      method: 'tree-shap',
      output: this.parts.output,
      n,
      p,
      nOutputs: k,
      baseValue,
      values,
      ...(interactions ? { interactions } : {}),
      prediction: this.parts.raw(x, n),
    };
  }

  toJSON(): LearnerModelJson {
    return this.parts.json();
  }
}
