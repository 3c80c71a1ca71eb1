/** Gaussian-process regression behind the common `LearnerModel`, with columns standardised first so one set of length-scale bounds suits every unit. */
import type { GaussianProcessModelJson } from '../../../src-shared/models/learner-model-json.js';
import type { LearnerParams } from '../../../src-shared/models/learner-params.js';
import type { z } from 'zod';
import {
  fitGaussianProcess,
  gaussianProcessFromJson,
  type GaussianProcessModel,
} from '../gaussian-process/gaussian-process.js';
import { checkPredictionData, checkTrainingData } from './check-input.js';
import { applyColumnScaling, fitColumnScaling, type ColumnScaling } from './column-scaling.js';
import {
  ExplanationNotSupportedError,
  type Explanation,
  type FitContext,
  type LearnerModel,
} from './learner-model.js';

/**
 * Documented choices:
 * - explain: not supported. A kernel model's prediction has no exact additive split over features (unlike trees
 *   and linear models), and an approximate one would look as authoritative as TreeSHAP. `explain` throws
 *   ExplanationNotSupportedError pointing at permutation importance (explain/permutation-importance.ts), which
 *   ranks features for any model from its `predict`.
 * - Missing or infinite values: errors naming row and column, at fit and at prediction.
 * - More columns than rows, constant columns: fine (a constant column's length scale simply runs to its bound).
 * - Regression only.
 */

type Json = z.output<typeof GaussianProcessModelJson>;

export class GaussianProcessLearnerModel implements LearnerModel {
  readonly learner = 'gaussian_process';
  readonly task = 'regression';
  readonly nClasses = 0;
  readonly nFeatures: number;

  constructor(
    /** The engine model, fitted on scaled columns when `scaling` is set. */
    readonly gp: GaussianProcessModel,
    readonly scaling: ColumnScaling | null,
  ) {
    this.nFeatures = gp.nFeatures;
  }

  private scaled(method: string, x: Float64Array, n: number): Float64Array {
    checkPredictionData(this.learner, method, 'error', x, n, this.nFeatures);
    return this.scaling ? applyColumnScaling(this.scaling, x, n, this.nFeatures) : x;
  }

  /** Predictive mean, y's units. */
  predict(x: Float64Array, n: number): Float64Array {
    return this.gp.predict(this.scaled('predict', x, n), n);
  }

  /** Predictive mean and standard deviation of a new observation, y's units (see GaussianProcessModel). */
  predictWithStd(x: Float64Array, n: number): { mean: Float64Array; std: Float64Array } {
    return this.gp.predictWithStd(this.scaled('predictWithStd', x, n), n);
  }

  predictProba(): Float64Array {
    throw new TypeError('gaussian_process.predictProba: this is a regression model; use predict');
  }

  explain(): Explanation {
    throw new ExplanationNotSupportedError(
      'gaussian_process.explain: a Gaussian process has no exact per-feature contributions; ' +
        'use permutationImportance (explain/permutation-importance.ts) with this model’s predict',
    );
  }

  toJSON(): Json {
    const s = this.scaling;
    return {
      ...(this.gp.toJSON() as Omit<Json, 'input_scaling'>),
      input_scaling: s ? { mean: [...s.mean], scale: [...s.scale] } : null,
    };
  }
}

export function fitGaussianProcessLearner(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params: LearnerParams<'gaussian_process'>,
  ctx: FitContext = {},
): LearnerModel {
  checkTrainingData('gaussian_process', params.task, 'error', x, y, n, p);
  const scaling = params.standardize ? fitColumnScaling(x, n, p) : null;
  const xs = scaling ? applyColumnScaling(scaling, x, n, p) : x;
  const gp = fitGaussianProcess(
    xs,
    y,
    n,
    p,
    {
      kernel: params.kernel,
      normalizeY: params.normalize_y,
      optimize: params.optimize,
      nRestarts: params.n_restarts,
      alpha: params.alpha,
      seed: params.seed,
    },
    ctx,
  );
  return new GaussianProcessLearnerModel(gp, scaling);
}

export function gaussianProcessLearnerFromJson(json: Json): LearnerModel {
  const { input_scaling: s, ...engine } = json;
  const scaling = s ? { mean: Float64Array.from(s.mean), scale: Float64Array.from(s.scale) } : null;
  return new GaussianProcessLearnerModel(gaussianProcessFromJson(engine), scaling);
}
