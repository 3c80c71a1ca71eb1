/** Histogram gradient boosting (the LightGBM/XGBoost family) behind the common `TrainedModel` face, so the tuning pipeline, prediction jobs and TreeSHAP can use boosted trees like any other learner. */

/**
 * Glossary:
 * - round: one boosting iteration; it adds one tree (K trees for softmax, one per class, stored round-major:
 *   tree r·K + k belongs to class k).
 * - raw score: base score + Σ tree outputs. Tree node values already include the learning rate, so a loaded
 *   model needs nothing but its trees and base score to predict.
 * - base score: the raw score before any tree; by default the mean (squared error), the median (absolute
 *   error, Huber), the log-odds of the share of 1s (log-loss) or centred log class priors (softmax).
 * - split / gain importance: per feature, the number of splits on it and the sum of their gains (XGBoost's
 *   `weight` and `total_gain`), over the trees kept.
 * Inputs: x is column-major n×p (x[i + j·n]), NaN = missing (a learned default direction per split), ±∞ is an
 * error. Nothing passed in is mutated.
 */
import type { FitContext, TrainedModel } from '../learners/trained-model.js';
import { createRng, deriveSeed } from '../random/rng.js';
import type { Rng } from '../random/rng.js';
import { addTreePredictions, treeFromJson, treeToJson } from '../trees/tree.js';
import type { Tree, TreeJson } from '../trees/tree.js';
import { binTrainingMatrix } from './binning.js';
import type { BinnedMatrix } from './binning.js';
import { serialHistograms } from './histogram-builder.js';
import type { HistogramBuilderFactory } from './histogram-builder.js';
import { GrowWorkspace, growTree } from './grow-tree.js';
import type { GrowParams, GrownTree } from './grow-tree.js';
import { lossByName, medianInPlace, sigmoid } from './losses.js';
import type { LossName } from './losses.js';

export type { LossName } from './losses.js';

/** Every setting of a fit (defaults after `??`). */
export interface GradientBoostingParams {
  /** Boosting rounds (the most; early stopping may keep fewer). Default 100. */
  nEstimators?: number;
  /** Shrinkage applied to every tree, in (0, 1]. Default 0.1. */
  learningRate?: number;
  /** Maximum leaves per tree, ≥ 2. Default 31. */
  numLeaves?: number;
  /** Maximum depth (root = 0); ≤ 0 for no limit. Default −1. */
  maxDepth?: number;
  /** Minimum training rows per leaf, ≥ 1. Default 20 (LightGBM's). */
  minDataInLeaf?: number;
  /** Minimum hessian sum per leaf. Default 1e-3 (LightGBM's). */
  minChildWeight?: number;
  /** L2 penalty on leaf weights. Default 1 (XGBoost's). */
  lambda?: number;
  /** L1 penalty on leaf weights. Default 0. */
  alpha?: number;
  /** Minimum split gain (XGBoost's gamma, on its loss_chg scale). Default 0. */
  minSplitGain?: number;
  /** Share of rows drawn (without replacement) for each round, in (0, 1]. Default 1. */
  subsample?: number;
  /** Share of features drawn for each tree, in (0, 1]. Default 1. */
  colsampleByTree?: number;
  /** Bins per feature, not counting the missing-value bin, in [2, 65534]. Default 255. */
  maxBin?: number;
  /** Default 'squared-error'. */
  loss?: LossName;
  /** Huber threshold, units of y. Default 1. */
  huberDelta?: number;
  /** Softmax only: number of classes (labels 0..nClasses−1). Default: largest label + 1. */
  nClasses?: number;
  /** Stop when the validation loss has not improved for this many rounds and keep the best round. Needs `validation`. */
  earlyStoppingRounds?: number;
  /** Held-out rows scored after every round (column-major x, vn rows × the same p features). */
  validation?: { x: Float64Array; y: Float64Array; n: number };
  /** Starting prediction in y's units; for log-loss a probability in (0, 1). Not for softmax. Default: see glossary. */
  baseScore?: number;
  /** Seed of the row and feature sampling. Default 0. */
  seed?: number;
  /**
   * Who builds the histograms: the calling thread alone (default), or e.g. a helper thread that takes half the
   * features (backend/worker/histogram-thread/). Not kept in the model; the model is bit-identical either way.
   */
  histograms?: HistogramBuilderFactory;
}

