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
 * - rows: the training rows in use, reordered in place so that every node's rows are a contiguous range
 *   [start, end), in ascending row order within each node (stable partitions).
 */
import type { Tree } from '../trees/tree.js';
import type { BinnedMatrix } from './binning.js';
import { serialHistograms } from './histogram-builder.js';
import type { HistogramBuilder } from './histogram-builder.js';
import { histogramWidth, subtractHistogram } from './histogram.js';

export interface GrowParams {
  /** Maximum leaves, ≥ 2. */
  numLeaves: number;
  /** Maximum depth (root = 0); ≤ 0 for no limit. */
  maxDepth: number;
  /** Minimum training rows in a leaf, ≥ 1. */
  minDataInLeaf: number;
  /** Minimum hessian sum in a leaf, ≥ 0. */
  minChildWeight: number;
  /** L2 penalty λ on leaf weights, ≥ 0. */
  lambda: number;
  /** L1 penalty α on leaf weights, ≥ 0. */
  alpha: number;
  /** A split needs gain > minSplitGain (γ), ≥ 0. */
  minSplitGain: number;
}

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

/** Relative slack of the division-free screen in `bestSplit` (far above rounding, far below any real gain gap). */
const SCREEN_SLACK = 1e-9;

const threshold = (g: number, alpha: number): number => (g > alpha ? g - alpha : g < -alpha ? g + alpha : 0);

/** w = −T(G)/(H + λ) (+0, never −0), or 0 when H < minChildWeight or H + λ ≤ 0. Units: raw score. */
export function leafWeight(g: number, h: number, params: GrowParams): number {
  if (h < params.minChildWeight || h + params.lambda <= 0) return 0;
  return -threshold(g, params.alpha) / (h + params.lambda) + 0; // + 0: never −0, which JSON would lose
}

/** score(G, H) = T(G)²/(H + λ). */
export function splitScore(g: number, h: number, lambda: number, alpha: number): number {
  const t = threshold(g, alpha);
  return (t * t) / (h + lambda);
}

