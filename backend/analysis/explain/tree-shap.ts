/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2), so every tree model — forests and
 * gradient boosting alike — explains its predictions with the same additive, cover-weighted Shapley values.
 *
 * Glossary:
 * - Ensemble output f(x) = offset + Σ_t scale_t · tree_t(x) (forests: scale 1/nTrees, offset 0; boosting: scale
 *   = learning rate unless already folded into the leaves, offset = the initial score).
 * - Path-dependent conditional expectation: v(S) = E[f | x_S] where, at a split on a feature outside S, the
 *   expectation mixes both children with weights cover[child]/cover[node]; at a split on a feature in S it
 *   follows x. `cover` is whatever the tree carries (row counts for forests, hessian sums for boosting); covers
 *   need not add up exactly, the fractions are used as they are.
 * - SHAP values φ_j are the Shapley values of v; base value φ₀ = v(∅) = Σ_t scale_t·E_t + offset, so that for
 *   every row φ₀ + Σ_j φ_j = f(x) (efficiency). A missing value (NaN) follows `defaultLeft`, as in prediction.
 * - Interaction values Φ_jk (j ≠ k) are the Shapley interaction index split evenly between (j, k) and (k, j);
 *   Φ_jj = φ_j − Σ_{k≠j} Φ_jk, so each row of the matrix sums to φ_j.
 * - Layouts: x column-major n×p; SHAP values column-major n×p (φ for row i, feature j at i + j·n); interaction
 *   values n×p×p with Φ_jk of row i at i + n·(j + p·k).
 * Cost per row and tree: O(L·D²) for values, O(p_t·L·D²) for interactions (p_t = features the tree uses), L
 * leaves, D depth.
 */
import type { AbortSignalLike } from '../linear/ols.js';
import type { Tree } from '../trees/tree.js';

/** An additive ensemble of trees; see the glossary. `scale` is one number for every tree or one per tree. */
export interface TreeEnsemble {
  trees: readonly Tree[];
  scale: number | Float64Array;
  offset?: number;
}

export interface ShapResult {
  /** φ₀ = E[f] under the covers; identical for every row. */
  baseValue: number;
  /** Column-major n×p: φ of row i, feature j at i + j·n. */
  values: Float64Array;
}

export interface ShapInteractionResult {
  baseValue: number;
  /** n×p×p: Φ_jk of row i at i + n·(j + p·k); symmetric in j, k. */
  values: Float64Array;
}

export interface ShapOptions {
  signal?: AbortSignalLike;
}

const asEnsemble = (model: Tree | TreeEnsemble): TreeEnsemble =>
  'trees' in model ? model : { trees: [model], scale: 1, offset: 0 };

const scaleOf = (e: TreeEnsemble, t: number): number =>
  typeof e.scale === 'number' ? e.scale : (e.scale[t] ?? Number.NaN);

/**
 * E[tree(x)] under the covers: at each internal node, the children's expectations weighted by
 * cover[child]/cover[node] (v(∅) of the glossary). Throws if an internal node's cover is not positive and finite.
 */
export function expectedValue(tree: Tree): number {
  checkCovers(tree);
  const rec = (node: number): number => {
    if (tree.feature[node]! < 0) return tree.value[node]!;
    const l = tree.left[node]!;
    const r = tree.right[node]!;
    const c = tree.cover[node]!;
    return (tree.cover[l]! / c) * rec(l) + (tree.cover[r]! / c) * rec(r);
  };
  return rec(0);
}

/** Base value of an ensemble: offset + Σ_t scale_t·E[tree_t]. */
export function ensembleExpectedValue(model: Tree | TreeEnsemble): number {
  const e = asEnsemble(model);
  let s = e.offset ?? 0;
  e.trees.forEach((tree, t) => (s += scaleOf(e, t) * expectedValue(tree)));
  return s;
}

function checkCovers(tree: Tree): void {
  for (let node = 0; node < tree.feature.length; node++) {
    if (tree.feature[node]! < 0) continue;
    const c = tree.cover[node]!;
    if (!(c > 0) || !Number.isFinite(c))
      throw new RangeError(
        `TreeSHAP: internal node ${node} has cover ${c}; covers of split nodes must be positive`,
      );
    const l = tree.cover[tree.left[node]!]!;
    const r = tree.cover[tree.right[node]!]!;
    if (!(l >= 0) || !(r >= 0))
      throw new RangeError(`TreeSHAP: a child of node ${node} has a negative or NaN cover`);
  }
}

function treeDepth(tree: Tree): number {
  let max = 0;
  const stack: number[] = [0, 0];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const node = stack.pop()!;
    if (d > max) max = d;
    if (tree.feature[node]! >= 0) stack.push(tree.left[node]!, d + 1, tree.right[node]!, d + 1);
  }
  return max;
}

/**
 * Algorithm 2 for one tree and one row, adding scale·φ into phi (length ≥ p). `condition` 0 = plain SHAP;
 * +1 / −1 = the values with feature `conditionFeature` fixed present / absent (for interactions). Mutates phi and
 * the path workspace only. Follows the reference implementation (shap's tree_shap.h) step by step.
 */