/** The settings a model was fitted with, all resolved (the validation set itself is not kept). */
export interface ResolvedBoostingParams {
  nEstimators: number;
  learningRate: number;
  numLeaves: number;
  maxDepth: number;
  minDataInLeaf: number;
  minChildWeight: number;
  lambda: number;
  alpha: number;
  minSplitGain: number;
  subsample: number;
  colsampleByTree: number;
  maxBin: number;
  loss: LossName;
  huberDelta: number;
  earlyStoppingRounds: number | null;
  baseScore: number | null;
  seed: number;
}

export type RegressionOrBinaryLoss = Exclude<LossName, 'softmax'>;

export type GradientBoostingJson = {
  kind: 'gradient-boosting';
  version: 1;
  task: 'regression' | 'binary' | 'multiclass';
  loss: LossName;
  n_features: number;
  /** Trees per round (K for softmax, else 1). */
  n_outputs: number;
  base_score: number[];
  params: ResolvedBoostingParams;
  /** Rounds kept (the best round under early stopping). */
  n_rounds: number;
  /** Validation loss after each round actually run (empty without a validation set). */
  validation_loss: number[];
  split_importance: number[];
  gain_importance: number[];
  trees: TreeJson[];
};

const MODEL_VERSION = 1;

/** The trees, base score and bookkeeping shared by both model classes. */
interface Ensemble {
  loss: LossName;
  nFeatures: number;
  outputs: number;
  baseScore: Float64Array;
  params: ResolvedBoostingParams;
  trees: Tree[];
  validationLoss: number[];
  splitImportance: Float64Array;
  gainImportance: Float64Array;
}

function checkPredictInput(x: Float64Array, n: number, p: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`predict: n must be a non-negative integer, got ${n}`);
  if (x.length !== n * p) throw new RangeError(`predict: x has ${x.length} values, expected n·p = ${n * p}`);
}

/** Raw scores, column-major n×K, accumulated in round order (the order the fit used, so training rows match bit for bit). */
function rawScores(e: Ensemble, x: Float64Array, n: number): Float64Array {
  checkPredictInput(x, n, e.nFeatures);
  const K = e.outputs;
  const out = new Float64Array(n * K);
  for (let k = 0; k < K; k++) out.fill(e.baseScore[k]!, k * n, (k + 1) * n);
  for (let t = 0; t < e.trees.length; t++) {
    const k = t % K;
    addTreePredictions(e.trees[t]!, x, n, K === 1 ? out : out.subarray(k * n, (k + 1) * n));
  }
  return out;
}

function ensembleToJson(e: Ensemble, task: GradientBoostingJson['task']): GradientBoostingJson {
  return {
    kind: 'gradient-boosting',
    version: MODEL_VERSION,
    task,
    loss: e.loss,
    n_features: e.nFeatures,
    n_outputs: e.outputs,
    base_score: [...e.baseScore],
    params: { ...e.params },
    n_rounds: e.trees.length / e.outputs,
    validation_loss: [...e.validationLoss],
    split_importance: [...e.splitImportance],
    gain_importance: [...e.gainImportance],
    trees: e.trees.map(treeToJson),
  };
}

