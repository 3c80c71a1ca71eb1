/**
 * Nested cross-validation with a hyperparameter study per learner: the score we report for "tune every model,
 * pick the best" is measured on rows that took no part in the tuning or the picking.
 *
 * Glossary:
 * - group: rows that must stay on one side of every split (by default, replicates: rows with identical features).
 * - outer fold f: its rows are predicted by models tuned, chosen and refitted on the other rows only.
 * - study: the tuner's view of one learner's search (ask → params, tell ← score); scores are minimised.
 * - inner score of a trial: mean RMSE over the inner folds of the rows being tuned on (in y's units).
 * - OOF (out-of-fold) prediction of row i: by the model chosen and refitted without row i's outer fold.
 * - Seeds: outer folds from createRng(seed); inner folds of outer fold f from deriveSeed(seed, f + 1) (f = −1:
 *   the final tuning on all rows); the study and fit seeds of learner l in fold f from deriveSeed of those.
 */
import type { AbortSignalLike } from '../linear/ols.js';
import { createRng, deriveSeed } from '../random/rng.js';
import { duplicateRowGroups, groupKFold } from './group-k-fold.js';
import { foldSplit } from './k-fold.js';
import { selectRows, selectValues } from './learner.js';
import { mae, r2, rmse } from './metrics.js';

export interface Predictor {
  /** Predictions for the n rows of a column-major n×p x. */
  predict(x: Float64Array, n: number): Float64Array;
}

export interface TrialStudy<P> {
  ask(): { id: number; params: P };
  /** value: the trial's score (lower is better), or null when it was pruned. */
  tell(id: number, value: number | null): void;
  /** Reports an intermediate score after `step` inner folds; true asks to stop the trial (pruning). */
  report?(id: number, step: number, value: number): boolean;
}

export interface TunableLearner<P = unknown, M extends Predictor = Predictor> {
  name: string;
  createStudy(seed: number): TrialStudy<P>;
  /** Fits on column-major n×p x and y (neither mutated). `seed` drives any randomness of the fit. */
  fit(x: Float64Array, y: Float64Array, n: number, p: number, params: P, seed: number): M;
}

export interface TuningOptions<M extends Predictor = Predictor> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each learner has its own params type; the CV only passes them back
  learners: readonly TunableLearner<any, M>[];
  innerSplits: number;
  nTrials: number;
  seed: number;
  signal?: AbortSignalLike;
  /** Fraction of all model fits done (non-decreasing, 1 at the end) and a stage name. */
  onProgress?: (fraction: number, stage: string) => void;
}

export interface TunedNestedCvInput<M extends Predictor = Predictor> extends TuningOptions<M> {
  /** Column-major n×p features; y length n. Not mutated. */
  x: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
  outerSplits: number;
  /** Group id per row (see groupIds); default: duplicateRowGroups(x). */
  groups?: Int32Array;
}

export interface RegressionFoldScores {
  mae: number;
  rmse: number;
  r2: number;
}

export interface ScoreSummary {
  folds: RegressionFoldScores[];
  mean: RegressionFoldScores;
  sd: RegressionFoldScores;
}

export interface LearnerCv extends ScoreSummary {
  learner: string;
  /** OOF predictions of this learner (tuned inside each outer fold). */
  oof: Float64Array;
  /** Best inner score and parameters per outer fold. */
  innerScores: number[];
  params: unknown[];
}

export interface TunedNestedCvResult {
  /** Outer fold of each row. */
  fold: Int32Array;
  /** OOF predictions of the whole procedure (the learner chosen in each fold). */
  oof: Float64Array;
  chosen: string[];
  scores: ScoreSummary;
  learners: LearnerCv[];
}

export interface TuningOutcome<P = unknown> {
  learner: string;
  params: P;
  innerScore: number;
  trials: Array<{ params: P; value: number | null }>;
}

export interface FinalModel<M extends Predictor = Predictor> {
  learner: string;
  params: unknown;
  model: M;
  innerScore: number;
  /** Every learner's tuning on all rows, in input order. */
  tuning: TuningOutcome[];
}

interface InnerFold {
  xTrain: Float64Array;
  yTrain: Float64Array;
  nTrain: number;
  xTest: Float64Array;
  yTest: Float64Array;
}

