/**
 * Nested cross-validation with a hyperparameter study per learner: the score we report for "tune every model,
 * pick the best" is measured on rows that took no part in the tuning or the picking.
 *
 * Glossary:
 * - group: rows that must stay on one side of every split (by default, replicates: rows with identical features).
 * - outer fold f: its rows are predicted by models tuned, chosen and refitted on the other rows only.
 * - study: the tuner's view of one learner's search (ask → params, tell ← score); scores are minimised.
 * - inner score of a trial: mean inner loss over the inner folds of the rows being tuned on — by default RMSE (in
 *   y's units); `scoring` injects another (cv-scoring.ts: 1 − ROC-AUC for binary classifiers).
 * - strata: a class per row; when given, outer and inner folds spread every class evenly (classification).
 * - OOF (out-of-fold) prediction of row i: by the model chosen and refitted without row i's outer fold.
 * - inner OOF: the best trial's outputs for the tuned rows, each from the fit without its inner fold; what a
 *   classifier's calibration is fitted on (`onOuterFold`, `FinalModel.innerOof`).
 * - Seeds: outer folds from createRng(seed); inner folds of outer fold f from deriveSeed(seed, f + 1) (f = −1:
 *   the final tuning on all rows); the study and fit seeds of learner l in fold f from deriveSeed of those.
 */
import type { AbortSignalLike } from '../linear/ols.js';
import { createRng, deriveSeed } from '../random/rng.js';
import {
  regressionScoring,
  summarise,
  type CvScoring,
  type FoldScores,
  type Predictor,
  type RegressionFoldScores,
  type ScoreSummary,
} from './cv-scoring.js';
import { duplicateRowGroups, groupKFold } from './group-k-fold.js';
import {
  FitCounter,
  innerFolds,
  tuneLearner,
  type InnerOof,
  type TunableLearner,
  type TuningOutcome,
} from './inner-tuning.js';
import { foldSplit } from './k-fold.js';
import { selectRows, selectValues } from './learner.js';
import { stratifiedGroupKFold } from './stratified-group-k-fold.js';

export type {
  BinaryFoldScores,
  CvScoring,
  FoldScores,
  Predictor,
  ProbabilityModel,
  RegressionFoldScores,
  ScoreSummary,
} from './cv-scoring.js';
export { binaryAucScoring, regressionScoring } from './cv-scoring.js';
export type { InnerOof, TrialStudy, TunableLearner, TuningOutcome } from './inner-tuning.js';

export interface TuningOptions<M = Predictor, S extends FoldScores = RegressionFoldScores> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each learner has its own params type; the CV only passes them back
  learners: readonly TunableLearner<any, M>[];
  innerSplits: number;
  nTrials: number;
  seed: number;
  /** Inner loss and outer scores; default `regressionScoring` (inner RMSE; MAE, RMSE, R²). */
  scoring?: CvScoring<M, S>;
  /** Class of each row (0..C−1) to stratify the folds by; rows of the tuned set in the same order as x. */
  strata?: Int32Array;
  signal?: AbortSignalLike;
  /** Fraction of all model fits done (non-decreasing, 1 at the end) and a stage name. */
  onProgress?: (fraction: number, stage: string) => void;
}

/** What the procedure fitted in one outer fold, for callers that fit more on the training rows (calibration). */
export interface OuterFoldFit<M> {
  fold: number;
  /** Row indices (into x) of the outer training and test parts. */
  train: Int32Array;
  test: Int32Array;
  /** The chosen learner, its model refitted on all training rows and that model's outputs on the test rows. */
  learner: string;
  model: M;
  testOutput: Float64Array;
  /** The chosen learner's inner OOF outputs on the training rows (in `train` order) and their inner folds. */
  innerOof: InnerOof;
}

export interface TunedNestedCvInput<
  M = Predictor,
  S extends FoldScores = RegressionFoldScores,
> extends TuningOptions<M, S> {
  /** Column-major n×p features; y length n. Not mutated. */
  x: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
  outerSplits: number;
  /** Group id per row (see groupIds); default: duplicateRowGroups(x). */
  groups?: Int32Array;
  /** Outer fold per row (0..outerSplits−1), e.g. to compare with another library on the same folds; default: seeded group folds. */
  outerFold?: Int32Array;
  /** Called after each outer fold with what was fitted in it (before the next fold starts). */
  onOuterFold?: (fit: OuterFoldFit<M>) => void;
}

export interface LearnerCv<S extends FoldScores = RegressionFoldScores> extends ScoreSummary<S> {
  learner: string;
  /** OOF predictions of this learner (tuned inside each outer fold). */
  oof: Float64Array;
  /** Best inner score and parameters per outer fold. */
  innerScores: number[];
  params: unknown[];
}