class PathShap {
  private readonly feat: Int32Array;
  private readonly zero: Float64Array;
  private readonly one: Float64Array;
  private readonly pw: Float64Array;
  private tree!: Tree;
  private row!: Float64Array;
  private phi!: Float64Array;
  private scale = 1;
  private condition = 0;
  private conditionFeature = -1;

  constructor(maxDepth: number) {
    const d = maxDepth + 2;
    const size = (d * (d + 1)) / 2 + 1;
    this.feat = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.pw = new Float64Array(size);
  }

  run(
    tree: Tree,
    row: Float64Array,
    phi: Float64Array,
    scale: number,
    condition: number,
    conditionFeature: number,
  ) {
    this.tree = tree;
    this.row = row;
    this.phi = phi;
    this.scale = scale;
    this.condition = condition;
    this.conditionFeature = conditionFeature;
    this.recurse(0, 0, 0, 1, 1, -1, 1);
  }

  private extend(
    base: number,
    depth: number,
    zeroFraction: number,
    oneFraction: number,
    feature: number,
  ): void {
    const { feat, zero, one, pw } = this;
    feat[base + depth] = feature;
    zero[base + depth] = zeroFraction;
    one[base + depth] = oneFraction;
    pw[base + depth] = depth === 0 ? 1 : 0;
    for (let i = depth - 1; i >= 0; i--) {
      pw[base + i + 1]! += (oneFraction * pw[base + i]! * (i + 1)) / (depth + 1);
      pw[base + i] = (zeroFraction * pw[base + i]! * (depth - i)) / (depth + 1);
    }
  }

  private unwind(base: number, depth: number, pathIndex: number): void {
    const { feat, zero, one, pw } = this;
    const oneFraction = one[base + pathIndex]!;
    const zeroFraction = zero[base + pathIndex]!;
    let nextOnePortion = pw[base + depth]!;
    for (let i = depth - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = pw[base + i]!;
        pw[base + i] = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
        nextOnePortion = tmp - (pw[base + i]! * zeroFraction * (depth - i)) / (depth + 1);
      } else {
        pw[base + i] = (pw[base + i]! * (depth + 1)) / (zeroFraction * (depth - i));
      }
    }
    for (let i = pathIndex; i < depth; i++) {
      feat[base + i] = feat[base + i + 1]!;
      zero[base + i] = zero[base + i + 1]!;
      one[base + i] = one[base + i + 1]!;
    }
  }

  private unwoundSum(base: number, depth: number, pathIndex: number): number {
    const { zero, one, pw } = this;
    const oneFraction = one[base + pathIndex]!;
    const zeroFraction = zero[base + pathIndex]!;
    let nextOnePortion = pw[base + depth]!;
    let total = 0;
    for (let i = depth - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
        total += tmp;
        nextOnePortion = pw[base + i]! - tmp * zeroFraction * ((depth - i) / (depth + 1));
      } else if (zeroFraction !== 0) {
        total += pw[base + i]! / zeroFraction / ((depth - i) / (depth + 1));
      }
    }
    return total;
  }

  /**
   * `parentBase` is where the parent's path starts in the workspace; this node's path (depth + 1 elements) is
   * copied to parentBase + depth + 1, the triangular layout of the reference code.
   */
  private recurse(
    node: number,
    depth: number,
    parentBase: number,
    parentZero: number,
    parentOne: number,
    parentFeature: number,
    conditionFraction: number,
  ): void {
    if (conditionFraction === 0) return;
    const { feat, zero, one, pw, tree } = this;
    const base = parentBase + depth + 1;
    for (let i = 0; i <= depth; i++) {
      feat[base + i] = feat[parentBase + i]!;
      zero[base + i] = zero[parentBase + i]!;
      one[base + i] = one[parentBase + i]!;
      pw[base + i] = pw[parentBase + i]!;
    }
    if (this.condition === 0 || this.conditionFeature !== parentFeature) {
      this.extend(base, depth, parentZero, parentOne, parentFeature);
    }
    const split = tree.feature[node]!;
    if (split < 0) {
      const v = tree.value[node]! * conditionFraction * this.scale;
      for (let i = 1; i <= depth; i++) {
        const w = this.unwoundSum(base, depth, i);
        this.phi[feat[base + i]!]! += w * (one[base + i]! - zero[base + i]!) * v;
      }
      return;
    }
    const xv = this.row[split]!;
    const goLeft = Number.isNaN(xv) ? tree.defaultLeft[node] === 1 : xv <= tree.threshold[node]!;
    const hot = goLeft ? tree.left[node]! : tree.right[node]!;
    const cold = goLeft ? tree.right[node]! : tree.left[node]!;
    const w = tree.cover[node]!;
    const hotZero = tree.cover[hot]! / w;
    const coldZero = tree.cover[cold]! / w;
    let incomingZero = 1;
    let incomingOne = 1;
    let d = depth;

    let pathIndex = 0;
    for (; pathIndex <= d; pathIndex++) if (feat[base + pathIndex] === split) break;
    if (pathIndex !== d + 1) {
      incomingZero = zero[base + pathIndex]!;
      incomingOne = one[base + pathIndex]!;
      this.unwind(base, d, pathIndex);
      d -= 1;
    }

    let hotCondition = conditionFraction;
    let coldCondition = conditionFraction;
    if (this.condition > 0 && split === this.conditionFeature) {
      coldCondition = 0;
      d -= 1;
    } else if (this.condition < 0 && split === this.conditionFeature) {
      hotCondition *= hotZero;
      coldCondition *= coldZero;
      d -= 1;
    }
    this.recurse(hot, d + 1, base, hotZero * incomingZero, incomingOne, split, hotCondition);
    this.recurse(cold, d + 1, base, coldZero * incomingZero, 0, split, coldCondition);
  }
}