/** Counts model fits so progress is a fraction of all of them. */
class FitCounter {
  private done = 0;
  constructor(
    private readonly total: number,
    private readonly options: Pick<TuningOptions, 'signal' | 'onProgress'>,
  ) {}
  tick(stage: string): void {
    this.done++;
    this.options.onProgress?.(Math.min(1, this.done / this.total), stage);
  }
  check(): void {
    this.options.signal?.throwIfAborted();
  }
}

function innerFolds(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  groups: Int32Array,
  splits: number,
  seed: number,
): InnerFold[] {
  const dense = new Map<number, number>();
  const g = Int32Array.from(groups, (v) => {
    let id = dense.get(v);
    if (id === undefined) dense.set(v, (id = dense.size));
    return id;
  });
  const k = Math.min(splits, dense.size);
  if (k < 2) throw new RangeError('tuning needs at least 2 distinct conditions in the rows it tunes on');
  const fold = groupKFold(g, k, createRng(seed));
  return Array.from({ length: k }, (_, f) => {
    const { train, test } = foldSplit(fold, f);
    return {
      xTrain: selectRows(x, n, p, train),
      yTrain: selectValues(y, train),
      nTrain: train.length,
      xTest: selectRows(x, n, p, test),
      yTest: selectValues(y, test),
    };
  });
}

/** Runs `nTrials` trials of one learner's study on the given inner folds; the best (lowest) score wins. */
function tuneLearner(
  learner: TunableLearner<unknown>,
  folds: readonly InnerFold[],
  p: number,
  nTrials: number,
  seed: number,
  counter: FitCounter,
  stage: string,
): TuningOutcome {
  const study = learner.createStudy(seed);
  const trials: TuningOutcome['trials'] = [];
  let best: { params: unknown; value: number } | null = null;
  for (let t = 0; t < nTrials; t++) {
    const { id, params } = study.ask();
    let sum = 0;
    let pruned = false;
    for (let f = 0; f < folds.length; f++) {
      counter.check();
      const fold = folds[f]!;
      const model = learner.fit(fold.xTrain, fold.yTrain, fold.nTrain, p, params, deriveSeed(seed, t + 1));
      const score = rmse(fold.yTest, model.predict(fold.xTest, fold.yTest.length));
      counter.tick(stage);
      sum += Number.isFinite(score) ? score : Number.MAX_VALUE;
      if (f < folds.length - 1 && study.report?.(id, f, sum / (f + 1))) {
        for (let skipped = f + 1; skipped < folds.length; skipped++) counter.tick(stage);
        pruned = true;
        break;
      }
    }
    const value = pruned ? null : sum / folds.length;
    study.tell(id, value);
    trials.push({ params, value });
    if (value !== null && (best === null || value < best.value)) best = { params, value };
  }
  if (best === null) throw new RangeError(`every trial of ${learner.name} was pruned`);
  return { learner: learner.name, params: best.params, innerScore: best.value, trials };
}

function summarise(folds: RegressionFoldScores[]): ScoreSummary {
  const stat = (key: keyof RegressionFoldScores) => {
    const v = folds.map((s) => s[key]);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
    return { mean, sd };
  };
  const keys = ['mae', 'rmse', 'r2'] as const;
  const s = Object.fromEntries(keys.map((k) => [k, stat(k)])) as Record<
    keyof RegressionFoldScores,
    { mean: number; sd: number }
  >;
  return {
    folds,
    mean: { mae: s.mae.mean, rmse: s.rmse.mean, r2: s.r2.mean },
    sd: { mae: s.mae.sd, rmse: s.rmse.sd, r2: s.r2.sd },
  };
}

function foldScores(yTrue: Float64Array, yPred: Float64Array): RegressionFoldScores {
  return { mae: mae(yTrue, yPred), rmse: rmse(yTrue, yPred), r2: r2(yTrue, yPred) };
}

function fitsPerTuning(options: Pick<TuningOptions, 'learners' | 'nTrials'>, nInner: number): number {
  return options.learners.length * (options.nTrials * nInner + 1);
}

/** Tunes every learner on all rows of x, picks the lowest inner score (ties: input order) and refits it on all rows. */
export function tuneAndRefit<M extends Predictor>(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  groups: Int32Array,
  options: TuningOptions<M>,
): FinalModel<M> {
  const counter = new FitCounter(fitsPerTuning(options, options.innerSplits), options);
  return tuneAndRefitCounted(x, y, n, p, groups, options, counter);
}