/** Boosted trees for regression (squared, absolute, Huber loss) or binary log-loss. */
export class GradientBoostingModel implements TrainedModel {
  readonly kind = 'gradient-boosting';
  readonly task: 'regression' | 'binary';
  readonly nFeatures: number;
  readonly loss: RegressionOrBinaryLoss;
  /** Raw score before any tree (log-odds for binary). */
  readonly baseScore: number;
  /** Round order; node values include the learning rate. Shared with TreeSHAP: do not mutate. */
  readonly trees: readonly Tree[];
  readonly params: ResolvedBoostingParams;
  /** Validation loss after each round run (empty without a validation set). */
  readonly validationLoss: readonly number[];
  /** Only for binary models: P(y = 1) per row. */
  readonly predictProba?: (x: Float64Array, n: number) => Float64Array;
  private readonly e: Ensemble;

  /** @internal Use `fitGradientBoosting` or `gradientBoostingFromJson`. */
  constructor(e: Ensemble) {
    if (e.outputs !== 1 || e.loss === 'softmax')
      throw new RangeError('GradientBoostingModel: one output only');
    this.e = e;
    this.loss = e.loss;
    this.task = e.loss === 'log-loss' ? 'binary' : 'regression';
    this.nFeatures = e.nFeatures;
    this.baseScore = e.baseScore[0]!;
    this.trees = e.trees;
    this.params = e.params;
    this.validationLoss = e.validationLoss;
    if (this.task === 'binary') this.predictProba = (x, n) => this.predict(x, n).map(sigmoid);
  }

  /** Regression: predictions in y's units. Binary: log-odds. Pure. */
  predict(x: Float64Array, n: number): Float64Array {
    return rawScores(this.e, x, n);
  }

  /** Per feature: number of splits ('split') or the sum of their gains ('gain'). A copy. */
  featureImportance(type: 'split' | 'gain' = 'gain'): Float64Array {
    return (type === 'split' ? this.e.splitImportance : this.e.gainImportance).slice();
  }

  toJSON(): GradientBoostingJson {
    return ensembleToJson(this.e, this.task);
  }
}

/** Boosted trees for K-class softmax: K trees per round. */
export class SoftmaxBoostingModel {
  readonly kind = 'gradient-boosting';
  readonly task = 'multiclass';
  readonly loss = 'softmax';
  readonly nFeatures: number;
  readonly nClasses: number;
  readonly baseScore: Float64Array;
  /** Round-major: tree r·K + k is class k's tree of round r. Do not mutate. */
  readonly trees: readonly Tree[];
  readonly params: ResolvedBoostingParams;
  readonly validationLoss: readonly number[];
  private readonly e: Ensemble;

  /** @internal Use `fitGradientBoosting` or `gradientBoostingFromJson`. */
  constructor(e: Ensemble) {
    if (e.loss !== 'softmax') throw new RangeError('SoftmaxBoostingModel: softmax loss only');
    this.e = e;
    this.nFeatures = e.nFeatures;
    this.nClasses = e.outputs;
    this.baseScore = e.baseScore.slice();
    this.trees = e.trees;
    this.params = e.params;
    this.validationLoss = e.validationLoss;
  }

  /** Raw class scores, column-major n×K (score of class k for row i at k·n + i). Pure. */
  predict(x: Float64Array, n: number): Float64Array {
    return rawScores(this.e, x, n);
  }

  /** Class probabilities, column-major n×K. Pure. */
  predictProba(x: Float64Array, n: number): Float64Array {
    const f = this.predict(x, n);
    const K = this.nClasses;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, f[k * n + i]!);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(f[k * n + i]! - max);
        f[k * n + i] = e;
        sum += e;
      }
      for (let k = 0; k < K; k++) f[k * n + i]! /= sum;
    }
    return f;
  }

  /** The most probable class of each row (lowest label on ties). Pure. */
  predictClass(x: Float64Array, n: number): Int32Array {
    const f = this.predict(x, n);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < this.nClasses; k++) if (f[k * n + i]! > f[best * n + i]!) best = k;
      out[i] = best;
    }
    return out;
  }

  featureImportance(type: 'split' | 'gain' = 'gain'): Float64Array {
    return (type === 'split' ? this.e.splitImportance : this.e.gainImportance).slice();
  }

  toJSON(): GradientBoostingJson {
    return ensembleToJson(this.e, 'multiclass');
  }
}