function checkShape(x: Float64Array, n: number, p: number, e: TreeEnsemble): void {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(p) || p < 1 || x.length !== n * p)
    throw new RangeError(`TreeSHAP: x has ${x.length} values, expected n·p = ${n}·${p}`);
  e.trees.forEach((tree, t) => {
    for (let node = 0; node < tree.feature.length; node++) {
      if (tree.feature[node]! >= p)
        throw new RangeError(
          `TreeSHAP: tree ${t} splits on feature ${tree.feature[node]} but x has ${p} columns`,
        );
    }
    const s = scaleOf(e, t);
    if (!Number.isFinite(s)) throw new RangeError(`TreeSHAP: scale of tree ${t} is ${s}`);
    checkCovers(tree);
  });
}

const maxTreeDepth = (trees: readonly Tree[]): number => trees.reduce((m, t) => Math.max(m, treeDepth(t)), 0);

/**
 * SHAP values of every row of x (column-major n×p) for a tree or an ensemble: φ₀ + Σ_j φ_j = f(x) up to
 * rounding. Pure (x and the trees are not mutated).
 */
export function treeShap(
  model: Tree | TreeEnsemble,
  x: Float64Array,
  n: number,
  p: number,
  opts: ShapOptions = {},
): ShapResult {
  const e = asEnsemble(model);
  checkShape(x, n, p, e);
  const ws = new PathShap(maxTreeDepth(e.trees));
  const values = new Float64Array(n * p);
  const row = new Float64Array(p);
  const phi = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    if (opts.signal?.aborted) opts.signal.throwIfAborted();
    for (let j = 0; j < p; j++) row[j] = x[i + j * n]!;
    phi.fill(0);
    e.trees.forEach((tree, t) => ws.run(tree, row, phi, scaleOf(e, t), 0, -1));
    for (let j = 0; j < p; j++) values[i + j * n] = phi[j]!;
  }
  return { baseValue: ensembleExpectedValue(e), values };
}

/**
 * SHAP interaction values (see the glossary) of every row; Σ_k Φ_jk = φ_j. Pure. Costs about 2·(features used
 * per tree) times `treeShap`.
 */
export function treeShapInteractions(
  model: Tree | TreeEnsemble,
  x: Float64Array,
  n: number,
  p: number,
  opts: ShapOptions = {},
): ShapInteractionResult {
  const e = asEnsemble(model);
  checkShape(x, n, p, e);
  const ws = new PathShap(maxTreeDepth(e.trees));
  const used = e.trees.map((tree) => {
    const seen = new Uint8Array(p);
    for (let node = 0; node < tree.feature.length; node++)
      if (tree.feature[node]! >= 0) seen[tree.feature[node]!] = 1;
    const list: number[] = [];
    for (let j = 0; j < p; j++) if (seen[j] === 1) list.push(j);
    return list;
  });
  const values = new Float64Array(n * p * p);
  const row = new Float64Array(p);
  const diag = new Float64Array(p);
  const on = new Float64Array(p);
  const off = new Float64Array(p);
  const inter = new Float64Array(p * p); // inter[j + p·k]
  for (let i = 0; i < n; i++) {
    if (opts.signal?.aborted) opts.signal.throwIfAborted();
    for (let j = 0; j < p; j++) row[j] = x[i + j * n]!;
    diag.fill(0);
    inter.fill(0);
    e.trees.forEach((tree, t) => {
      const s = scaleOf(e, t);
      ws.run(tree, row, diag, s, 0, -1);
      for (const j of used[t]!) {
        on.fill(0);
        off.fill(0);
        ws.run(tree, row, on, s, 1, j);
        ws.run(tree, row, off, s, -1, j);
        for (let k = 0; k < p; k++) if (k !== j) inter[j + p * k]! += (on[k]! - off[k]!) / 2;
      }
    });
    for (let j = 0; j < p; j++) {
      let offDiag = 0;
      for (let k = 0; k < p; k++) if (k !== j) offDiag += inter[j + p * k]!;
      inter[j + p * j] = diag[j]! - offDiag;
    }
    for (let jk = 0; jk < p * p; jk++) values[i + n * jk] = inter[jk]!;
  }
  return { baseValue: ensembleExpectedValue(e), values };
}
