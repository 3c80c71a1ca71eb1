/** Grows one regression tree on gradients leaf-wise (best gain first), the LightGBM policy, with XGBoost's regularised gain and leaf weights, into the shared flat `Tree`. */

/**
 * Glossary (G, H = sums of gradient and hessian over a node's rows; λ = lambda, α = alpha):
 * - T(G) = sign(G)·max(|G| − α, 0), the L1 soft threshold.
 * - leaf weight w = −T(G)/(H + λ) (0 when H < min_child_weight), in raw-score units.
 * - score(G, H) = T(G)²/(H + λ); the gain of a split is score(left) + score(right) − score(parent), XGBoost's
 *   `loss_chg` (twice the drop of the regularised objective), and a split is made only when gain > minSplitGain
 *   (XGBoost's gamma, compared the way XGBoost compares it).
 * - default direction: the side a NaN takes. When the node has training rows with NaN both sides are tried and
 *   the better kept; when it has none, NaN follows the child with the larger hessian sum (more cover).
 * - rows: the training rows in use, reordered so that every node's rows are a contiguous range [start, end),
 *   in ascending row order within each node (stable partitions). While the tree grows, a node at depth d keeps
 *   its rows in `rows` when d is even (the root: in `rootRows`) and in the builder's alternate buffer when d is
 *   odd: a split writes the children straight into the other buffer. At the end the leaves outside `rows` are
 *   copied back.
 */
import type { Tree } from '../trees/tree.js';
import { bestSplitRange, finishSplit, threshold } from './best-split.js';
import type { SplitParams } from './best-split.js';
import type { BinnedMatrix } from './binning.js';
import { newChildSearch, serialHistograms } from './histogram-builder.js';
import type { ChildSearch, HistogramBuilder } from './histogram-builder.js';
import { histogramWidth } from './histogram.js';

export interface GrowParams extends SplitParams {
  /** Maximum leaves, ≥ 2. */
  numLeaves: number;
  /** Maximum depth (root = 0); ≤ 0 for no limit. */
  maxDepth: number;
}

export { splitScore } from './best-split.js';

export interface GrownTree {
  /** Node values (leaves and internal nodes) are Newton weights w, NOT yet scaled by a learning rate. */
  tree: Tree;
  /** The bin b of each split (rows with code <= b go left); −1 at leaves. */
  splitBin: Int32Array;
  /** XGBoost's loss_chg of each split; 0 at leaves. */
  gain: Float64Array;
  /** Each node's rows are rows[nodeStart[k] .. nodeEnd[k]). */
  nodeStart: Int32Array;
  nodeEnd: Int32Array;
}

/**
 * What `growTree` keeps between trees of one fit: its histogram builder (which owns the histogram pool and the
 * partition scratch). Histograms come from `builder` when given (its binned matrix and hessian mode must be
 * the ones grown on), else from a serial builder made for the matrix on first use.
 */
export class GrowWorkspace {
  private hb: HistogramBuilder | null;
  private readonly fixed: boolean;

  constructor(builder?: HistogramBuilder) {
    this.hb = builder ?? null;
    this.fixed = builder !== undefined;
  }

  /** The histogram builder for this matrix and hessian mode. */
  builderFor(binned: BinnedMatrix, constHess: number): HistogramBuilder {
    const hb = this.hb;
    if (hb !== null && hb.binned === binned && hb.constHess === constHess) return hb;
    if (this.fixed)
      throw new RangeError('GrowWorkspace: its histogram builder was opened for another matrix or loss');
    hb?.close();
    this.hb = serialHistograms.open(binned, constHess);
    return this.hb;
  }
}

/** w = −T(G)/(H + λ) (+0, never −0), or 0 when H < minChildWeight or H + λ ≤ 0. Units: raw score. */
export function leafWeight(g: number, h: number, params: GrowParams): number {
  if (h < params.minChildWeight || h + params.lambda <= 0) return 0;
  return -threshold(g, params.alpha) / (h + params.lambda) + 0; // + 0: never −0, which JSON would lose
}

/**
 * out ← [Σ grad[i], Σ hess[i]] over i = rows[0..m), added in that order (each hessian is constHess when
 * constHess > 0). Mutates `out` only.
 */
export function rowSums(
  rows: Int32Array,
  m: number,
  grad: Float64Array,
  hess: Float64Array,
  constHess: number,
  out: Float64Array,
): void {
  let g = 0;
  let h = 0;
  if (constHess > 0) {
    for (let k = 0; k < m; k++) {
      g += grad[rows[k]!]!;
      h += constHess;
    }
  } else {
    for (let k = 0; k < m; k++) {
      const i = rows[k]!;
      g += grad[i]!;
      h += hess[i]!;
    }
  }
  out[0] = g;
  out[1] = h;
}

