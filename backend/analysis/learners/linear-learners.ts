/** Fits OLS, ridge, lasso, elastic net and logistic regression from registry parameters into one linear model shape, using the solvers in linear/ and regularized/ unchanged. */
import type { LearnerParams } from '../../../src-shared/models/learner-params.js';
import { fitOls, INTERCEPT_TERM } from '../linear/ols.js';
import { fitElasticNet } from '../regularized/elastic-net.js';
import type { LinearFit } from '../regularized/linear-fit.js';
import { fitLogistic } from '../regularized/logistic.js';
import { fitRidge } from '../regularized/ridge.js';
import { checkTrainingData } from './check-input.js';
import {
  applyColumnScaling,
  fitColumnScaling,
  identityScaling,
  type ColumnScaling,
} from './column-scaling.js';
import type { FitContext, LearnerModel } from './learner-model.js';
import { LinearLearnerModel, type LinearJson } from './linear-learner-model.js';

/**
 * Documented behaviour on awkward data (all through `checkTrainingData` first):
 * - NaN or ±∞ in x or y: RangeError naming row and column.
 * - Constant columns: coefficient 0 (OLS also lists the column in `aliased`, since it duplicates the intercept).
 * - More columns than rows: OLS keeps the first rank-many pivoted columns and aliases the rest (coefficient 0),
 *   as the linear module does for any rank-deficient design; ridge, lasso, elastic net and penalised logistic
 *   regression fit normally; unpenalised logistic regression throws (no full column rank).
 * - A single class (logistic): RangeError. Perfect separation without a penalty: ConvergenceError.
 * - standardize: the solver sees (x − mean)/sd per column (sd 0 → 1; without an intercept only /sd), and the
 *   coefficients are mapped back to raw units, so predictions never need the scaling.
 */

type Estimator = LinearJson['estimator'];

/** Coefficients w on scaled columns → coefficients and intercept on raw columns. Pure. */
function unscale(fit: LinearFit, s: ColumnScaling): { intercept: number; coefficients: number[] } {
  let intercept = fit.intercept;
  const coefficients = Array.from(fit.coefficients, (w, j) => {
    const b = w / s.scale[j]! + 0; // + 0: no −0 from a zero coefficient
    intercept -= b * s.mean[j]!;
    return b;
  });
  return { intercept, coefficients };
}

function scalingFor(
  x: Float64Array,
  n: number,
  p: number,
  standardize: boolean,
  intercept: boolean,
): ColumnScaling {
  if (!standardize) return identityScaling(p);
  const s = fitColumnScaling(x, n, p);
  return intercept ? s : { mean: new Float64Array(p), scale: s.scale };
}

function model(
  estimator: Estimator,
  x: Float64Array,
  n: number,
  p: number,
  fit: { intercept: number; coefficients: number[]; nIter: number; converged: boolean; aliased?: number[] },
): LearnerModel {
  return new LinearLearnerModel({
    kind: 'linear',
    version: 1,
    estimator,
    link: estimator === 'logistic_regression' ? 'logit' : 'identity',
    n_features: p,
    intercept: fit.intercept,
    coefficients: fit.coefficients,
    feature_means: [...fitColumnScaling(x, n, p).mean],
    aliased: fit.aliased ?? [],
    n_iter: fit.nIter,
    converged: fit.converged,
  });
}

/** Least squares by pivoted QR (linear/ols.ts); aliased columns get coefficient 0. */
export function fitOlsLearner(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params: LearnerParams<'ols'>,
  ctx: FitContext = {},
): LearnerModel {
  checkTrainingData('ols', params.task, 'error', x, y, n, p);
  const withIntercept = params.fit_intercept;
  const k = p + (withIntercept ? 1 : 0);
  const design = new Float64Array(n * k);
  if (withIntercept) design.fill(1, 0, n);
  design.set(x, withIntercept ? n : 0);
  const terms = [
    ...(withIntercept ? [INTERCEPT_TERM] : []),
    ...Array.from({ length: p }, (_, j) => `x${j + 1}`),
  ];
  const ols = fitOls(
    { n, p: k, x: design, y, terms, hasIntercept: withIntercept },
    ctx.signal ? { signal: ctx.signal } : {},
  );
  const estimates = ols.coefficients.map((c) => c.estimate);
  const offset = withIntercept ? 1 : 0;
  const aliased: number[] = [];
  const coefficients = Array.from({ length: p }, (_, j) => {
    const e = estimates[j + offset];
    if (e === null || e === undefined) aliased.push(j);
    return (e ?? 0) + 0;
  });
  ctx.onProgress?.(1);
  return model('ols', x, n, p, {
    intercept: withIntercept ? estimates[0]! : 0,
    coefficients,
    nIter: 1,
    converged: true,
    aliased,
  });
}

export function fitRidgeLearner(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params: LearnerParams<'ridge'>,
  ctx: FitContext = {},
): LearnerModel {
  checkTrainingData('ridge', params.task, 'error', x, y, n, p);
  const s = scalingFor(x, n, p, params.standardize, params.fit_intercept);
  const fit = fitRidge(
    applyColumnScaling(s, x, n, p),
    y,
    n,
    p,
    { alpha: params.alpha, fitIntercept: params.fit_intercept },
    ctx,
  );
  return model('ridge', x, n, p, { ...unscale(fit, s), nIter: fit.nIter, converged: fit.converged });
}

/** Lasso (l1_ratio 1) and elastic net by coordinate descent. */
export function fitElasticNetLearner(
  estimator: 'lasso' | 'elastic_net',
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params: LearnerParams<'lasso'> | LearnerParams<'elastic_net'>,
  ctx: FitContext = {},
): LearnerModel {
  checkTrainingData(estimator, params.task, 'error', x, y, n, p);
  const s = scalingFor(x, n, p, params.standardize, params.fit_intercept);
  const fit = fitElasticNet(
    applyColumnScaling(s, x, n, p),
    y,
    n,
    p,
    {
      alpha: params.alpha,
      l1Ratio: 'l1_ratio' in params ? params.l1_ratio : 1,
      fitIntercept: params.fit_intercept,
      tol: params.tol,
      maxIter: params.max_iter,
    },
    ctx,
  );
  return model(estimator, x, n, p, { ...unscale(fit, s), nIter: fit.nIter, converged: fit.converged });
}

export function fitLogisticLearner(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params: LearnerParams<'logistic_regression'>,
  ctx: FitContext = {},
): LearnerModel {
  checkTrainingData('logistic_regression', params.task, 'error', x, y, n, p);
  const s = scalingFor(x, n, p, params.standardize, params.fit_intercept);
  const fit = fitLogistic(
    applyColumnScaling(s, x, n, p),
    y,
    n,
    p,
    {
      penalty: params.penalty,
      C: params.C,
      ...(params.penalty === 'elasticnet' ? { l1Ratio: params.l1_ratio } : {}),
      fitIntercept: params.fit_intercept,
      tol: params.tol,
      maxIter: params.max_iter,
    },
    ctx,
  );
  return model('logistic_regression', x, n, p, {
    ...unscale(fit, s),
    nIter: fit.nIter,
    converged: fit.converged,
  });
}

export function linearFromJson(json: LinearJson): LearnerModel {
  return new LinearLearnerModel(json);
}