/**
 * The best admissible split of one node from its histogram h (layout of histogram.ts: `width` doubles per slot,
 * hessian sums = slot[1]·hScale, counts = slot[width − 1]; G, H, C = the node's gradient sum, hessian sum and
 * row count; feature j's bins start at slot offset[j]. Writes [gain, feature, bin, missingLeft, G_left, H_left, C_left] into `out`, with gain = −∞ when no
 * split qualifies (gain must exceed max(minSplitGain, 0)). Mutates `out` only. A top-level function on purpose:
 * V8 optimises it once, where a closure per tree would start cold every time.
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
  params: GrowParams,
  out: Float64Array,
): void {
  const ci = width - 1;
  const { minDataInLeaf, minChildWeight, lambda, alpha, minSplitGain } = params;
  const p = nBins.length;
  const a0 = alpha === 0; // T(g) = g: skip the threshold (its sign tests mispredict)
  const parentScore = splitScore(G, H, lambda, alpha);
  let best = -Infinity;
  let bf = -1;
  let bb = 0;
  let bml = 0;
  let bgl = 0;
  let bhl = 0;
  let bcl = 0;
  // Candidates are screened without division: TL²/DL + TR²/DR > total ⇔ TL²·DR + TR²·DL > total·DL·DR (DL,
  // DR > 0); the screen is slightly loose and the exact gain, computed as everywhere else, decides. The screen
  // comes before the admissibility tests: it rejects almost every bin with one predictable branch (a third
  // faster than testing admissibility first; the outcome is the same, nothing here has side effects).
  let bestTotal = -Infinity; // best + parentScore
  for (let j = 0; j < p; j++) {
    if (featureMask[j] === 0) continue;
    const nb = nBins[j]!;
    const base = offset[j]! * width;
    const miss = base + nb * width;
    const gm = h[miss]!;
    const hm = h[miss + 1]! * hScale;
    const cm = h[miss + ci]!;
    if (nb === 1 && cm === 0) continue;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let t = 0; t < nb; t++) {
      const s = base + t * width;
      const c = h[s + ci]!;
      // An empty bin gives the same partition as the bin before it (and the lower bin wins ties).
      if (c === 0) continue;
      gl += h[s]!;
      hl += h[s + 1]! * hScale;
      cl += c;
      // Right side only shrinks from here on, for both missing directions.
      if (C - cl < minDataInLeaf) break;
      // (a) missing rows go right; at the last bin that leaves only them on the right.
      {
        const gr = G - gl;
        const hr = H - hl;
        const tl = a0 ? gl : threshold(gl, alpha);
        const tr = a0 ? gr : threshold(gr, alpha);
        const dl = hl + lambda;
        const dr = hr + lambda;
        const num = tl * tl * dr + tr * tr * dl;
        const bound = bestTotal * dl * dr;
        if (
          num > bound - SCREEN_SLACK * Math.abs(bound) &&
          cl >= minDataInLeaf &&
          hl >= minChildWeight &&
          hr >= minChildWeight
        ) {
          const gain = (tl * tl) / dl + (tr * tr) / dr - parentScore;
          if (gain > best) {
            best = gain;
            bestTotal = best + parentScore;
            bf = j;
            bb = t;
            bml = 0;
            bgl = gl;
            bhl = hl;
            bcl = cl;
          }
        }
      }
      // (b) missing rows go left.
      if (cm > 0) {
        const gl2 = gl + gm;
        const hl2 = hl + hm;
        const cl2 = cl + cm;
        const gr = G - gl2;
        const hr = H - hl2;
        const tl = a0 ? gl2 : threshold(gl2, alpha);
        const tr = a0 ? gr : threshold(gr, alpha);
        const dl = hl2 + lambda;
        const dr = hr + lambda;
        const num = tl * tl * dr + tr * tr * dl;
        const bound = bestTotal * dl * dr;
        if (
          num > bound - SCREEN_SLACK * Math.abs(bound) &&
          cl2 >= minDataInLeaf &&
          C - cl2 >= minDataInLeaf &&
          hl2 >= minChildWeight &&
          hr >= minChildWeight
        ) {
          const gain = (tl * tl) / dl + (tr * tr) / dr - parentScore;
          if (gain > best) {
            best = gain;
            bestTotal = best + parentScore;
            bf = j;
            bb = t;
            bml = 1;
            bgl = gl2;
            bhl = hl2;
            bcl = cl2;
          }
        }
      }
    }
  }
  if (bf >= 0 && bml === 0 && h[(offset[bf]! + nBins[bf]!) * width + ci] === 0) {
    // No training NaN here: send NaN to the heavier child.
    bml = bhl >= H - bhl ? 1 : 0;
  }
  out[0] = bf >= 0 && best > minSplitGain && best > 0 ? best : -Infinity;
  out[1] = bf;
  out[2] = bb;
  out[3] = bml;
  out[4] = bgl;
  out[5] = bhl;
  out[6] = bcl;
}

/**
 * Grows one tree on the rows rows[0..nRows) of `binned`, with per-row gradients and hessians (`constHess` > 0:
 * every hessian equals it), considering only features with featureMask[j] = 1. Reorders rows[0..nRows) in place
 * (see glossary) and reuses `ws`; mutates nothing else. Deterministic: ties go to the lower feature, then the
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
): GrownTree {
  const { features, offset, nBins } = binned;
  const hb = ws.builderFor(binned, constHess);
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

  const found = new Float64Array(7);
  function findBestSplit(k: number): void {
    bestSplit(
      hist[k]!,
      sumG[k]!,
      cover[k]!,
      count[k]!,
      nBins,
      offset,
      width,
      hScale,
      featureMask,
      params,
      found,
    );
    bestGain[k] = found[0]!;
    bestFeature[k] = found[1]!;
    bestBin[k] = found[2]!;
    bestMissingLeft[k] = found[3]!;
    bestGL[k] = found[4]!;
    bestHL[k] = found[5]!;
    bestCL[k] = found[6]!;
  }

  // Root.
  let g0 = 0;
  let h0 = 0;
  for (let k = 0; k < nRows; k++) {
    const i = rows[k]!;
    g0 += grad[i]!;
    h0 += constHess > 0 ? constHess : hess[i]!;
  }
  let nNodes = 1;
  sumG[0] = g0;
  cover[0] = h0;
  count[0] = nRows;
  nodeStart[0] = 0;
  nodeEnd[0] = nRows;
  value[0] = leafWeight(g0, h0, params);
  if (canSplit(0)) {
    hist[0] = hb.take();
    hb.build(rows, 0, nRows, grad, hess, hist[0]);
    findBestSplit(0);
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

    // Partition the node's rows (stable: left child first) and build the smaller child's histogram; the
    // larger child's is the parent's minus it.
    const small = count[L]! <= count[R]! ? L : R;
    const large = small === L ? R : L;
    const splitSmall = canSplit(small);
    const splitLarge = canSplit(large);
    const parentHist = hist[pick]!;
    hist[pick] = null;
    const hs = splitSmall || splitLarge ? hb.take() : null;
    const w = hb.splitNode(rows, start, end, f, b, ml === 1, small === L, grad, hess, hs);
    nodeStart[L] = start;
    nodeEnd[L] = w;
    nodeStart[R] = w;
    nodeEnd[R] = end;
    if (hs !== null) {
      if (splitLarge) {
        subtractHistogram(parentHist, hs);
        hist[large] = parentHist;
      } else hb.give(parentHist);
      if (splitSmall) hist[small] = hs;
      else hb.give(hs);
      for (const c of [L, R]) {
        if (hist[c] !== null) {
          findBestSplit(c);
          open.push(c);
        }
      }
    } else hb.give(parentHist);
  }
  for (const k of open) {
    const h = hist[k];
    if (h) hb.give(h);
    hist[k] = null;
  }

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