function resolve(params: GradientBoostingParams): ResolvedBoostingParams {
  const r: ResolvedBoostingParams = {
    nEstimators: params.nEstimators ?? 100,
    learningRate: params.learningRate ?? 0.1,
    numLeaves: params.numLeaves ?? 31,
    maxDepth: params.maxDepth ?? -1,
    minDataInLeaf: params.minDataInLeaf ?? 20,
    minChildWeight: params.minChildWeight ?? 1e-3,
    lambda: params.lambda ?? 1,
    alpha: params.alpha ?? 0,
    minSplitGain: params.minSplitGain ?? 0,
    subsample: params.subsample ?? 1,
    colsampleByTree: params.colsampleByTree ?? 1,
    maxBin: params.maxBin ?? 255,
    loss: params.loss ?? 'squared-error',
    huberDelta: params.huberDelta ?? 1,
    earlyStoppingRounds: params.earlyStoppingRounds ?? null,
    baseScore: params.baseScore ?? null,
    seed: params.seed ?? 0,
  };
  const int = (name: keyof ResolvedBoostingParams, v: number, min: number): void => {
    if (!Number.isInteger(v) || v < min)
      throw new RangeError(`${name} must be an integer ≥ ${min}, got ${v}`);
  };
  const inUnit = (name: keyof ResolvedBoostingParams, v: number): void => {
    if (!(v > 0 && v <= 1)) throw new RangeError(`${name} must be in (0, 1], got ${v}`);
  };
  const nonNeg = (name: keyof ResolvedBoostingParams, v: number): void => {
    if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`${name} must be finite and ≥ 0, got ${v}`);
  };
  int('nEstimators', r.nEstimators, 1);
  if (!(r.learningRate > 0 && Number.isFinite(r.learningRate)))
    throw new RangeError(`learningRate must be > 0, got ${r.learningRate}`);
  int('numLeaves', r.numLeaves, 2);
  if (!Number.isInteger(r.maxDepth)) throw new RangeError(`maxDepth must be an integer, got ${r.maxDepth}`);
  int('minDataInLeaf', r.minDataInLeaf, 1);
  nonNeg('minChildWeight', r.minChildWeight);
  nonNeg('lambda', r.lambda);
  nonNeg('alpha', r.alpha);
  nonNeg('minSplitGain', r.minSplitGain);
  inUnit('subsample', r.subsample);
  inUnit('colsampleByTree', r.colsampleByTree);
  if (r.earlyStoppingRounds !== null) int('earlyStoppingRounds', r.earlyStoppingRounds, 1);
  if (!Number.isSafeInteger(r.seed)) throw new RangeError(`seed must be a safe integer, got ${r.seed}`);
  if (r.minChildWeight === 0 && r.lambda === 0)
    throw new RangeError('minChildWeight and lambda cannot both be 0 (leaf weights would divide by 0)');
  return r;
}

/** Rows[0..m) ← a uniform sample of m of the n rows, ascending (partial Fisher–Yates on `perm`). Mutates rows, perm. */
function sampleRows(rng: Rng, perm: Int32Array, n: number, m: number, rows: Int32Array): void {
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  rows.set(perm.subarray(0, m));
  rows.subarray(0, m).sort();
}

/** mask[j] = 1 for a uniform sample of max(1, round(share·p)) features. Mutates mask, perm. */
function sampleFeatures(rng: Rng, perm: Int32Array, p: number, share: number, mask: Uint8Array): void {
  if (share >= 1) {
    mask.fill(1);
    return;
  }
  const m = Math.max(1, Math.round(share * p));
  for (let j = 0; j < p; j++) perm[j] = j;
  mask.fill(0);
  for (let j = 0; j < m; j++) {
    const s = j + rng.int(p - j);
    const t = perm[j]!;
    perm[j] = perm[s]!;
    perm[s] = t;
    mask[perm[j]!] = 1;
  }
}