export interface TunedNestedCvResult<S extends FoldScores = RegressionFoldScores> {
  /** Outer fold of each row. */
  fold: Int32Array;
  /** OOF predictions of the whole procedure (the learner chosen in each fold). */
  oof: Float64Array;
  chosen: string[];
  scores: ScoreSummary<S>;
  learners: LearnerCv<S>[];
}

export interface FinalModel<M = Predictor> {
  learner: string;
  params: unknown;
  model: M;
  innerScore: number;
  /** Every learner's tuning on all rows, in input order. */
  tuning: TuningOutcome[];
  /** The chosen learner's inner OOF outputs on all rows. */
  innerOof: InnerOof;
}

function fitsPerTuning(
  options: Pick<TuningOptions<unknown, FoldScores>, 'learners' | 'nTrials'>,
  nInner: number,
): number {
  return options.learners.length * (options.nTrials * nInner + 1);
}

function scoringOf<M, S extends FoldScores>(options: TuningOptions<M, S>): CvScoring<M, S> {
  return options.scoring ?? (regressionScoring as unknown as CvScoring<M, S>);
}

/** Tunes every learner on all rows of x, picks the lowest inner score (ties: input order) and refits it on all rows. */
export function tuneAndRefit<M = Predictor, S extends FoldScores = RegressionFoldScores>(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  groups: Int32Array,
  options: TuningOptions<M, S>,
): FinalModel<M> {
  const counter = new FitCounter(fitsPerTuning(options, options.innerSplits), options);
  return refitFinal(x, y, n, p, options, finalStudy(x, y, n, p, groups, options, counter), counter);
}

/** The final tuning on all rows, before the refit: every learner's outcome and the winner's index and inner OOF. */
export interface FinalStudy {
  tuning: TuningOutcome[];
  best: number;
  innerOof: InnerOof;
}

export function finalStudy<M, S extends FoldScores>(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  groups: Int32Array,
  options: TuningOptions<M, S>,
  counter: FitCounter,
): FinalStudy {
  const seed = deriveSeed(options.seed, 0);
  const inner = innerFolds(x, y, n, p, groups, options.innerSplits, seed, options.strata);
  const scoring = scoringOf(options);
  const tuned = options.learners.map((learner, l) =>
    tuneLearner(
      learner,
      inner,
      p,
      options.nTrials,
      deriveSeed(seed, l + 1),
      scoring,
      counter,
      'final tuning',
    ),
  );
  let best = 0;
  for (let l = 1; l < tuned.length; l++) if (tuned[l]!.innerScore < tuned[best]!.innerScore) best = l;
  const tuning = tuned.map(({ learner: name, params: pr, innerScore, trials }) => ({
    learner: name,
    params: pr,
    innerScore,
    trials,
  }));
  return { tuning, best, innerOof: tuned[best]!.oof };
}

/** Refits the final study's winner on all rows (its seed depends only on the options and the winner). */
export function refitFinal<M, S extends FoldScores>(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  options: TuningOptions<M, S>,
  study: FinalStudy,
  counter: FitCounter,
): FinalModel<M> {
  const { best, tuning } = study;
  const learner = options.learners[best]!;
  const params = tuning[best]!.params;
  const model = learner.fit(x, y, n, p, params, deriveSeed(deriveSeed(options.seed, 0), 1_000_000 + best));
  counter.tick('final refit');
  return {
    learner: learner.name,
    params,
    model,
    innerScore: tuning[best]!.innerScore,
    tuning,
    innerOof: study.innerOof,
  };
}

/** Groups, outer folds and scoring of a nested CV, fixed before any fold runs. */
export interface NestedCvPlan<M, S extends FoldScores> {
  groups: Int32Array;
  fold: Int32Array;
  scoring: CvScoring<M, S>;
}

export function planNestedCv<M, S extends FoldScores>(input: TunedNestedCvInput<M, S>): NestedCvPlan<M, S> {
  const { x, n, p, outerSplits, strata } = input;
  if (input.learners.length === 0) throw new RangeError('tunedNestedCv: no learners');
  const groups = input.groups ?? duplicateRowGroups(x, n, p);
  const fold =
    input.outerFold ??
    (strata
      ? stratifiedGroupKFold(groups, strata, outerSplits, createRng(input.seed))
      : groupKFold(groups, outerSplits, createRng(input.seed)));
  return { groups, fold, scoring: scoringOf(input) };
}

/** What one learner gave in one outer fold. `model` is absent when the fold ran on another thread. */
export interface FoldLearnerOutcome<M> {
  output: Float64Array;
  innerScore: number;
  params: unknown;
  innerOof: InnerOof;
  model?: M;
}

export interface OuterFoldStudy<M> {
  fold: number;
  perLearner: FoldLearnerOutcome<M>[];
  /** Index of the learner with the lowest inner score (ties: input order). */
  best: number;
}