/**
 * The best admissible split of one node over all features (best-split.ts `bestSplitRange` over 0..p−1, then
 * `finishSplit`): [gain, feature, bin, missingLeft, G_left, H_left, C_left] in `out`, gain = −∞ when no split
 * qualifies (gain must exceed max(minSplitGain, 0)). Mutates `out` only.
 */
export function bestSplit(
  h: Float64Array,
  G: number,
  H: number,
  C: number,
  nBins: Int32Array,
  offset: Int32Array,
  width: number,
  hScale: number,
  featureMask: Uint8Array,
  params: SplitParams,
  out: Float64Array,
): void {
  bestSplitRange(h, G, H, C, nBins, offset, width, hScale, featureMask, params, 0, nBins.length, out);
  finishSplit(out, params.minSplitGain);
}

/**
 * Grows one tree on the rows rootRows[0..nRows) of `binned` (by default rootRows = rows), with per-row gradients
 * and hessians (`constHess` > 0: every hessian equals it), considering only features with featureMask[j] = 1.
 * Leaves the rows in rows[0..nRows), grouped by node (see glossary), and reuses `ws`; mutates nothing else
 * (rootRows is only read, so a fit can pass the builder's `identityRows` every tree). Deterministic: ties go to the lower feature, then the
 * lower bin, then missing-right, and among leaves to the one created first.
 */