function tuneAndRefitCounted<M extends Predictor>(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  groups: Int32Array,
  options: TuningOptions<M>,
  counter: FitCounter,
): FinalModel<M> {
  const seed = deriveSeed(options.seed, 0);
  const folds = innerFolds(x, y, n, p, groups, options.innerSplits, seed);
  const tuning = options.learners.map((learner, l) =>
    tuneLearner(learner, folds, p, options.nTrials, deriveSeed(seed, l + 1), counter, 'final tuning'),
  );
  let best = 0;
  for (let l = 1; l < tuning.length; l++) if (tuning[l]!.innerScore < tuning[best]!.innerScore) best = l;
  const learner = options.learners[best]!;
  const params = tuning[best]!.params;
  const model = learner.fit(x, y, n, p, params, deriveSeed(seed, 1_000_000 + best));
  counter.tick('final refit');
  return { learner: learner.name, params, model, innerScore: tuning[best]!.innerScore, tuning };
}

/** The nested CV estimate, then the final model tuned and refitted on all rows (reported separately). */
export function tunedNestedCv<M extends Predictor>(
  input: TunedNestedCvInput<M>,
): { cv: TunedNestedCvResult; final: FinalModel<M> } {
  const { x, y, n, p, learners, outerSplits } = input;
  if (learners.length === 0) throw new RangeError('tunedNestedCv: no learners');
  const groups = input.groups ?? duplicateRowGroups(x, n, p);
  const fold = groupKFold(groups, outerSplits, createRng(input.seed));
  const total =
    outerSplits * fitsPerTuning(input, input.innerSplits) + fitsPerTuning(input, input.innerSplits);
  const counter = new FitCounter(total, input);

  const perLearnerOof = learners.map(() => new Float64Array(n).fill(Number.NaN));
  const perLearnerFolds = learners.map((): RegressionFoldScores[] => []);
  const innerScores = learners.map((): number[] => []);
  const params = learners.map((): unknown[] => []);
  const oof = new Float64Array(n).fill(Number.NaN);
  const chosen: string[] = [];
  const chosenFolds: RegressionFoldScores[] = [];

  for (let f = 0; f < outerSplits; f++) {
    const { train, test } = foldSplit(fold, f);
    const xTrain = selectRows(x, n, p, train);
    const yTrain = selectValues(y, train);
    const xTest = selectRows(x, n, p, test);
    const yTest = selectValues(y, test);
    const trainGroups = Int32Array.from(train, (i) => groups[i]!);
    const foldSeed = deriveSeed(input.seed, f + 1);
    const folds = innerFolds(xTrain, yTrain, train.length, p, trainGroups, input.innerSplits, foldSeed);
    let best = -1;
    let bestScore = Infinity;
    const predictions: Float64Array[] = [];
    learners.forEach((learner, l) => {
      const stage = `outer fold ${f + 1}/${outerSplits}: ${learner.name}`;
      const tuned = tuneLearner(
        learner,
        folds,
        p,
        input.nTrials,
        deriveSeed(foldSeed, l + 1),
        counter,
        stage,
      );
      counter.check();
      const model = learner.fit(
        xTrain,
        yTrain,
        train.length,
        p,
        tuned.params,
        deriveSeed(foldSeed, 1_000_000 + l),
      );
      counter.tick(stage);
      const pred = model.predict(xTest, test.length);
      predictions.push(pred);
      test.forEach((row, k) => (perLearnerOof[l]![row] = pred[k]!));
      perLearnerFolds[l]!.push(foldScores(yTest, pred));
      innerScores[l]!.push(tuned.innerScore);
      params[l]!.push(tuned.params);
      if (tuned.innerScore < bestScore) {
        bestScore = tuned.innerScore;
        best = l;
      }
    });
    chosen.push(learners[best]!.name);
    test.forEach((row, k) => (oof[row] = predictions[best]![k]!));
    chosenFolds.push(foldScores(yTest, predictions[best]!));
  }

  const final = tuneAndRefitCounted(x, y, n, p, groups, input, counter);
  return {
    cv: {
      fold,
      oof,
      chosen,
      scores: summarise(chosenFolds),
      learners: learners.map((learner, l) => ({
        learner: learner.name,
        oof: perLearnerOof[l]!,
        innerScores: innerScores[l]!,
        params: params[l]!,
        ...summarise(perLearnerFolds[l]!),
      })),
    },
    final,
  };
}
