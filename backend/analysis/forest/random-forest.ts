/**
 * Random forests and extra trees for regression and binary classification, built so that each tree depends only
 * on the data, the parameters and its own derived seed: a worker pool can grow the trees in any order, on any
 * number of threads, and the forest (and its JSON) comes out bit-identical.
 *
 * Glossary:
 * - Input: x column-major n×p (x[i + j·n]), y of length n (regression: values in y's units; 'binary': 0/1).
 * - Tree t is grown by `fitForestTree(input, params, t)` with the generator `createRng(deriveSeed(seed, t))`; its
 *   first draws pick the tree's rows (`drawSample`), so the rows a tree saw can be replayed from the seed alone
 *   (that is how the out-of-bag score is computed without keeping per-tree row lists).
 * - Parallel contract: trees[t] = fitForestTree(input, params, t) for t = 0..nTrees−1, in any order;
 *   `assembleForest(input, params, trees)` then adds the out-of-bag score. `fitRandomForest` does exactly that on
 *   one thread; `fitForestParallel` (forest-kernel.ts) does it on a ParallelMap (compute threads).
 * - Prediction: the mean of the trees' leaf values (summed in tree order, then divided by nTrees). For 'binary'
 *   that is P(y = 1), the mean of the leaves' class-1 fractions (scikit-learn's predict_proba).
 * - Missing values: NaN or ±∞ in x or y is an error when fitting (a clear RangeError naming row and column).
 *   At prediction ±∞ compares as usual and NaN follows each split's `defaultLeft`, the child that received more
 *   training weight. A single class in 'binary' fits a constant model (P = 0 or 1) whose AUC is NaN. More
 *   features than rows and constant features are allowed (a constant feature is never split on).
 */
import type { AbortSignalLike } from '../linear/ols.js';
import type { FitContext, TrainedModel } from '../learners/trained-model.js';
import { r2, rocAuc } from '../model-selection/metrics.js';
import { createRng, deriveSeed, type Rng } from '../random/rng.js';
import {
  addTreePredictions,
  leafOf,
  treeFromJson,
  treeToJson,
  type Tree,
  type TreeJson,
} from '../trees/tree.js';
import { growTree, type CartParams } from './cart.js';

/**
 * Features tried at each split: 'sqrt' = ⌊√p⌋, 'log2' = ⌊log₂ p⌋ (both at least 1), 'all' = p, a number in (0, 1]
 * = ⌊fraction·p⌋ (at least 1; so 1 means all features), an integer ≥ 2 = that many (at most p), or
 * `{ count: k }` for exactly k (the way to ask for a single feature).
 */
export type MaxFeatures = 'sqrt' | 'log2' | 'all' | number | { count: number };

export interface ForestParams {
  /** Number of trees (default 100). */
  nTrees?: number;
  /** Default: 'all' (1.0) for regression, 'sqrt' for binary, as scikit-learn. */
  maxFeatures?: MaxFeatures;
  /** Depth limit, root at depth 0; null (default) grows until the leaf limits stop it. */
  maxDepth?: number | null;
  /** A node with fewer distinct rows is a leaf (default 2). */
  minSamplesSplit?: number;
  /** Each child keeps at least this many distinct rows (default 1). */
  minSamplesLeaf?: number;
  /**
   * true: each tree sees a bootstrap sample (rows drawn with replacement, as weights). false: each tree sees
   * `maxSamples` rows drawn without replacement (all rows by default). Default true for forests, false for
   * extra trees.
   */
  bootstrap?: boolean;
  /** Rows per tree: a fraction in (0, 1] of n or an integer count ≥ 2 (at most n without bootstrap). Default n. */
  maxSamples?: number | null;
  /** 'best' (random forest, default) or 'random' thresholds (extra trees). */
  splitter?: 'best' | 'random';
  /** Compute the out-of-bag predictions and score (needs rows left out of some trees). Default false. */
  oobScore?: boolean;
  /** Any safe integer (default 0). */
  seed?: number;
}

/** Parameters with every default filled in; what the model JSON stores. */
export interface ResolvedForestParams {
  nTrees: number;
  maxFeatures: MaxFeatures;
  maxDepth: number | null;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  bootstrap: boolean;
  maxSamples: number | null;
  splitter: 'best' | 'random';
  oobScore: boolean;
  seed: number;
}