export function growTree(
  binned: BinnedMatrix,
  grad: Float64Array,
  hess: Float64Array,
  constHess: number,
  rows: Int32Array,
  nRows: number,
  featureMask: Uint8Array,
  params: GrowParams,
  ws: GrowWorkspace,
  rootRows: Int32Array = rows,
): GrownTree {
  const { features, offset, nBins } = binned;
  const hb = ws.builderFor(binned, constHess);
  const alt = hb.alternateRows();
  const width = histogramWidth(constHess);
  const hScale = width === 2 ? constHess : 1;
  const { numLeaves, minDataInLeaf, minChildWeight } = params;
  const maxDepth = params.maxDepth > 0 ? params.maxDepth : Infinity;
  const cap = 2 * numLeaves - 1;

  const feature = new Int32Array(cap).fill(-1);
  const thresholdOut = new Float64Array(cap);
  const left = new Int32Array(cap).fill(-1);
  const right = new Int32Array(cap).fill(-1);
  const defaultLeft = new Uint8Array(cap);
  const value = new Float64Array(cap);
  const cover = new Float64Array(cap);
  const splitBin = new Int32Array(cap).fill(-1);
  const gainOut = new Float64Array(cap);
  const nodeStart = new Int32Array(cap);
  const nodeEnd = new Int32Array(cap);

  const sumG = new Float64Array(cap);
  const count = new Float64Array(cap);
  const depth = new Int32Array(cap);
  // Best split found for each open leaf.
  const bestGain = new Float64Array(cap).fill(-Infinity);
  const bestFeature = new Int32Array(cap).fill(-1);
  const bestBin = new Int32Array(cap);
  const bestMissingLeft = new Uint8Array(cap);
  const bestGL = new Float64Array(cap);
  const bestHL = new Float64Array(cap);
  const bestCL = new Float64Array(cap);
  const hist: (Float64Array | null)[] = new Array<Float64Array | null>(cap).fill(null);

  const canSplit = (k: number): boolean =>
    depth[k]! < maxDepth && count[k]! >= 2 * minDataInLeaf && cover[k]! >= 2 * minChildWeight;

  /** Keeps a split record (best-split.ts) as node k's best split. */
  function record(k: number, found: Float64Array): void {
    bestGain[k] = found[0]!;
    bestFeature[k] = found[1]!;
    bestBin[k] = found[2]!;
    bestMissingLeft[k] = found[3]!;
    bestGL[k] = found[4]!;
    bestHL[k] = found[5]!;
    bestCL[k] = found[6]!;
  }
  const childSearch = newChildSearch(featureMask, params);

  // Root.
  const sums = new Float64Array(2);
  rowSums(rootRows, nRows, grad, hess, constHess, sums);
  const g0 = sums[0]!;
  const h0 = sums[1]!;
  let nNodes = 1;
  sumG[0] = g0;
  cover[0] = h0;
  count[0] = nRows;
  nodeStart[0] = 0;
  nodeEnd[0] = nRows;
  value[0] = leafWeight(g0, h0, params);
  if (canSplit(0)) {
    hist[0] = hb.take();
    hb.build(rootRows, 0, nRows, grad, hess, hist[0]);
    const found = childSearch.foundSmall;
    bestSplit(hist[0], g0, h0, nRows, nBins, offset, width, hScale, featureMask, params, found);
    record(0, found);
  }
  const open: number[] = [0];

  for (let leaves = 1; leaves < numLeaves; leaves++) {
    // The open leaf with the largest gain (first created wins ties).
    let pick = -1;
    let pickAt = -1;
    for (let a = 0; a < open.length; a++) {
      const k = open[a]!;
      if (bestGain[k]! > (pick < 0 ? -Infinity : bestGain[pick]!)) {
        pick = k;
        pickAt = a;
      }
    }
    if (pick < 0) break;
    open.splice(pickAt, 1);

    const f = bestFeature[pick]!;
    const b = bestBin[pick]!;
    const ml = bestMissingLeft[pick]!;
    const start = nodeStart[pick]!;
    const end = nodeEnd[pick]!;

    const L = nNodes++;
    const R = nNodes++;
    feature[pick] = f;
    thresholdOut[pick] = features[f]!.upper[b]!;
    left[pick] = L;
    right[pick] = R;
    defaultLeft[pick] = ml;
    splitBin[pick] = b;
    gainOut[pick] = bestGain[pick]!;

    sumG[L] = bestGL[pick]!;
    cover[L] = bestHL[pick]!;
    count[L] = bestCL[pick]!;
    sumG[R] = sumG[pick]! - sumG[L]!;
    cover[R] = cover[pick]! - cover[L]!;
    count[R] = count[pick]! - count[L]!;
    depth[L] = depth[R] = depth[pick]! + 1;
    value[L] = leafWeight(sumG[L]!, cover[L]!, params);
    value[R] = leafWeight(sumG[R]!, cover[R]!, params);

    // Partition the node's rows (stable: left child first) into the other row buffer and build the smaller
    // child's histogram; the larger child's is the parent's minus it. After the last split no child is split
    // again, so neither needs a histogram.
    const small = count[L]! <= count[R]! ? L : R;
    const large = small === L ? R : L;
    const more = leaves + 1 < numLeaves;
    const splitSmall = more && canSplit(small);
    const splitLarge = more && canSplit(large);
    const parentHist = hist[pick]!;
    hist[pick] = null;
    const hs = splitSmall || splitLarge ? hb.take() : null;
    let search: ChildSearch | null = null;
    if (hs !== null) {
      search = childSearch;
      search.parent = parentHist;
      search.searchSmall = splitSmall;
      search.searchLarge = splitLarge;
      search.gSmall = sumG[small]!;
      search.hSmall = cover[small]!;
      search.cSmall = count[small]!;
      search.gLarge = sumG[large]!;
      search.hLarge = cover[large]!;
      search.cLarge = count[large]!;
    }
    // The builder also derives the larger child's histogram (parent − smaller, in the parent's array) and finds
    // the best split of each child that can split.
    const d = depth[pick]!;
    const src = d === 0 ? rootRows : (d & 1) === 0 ? rows : alt;
    const dst = (d & 1) === 0 ? alt : rows;
    const nLeft = count[L]!;
    hb.splitNode(src, dst, start, end, f, b, ml === 1, nLeft, small === L, grad, hess, hs, search);
    const w = start + nLeft;
    nodeStart[L] = start;
    nodeEnd[L] = w;
    nodeStart[R] = w;
    nodeEnd[R] = end;
    if (hs !== null) {
      if (splitLarge) {
        hist[large] = parentHist;
        record(large, childSearch.foundLarge);
      } else hb.give(parentHist);
      if (splitSmall) {
        hist[small] = hs;
        record(small, childSearch.foundSmall);
      } else hb.give(hs);
      if (hist[L] !== null) open.push(L);
      if (hist[R] !== null) open.push(R);
    } else hb.give(parentHist);
  }
  for (const k of open) {
    const h = hist[k];
    if (h) hb.give(h);
    hist[k] = null;
  }
  if (nNodes === 1 && rootRows !== rows) rows.set(rootRows.subarray(0, nRows));
  for (let k = 0; k < nNodes; k++)
    if (left[k]! < 0 && (depth[k]! & 1) === 1)
      rows.set(alt.subarray(nodeStart[k]!, nodeEnd[k]!), nodeStart[k]!);

  const tree: Tree = {
    feature: feature.slice(0, nNodes),
    threshold: thresholdOut.slice(0, nNodes),
    left: left.slice(0, nNodes),
    right: right.slice(0, nNodes),
    defaultLeft: defaultLeft.slice(0, nNodes),
    value: value.slice(0, nNodes),
    cover: cover.slice(0, nNodes),
  };
  return {
    tree,
    splitBin: splitBin.slice(0, nNodes),
    gain: gainOut.slice(0, nNodes),
    nodeStart: nodeStart.slice(0, nNodes),
    nodeEnd: nodeEnd.slice(0, nNodes),
  };
}
