/** Nested cross-validation, so the error we report for "pick the best model and its hyperparameters" is measured on rows that took no part in the picking. */
import type { AbortSignalLike } from '../linear/ols.js';
import { createRng, deriveSeed } from '../random/rng.js';
import {
  AUTO_TRANSFORM_CANDIDATES,
  chooseTransform,
  fitTransform,
  type FittedTransform,
  type TransformName,
} from '../transforms/target-transform.js';
import { foldSplit, kFold } from './k-fold.js';
import { selectRows, selectValues, type Candidate, type FittedModel } from './learner.js';
import { mae, r2, regressionScore, rmse, type RegressionMetric } from './metrics.js';

/**
 * Glossary:
 * - outer fold: one of `outerSplits` parts of the rows; each is predicted once by models that never saw it.
 * - outer-training rows: all rows outside the current outer fold. Everything of an outer fold is fitted on
 *   them only: the transform (for `auto`, also chosen there), the inner folds, the hyperparameters, the refit.
 * - inner CV: `innerSplits`-fold CV inside the outer-training rows that scores every candidate × grid point.
 *   The transform's λ and shift are refitted on every inner-training part; its name (for `auto`) is the one
 *   chosen on the outer-training rows.
 * - scores: always in original units of y (predictions are inverse-transformed before scoring); lower is better.
 * - OOF (out-of-fold) predictions: for each row, the prediction of the model fitted without that row's fold.
 * - preferWithin: keep the named candidate (the original app: 'ols') when its mean inner-CV score is at most
 *   (1 + fraction) × the best candidate's. Applied at every selection, outer folds included, so the outer score
 *   estimates the whole procedure.
 * - Randomness: outer folds come from createRng(seed); the inner folds of outer fold f from
 *   createRng(deriveSeed(seed, f + 1)); selectFinal's folds from createRng(deriveSeed(seed, 0)).
 */

export interface PreferCandidate {
  /** A candidate's learner name, e.g. 'ols'. */
  candidate: string;
  /** Non-negative fraction: 0.05 keeps it when within 5 % of the best. */
  fraction: number;
}

export interface SelectionInput {
  /** Column-major n×p design without an intercept column. Not mutated. */
  x: Float64Array;
  /** Response in original units, length n. Not mutated. */
  y: Float64Array;
  n: number;
  p: number;
  candidates: readonly Candidate[];
  innerSplits: number;
  metric: RegressionMetric;
  seed: number;
  /** Default 'none'. */
  transform?: TransformName | 'auto';
  /** What `auto` chooses from; default AUTO_TRANSFORM_CANDIDATES. */
  autoCandidates?: readonly TransformName[];
  preferWithin?: PreferCandidate;
  /** Checked before every model fit; throwing aborts the whole run. */
  signal?: AbortSignalLike;
  /** Fraction of model fits done, in [0, 1], non-decreasing, 1 at the end; and a stage name. */
  onProgress?: (fraction: number, stage: string) => void;
}

export interface NestedCvInput extends SelectionInput {
  outerSplits: number;
}

export interface TransformUsed {
  name: TransformName;
  lambda: number | null;
  shift: number;
  chosenBy: 'user' | 'auto';
}

/** Inner-CV scores of one candidate: one entry per grid point. */
export interface GridScores {
  candidate: string;
  /** Mean over inner folds of the selection metric, per grid point (original units). +∞ when predictions were not finite. */
  mean: Float64Array;
  /** Sample standard deviation over inner folds, per grid point. */
  sd: Float64Array;
  /** Index into the candidate's grid of the smallest mean (the first on ties). */
  best: number;
}

export interface Selection {
  /** Index into `candidates`. */
  candidateIndex: number;
  candidate: string;
  params: unknown;
  /** Mean inner-CV score of the selected candidate at `params`. */
  score: number;
  reason: string;
  /** Every candidate's grid scores, in the order of `candidates`. */
  scores: GridScores[];
}

export interface OuterFold {
  fold: number;
  /** Outer-training and test rows, ascending. */
  trainRows: Int32Array;
  testRows: Int32Array;
  /** Fitted (and for `auto`, chosen) on trainRows only. */
  transform: TransformUsed;
  /** The (candidate, params) the inner CV picked; its predictions are this fold's OOF predictions. */
  selection: Selection;
}

export interface RegressionScores {
  mae: number;
  rmse: number;
  /** Null when y is constant. */
  r2: number | null;
}

export interface CandidateOuterScores extends RegressionScores {
  candidate: string;
  /** The candidate's own best params in each outer fold. */
  paramsPerFold: unknown[];
  /** The candidate's OOF predictions (its best-params model of each fold), original units. */
  oofPredictions: Float64Array;
  /** Per outer fold, scored on that fold's test rows. */
  foldMae: Float64Array;
  foldRmse: Float64Array;
  /** Mean and sample standard deviation over outer folds of the per-fold MAE and RMSE. */
  maeMean: number;
  maeSd: number;
  rmseMean: number;
  rmseSd: number;
}