/**
 * fk[i] += the value of row i's leaf, for the rows of every leaf of `grown` (rows as growTree leaves them).
 * Mutates fk only.
 */
function addLeafValues(grown: GrownTree, rows: Int32Array, fk: Float64Array): void {
  const { feature, value } = grown.tree;
  const { nodeStart, nodeEnd } = grown;
  for (let node = 0; node < feature.length; node++) {
    if (feature[node]! >= 0) continue;
    const v = value[node]!;
    const end = nodeEnd[node]!;
    for (let a = nodeStart[node]!; a < end; a++) fk[rows[a]!]! += v;
  }
}

/** The leaf of row i by bin codes (same path as the real thresholds on training rows). */
function leafOfBinned(g: GrownTree, b: BinnedMatrix, i: number): number {
  const t = g.tree;
  let node = 0;
  while (t.feature[node]! >= 0) {
    const f = t.feature[node]!;
    const bin = b.columnBins[f * b.n + i]!;
    const goLeft = bin === b.nBins[f] ? t.defaultLeft[node] === 1 : bin <= g.splitBin[node]!;
    node = goLeft ? t.left[node]! : t.right[node]!;
  }
  return node;
}

/**
 * Fits boosted trees to the column-major n×p matrix x (NaN = missing) and target y (length n): regression
 * losses predict y's units, 'log-loss' needs labels 0/1 with both present, 'softmax' integer labels 0..K−1 with
 * every class present. Throws a RangeError on NaN/±∞ in y, ±∞ in x, shape mismatches and bad settings.
 * Deterministic: the same data, params and seed give a bit-identical `toJSON()`. Reports progress per round and
 * honours ctx.signal between rounds. Mutates nothing passed in.
 */