/** Tunes every learner on outer fold f's training rows, refits each and predicts the fold's test rows. */
export function outerFoldStudy<M, S extends FoldScores>(
  input: TunedNestedCvInput<M, S>,
  plan: NestedCvPlan<M, S>,
  f: number,
  counter: FitCounter,
): OuterFoldStudy<M> {
  const { x, y, n, p, learners, outerSplits, strata } = input;
  const { train, test } = foldSplit(plan.fold, f);
  const xTrain = selectRows(x, n, p, train);
  const yTrain = selectValues(y, train);
  const xTest = selectRows(x, n, p, test);
  const trainGroups = Int32Array.from(train, (i) => plan.groups[i]!);
  const trainStrata = strata ? Int32Array.from(train, (i) => strata[i]!) : undefined;
  const foldSeed = deriveSeed(input.seed, f + 1);
  const inner = innerFolds(
    xTrain,
    yTrain,
    train.length,
    p,
    trainGroups,
    input.innerSplits,
    foldSeed,
    trainStrata,
  );
  let best = -1;
  let bestScore = Infinity;
  const perLearner = learners.map((learner, l): FoldLearnerOutcome<M> => {
    const stage = `outer fold ${f + 1}/${outerSplits}: ${learner.name}`;
    const tuned = tuneLearner(
      learner,
      inner,
      p,
      input.nTrials,
      deriveSeed(foldSeed, l + 1),
      plan.scoring,
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
    if (tuned.innerScore < bestScore) {
      bestScore = tuned.innerScore;
      best = l;
    }
    const output = plan.scoring.output(model, xTest, test.length);
    return { output, innerScore: tuned.innerScore, params: tuned.params, innerOof: tuned.oof, model };
  });
  return { fold: f, perLearner, best };
}

/** Puts the outer-fold studies (in fold order) and the final model together into the nested CV result. */
export function assembleNestedCv<M, S extends FoldScores>(
  input: TunedNestedCvInput<M, S>,
  plan: NestedCvPlan<M, S>,
  studies: readonly OuterFoldStudy<M>[],
): TunedNestedCvResult<S> {
  const { y, n, learners } = input;
  const { fold, scoring } = plan;
  const perLearnerOof = learners.map(() => new Float64Array(n).fill(Number.NaN));
  const perLearnerFolds = learners.map((): S[] => []);
  const oof = new Float64Array(n).fill(Number.NaN);
  const chosenFolds: S[] = [];
  for (const study of studies) {
    const { test } = foldSplit(fold, study.fold);
    const yTest = selectValues(y, test);
    study.perLearner.forEach((o, l) => {
      test.forEach((row, k) => (perLearnerOof[l]![row] = o.output[k]!));
      perLearnerFolds[l]!.push(scoring.foldScores(yTest, o.output));
    });
    const winner = study.perLearner[study.best]!;
    test.forEach((row, k) => (oof[row] = winner.output[k]!));
    chosenFolds.push(scoring.foldScores(yTest, winner.output));
  }
  const skip = scoring.skipUndefined ?? false;
  return {
    fold,
    oof,
    chosen: studies.map((s) => learners[s.best]!.name),
    scores: summarise(chosenFolds, skip),
    learners: learners.map((learner, l) => ({
      learner: learner.name,
      oof: perLearnerOof[l]!,
      innerScores: studies.map((s) => s.perLearner[l]!.innerScore),
      params: studies.map((s) => s.perLearner[l]!.params),
      ...summarise(perLearnerFolds[l]!, skip),
    })),
  };
}

/** Model fits of a whole nested CV (outer folds and the final tuning), for progress. */
export function nestedCvFits(
  input: Pick<TuningOptions<unknown, FoldScores>, 'learners' | 'nTrials' | 'innerSplits'>,
  outerSplits: number,
): number {
  return (outerSplits + 1) * fitsPerTuning(input, input.innerSplits);
}

/** The nested CV estimate, then the final model tuned and refitted on all rows (reported separately). */
export function tunedNestedCv<M = Predictor, S extends FoldScores = RegressionFoldScores>(
  input: TunedNestedCvInput<M, S>,
): { cv: TunedNestedCvResult<S>; final: FinalModel<M> } {
  const plan = planNestedCv(input);
  const counter = new FitCounter(nestedCvFits(input, input.outerSplits), input);
  const studies: OuterFoldStudy<M>[] = [];
  for (let f = 0; f < input.outerSplits; f++) {
    const study = outerFoldStudy(input, plan, f, counter);
    studies.push(study);
    if (input.onOuterFold) {
      const { train, test } = foldSplit(plan.fold, f);
      const winner = study.perLearner[study.best]!;
      input.onOuterFold({
        fold: f,
        train,
        test,
        learner: input.learners[study.best]!.name,
        model: winner.model!,
        testOutput: winner.output,
        innerOof: winner.innerOof,
      });
    }
  }
  const { x, y, n, p } = input;
  const final = refitFinal(x, y, n, p, input, finalStudy(x, y, n, p, plan.groups, input, counter), counter);
  return { cv: assembleNestedCv(input, plan, studies), final };
}
