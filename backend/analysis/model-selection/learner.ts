/** The contract between model selection and the models, so cross-validation can search any learner's hyperparameters without knowing its maths. */
import { fitOls, INTERCEPT_TERM } from '../linear/ols.js';

/**
 * Glossary:
 * - learner: a named recipe that fits a model to (x, y) given hyperparameters `params`.
 * - design x: column-major n×p Float64Array (x[i + j·n] = row i, feature j), WITHOUT an intercept column; a
 *   learner that wants an intercept adds it. Never mutated by fit or predict.
 * - candidate: a learner plus the grid of hyperparameters the inner CV searches; grid = [{}] for none.
 * - units: y passed to `fit` is whatever the caller gives (the CV passes transformed y); `predict` answers in
 *   those same units.
 */

export interface FittedModel {
  /** Predictions for the n rows of the column-major n×p design x (same p as fitted). Returns a new array. */
  predict(x: Float64Array, n: number, p: number): Float64Array;
}

export interface Learner<Params> {
  name: string;
  /** Fits on column-major n×p x and y (length n); neither is mutated. May throw RangeError on unusable data. */
  fit(x: Float64Array, y: Float64Array, n: number, p: number, params: Params): FittedModel;
}

/** A learner and the hyperparameter grid searched in the inner loop. The learner's name identifies the candidate. */
export interface Candidate<Params = unknown> {
  learner: Learner<Params>;
  grid: Params[];
}

/** Copies rows `rows` (any order) of the column-major n×p x into a new column-major rows.length×p matrix. */
export function selectRows(x: Float64Array, n: number, p: number, rows: Int32Array): Float64Array {
  const m = rows.length;
  const out = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    const src = j * n;
    const dst = j * m;
    for (let k = 0; k < m; k++) out[dst + k] = x[src + rows[k]!]!;
  }
  return out;
}

/** Copies y[rows] into a new array. */
export function selectValues(y: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = y[rows[k]!]!;
  return out;
}

/** OLS has no hyperparameters: its grid is `[{}]`. */
export type OlsParams = Readonly<Record<string, never>>;

/** A linear model: intercept plus one coefficient per column; aliased (rank-deficient) columns get 0. */
export class LinearModel implements FittedModel {
  constructor(
    readonly intercept: number,
    /** Length p, units of y per unit of the feature. */
    readonly coefficients: Float64Array,
  ) {}

  predict(x: Float64Array, n: number, p: number): Float64Array {
    if (p !== this.coefficients.length)
      throw new RangeError(`LinearModel.predict: fitted on ${this.coefficients.length} features, got ${p}`);
    if (x.length !== n * p)
      throw new RangeError(`LinearModel.predict: x has ${x.length} values, expected ${n * p}`);
    const out = new Float64Array(n).fill(this.intercept);
    for (let j = 0; j < p; j++) {
      const b = this.coefficients[j]!;
      if (b === 0) continue;
      const col = j * n;
      for (let i = 0; i < n; i++) out[i]! += b * x[col + i]!;
    }
    return out;
  }
}

/**
 * OLS through `fitOls` (QR with pivoting; the inference it computes is not used here): prepends the intercept
 * column, fits, and returns a LinearModel. Columns fitOls reports aliased get coefficient 0.
 */
export const olsLearner: Learner<OlsParams> = {
  name: 'ols',
  fit(x, y, n, p) {
    if (x.length !== n * p) throw new RangeError(`olsLearner: x has ${x.length} values, expected ${n * p}`);
    const design = new Float64Array(n * (p + 1));
    design.fill(1, 0, n);
    design.set(x, n);
    const terms = [INTERCEPT_TERM];
    for (let j = 0; j < p; j++) terms.push(`x${j + 1}`);
    const fit = fitOls({ n, p: p + 1, x: design, y, terms, hasIntercept: true });
    const b = fit.coefficients.map((c) => c.estimate ?? 0);
    return new LinearModel(b[0]!, Float64Array.from(b.slice(1)));
  },
};

/** The OLS candidate (no grid to search). */
export function olsCandidate(): Candidate<OlsParams> {
  return { learner: olsLearner, grid: [{}] };
}
