/** Seeded row splits for cross-validation, so a job's folds are the same every time it runs with the same seed. */
import type { Rng } from '../random/rng.js';

/**
 * Assigns each of n rows to one of k folds: the rows are shuffled (Fisher–Yates with `rng`, which advances),
 * then cut in order into k folds whose sizes differ by at most one, the first n mod k folds one larger (as
 * sklearn's KFold(shuffle=True)). Returns fold[i] ∈ [0, k) for row i. Throws RangeError unless 2 ≤ k ≤ n.
 */
export function kFold(n: number, k: number, rng: Rng): Int32Array {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`kFold: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 2 || k > n)
    throw new RangeError(`kFold: k must be an integer with 2 ≤ k ≤ n = ${n}, got ${k}`);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  rng.shuffle(perm);
  const fold = new Int32Array(n);
  const base = Math.floor(n / k);
  const larger = n % k;
  let pos = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < larger ? 1 : 0);
    for (let j = 0; j < size; j++) fold[perm[pos++]!] = f;
  }
  return fold;
}

export interface RowSplit {
  /** Row indices, ascending. */
  train: Int32Array;
  /** Row indices, ascending. */
  test: Int32Array;
}

/** The rows of fold `f` as the test part and all other rows as the training part, both ascending. */
export function foldSplit(fold: Int32Array, f: number): RowSplit {
  let nTest = 0;
  for (let i = 0; i < fold.length; i++) if (fold[i] === f) nTest++;
  const test = new Int32Array(nTest);
  const train = new Int32Array(fold.length - nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < fold.length; i++) {
    if (fold[i] === f) test[a++] = i;
    else train[b++] = i;
  }
  return { train, test };
}

/**
 * A random hold-out split: ceil(testFraction·n) rows to test (sklearn's rounding for a float test_size), the rest
 * to train; rows chosen by a seeded shuffle (`rng` advances). Throws RangeError unless both parts are non-empty.
 */
export function trainTestSplit(n: number, testFraction: number, rng: Rng): RowSplit {
  if (!Number.isInteger(n) || n < 2)
    throw new RangeError(`trainTestSplit: n must be an integer ≥ 2, got ${n}`);
  if (!(testFraction > 0 && testFraction < 1))
    throw new RangeError(`trainTestSplit: testFraction must be in (0, 1), got ${testFraction}`);
  const nTest = Math.ceil(testFraction * n);
  if (nTest >= n)
    throw new RangeError(`trainTestSplit: testFraction ${testFraction} leaves no training rows`);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  rng.shuffle(perm);
  const test = perm.slice(0, nTest).sort();
  const train = perm.slice(nTest).sort();
  return { train, test };
}