export interface NestedCvResult {
  /** Outer fold of each row. */
  foldOf: Int32Array;
  /** Original units; each row predicted by its fold's selected model. */
  oofPredictions: Float64Array;
  /** Pooled over all rows from oofPredictions: the honest estimate for the whole selection procedure. */
  metrics: RegressionScores;
  folds: OuterFold[];
  /** Each candidate evaluated the same way with its own best params, in the order of `candidates`. */
  candidates: CandidateOuterScores[];
}

export interface FinalSelection extends Selection {
  /** Fitted (and for `auto`, chosen) on all rows. */
  transform: TransformUsed;
  fittedTransform: FittedTransform;
  /** The selected candidate refitted on all rows; predicts in ORIGINAL units (inverse transform applied). */
  model: FittedModel;
  /** The learner's own model on transformed y (predicts in transformed units), e.g. to read coefficients. */
  rawModel: FittedModel;
  /** Inner fold of each row used for the selection. */
  foldOf: Int32Array;
}

/** Counts model fits for progress and checks the signal before each. */
class FitCounter {
  private done = 0;
  constructor(
    private readonly total: number,
    private readonly signal: AbortSignalLike | undefined,
    private readonly onProgress: ((fraction: number, stage: string) => void) | undefined,
  ) {}

  before(): void {
    this.signal?.throwIfAborted();
  }

  after(stage: string): void {
    this.done++;
    this.onProgress?.(Math.min(1, this.done / this.total), stage);
  }
}

