/** Ridge regression that reproduces scikit-learn's `Ridge` without ever forming XᵀX. */
import { solveLeastSquares } from '../linear/least-squares.js';
import {
  centreColumns,
  checkShape,
  columnMeans,
  interceptFromMeans,
  mean,
  type FitContext,
  type LinearFit,
} from './linear-fit.js';

export interface RidgeOptions {
  /** Penalty weight α ≥ 0, in units of x² (so that α‖w‖² is in units of y², like the residual sum of squares). */
  alpha: number;
  /** Fit an unpenalised intercept by centring x and y first (scikit-learn's default). */
  fitIntercept: boolean;
}

/**
 * Minimises ‖y − Xw − b‖² + α‖w‖² (scikit-learn `Ridge(alpha, fit_intercept)`; b = 0 when
 * fitIntercept is false) for a column-major n×p `x` with no intercept column.
 *
 * With an intercept, x and y are centred, w solves the centred problem and b = ȳ − x̄·w. The centred
 * problem is the ordinary least-squares problem for the augmented matrix [X_c; √α·I] and response
 * [y_c; 0], solved by pivoted Householder QR with iterative refinement (solveLeastSquares), so the
 * condition number that matters is that of X_c, not its square. Works for n < p when α > 0. With α = 0
 * and a rank-deficient X_c the aliased coefficients are set to 0 (scikit-learn returns the minimum-norm
 * solution instead). Neither input is mutated. Direct solve: nIter = 1, converged = true.
 */
export function fitRidge(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  options: RidgeOptions,
  context: FitContext = {},
): LinearFit {
  checkShape('fitRidge', x, y, n, p);
  const { alpha, fitIntercept } = options;
  if (!(alpha >= 0) || !Number.isFinite(alpha)) {
    throw new RangeError(`fitRidge: alpha must be finite and ≥ 0, got ${alpha}`);
  }
  context.signal?.throwIfAborted();
  const means = columnMeans(x, n, p, fitIntercept);
  const yMean = fitIntercept ? mean(y, 0, n) : 0;
  const xc = centreColumns(x, n, p, means);
  const m = n + p;
  const a = new Float64Array(m * p);
  const root = Math.sqrt(alpha);
  for (let j = 0; j < p; j++) {
    a.set(xc.subarray(j * n, (j + 1) * n), j * m);
    a[j * m + n + j] = root;
  }
  const rhs = new Float64Array(m);
  for (let i = 0; i < n; i++) rhs[i] = y[i]! - yMean;
  const solution = solveLeastSquares(a, rhs, m, p);
  context.onProgress?.(1);
  const coefficients = solution.coefficients;
  return {
    intercept: fitIntercept ? interceptFromMeans(yMean, means, coefficients) : 0,
    coefficients,
    nIter: 1,
    converged: true,
  };
}