export interface ForestInput {
  /** Column-major n×p, finite. Not mutated. */
  x: Float64Array;
  n: number;
  p: number;
  /** Length n, finite; 0/1 for 'binary'. Not mutated. */
  y: Float64Array;
  task: 'regression' | 'binary';
}

export interface ForestOob {
  /** Out-of-bag prediction per training row (mean over the trees that did not see it); NaN if every tree did. */
  prediction: Float64Array;
  /** Rows with an out-of-bag prediction. */
  nRows: number;
  /** Regression: R² of the out-of-bag predictions; binary: ROC AUC. NaN when undefined. */
  score: number;
  /** Binary only: fraction of rows where (P ≥ 0.5) matches y, scikit-learn's oob_score_. */
  accuracy?: number;
}

export interface ForestImportance {
  /** Number of splits on each feature, summed over the trees. */
  split: Float64Array;
  /**
   * Mean decrease in impurity (scikit-learn's feature_importances_): per tree, Σ over splits on the feature of
   * (cover-weighted) impurity decrease, normalised to sum 1; then averaged over trees and normalised again.
   * All zeros when no tree splits.
   */
  gain: Float64Array;
}

export interface RandomForestJson {
  kind: 'random-forest';
  version: 1;
  task: 'regression' | 'binary';
  n_features: number;
  params: ResolvedForestParams;
  trees: TreeJson[];
  /** Out-of-bag score summary (null when not computed); NaN scores are stored as null. */
  oob: { n_rows: number; score: number | null; accuracy: number | null } | null;
  [key: string]: unknown;
}

const MODEL_VERSION = 1;

/** Fills defaults and validates parameters against the input shape. Throws RangeError with the parameter name. */
export function resolveForestParams(
  params: ForestParams,
  task: 'regression' | 'binary',
  defaults: { bootstrap: boolean; splitter: 'best' | 'random' } = { bootstrap: true, splitter: 'best' },
): ResolvedForestParams {
  const r: ResolvedForestParams = {
    nTrees: params.nTrees ?? 100,
    maxFeatures: params.maxFeatures ?? (task === 'regression' ? 'all' : 'sqrt'),
    maxDepth: params.maxDepth ?? null,
    minSamplesSplit: params.minSamplesSplit ?? 2,
    minSamplesLeaf: params.minSamplesLeaf ?? 1,
    bootstrap: params.bootstrap ?? defaults.bootstrap,
    maxSamples: params.maxSamples ?? null,
    splitter: params.splitter ?? defaults.splitter,
    oobScore: params.oobScore ?? false,
    seed: params.seed ?? 0,
  };
  const posInt = (v: number, name: string, min: number) => {
    if (!Number.isInteger(v) || v < min)
      throw new RangeError(`forest: ${name} must be an integer ≥ ${min}, got ${v}`);
  };
  posInt(r.nTrees, 'nTrees', 1);
  posInt(r.minSamplesSplit, 'minSamplesSplit', 2);
  posInt(r.minSamplesLeaf, 'minSamplesLeaf', 1);
  if (r.maxDepth !== null) posInt(r.maxDepth, 'maxDepth', 0);
  if (!Number.isSafeInteger(r.seed))
    throw new RangeError(`forest: seed must be a safe integer, got ${r.seed}`);
  if (r.splitter !== 'best' && r.splitter !== 'random')
    throw new RangeError(`forest: splitter must be 'best' or 'random', got ${String(r.splitter)}`);
  const mf = r.maxFeatures;
  if (typeof mf === 'number') {
    if (!(mf > 0 && (mf <= 1 || Number.isInteger(mf))))
      throw new RangeError(`forest: maxFeatures must be a fraction in (0, 1] or an integer ≥ 2, got ${mf}`);
  } else if (typeof mf === 'object') {
    posInt(mf.count, 'maxFeatures.count', 1);
  } else if (mf !== 'sqrt' && mf !== 'log2' && mf !== 'all') {
    throw new RangeError(
      `forest: maxFeatures must be 'sqrt', 'log2', 'all', a number or { count }, got ${String(mf)}`,
    );
  }
  const ms = r.maxSamples;
  if (ms !== null && !(ms > 0 && (ms <= 1 || Number.isInteger(ms))))
    throw new RangeError(`forest: maxSamples must be a fraction in (0, 1] or an integer ≥ 2, got ${ms}`);
  return r;
}