export function fitGradientBoosting(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params: GradientBoostingParams & { loss: 'softmax' },
  ctx?: FitContext,
): SoftmaxBoostingModel;
export function fitGradientBoosting(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params?: GradientBoostingParams & { loss?: RegressionOrBinaryLoss },
  ctx?: FitContext,
): GradientBoostingModel;
export function fitGradientBoosting(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params?: GradientBoostingParams,
  ctx?: FitContext,
): GradientBoostingModel | SoftmaxBoostingModel;
export function fitGradientBoosting(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params: GradientBoostingParams = {},
  ctx: FitContext = {},
): GradientBoostingModel | SoftmaxBoostingModel {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`p must be a positive integer, got ${p}`);
  if (x.length !== n * p) throw new RangeError(`x has ${x.length} values, expected n·p = ${n * p}`);
  if (y.length !== n) throw new RangeError(`y has ${y.length} values, expected n = ${n}`);
  const rp = resolve(params);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i]!)) throw new RangeError(`y[${i}] is ${y[i]}; the target must be finite`);
  }
  let nClasses = 1;
  if (rp.loss === 'softmax') {
    if (params.nClasses !== undefined) nClasses = params.nClasses;
    else for (let i = 0; i < n; i++) nClasses = Math.max(nClasses, y[i]! + 1);
    if (rp.baseScore !== null)
      throw new RangeError('baseScore is not supported for softmax (log class priors are used)');
  }
  const loss = lossByName(rp.loss, rp.huberDelta, nClasses);
  loss.checkTarget(y, n);
  const K = loss.outputs;

  const val = params.validation;
  if (rp.earlyStoppingRounds !== null && val === undefined)
    throw new RangeError('earlyStoppingRounds needs a validation set');
  if (val !== undefined) {
    if (!Number.isInteger(val.n) || val.n < 1) throw new RangeError(`validation.n must be ≥ 1, got ${val.n}`);
    if (val.x.length !== val.n * p || val.y.length !== val.n)
      throw new RangeError(`validation set must be ${val.n}×${p} with ${val.n} targets`);
    for (let i = 0; i < val.x.length; i++) {
      const v = val.x[i]!;
      if (v === Infinity || v === -Infinity)
        throw new RangeError(
          `validation x[row ${i % val.n}, feature ${Math.floor(i / val.n)}] is ${v}; use NaN for missing`,
        );
    }
    loss.checkTarget(val.y, val.n);
  }

  // Base score.
  let base: Float64Array;
  if (rp.baseScore === null) base = loss.baseScore(y, n);
  else if (rp.loss === 'log-loss') {
    const q = rp.baseScore;
    if (!(q > 0 && q < 1))
      throw new RangeError(`baseScore for log-loss is a probability in (0, 1), got ${q}`);
    base = Float64Array.of(Math.log(q / (1 - q)));
  } else {
    if (!Number.isFinite(rp.baseScore)) throw new RangeError(`baseScore must be finite, got ${rp.baseScore}`);
    base = Float64Array.of(rp.baseScore);
  }

  const binned =
    params.histograms?.binTrainingMatrix?.(x, n, p, rp.maxBin) ?? binTrainingMatrix(x, n, p, rp.maxBin);
  const grow: GrowParams = {
    numLeaves: rp.numLeaves,
    maxDepth: rp.maxDepth,
    minDataInLeaf: rp.minDataInLeaf,
    minChildWeight: rp.minChildWeight,
    lambda: rp.lambda,
    alpha: rp.alpha,
    minSplitGain: rp.minSplitGain,
  };
  const hb = (params.histograms ?? serialHistograms).open(binned, loss.constHess);
  const ws = new GrowWorkspace(hb);

  const f = new Float64Array(n * K);
  for (let k = 0; k < K; k++) f.fill(base[k]!, k * n, (k + 1) * n);
  const grad = hb.float64(n * K);
  const hess = hb.float64(n * K);
  const rows = hb.int32(n);
  const perm = new Int32Array(Math.max(n, p));
  const mask = new Uint8Array(p);
  const residual = new Float64Array(n);
  const rowRng = createRng(deriveSeed(rp.seed, 1));
  const colRng = createRng(deriveSeed(rp.seed, 2));
  const nSample = rp.subsample < 1 ? Math.max(1, Math.round(rp.subsample * n)) : n;

  const vn = val?.n ?? 0;
  const vf = new Float64Array(vn * K);
  for (let k = 0; k < K; k++) vf.fill(base[k]!, k * vn, (k + 1) * vn);
  const validationLoss: number[] = [];
  let bestLoss = Infinity;
  let bestRounds = 0;

  const trees: Tree[] = [];
  const roundSplits: Float64Array[] = [];
  const roundGains: Float64Array[] = [];
  const lr = rp.learningRate;

  try {
    for (let round = 0; round < rp.nEstimators; round++) {
      ctx.signal?.throwIfAborted();
      loss.gradients(y, f, n, grad, hess);
      if (nSample < n) sampleRows(rowRng, perm, n, nSample, rows);
      const splits = new Float64Array(p);
      const gains = new Float64Array(p);
      // Without row sampling every tree starts from all rows in order, which the builder keeps read-only.
      const rootRows = nSample === n ? hb.identityRows() : rows;
      for (let k = 0; k < K; k++) {
        sampleFeatures(colRng, perm, p, rp.colsampleByTree, mask);
        const gk = K === 1 ? grad : grad.subarray(k * n, (k + 1) * n);
        const hk = K === 1 ? hess : hess.subarray(k * n, (k + 1) * n);
        const fk = K === 1 ? f : f.subarray(k * n, (k + 1) * n);
        const grown = growTree(binned, gk, hk, loss.constHess, rows, nSample, mask, grow, ws, rootRows);
        const t = grown.tree;
        const nodes = t.feature.length;
        if (loss.refitMedian) {
          for (let node = 0; node < nodes; node++) {
            if (t.feature[node]! >= 0) continue;
            let m = 0;
            for (let a = grown.nodeStart[node]!; a < grown.nodeEnd[node]!; a++) {
              const i = rows[a]!;
              residual[m++] = y[i]! - fk[i]!;
            }
            t.value[node] = medianInPlace(residual, m);
          }
        }
        for (let node = 0; node < nodes; node++) {
          t.value[node] = t.value[node]! * lr + 0; // + 0 turns −0 into +0, which JSON keeps
          if (t.feature[node]! >= 0) {
            splits[t.feature[node]!]! += 1;
            gains[t.feature[node]!]! += grown.gain[node]!;
          }
        }
        if (nSample === n) addLeafValues(grown, rows, fk);
        else {
          for (let i = 0; i < n; i++) fk[i]! += t.value[leafOfBinned(grown, binned, i)]!;
        }
        if (val !== undefined)
          addTreePredictions(t, val.x, vn, K === 1 ? vf : vf.subarray(k * vn, (k + 1) * vn));
        trees.push(t);
      }
      roundSplits.push(splits);
      roundGains.push(gains);
      ctx.onProgress?.((round + 1) / rp.nEstimators);
      if (val !== undefined) {
        const l = loss.evaluate(val.y, vf, vn);
        validationLoss.push(l);
        if (l < bestLoss) {
          bestLoss = l;
          bestRounds = round + 1;
        } else if (rp.earlyStoppingRounds !== null && round + 1 - bestRounds >= rp.earlyStoppingRounds) break;
      }
    }
  } finally {
    hb.close();
  }

  const keep = rp.earlyStoppingRounds !== null && bestRounds > 0 ? bestRounds : roundSplits.length;
  const splitImportance = new Float64Array(p);
  const gainImportance = new Float64Array(p);
  for (let r = 0; r < keep; r++) {
    for (let j = 0; j < p; j++) {
      splitImportance[j]! += roundSplits[r]![j]!;
      gainImportance[j]! += roundGains[r]![j]!;
    }
  }
  const e: Ensemble = {
    loss: rp.loss,
    nFeatures: p,
    outputs: K,
    baseScore: base,
    params: rp,
    trees: trees.slice(0, keep * K),
    validationLoss,
    splitImportance,
    gainImportance,
  };
  ctx.onProgress?.(1);
  return rp.loss === 'softmax' ? new SoftmaxBoostingModel(e) : new GradientBoostingModel(e);
}