function validate(input: SelectionInput, rowsNeeded: number): void {
  const { x, y, n, p, candidates, innerSplits, metric } = input;
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`model selection: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(p) || p < 0)
    throw new RangeError(`model selection: p must be a non-negative integer, got ${p}`);
  if (x.length !== n * p)
    throw new RangeError(`model selection: x has ${x.length} values, expected n·p = ${n * p}`);
  if (y.length !== n) throw new RangeError(`model selection: y has ${y.length} values, expected n = ${n}`);
  for (let i = 0; i < x.length; i++)
    if (!Number.isFinite(x[i]!)) throw new RangeError(`model selection: x[${i}] is not finite`);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(y[i]!)) throw new RangeError(`model selection: y[${i}] is not finite`);
  if (candidates.length === 0) throw new RangeError('model selection: no candidates');
  const names = new Set<string>();
  for (const c of candidates) {
    if (names.has(c.learner.name))
      throw new RangeError(`model selection: two candidates named '${c.learner.name}'`);
    names.add(c.learner.name);
    if (c.grid.length === 0)
      throw new RangeError(`model selection: candidate '${c.learner.name}' has an empty grid`);
  }
  if (metric !== 'mae' && metric !== 'rmse')
    throw new RangeError(`model selection: unknown metric '${String(metric)}'`);
  if (!Number.isInteger(innerSplits) || innerSplits < 2 || innerSplits > rowsNeeded)
    throw new RangeError(
      `model selection: innerSplits must be an integer in [2, ${rowsNeeded}] (rows available to the inner CV), got ${innerSplits}`,
    );
  const prefer = input.preferWithin;
  if (prefer) {
    if (!names.has(prefer.candidate))
      throw new RangeError(
        `model selection: preferWithin names '${prefer.candidate}', which is not a candidate`,
      );
    if (!(prefer.fraction >= 0)) throw new RangeError(`model selection: preferWithin.fraction must be ≥ 0`);
  }
}

function sampleSd(v: Float64Array): number {
  const m = v.length;
  if (m < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < m; i++) mean += v[i]!;
  mean /= m;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (v[i]! - mean) ** 2;
  return Math.sqrt(ss / (m - 1));
}

function meanOf(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s / v.length;
}

/** The selection metric, with non-finite predictions (an inverse transform out of range) scored +∞. */
function safeScore(metric: RegressionMetric, yTrue: Float64Array, yPred: Float64Array): number {
  for (let i = 0; i < yPred.length; i++) if (!Number.isFinite(yPred[i]!)) return Number.POSITIVE_INFINITY;
  const s = regressionScore(metric, yTrue, yPred);
  return Number.isNaN(s) ? Number.POSITIVE_INFINITY : s;
}

function totalGrid(candidates: readonly Candidate[]): number {
  return candidates.reduce((s, c) => s + c.grid.length, 0);
}

/**
 * Inner CV over `rows` (indices into the full data): for each inner fold, fits the transform `name` on the
 * inner-training y, fits every candidate × grid point on the transformed y, and scores the inverse-transformed
 * predictions of the held-out inner rows. Returns the grid scores of every candidate.
 */
function innerSearch(
  input: SelectionInput,
  rows: Int32Array,
  transformName: TransformName,
  innerFold: Int32Array,
  counter: FitCounter,
  stage: string,
): GridScores[] {
  const { x, y, n, p, candidates, innerSplits, metric } = input;
  const perFold = candidates.map((c) => c.grid.map(() => new Float64Array(innerSplits)));
  for (let j = 0; j < innerSplits; j++) {
    const split = foldSplit(innerFold, j);
    const trainRows = split.train.map((k) => rows[k]!);
    const valRows = split.test.map((k) => rows[k]!);
    const xTrain = selectRows(x, n, p, trainRows);
    const xVal = selectRows(x, n, p, valRows);
    const yVal = selectValues(y, valRows);
    const transform = fitTransform(transformName, selectValues(y, trainRows));
    const zTrain = transform.forward(selectValues(y, trainRows));
    candidates.forEach((c, ci) => {
      c.grid.forEach((params, gi) => {
        counter.before();
        const model = c.learner.fit(xTrain, zTrain, trainRows.length, p, params);
        const pred = transform.inverse(model.predict(xVal, valRows.length, p));
        perFold[ci]![gi]![j] = safeScore(metric, yVal, pred);
        counter.after(stage);
      });
    });
  }
  return candidates.map((c, ci) => {
    const mean = new Float64Array(c.grid.length);
    const sd = new Float64Array(c.grid.length);
    let best = 0;
    for (let gi = 0; gi < c.grid.length; gi++) {
      mean[gi] = meanOf(perFold[ci]![gi]!);
      sd[gi] = sampleSd(perFold[ci]![gi]!);
      if (mean[gi]! < mean[best]!) best = gi;
    }
    return { candidate: c.learner.name, mean, sd, best };
  });
}

/** Picks the candidate with the smallest best-mean score (the first on ties), then applies preferWithin. */
function pick(input: SelectionInput, scores: GridScores[], metric: RegressionMetric): Selection {
  let best = 0;
  for (let ci = 1; ci < scores.length; ci++) {
    if (scores[ci]!.mean[scores[ci]!.best]! < scores[best]!.mean[scores[best]!.best]!) best = ci;
  }
  const bestScore = scores[best]!.mean[scores[best]!.best]!;
  let chosen = best;
  let reason = `lowest mean inner-CV ${metric.toUpperCase()}`;
  const prefer = input.preferWithin;
  if (prefer && scores[best]!.candidate !== prefer.candidate) {
    const pi = scores.findIndex((s) => s.candidate === prefer.candidate);
    const preferredScore = scores[pi]!.mean[scores[pi]!.best]!;
    if (preferredScore <= (1 + prefer.fraction) * bestScore) {
      chosen = pi;
      reason =
        `'${prefer.candidate}' kept: its mean inner-CV ${metric.toUpperCase()} is within ` +
        `${prefer.fraction * 100} % of the best ('${scores[best]!.candidate}')`;
    }
  }
  const s = scores[chosen]!;
  return {
    candidateIndex: chosen,
    candidate: s.candidate,
    params: input.candidates[chosen]!.grid[s.best],
    score: s.mean[s.best]!,
    reason,
    scores,
  };
}

function fitTransformFor(
  input: SelectionInput,
  yTrain: Float64Array,
): { transform: FittedTransform; used: TransformUsed } {
  const requested = input.transform ?? 'none';
  const transform =
    requested === 'auto'
      ? chooseTransform(yTrain, input.autoCandidates ?? AUTO_TRANSFORM_CANDIDATES).transform
      : fitTransform(requested, yTrain);
  return {
    transform,
    used: {
      name: transform.name,
      lambda: transform.lambda,
      shift: transform.shift,
      chosenBy: requested === 'auto' ? 'auto' : 'user',
    },
  };
}

function regressionScores(yTrue: Float64Array, yPred: Float64Array): RegressionScores {
  const r = r2(yTrue, yPred);
  return { mae: mae(yTrue, yPred), rmse: rmse(yTrue, yPred), r2: Number.isFinite(r) ? r : null };
}

/**
 * Nested cross-validation of a model-selection procedure. For every outer fold, on its outer-training rows only:
 * fit (for `auto`, choose) the target transform; run the inner CV over every candidate × grid point; for every
 * candidate refit its best params on all outer-training rows and predict the outer test rows (inverse-transformed
 * to original units). The fold's selected (candidate, params) — smallest mean inner score, then preferWithin —
 * supplies the OOF predictions; the other candidates' predictions give the per-candidate comparison.
 *
 * Cost: outerSplits × (innerSplits × Σ grid sizes + candidates) model fits. Inputs are not mutated. Throws
 * RangeError on inconsistent input (including outerSplits outside [2, n], innerSplits larger than the smallest
 * outer-training part) and whatever the signal throws when aborted.
 */
export function nestedCrossValidation(input: NestedCvInput): NestedCvResult {
  const { x, y, n, p, candidates, outerSplits, innerSplits, metric, seed } = input;
  if (!Number.isInteger(outerSplits) || outerSplits < 2 || outerSplits > n)
    throw new RangeError(
      `nestedCrossValidation: outerSplits must be an integer in [2, n = ${n}], got ${outerSplits}`,
    );
  validate(input, n - Math.ceil(n / outerSplits));

  const counter = new FitCounter(
    outerSplits * (innerSplits * totalGrid(candidates) + candidates.length),
    input.signal,
    input.onProgress,
  );
  const foldOf = kFold(n, outerSplits, createRng(seed));
  const oof = new Float64Array(n);
  const perCandidate = candidates.map(() => ({
    oof: new Float64Array(n),
    foldMae: new Float64Array(outerSplits),
    foldRmse: new Float64Array(outerSplits),
    params: new Array<unknown>(outerSplits),
  }));
  const folds: OuterFold[] = [];

  for (let f = 0; f < outerSplits; f++) {
    const stage = `outer fold ${f + 1}/${outerSplits}`;
    const { train, test } = foldSplit(foldOf, f);
    const yTrain = selectValues(y, train);
    const { transform, used } = fitTransformFor(input, yTrain);

    const innerFold = kFold(train.length, innerSplits, createRng(deriveSeed(seed, f + 1)));
    const scores = innerSearch(input, train, transform.name, innerFold, counter, `${stage}: inner CV`);
    const selection = pick(input, scores, metric);

    const xTrain = selectRows(x, n, p, train);
    const xTest = selectRows(x, n, p, test);
    const yTest = selectValues(y, test);
    const zTrain = transform.forward(yTrain);
    candidates.forEach((c, ci) => {
      counter.before();
      const params = c.grid[scores[ci]!.best];
      const model = c.learner.fit(xTrain, zTrain, train.length, p, params);
      const pred = transform.inverse(model.predict(xTest, test.length, p));
      const pc = perCandidate[ci]!;
      for (let k = 0; k < test.length; k++) pc.oof[test[k]!] = pred[k]!;
      if (ci === selection.candidateIndex) for (let k = 0; k < test.length; k++) oof[test[k]!] = pred[k]!;
      pc.foldMae[f] = mae(yTest, pred);
      pc.foldRmse[f] = rmse(yTest, pred);
      pc.params[f] = params;
      counter.after(`${stage}: refit`);
    });
    folds.push({ fold: f, trainRows: train, testRows: test, transform: used, selection });
  }

  return {
    foldOf,
    oofPredictions: oof,
    metrics: regressionScores(y, oof),
    folds,
    candidates: candidates.map((c, ci) => {
      const pc = perCandidate[ci]!;
      return {
        candidate: c.learner.name,
        ...regressionScores(y, pc.oof),
        paramsPerFold: pc.params,
        oofPredictions: pc.oof,
        foldMae: pc.foldMae,
        foldRmse: pc.foldRmse,
        maeMean: meanOf(pc.foldMae),
        maeSd: sampleSd(pc.foldMae),
        rmseMean: meanOf(pc.foldRmse),
        rmseSd: sampleSd(pc.foldRmse),
      };
    }),
  };
}

/**
 * The final choice on ALL rows: fit (for `auto`, choose) the transform on all y, run `innerSplits`-fold CV over
 * every candidate × grid point, pick as nestedCrossValidation does (preferWithin included), and refit the pick on
 * all rows. Its error estimate is the nested CV's, not `score` (which is optimistic: it was minimised).
 * Cost: innerSplits × Σ grid sizes + 1 fits. Inputs are not mutated.
 */
export function selectFinal(input: SelectionInput): FinalSelection {
  const { x, y, n, p, candidates, innerSplits, seed } = input;
  validate(input, n);
  const counter = new FitCounter(innerSplits * totalGrid(candidates) + 1, input.signal, input.onProgress);
  const { transform, used } = fitTransformFor(input, y);
  const foldOf = kFold(n, innerSplits, createRng(deriveSeed(seed, 0)));
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const scores = innerSearch(input, all, transform.name, foldOf, counter, 'final selection: CV');
  const selection = pick(input, scores, input.metric);

  counter.before();
  const rawModel = candidates[selection.candidateIndex]!.learner.fit(
    x,
    transform.forward(y),
    n,
    p,
    selection.params,
  );
  counter.after('final selection: refit');
  const model: FittedModel = {
    predict: (xNew, m, q) => transform.inverse(rawModel.predict(xNew, m, q)),
  };
  return { ...selection, transform: used, fittedTransform: transform, model, rawModel, foldOf };
}