/** The number of features tried per split for p features (see `MaxFeatures`). */
export function resolveMaxFeatures(mf: MaxFeatures, p: number): number {
  let k: number;
  if (mf === 'all') k = p;
  else if (mf === 'sqrt') k = Math.floor(Math.sqrt(p));
  else if (mf === 'log2') k = Math.floor(Math.log2(p));
  else if (typeof mf === 'object') k = mf.count;
  else k = mf <= 1 ? Math.floor(mf * p) : mf;
  if (k > p) throw new RangeError(`forest: maxFeatures asks for ${k} features but there are only ${p}`);
  return Math.max(1, k);
}

function sampleSize(params: ResolvedForestParams, n: number): number {
  const ms = params.maxSamples;
  if (ms === null) return n;
  const k = ms <= 1 ? Math.max(1, Math.round(ms * n)) : ms;
  if (!params.bootstrap && k > n)
    throw new RangeError(`forest: maxSamples = ${k} exceeds the ${n} rows (sampling without replacement)`);
  return k;
}

/**
 * The rows tree `t` sees, as weights (bootstrap counts, or 1/0 for subsampling without replacement). Uses the
 * first draws of `rng`, which must be `createRng(deriveSeed(seed, t))` fresh; advances it. Pure otherwise.
 */
export function drawSample(n: number, params: ResolvedForestParams, rng: Rng): Float64Array {
  const w = new Float64Array(n);
  const k = sampleSize(params, n);
  if (params.bootstrap) {
    for (let d = 0; d < k; d++) w[rng.int(n)]! += 1;
  } else if (k === n) {
    w.fill(1);
  } else {
    // Partial Fisher–Yates: the first k entries of a random permutation.
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + rng.int(n - i);
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
      w[perm[i]!] = 1;
    }
  }
  return w;
}

/** Throws a RangeError naming the first NaN/±∞ (row, column), a y outside {0, 1} for 'binary', or a bad shape. */
export function checkForestInput(input: ForestInput): void {
  const { x, n, p, y, task } = input;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`forest: need at least one row, got n = ${n}`);
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`forest: need at least one feature, got p = ${p}`);
  if (x.length !== n * p) throw new RangeError(`forest: x has ${x.length} values, expected n·p = ${n * p}`);
  if (y.length !== n) throw new RangeError(`forest: y has ${y.length} values, expected n = ${n}`);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      const v = x[j * n + i]!;
      if (!Number.isFinite(v))
        throw new RangeError(
          `forest: x[row ${i}, column ${j}] = ${v}; forests need finite inputs (impute or drop missing values first)`,
        );
    }
  }
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`forest: y[${i}] = ${v}; the target must be finite`);
    if (task === 'binary' && v !== 0 && v !== 1) throw new RangeError(`forest: y[${i}] = ${v} is not 0 or 1`);
  }
}

function cartParams(params: ResolvedForestParams, p: number): CartParams {
  return {
    maxFeatures: resolveMaxFeatures(params.maxFeatures, p),
    maxDepth: params.maxDepth ?? Infinity,
    minSamplesSplit: params.minSamplesSplit,
    minSamplesLeaf: params.minSamplesLeaf,
    splitter: params.splitter,
  };
}

/**
 * Grows tree t of the forest: rows from `drawSample`, then CART with the generator left after those draws.
 * Depends only on (input, params, t); the input is not checked here (call `checkForestInput` once). Pure.
 */
export function fitForestTree(input: ForestInput, params: ResolvedForestParams, t: number): Tree {
  const rng = createRng(deriveSeed(params.seed, t));
  const w = drawSample(input.n, params, rng);
  return growTree(input.x, input.n, input.p, input.y, w, cartParams(params, input.p), rng);
}

