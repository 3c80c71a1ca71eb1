/**
 * Grows one CART tree (best or random thresholds) on weighted rows, the unit of work a forest repeats per tree,
 * so that a worker thread can grow any tree of a forest on its own.
 *
 * Glossary:
 * - x is a column-major n×p Float64Array (x[i + j·n] = row i, feature j), finite everywhere (checked by the
 *   caller, `checkForestInput`); y has length n. Neither is mutated.
 * - weight w[i] ≥ 0 is how often row i is in the tree's sample (bootstrap count, or 1/0 for subsampling); rows with
 *   w = 0 take no part. `cover` of a node = Σ w over its rows; `value` = the weighted mean of y there (for 0/1
 *   labels: the fraction of class 1). Internal nodes carry their mean too; only leaves are read by prediction.
 * - Impurity: weighted variance of y (MSE). For 0/1 labels the Gini index is 2·p·(1 − p) = 2 × variance, so Gini
 *   and MSE choose the same splits; the builder uses one criterion for both tasks.
 * - A split sends x ≤ threshold left. The best threshold lies midway between two neighbouring distinct values;
 *   the random one (extra trees) is uniform between the node's minimum and maximum of the feature.
 * - min_samples_split / min_samples_leaf count distinct rows (w > 0), not weights, as scikit-learn does.
 */
import type { Rng } from '../random/rng.js';
import type { Tree } from '../trees/tree.js';

export interface CartParams {
  /** Features tried per split, 1..p, already resolved from 'sqrt', 'log2', a fraction or a count. */
  maxFeatures: number;
  /** Depth limit (root at depth 0); Infinity for none. */
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  splitter: 'best' | 'random';
}

/**
 * Grows one tree on the rows with w[i] > 0. Feature draws follow scikit-learn's BestSplitter/RandomSplitter
 * (features drawn without replacement; features found constant in a node are remembered for its subtree and do
 * not use up `maxFeatures`; drawing goes on past `maxFeatures` until one non-constant feature was seen).
 * Consumes `rng` (advances it); mutates nothing else. NaN in the tree: `defaultLeft` is set to the child with the
 * larger cover, so a missing value at prediction time follows the majority of the training rows.
 */
