/**
 * One learner's hyperparameter study on the inner folds of the rows being tuned on — the step the tuned nested CV
 * repeats in every outer fold and once on all rows — keeping the best trial's inner out-of-fold outputs, which a
 * classifier's calibration and thresholds are fitted on.
 */
import type { AbortSignalLike } from '../linear/ols.js';
import { createRng, deriveSeed } from '../random/rng.js';
import type { CvScoring, FoldScores, Predictor } from './cv-scoring.js';
import { groupKFold } from './group-k-fold.js';
import { foldSplit } from './k-fold.js';
import { selectRows, selectValues } from './learner.js';
import { stratifiedGroupKFold } from './stratified-group-k-fold.js';

export interface TrialStudy<P> {
  ask(): { id: number; params: P };
  /** value: the trial's score (lower is better), or null when it was pruned. */
  tell(id: number, value: number | null): void;
  /** Reports an intermediate score after `step` inner folds; true asks to stop the trial (pruning). */
  report?(id: number, step: number, value: number): boolean;
}

export interface TunableLearner<P = unknown, M = Predictor> {
  name: string;
  createStudy(seed: number): TrialStudy<P>;
  /** Fits on column-major n×p x and y (neither mutated). `seed` drives any randomness of the fit. */
  fit(x: Float64Array, y: Float64Array, n: number, p: number, params: P, seed: number): M;
}

export interface TuningOutcome<P = unknown> {
  learner: string;
  params: P;
  innerScore: number;
  trials: Array<{ params: P; value: number | null }>;
}

/** The best trial's inner out-of-fold outputs on the tuned rows, and each row's inner fold. */
export interface InnerOof {
  output: Float64Array;
  fold: Int32Array;
}

export interface InnerFold {
  xTrain: Float64Array;
  yTrain: Float64Array;
  nTrain: number;
  xTest: Float64Array;
  yTest: Float64Array;
  /** Rows of the tuned set in this fold's test part. */
  test: Int32Array;
}

export interface InnerFolds {
  folds: InnerFold[];
  /** Inner fold of each tuned row. */
  fold: Int32Array;
  n: number;
}

/** Counts model fits so progress is a fraction of all of them. */
export class FitCounter {
  private done = 0;
  constructor(
    private readonly total: number,
    private readonly options: {
      signal?: AbortSignalLike | undefined;
      onProgress?: ((fraction: number, stage: string) => void) | undefined;
    },
  ) {}
  tick(stage: string): void {
    this.done++;
    this.options.onProgress?.(Math.min(1, this.done / this.total), stage);
  }
  check(): void {
    this.options.signal?.throwIfAborted();
  }
}

/** Dense ids 0.. in order of first appearance. */
function dense(values: Int32Array): Int32Array {
  const ids = new Map<number, number>();
  return Int32Array.from(values, (v) => {
    let id = ids.get(v);
    if (id === undefined) ids.set(v, (id = ids.size));
    return id;
  });
}

/** Group folds of the tuned rows (stratified by `strata` when given), seeded by `seed`. */
export function innerFolds(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  groups: Int32Array,
  splits: number,
  seed: number,
  strata?: Int32Array,
): InnerFolds {
  const g = dense(groups);
  let nGroups = 0;
  for (const v of g) nGroups = Math.max(nGroups, v + 1);
  const k = Math.min(splits, nGroups);
  if (k < 2) throw new RangeError('tuning needs at least 2 distinct conditions in the rows it tunes on');
  const fold = strata
    ? stratifiedGroupKFold(g, strata, k, createRng(seed))
    : groupKFold(g, k, createRng(seed));
  const folds = Array.from({ length: k }, (_, f) => {
    const { train, test } = foldSplit(fold, f);
    return {
      xTrain: selectRows(x, n, p, train),
      yTrain: selectValues(y, train),
      nTrain: train.length,
      xTest: selectRows(x, n, p, test),
      yTest: selectValues(y, test),
      test,
    };
  });
  return { folds, fold, n };
}

/**
 * Runs `nTrials` trials of one learner's study on the given inner folds; the best (lowest) mean inner loss wins
 * (ties: the earlier trial). Also returns the best trial's inner OOF outputs.
 */
export function tuneLearner<M, S extends FoldScores>(
  learner: TunableLearner<unknown, M>,
  inner: InnerFolds,
  p: number,
  nTrials: number,
  seed: number,
  scoring: CvScoring<M, S>,
  counter: FitCounter,
  stage: string,
): TuningOutcome & { oof: InnerOof } {
  const { folds } = inner;
  const study = learner.createStudy(seed);
  const trials: TuningOutcome['trials'] = [];
  let best: { params: unknown; value: number; output: Float64Array } | null = null;
  for (let t = 0; t < nTrials; t++) {
    const { id, params } = study.ask();
    const output = new Float64Array(inner.n).fill(Number.NaN);
    let sum = 0;
    let scored = 0;
    let pruned = false;
    for (let f = 0; f < folds.length; f++) {
      counter.check();
      const fold = folds[f]!;
      const model = learner.fit(fold.xTrain, fold.yTrain, fold.nTrain, p, params, deriveSeed(seed, t + 1));
      const out = scoring.output(model, fold.xTest, fold.yTest.length);
      fold.test.forEach((row, r) => (output[row] = out[r]!));
      const score = scoring.innerLoss(fold.yTest, out);
      counter.tick(stage);
      if (score !== null) {
        sum += Number.isFinite(score) ? score : Number.MAX_VALUE;
        scored++;
      }
      if (f < folds.length - 1 && scored > 0 && study.report?.(id, f, sum / scored)) {
        for (let skipped = f + 1; skipped < folds.length; skipped++) counter.tick(stage);
        pruned = true;
        break;
      }
    }
    const value = pruned ? null : scored > 0 ? sum / scored : Number.MAX_VALUE;
    study.tell(id, value);
    trials.push({ params, value });
    if (value !== null && (best === null || value < best.value)) best = { params, value, output };
  }
  if (best === null) throw new RangeError(`every trial of ${learner.name} was pruned`);
  return {
    learner: learner.name,
    params: best.params,
    innerScore: best.value,
    trials,
    oof: { output: best.output, fold: inner.fold },
  };
}