/** Out-of-bag predictions: each row averaged over the trees whose sample (replayed from the seed) left it out. */
export function outOfBag(
  input: ForestInput,
  params: ResolvedForestParams,
  trees: readonly Tree[],
): ForestOob {
  const { x, n, y } = input;
  const sum = new Float64Array(n);
  const count = new Float64Array(n);
  trees.forEach((tree, t) => {
    const w = drawSample(n, params, createRng(deriveSeed(params.seed, t)));
    for (let i = 0; i < n; i++) {
      if (w[i]! > 0) continue;
      sum[i]! += tree.value[leafOf(tree, x, n, i)]!;
      count[i]! += 1;
    }
  });
  const prediction = new Float64Array(n);
  const yy: number[] = [];
  const pp: number[] = [];
  for (let i = 0; i < n; i++) {
    if (count[i]! > 0) {
      prediction[i] = sum[i]! / count[i]!;
      yy.push(y[i]!);
      pp.push(prediction[i]!);
    } else prediction[i] = Number.NaN;
  }
  if (input.task === 'regression') return { prediction, nRows: yy.length, score: r2(yy, pp) };
  let hits = 0;
  for (let k = 0; k < yy.length; k++) if ((pp[k]! >= 0.5 ? 1 : 0) === yy[k]) hits++;
  return {
    prediction,
    nRows: yy.length,
    score: yy.length > 0 ? rocAuc(yy, pp) : Number.NaN,
    accuracy: yy.length > 0 ? hits / yy.length : Number.NaN,
  };
}

/** Puts trees grown by `fitForestTree` (trees[t] for tree t) into a model, computing the OOB score if asked. */
export function assembleForest(
  input: ForestInput,
  params: ResolvedForestParams,
  trees: readonly Tree[],
): RandomForestModel {
  if (trees.length !== params.nTrees)
    throw new RangeError(`forest: got ${trees.length} trees, expected nTrees = ${params.nTrees}`);
  const oob = params.oobScore ? outOfBag(input, params, trees) : null;
  return new RandomForestModel(input.task, input.p, params, trees, oob);
}

function checkAbort(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) signal.throwIfAborted();
}

/**
 * Everything a fit rejects before growing trees: the input (`checkForestInput`), maxFeatures against p and
 * maxSamples against n. Throws RangeError; call it once on the calling thread before handing trees out. Pure.
 */
export function checkForestFit(input: ForestInput, params: ResolvedForestParams): void {
  checkForestInput(input);
  resolveMaxFeatures(params.maxFeatures, input.p);
  sampleSize(params, input.n);
}

/** Fits a random forest (bootstrap, best thresholds by default) on one thread. Inputs are not mutated. */
export function fitRandomForest(
  input: ForestInput,
  params: ForestParams = {},
  ctx: FitContext = {},
): RandomForestModel {
  return fitForest(input, resolveForestParams(params, input.task), ctx);
}

/** Fits extra trees: random thresholds and, unless `bootstrap` is given, every tree on all rows. */
export function fitExtraTrees(
  input: ForestInput,
  params: ForestParams = {},
  ctx: FitContext = {},
): RandomForestModel {
  return fitForest(
    input,
    resolveForestParams(params, input.task, { bootstrap: false, splitter: 'random' }),
    ctx,
  );
}

/** Fits with parameters already resolved (the serial reference of the parallel contract above). */
export function fitForest(
  input: ForestInput,
  params: ResolvedForestParams,
  ctx: FitContext = {},
): RandomForestModel {
  checkForestFit(input, params);
  const trees: Tree[] = [];
  for (let t = 0; t < params.nTrees; t++) {
    checkAbort(ctx.signal);
    trees.push(fitForestTree(input, params, t));
    ctx.onProgress?.((t + 1) / params.nTrees);
  }
  return assembleForest(input, params, trees);
}

const nullIfNaN = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : v);

/**
 * A fitted forest. Extra trees are the same kind of model (`kind` 'random-forest', `params.splitter` 'random'):
 * prediction, importance and TreeSHAP do not depend on how the thresholds were chosen.
 */
export class RandomForestModel implements TrainedModel {
  readonly kind = 'random-forest';

  constructor(
    readonly task: 'regression' | 'binary',
    readonly nFeatures: number,
    readonly params: ResolvedForestParams,
    readonly trees: readonly Tree[],
    /** Present when fitted with `oobScore`; after `randomForestFromJson` only the scores survive (no per-row array). */
    readonly oob: ForestOob | null,
  ) {}

  /** Regression: predictions in y's units. Binary: P(y = 1). x column-major n×p; not mutated. */
  predict(x: Float64Array, n: number): Float64Array {
    if (x.length !== n * this.nFeatures)
      throw new RangeError(`forest.predict: x has ${x.length} values, expected n·p = ${n * this.nFeatures}`);
    const out = new Float64Array(n);
    for (const tree of this.trees) addTreePredictions(tree, x, n, out, 1);
    const k = this.trees.length;
    for (let i = 0; i < n; i++) out[i] = out[i]! / k;
    return out;
  }