export function growTree(
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  w: Float64Array,
  params: CartParams,
  rng: Rng,
): Tree {
  let m = 0;
  for (let i = 0; i < n; i++) if (w[i]! > 0) m++;
  const samples = new Int32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (w[i]! > 0) samples[k++] = i;

  const capacity = Math.max(1, 2 * m - 1);
  const feature = new Int32Array(capacity);
  const threshold = new Float64Array(capacity);
  const left = new Int32Array(capacity);
  const right = new Int32Array(capacity);
  const defaultLeft = new Uint8Array(capacity);
  const value = new Float64Array(capacity);
  const cover = new Float64Array(capacity);
  let nodeCount = 0;

  const xf = new Float64Array(m);
  // w and y side by side, so the split scans fetch one cache line per row instead of two.
  const wy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    wy[2 * i] = w[i]!;
    wy[2 * i + 1] = y[i]!;
  }
  const features = new Int32Array(p);
  for (let j = 0; j < p; j++) features[j] = j;
  const constantFeatures = new Int32Array(p);
  const { maxFeatures, maxDepth, minSamplesSplit, minSamplesLeaf } = params;
  const random = params.splitter === 'random';

  // Depth-first stack; the right child is pushed first so the left subtree is numbered first (pre-order).
  const stStart: number[] = [0];
  const stEnd: number[] = [m];
  const stDepth: number[] = [0];
  const stParent: number[] = [-1];
  const stIsLeft: number[] = [0];
  const stConstants: number[] = [0];

  while (stStart.length > 0) {
    const start = stStart.pop()!;
    const end = stEnd.pop()!;
    const depth = stDepth.pop()!;
    const parent = stParent.pop()!;
    const isLeft = stIsLeft.pop()!;
    const nKnown = stConstants.pop()!;

    const node = nodeCount++;
    if (parent >= 0) {
      if (isLeft === 1) left[parent] = node;
      else right[parent] = node;
    }

    // Node statistics: weight, mean (with one correction pass), and whether y is constant.
    let wSum = 0;
    let ySum = 0;
    let yMin = Infinity;
    let yMax = -Infinity;
    for (let k = start; k < end; k++) {
      const i = samples[k]!;
      const yi = y[i]!;
      wSum += w[i]!;
      ySum += w[i]! * yi;
      if (yi < yMin) yMin = yi;
      if (yi > yMax) yMax = yi;
    }
    let mean = ySum / wSum;
    if (yMin === yMax) mean = yMin;
    else {
      let r = 0;
      for (let k = start; k < end; k++) {
        const i = samples[k]!;
        r += w[i]! * (y[i]! - mean);
      }
      mean += r / wSum;
    }
    value[node] = mean;
    cover[node] = wSum;
    feature[node] = -1;
    threshold[node] = 0;
    left[node] = -1;
    right[node] = -1;

    const rows = end - start;
    if (depth >= maxDepth || rows < minSamplesSplit || rows < 2 * minSamplesLeaf || yMin === yMax) continue;

    // Split search (scikit-learn's feature-drawing loop, see the doc comment).
    let bestFeature = -1;
    let bestThreshold = 0;
    let bestScore = -1;
    let nFound = 0;
    let nDrawnConstants = 0;
    let nVisited = 0;
    let fI = p;
    let nTotalConstants = nKnown;
    while (fI > nTotalConstants && (nVisited < maxFeatures || nVisited <= nFound + nDrawnConstants)) {
      nVisited++;
      let fJ = nDrawnConstants + rng.int(fI - nFound - nDrawnConstants);
      if (fJ < nKnown) {
        const t = features[nDrawnConstants]!;
        features[nDrawnConstants] = features[fJ]!;
        features[fJ] = t;
        nDrawnConstants++;
        continue;
      }
      fJ += nFound;
      const f = features[fJ]!;
      const col = f * n;
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = start; k < end; k++) {
        const v = x[col + samples[k]!]!;
        xf[k] = v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi <= lo) {
        features[fJ] = features[nTotalConstants]!;
        features[nTotalConstants] = f;
        nFound++;
        nTotalConstants++;
        continue;
      }
      fI--;
      features[fJ] = features[fI]!;
      features[fI] = f;

      if (random) {
        let t = lo + rng.next() * (hi - lo);
        if (!(t < hi) || !Number.isFinite(t)) t = lo;
        let nL = 0;
        let wL = 0;
        let dL = 0;
        for (let k = start; k < end; k++) {
          if (xf[k]! <= t) {
            const i2 = 2 * samples[k]!;
            const wi = wy[i2]!;
            nL++;
            wL += wi;
            dL += wi * (wy[i2 + 1]! - mean);
          }
        }
        if (nL < minSamplesLeaf || rows - nL < minSamplesLeaf) continue;
        const score = (dL * dL) / (wL * (wSum - wL));
        if (score > bestScore) {
          bestScore = score;
          bestFeature = f;
          bestThreshold = t;
        }
      } else {
        sortPairs(xf, samples, start, end - 1);
        // Improvement of a split (weighted by the node's weight) is dL²·W/(wL·wR), dL = Σ_left w·(y − mean).
        let wL = 0;
        let dL = 0;
        const kFirst = start + minSamplesLeaf; // first row index that may start the right child
        const kLast = end - minSamplesLeaf;
        for (let k = start; k < kLast; k++) {
          const i2 = 2 * samples[k]!;
          const wi = wy[i2]!;
          wL += wi;
          dL += wi * (wy[i2 + 1]! - mean);
          const next = k + 1;
          if (next < kFirst) continue;
          const a = xf[k]!;
          const b = xf[next]!;
          if (!(b > a)) continue;
          const score = (dL * dL) / (wL * (wSum - wL));
          if (score > bestScore) {
            bestScore = score;
            bestFeature = f;
            bestThreshold = midpoint(a, b);
          }
        }
      }
    }

    // Restore the constant-feature bookkeeping for the children (scikit-learn's invariant).
    for (let j = 0; j < nKnown; j++) features[j] = constantFeatures[j]!;
    for (let j = nKnown; j < nKnown + nFound; j++) constantFeatures[j] = features[j]!;

    if (bestFeature < 0) continue;

    // Partition the node's rows: x ≤ threshold to the front.
    const col = bestFeature * n;
    let a = start;
    let b = end - 1;
    let wLeft = 0;
    let wRight = 0;
    while (a <= b) {
      const ia = samples[a]!;
      if (x[col + ia]! <= bestThreshold) {
        wLeft += w[ia]!;
        a++;
      } else {
        const ib = samples[b]!;
        samples[a] = ib;
        samples[b] = ia;
        wRight += w[ia]!;
        b--;
      }
    }
    feature[node] = bestFeature;
    threshold[node] = bestThreshold;
    defaultLeft[node] = wLeft >= wRight ? 1 : 0;

    stStart.push(a, start);
    stEnd.push(end, a);
    stDepth.push(depth + 1, depth + 1);
    stParent.push(node, node);
    stIsLeft.push(0, 1);
    stConstants.push(nTotalConstants, nTotalConstants);
  }

  return {
    feature: feature.slice(0, nodeCount),
    threshold: threshold.slice(0, nodeCount),
    left: left.slice(0, nodeCount),
    right: right.slice(0, nodeCount),
    defaultLeft: defaultLeft.slice(0, nodeCount),
    value: value.slice(0, nodeCount),
    cover: cover.slice(0, nodeCount),
  };
}

