/**
 * Permutation importance: how much a fitted model's score on a given data set drops when one feature's column is
 * shuffled, a model-agnostic check that works for every learner (trees, Gaussian processes, linear models).
 *
 * Glossary: x column-major n×p; `predict` returns one number per row (for 'binary' models pass the probability,
 * e.g. `model.predictProba`, when the metric needs it). Importance of feature j in repeat r = (baseline score −
 * score with column j shuffled), sign-flipped for metrics where lower is better, so larger always means more
 * important. Shuffles of feature j use `createRng(deriveSeed(seed, j))` (repeats drawn in order), so feature j's
 * numbers do not depend on which other features are evaluated or in what order.
 */
import type { AbortSignalLike } from '../linear/ols.js';
import { accuracy, logLoss, mae, r2, rmse, rocAuc } from '../model-selection/metrics.js';
import { createRng, deriveSeed } from '../random/rng.js';

export type MetricName = 'r2' | 'rmse' | 'mae' | 'auc' | 'accuracy' | 'logloss';

export interface Metric {
  score(yTrue: Float64Array, yPred: Float64Array): number;
  greaterIsBetter: boolean;
}

const METRICS: Record<MetricName, Metric> = {
  r2: { score: r2, greaterIsBetter: true },
  rmse: { score: rmse, greaterIsBetter: false },
  mae: { score: mae, greaterIsBetter: false },
  auc: { score: rocAuc, greaterIsBetter: true },
  accuracy: { score: (y, p) => accuracy(y, p), greaterIsBetter: true },
  logloss: { score: (y, p) => logLoss(y, p), greaterIsBetter: false },
};

export interface PermutationImportanceInput {
  predict: (x: Float64Array, n: number) => Float64Array;
  /** Column-major n×p. Not mutated (a copy is shuffled). */
  x: Float64Array;
  n: number;
  p: number;
  y: Float64Array;
  metric: MetricName | Metric;
  /** Shuffles per feature (default 5). */
  nRepeats?: number;
  /** Default 0. */
  seed?: number;
  /** Features to evaluate (default all); the others get NaN. */
  features?: readonly number[];
  signal?: AbortSignalLike;
}

export interface PermutationImportanceResult {
  /** Score of the unshuffled data. */
  baseline: number;
  /** Mean importance per feature over the repeats (NaN for features not evaluated). */
  mean: Float64Array;
  /** Standard deviation over the repeats, dividing by nRepeats (numpy.std, as scikit-learn reports it). */
  sd: Float64Array;
  /** importances[j·nRepeats + r] for feature j, repeat r. */
  importances: Float64Array;
}

/** See the module comment. Pure apart from calling `predict`. */
export function permutationImportance(input: PermutationImportanceInput): PermutationImportanceResult {
  const { predict, x, n, p, y } = input;
  const nRepeats = input.nRepeats ?? 5;
  const seed = input.seed ?? 0;
  if (!Number.isInteger(nRepeats) || nRepeats < 1)
    throw new RangeError(`permutationImportance: nRepeats must be an integer ≥ 1, got ${nRepeats}`);
  if (x.length !== n * p || y.length !== n)
    throw new RangeError(
      `permutationImportance: x has ${x.length} values and y ${y.length}, expected ${n}·${p} and ${n}`,
    );
  if (n < 2) throw new RangeError('permutationImportance: need at least two rows to shuffle');
  const metric = typeof input.metric === 'string' ? METRICS[input.metric] : input.metric;
  if (!metric) throw new RangeError(`permutationImportance: unknown metric ${String(input.metric)}`);
  const sign = metric.greaterIsBetter ? 1 : -1;
  const features = input.features ?? Array.from({ length: p }, (_, j) => j);

  const baseline = metric.score(y, predict(x, n));
  const work = x.slice();
  const mean = new Float64Array(p).fill(Number.NaN);
  const sd = new Float64Array(p).fill(Number.NaN);
  const importances = new Float64Array(p * nRepeats).fill(Number.NaN);
  for (const j of features) {
    if (!Number.isInteger(j) || j < 0 || j >= p)
      throw new RangeError(`permutationImportance: no feature ${j}`);
    const rng = createRng(deriveSeed(seed, j));
    const column = work.subarray(j * n, (j + 1) * n);
    for (let r = 0; r < nRepeats; r++) {
      if (input.signal?.aborted) input.signal.throwIfAborted();
      rng.shuffle(column);
      importances[j * nRepeats + r] = sign * (baseline - metric.score(y, predict(work, n)));
    }
    column.set(x.subarray(j * n, (j + 1) * n));
    let s = 0;
    for (let r = 0; r < nRepeats; r++) s += importances[j * nRepeats + r]!;
    const m = s / nRepeats;
    let ss = 0;
    for (let r = 0; r < nRepeats; r++) ss += (importances[j * nRepeats + r]! - m) ** 2;
    mean[j] = m;
    sd[j] = Math.sqrt(ss / nRepeats);
  }
  return { baseline, mean, sd, importances };
}