  /** Binary only: P(y = 1) per row (the same numbers as `predict`). */
  predictProba(x: Float64Array, n: number): Float64Array {
    if (this.task !== 'binary') throw new TypeError('forest.predictProba: only for binary classification');
    return this.predict(x, n);
  }

  /** The trees as an additive ensemble for TreeSHAP: output = Σ_t (1/nTrees)·tree_t(x). */
  treeEnsemble(): { trees: readonly Tree[]; scale: number; offset: number } {
    return { trees: this.trees, scale: 1 / this.trees.length, offset: 0 };
  }

  /** Split counts and mean decrease in impurity per feature (see `ForestImportance`). */
  importance(): ForestImportance {
    return forestImportance(this.trees, this.nFeatures);
  }

  toJSON(): RandomForestJson {
    return {
      kind: 'random-forest',
      version: MODEL_VERSION,
      task: this.task,
      n_features: this.nFeatures,
      params: { ...this.params, maxFeatures: structuredCloneMaxFeatures(this.params.maxFeatures) },
      trees: this.trees.map(treeToJson),
      oob:
        this.oob === null
          ? null
          : {
              n_rows: this.oob.nRows,
              score: nullIfNaN(this.oob.score),
              accuracy: nullIfNaN(this.oob.accuracy),
            },
    };
  }
}

function structuredCloneMaxFeatures(mf: MaxFeatures): MaxFeatures {
  return typeof mf === 'object' ? { count: mf.count } : mf;
}

/** Restores a model written by `toJSON`; predictions are bit-identical. Throws on an unknown kind or version. */
export function randomForestFromJson(json: unknown): RandomForestModel {
  const j = json as Partial<RandomForestJson> | null;
  if (j === null || typeof j !== 'object' || j.kind !== 'random-forest')
    throw new TypeError('randomForestFromJson: not a random-forest model');
  if (j.version !== MODEL_VERSION)
    throw new TypeError(
      `randomForestFromJson: unsupported version ${String(j.version)} (expected ${MODEL_VERSION})`,
    );
  if (!j.params || !Array.isArray(j.trees) || typeof j.n_features !== 'number' || !j.task)
    throw new TypeError('randomForestFromJson: missing params, trees, n_features or task');
  const oob: ForestOob | null =
    j.oob == null
      ? null
      : {
          prediction: new Float64Array(0),
          nRows: j.oob.n_rows,
          score: j.oob.score ?? Number.NaN,
          ...(j.task === 'binary' ? { accuracy: j.oob.accuracy ?? Number.NaN } : {}),
        };
  return new RandomForestModel(
    j.task,
    j.n_features,
    { ...j.params, maxFeatures: structuredCloneMaxFeatures(j.params.maxFeatures) },
    j.trees.map(treeFromJson),
    oob,
  );
}

/**
 * Split and gain importance from the trees alone. A split's impurity decrease, weighted by cover, is
 * wL·wR/(wL + wR)·(μL − μR)² for the MSE (and twice that for Gini on 0/1 labels, a factor the per-tree
 * normalisation removes), μ the children's `value`s. This needs internal nodes to hold their weighted mean, as
 * the trees grown here do. Pure.
 */
export function forestImportance(trees: readonly Tree[], p: number): ForestImportance {
  const split = new Float64Array(p);
  const gain = new Float64Array(p);
  const perTree = new Float64Array(p);
  for (const tree of trees) {
    perTree.fill(0);
    let total = 0;
    for (let node = 0; node < tree.feature.length; node++) {
      const f = tree.feature[node]!;
      if (f < 0) continue;
      const l = tree.left[node]!;
      const r = tree.right[node]!;
      const wl = tree.cover[l]!;
      const wr = tree.cover[r]!;
      const d = tree.value[l]! - tree.value[r]!;
      const dec = ((wl * wr) / (wl + wr)) * d * d;
      perTree[f]! += dec;
      total += dec;
      split[f]! += 1;
    }
    if (total > 0) for (let j = 0; j < p; j++) gain[j]! += perTree[j]! / total;
  }
  let s = 0;
  for (let j = 0; j < p; j++) s += gain[j]!;
  if (s > 0) for (let j = 0; j < p; j++) gain[j] = gain[j]! / s;
  return { split, gain };
}