/**
 * Restores a model from `toJSON()` output; it predicts bit for bit what the saved one did. Throws on an unknown
 * kind or version or an inconsistent shape.
 */
export function gradientBoostingFromJson(
  json: GradientBoostingJson & { loss: 'softmax' },
): SoftmaxBoostingModel;
export function gradientBoostingFromJson(
  json: GradientBoostingJson & { loss: RegressionOrBinaryLoss },
): GradientBoostingModel;
export function gradientBoostingFromJson(
  json: GradientBoostingJson,
): GradientBoostingModel | SoftmaxBoostingModel;
export function gradientBoostingFromJson(
  json: GradientBoostingJson,
): GradientBoostingModel | SoftmaxBoostingModel {
  if (json.kind !== 'gradient-boosting')
    throw new RangeError(`not a gradient-boosting model: kind '${json.kind}'`);
  if (json.version !== MODEL_VERSION)
    throw new RangeError(
      `gradient-boosting model version ${json.version} is not supported (expected ${MODEL_VERSION})`,
    );
  const K = json.n_outputs;
  if (json.base_score.length !== K || json.trees.length !== json.n_rounds * K)
    throw new RangeError(
      'gradient-boosting model: base_score or tree count does not match n_outputs × n_rounds',
    );
  const e: Ensemble = {
    loss: json.loss,
    nFeatures: json.n_features,
    outputs: K,
    baseScore: Float64Array.from(json.base_score),
    params: { ...json.params },
    trees: json.trees.map(treeFromJson),
    validationLoss: [...json.validation_loss],
    splitImportance: Float64Array.from(json.split_importance),
    gainImportance: Float64Array.from(json.gain_importance),
  };
  return json.loss === 'softmax' ? new SoftmaxBoostingModel(e) : new GradientBoostingModel(e);
}
