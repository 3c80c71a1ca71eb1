/** One set of input checks in front of every learner, so bad data (NaN, ±∞, a lone class, wrong shapes) fails the same clear way whichever model was asked for. */
import type { LearnerName, LearnerTask } from './learner-model.js';

/**
 * Glossary:
 * - missing policy: 'native' — NaN in x is a missing value the model routes by a learned default direction (boosted
 *   trees, at fit and prediction); 'predict-only' — fitting needs complete data but prediction routes NaN by each
 *   split's majority child (forests); 'error' — NaN is an error naming row and column (Gaussian processes, linear
 *   models): impute or drop the row first.
 * - Classification labels are the integers 0..K−1 (binary: 0/1), every class present at least once.
 */
export type MissingPolicy = 'native' | 'predict-only' | 'error';

function describe(v: number): string {
  return Number.isNaN(v) ? 'NaN (missing)' : v > 0 ? '+∞' : '−∞';
}

/** Throws a RangeError naming the first bad cell unless x is n×p with finite values (NaN allowed if `allowNaN`). */
export function checkMatrix(where: string, x: Float64Array, n: number, p: number, allowNaN: boolean): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${where}: need at least one row, got n = ${n}`);
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`${where}: need at least one column, got p = ${p}`);
  if (x.length !== n * p)
    throw new RangeError(`${where}: x has ${x.length} values, expected n·p = ${n}·${p}`);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      const v = x[j * n + i]!;
      if (Number.isFinite(v) || (allowNaN && Number.isNaN(v))) continue;
      const hint = Number.isNaN(v)
        ? 'this learner needs complete rows (impute the value or drop the row)'
        : allowNaN
          ? 'infinite values are not allowed (use NaN for a missing value)'
          : 'infinite values are not allowed';
      throw new RangeError(`${where}: x[row ${i}, column ${j}] is ${describe(v)}; ${hint}`);
    }
  }
}

/**
 * Checks the training data of `learner` for `task` and returns the number of classes (0 for regression).
 * Throws a RangeError naming the row (and column) of the first problem. Pure.
 */
export function checkTrainingData(
  learner: LearnerName,
  task: LearnerTask,
  missing: MissingPolicy,
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
): number {
  const where = `${learner}.fit`;
  checkMatrix(where, x, n, p, missing === 'native');
  if (y.length !== n) throw new RangeError(`${where}: y has ${y.length} values, expected n = ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i]!))
      throw new RangeError(`${where}: y[${i}] is ${describe(y[i]!)}; the target must be finite`);
  }
  if (task === 'regression') return 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0 || (task === 'binary' && v > 1))
      throw new RangeError(
        `${where}: y[${i}] is ${v}; ${task} labels must be ${task === 'binary' ? '0 or 1' : 'the integers 0..K−1'}`,
      );
    k = Math.max(k, v + 1);
  }
  if (task === 'binary') k = 2;
  const count = new Float64Array(k);
  for (let i = 0; i < n; i++) count[y[i]!]! += 1;
  const absent = [...count.keys()].filter((c) => count[c] === 0);
  if (task === 'binary' && absent.length > 0)
    throw new RangeError(
      `${where}: y has a single class (every label is ${1 - absent[0]!}); a binary model needs rows of both classes`,
    );
  if (k < 2) throw new RangeError(`${where}: y has a single class (0); a multiclass model needs at least 2`);
  if (absent.length > 0)
    throw new RangeError(
      `${where}: class ${absent[0]} of 0..${k - 1} has no rows; relabel the classes 0..K−1 without gaps`,
    );
  return k;
}

/** Checks rows passed to predict / predictProba / explain against the fitted width p (at least one row). */
export function checkPredictionData(
  learner: LearnerName,
  method: string,
  missing: MissingPolicy,
  x: Float64Array,
  n: number,
  p: number,
): void {
  checkMatrix(`${learner}.${method}`, x, n, p, missing !== 'error');
}