/** A threshold t with a ≤ t < b for finite a < b: the midpoint, or a when rounding (or overflow) would reach b. */
function midpoint(a: number, b: number): number {
  const t = a / 2 + b / 2;
  return t >= a && t < b ? t : a;
}

/**
 * Sorts keys[lo..hi] ascending (inclusive bounds) and applies the same permutation to idx. In place: mutates
 * both. Quicksort with median-of-three pivots and Hoare partitioning, insertion sort below 16 elements; the
 * recursion goes into the smaller part, so the stack stays O(log n). Not stable; the builder does not need
 * stability because equal keys never straddle a split. Keys must not be NaN.
 */
export function sortPairs(keys: Float64Array, idx: Int32Array, lo: number, hi: number): void {
  while (hi - lo >= 16) {
    const mid = (lo + hi) >>> 1;
    const a = keys[lo]!;
    const b = keys[mid]!;
    const c = keys[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    // Hoare partition: fewer swaps than a three-way partition on distinct keys, and runs of equal keys are
    // split down the middle (both scans stop on them), so ties do not make it quadratic.
    let i = lo - 1;
    let j = hi + 1;
    for (;;) {
      do i++;
      while (keys[i]! < pivot);
      do j--;
      while (keys[j]! > pivot);
      if (i >= j) break;
      swap(keys, idx, i, j);
    }
    if (j - lo < hi - j) {
      sortPairs(keys, idx, lo, j);
      lo = j + 1;
    } else {
      sortPairs(keys, idx, j + 1, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const k = keys[i]!;
    const v = idx[i]!;
    let j = i - 1;
    while (j >= lo && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      idx[j + 1] = idx[j]!;
      j--;
    }
    keys[j + 1] = k;
    idx[j + 1] = v;
  }
}

function swap(keys: Float64Array, idx: Int32Array, i: number, j: number): void {
  const k = keys[i]!;
  keys[i] = keys[j]!;
  keys[j] = k;
  const v = idx[i]!;
  idx[i] = idx[j]!;
  idx[j] = v;
}
