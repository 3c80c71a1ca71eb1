/** Small seeded data sets and bit-level comparisons shared by the learner tests, so every learner is exercised on the same inputs. */
import { createRng } from '../random/rng.js';
import type { LearnerTask } from './learner-model.js';

export interface TestData {
  x: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
}

/**
 * x: n×p uniform on [0, 1) (column-major); y per task: regression 2·x0 + sin(3·x1) + small noise; binary
 * 1 when that exceeds its median-ish threshold 1.2; multiclass three bands of it (0, 1, 2).
 */
export function makeData(task: LearnerTask, n = 80, p = 3, seed = 7): TestData {
  const rng = createRng(seed);
  const x = new Float64Array(n * p);
  for (let k = 0; k < n * p; k++) x[k] = rng.next();
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = 2 * x[i]! + Math.sin(3 * x[n + i]!) + 0.1 * rng.next();
  if (task === 'regression') return { x, y: f, n, p };
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++)
    y[i] = task === 'binary' ? (f[i]! > 1.2 ? 1 : 0) : f[i]! < 0.9 ? 0 : f[i]! < 1.6 ? 1 : 2;
  return { x, y, n, p };
}

/** True when a and b hold the same doubles bit for bit (NaN payloads aside, −0 ≠ 0). */
export function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Small parameter sets that keep every learner fast in tests (trees: few, small). */
export const FAST_PARAMS: Record<string, Record<string, unknown>> = {
  gradient_boosting: { n_estimators: 20, num_leaves: 7, min_data_in_leaf: 3 },
  random_forest: { n_estimators: 15, oob_score: true },
  extra_trees: { n_estimators: 15 },
  gaussian_process: { n_restarts: 1 },
  ols: {},
  ridge: { alpha: 0.5 },
  lasso: { alpha: 0.01 },
  elastic_net: { alpha: 0.01, l1_ratio: 0.5 },
  logistic_regression: { C: 10 },
};
