/**
 * The linear candidates the study compares (OLS, Ridge, Lasso, ElasticNet) as learners for model selection.
 * The penalised ones standardise their columns on the rows they are fitted on (as a scikit-learn pipeline with
 * StandardScaler would), so one α grid suits features in rpm and in mm alike; coefficients come back in the
 * design's units.
 */
import { fitOls, INTERCEPT_TERM } from '../linear/ols.js';
import { fitRidge } from '../regularized/ridge.js';
import { fitElasticNet } from '../regularized/elastic-net.js';
import { LinearModel, type Candidate, type Learner } from '../model-selection/learner.js';

export type LinearCandidateName = 'ols' | 'ridge' | 'lasso' | 'elastic_net';
export interface PenaltyParams {
  alpha: number;
  l1Ratio: number | null;
}

/** Column means and population standard deviations (1 for a constant column). Pure. */
function columnScale(x: Float64Array, n: number, p: number): { mean: Float64Array; sd: Float64Array } {
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[j * n + i]!;
    const m = s / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[j * n + i]! - m) ** 2;
    mean[j] = m;
    sd[j] = Math.sqrt(v / n) || 1;
  }
  return { mean, sd };
}

/** Fits `fit` on standardised columns and maps the coefficients back to the design's units. */
function standardised(
  x: Float64Array,
  n: number,
  p: number,
  intercept: boolean,
  fit: (z: Float64Array) => { intercept: number; coefficients: Float64Array },
): LinearModel {
  const { mean, sd } = intercept
    ? columnScale(x, n, p)
    : { mean: new Float64Array(p), sd: columnScale(x, n, p).sd };
  const z = new Float64Array(n * p);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) z[j * n + i] = (x[j * n + i]! - mean[j]!) / sd[j]!;
  const f = fit(z);
  const coefficients = new Float64Array(p);
  let b0 = f.intercept;
  for (let j = 0; j < p; j++) {
    coefficients[j] = f.coefficients[j]! / sd[j]!;
    b0 -= coefficients[j]! * mean[j]!;
  }
  return new LinearModel(b0, coefficients);
}

export function olsLearnerWith(intercept: boolean): Learner<PenaltyParams> {
  return {
    name: 'ols',
    fit(x, y, n, p) {
      const k = p + (intercept ? 1 : 0);
      const design = new Float64Array(n * k);
      if (intercept) design.fill(1, 0, n);
      design.set(x, intercept ? n : 0);
      const terms = [
        ...(intercept ? [INTERCEPT_TERM] : []),
        ...Array.from({ length: p }, (_, j) => `x${j + 1}`),
      ];
      const b = fitOls({ n, p: k, x: design, y, terms, hasIntercept: intercept }).coefficients.map(
        (c) => c.estimate ?? 0,
      );
      return new LinearModel(intercept ? b[0]! : 0, Float64Array.from(intercept ? b.slice(1) : b));
    },
  };
}

function ridgeLearner(intercept: boolean): Learner<PenaltyParams> {
  return {
    name: 'ridge',
    fit: (x, y, n, p, params) =>
      standardised(x, n, p, intercept, (z) =>
        fitRidge(z, y, n, p, { alpha: params.alpha, fitIntercept: intercept }),
      ),
  };
}

function elasticNetLearner(name: 'lasso' | 'elastic_net', intercept: boolean): Learner<PenaltyParams> {
  return {
    name,
    fit: (x, y, n, p, params) =>
      standardised(x, n, p, intercept, (z) =>
        fitElasticNet(z, y, n, p, {
          alpha: params.alpha,
          l1Ratio: params.l1Ratio ?? 1,
          fitIntercept: intercept,
          tol: 1e-7,
          maxIter: 10_000,
        }),
      ),
  };
}

/** `count` values from `hi` down to `lo`, evenly spaced in log10. */
function logGrid(hi: number, lo: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => hi * (lo / hi) ** (k / (count - 1)));
}

/**
 * The candidates and their hyperparameter grids. Ridge's α is relative to n (standardised columns have
 * ‖x‖² = n); Lasso/ElasticNet grids run from the α that zeroes every coefficient down 1000-fold, computed from
 * standardised x and centred y of all rows (as scikit-learn's LassoCV does), so only the grid, not a fit, sees them.
 */
export function linearCandidates(
  names: readonly LinearCandidateName[],
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  intercept: boolean,
): Candidate<PenaltyParams>[] {
  const { mean, sd } = columnScale(x, n, p);
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i]! / n;
  let maxCorrelation = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++)
      s += ((x[j * n + i]! - mean[j]!) / sd[j]!) * (y[i]! - (intercept ? yMean : 0));
    maxCorrelation = Math.max(maxCorrelation, Math.abs(s) / n);
  }
  const l1Max = maxCorrelation > 0 ? maxCorrelation : 1;
  return names.map((name): Candidate<PenaltyParams> => {
    switch (name) {
      case 'ols':
        return { learner: olsLearnerWith(intercept), grid: [{ alpha: 0, l1Ratio: null }] };
      case 'ridge':
        return {
          learner: ridgeLearner(intercept),
          grid: logGrid(n * 100, n * 1e-4, 13).map((alpha) => ({ alpha, l1Ratio: null })),
        };
      case 'lasso':
        return {
          learner: elasticNetLearner('lasso', intercept),
          grid: logGrid(l1Max, l1Max * 1e-3, 12).map((alpha) => ({ alpha, l1Ratio: 1 })),
        };
      case 'elastic_net':
        return {
          learner: elasticNetLearner('elastic_net', intercept),
          grid: [0.2, 0.5, 0.8].flatMap((l1Ratio) =>
            logGrid(l1Max / l1Ratio, (l1Max / l1Ratio) * 1e-3, 8).map((alpha) => ({ alpha, l1Ratio })),
          ),
        };
    }
  });
}
