/** Test helper: typed access to regularized-reference.json, the scikit-learn/statsmodels values written by generate-regularized-reference.py. */
import reference from './regularized-reference.json' with { type: 'json' };

export interface RegularizedDataset {
  name: string;
  n: number;
  p: number;
  columns: string[];
  x_columns: number[][];
  y: number[];
}

interface Checked {
  /** max |sklearn − exact polish| / |exact| over intercept and coefficients: sklearn's own distance from the optimum. */
  sklearn_error: number;
}

export interface RidgeCase extends Checked {
  dataset: string;
  alpha: number;
  fit_intercept: boolean;
  intercept: number;
  coef: number[];
}

export interface EnetCase extends Checked {
  dataset: string;
  model: 'Lasso' | 'ElasticNet';
  alpha: number;
  l1_ratio: number;
  fit_intercept: boolean;
  intercept: number;
  coef: number[];
  n_iter: number;
  dual_gap: number;
  /** max_j (|∂_j loss| − λ₁)/λ₁ over the zero coefficients (< 0: strict KKT); null when none is zero. */
  kkt_zero_margin: number | null;
}

export interface PathCase extends Checked {
  dataset: string;
  l1_ratio: number;
  fit_intercept: boolean;
  n_alphas: number;
  eps: number;
  alphas: number[];
  /** coefs[k] belongs to alphas[k]. */
  coefs: number[][];
  intercepts: number[];
}

export interface LogisticL2Case extends Checked {
  dataset: string;
  C: number;
  /** solver='newton-cholesky' (accurate to rounding). */
  intercept: number;
  coef: number[];
  proba: number[];
  /** solver='lbfgs': stops on scipy's ftol, so only about 1e-4 accurate. */
  lbfgs_intercept: number;
  lbfgs_coef: number[];
  lbfgs_proba: number[];
  lbfgs_n_iter: number;
  lbfgs_error: number;
}

export interface LogisticEnetCase extends Checked {
  dataset: string;
  C: number;
  l1_ratio: number;
  intercept: number;
  coef: number[];
  proba: number[];
  n_iter: number;
  /** max_j (|∂_j loss| − λ₁)/λ₁ over the zero coefficients (< 0: strict KKT); null when none is zero. */
  kkt_zero_margin: number | null;
}

export interface LogitCase {
  dataset: string;
  /** Intercept first. */
  params: number[];
  bse: number[];
  zvalues: number[];
  pvalues: number[];
  proba: number[];
  llf: number;
  converged: boolean;
}

export interface RegularizedReference {
  versions: Record<string, string>;
  datasets: RegularizedDataset[];
  ridge: RidgeCase[];
  enet: EnetCase[];
  path: PathCase[];
  logistic_l2: LogisticL2Case[];
  logistic_enet: LogisticEnetCase[];
  logit: LogitCase[];
}

export function loadRegularizedReference(): RegularizedReference {
  return reference as unknown as RegularizedReference;
}

/** The data set `name` as the engine takes it: column-major x, y, n, p. */
export function regularizedDataset(
  ref: RegularizedReference,
  name: string,
): { x: Float64Array; y: Float64Array; n: number; p: number } {
  const d = ref.datasets.find((s) => s.name === name);
  if (d === undefined) throw new Error(`no data set ${name}`);
  const x = new Float64Array(d.n * d.p);
  d.x_columns.forEach((c, j) => x.set(c, j * d.n));
  return { x, y: Float64Array.from(d.y), n: d.n, p: d.p };
}

/** How one fit compares with a reference: worst relative error over the non-zero reference values, and the zeros. */
export interface FitComparison {
  /** max |mine − ref| / |ref| over the intercept (when compared) and the reference's non-zero coefficients. */
  maxRelative: number;
  /** max |mine| over the coefficients that are exactly 0 (or −0) in the reference. */
  maxAbsoluteAtZeros: number;
  /** Every reference zero is an exact 0 here and every reference non-zero is non-zero here. */
  zeroPatternMatches: boolean;
}

/**
 * Compares intercept and coefficients with a reference (the intercept is skipped when `intercept` is
 * null). Reference values with 0 < |v| < roundOff are round-off residue of an exact 0: they count as
 * zeros for the absolute check, but either 0 or non-zero is accepted in the zero pattern.
 */
export function compareFit(
  mine: { intercept: number; coefficients: Float64Array },
  intercept: number | null,
  coef: readonly number[],
  roundOff = 0,
): FitComparison {
  let maxRelative = 0;
  let maxAbsoluteAtZeros = 0;
  let zeroPatternMatches = mine.coefficients.length === coef.length;
  const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
  if (intercept !== null) maxRelative = rel(mine.intercept, intercept);
  coef.forEach((v, j) => {
    const m = mine.coefficients[j]!;
    if (Math.abs(v) < roundOff) {
      maxAbsoluteAtZeros = Math.max(maxAbsoluteAtZeros, Math.abs(m));
    } else if (v === 0) {
      maxAbsoluteAtZeros = Math.max(maxAbsoluteAtZeros, Math.abs(m));
      zeroPatternMatches &&= m === 0;
    } else {
      maxRelative = Math.max(maxRelative, rel(m, v));
      zeroPatternMatches &&= m !== 0;
    }
  });
  return { maxRelative, maxAbsoluteAtZeros, zeroPatternMatches };
}
