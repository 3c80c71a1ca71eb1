import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { leafOf } from '../trees/tree.js';
import { binTrainingMatrix } from './binning.js';
import { bestSplit, growTree, GrowWorkspace, leafWeight, splitScore } from './grow-tree.js';
import { serialHistograms } from './histogram-builder.js';
import type { GrowParams } from './grow-tree.js';

const BASE: GrowParams = {
  numLeaves: 31,
  maxDepth: 0,
  minDataInLeaf: 1,
  minChildWeight: 0,
  lambda: 1,
  alpha: 0,
  minSplitGain: 0,
};

/** Grows one tree on squared-error gradients at F = 0 (g = −y, h = 1), or on given gradients. */
function grow(
  x: Float64Array,
  n: number,
  p: number,
  g: Float64Array,
  params: Partial<GrowParams> = {},
  h?: Float64Array,
) {
  const b = binTrainingMatrix(x, n, p, 255);
  const constHess = h === undefined ? 1 : 0;
  const ws = new GrowWorkspace();
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const mask = new Uint8Array(p).fill(1);
  const out = growTree(
    b,
    g,
    h ?? new Float64Array(n).fill(1),
    constHess,
    rows,
    n,
    mask,
    { ...BASE, ...params },
    ws,
  );
  return { ...out, rows };
}

function data(n: number, p: number, seed: number) {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * p }, () => rng.next());
  const y = Float64Array.from(
    { length: n },
    (_, i) => (x[i]! > 0.5 ? 3 : -1) + (x[n + i]! > 0.3 ? 1 : 0) + rng.normal() * 0.1,
  );
  return { x, y, g: y.map((v) => -v) };
}

describe('leaf weight and gain (XGBoost formulas)', () => {
  it('w = −T(G)/(H + λ) with the L1 soft threshold, 0 below min_child_weight', () => {
    const p = { ...BASE, lambda: 2, alpha: 1 };
    expect(leafWeight(-5, 3, p)).toBeCloseTo(4 / 5, 15);
    expect(leafWeight(5, 3, p)).toBeCloseTo(-4 / 5, 15);
    expect(leafWeight(0.5, 3, p)).toBe(0);
    expect(Object.is(leafWeight(0.5, 3, p), -0)).toBe(false);
    expect(leafWeight(-5, 3, { ...p, minChildWeight: 4 })).toBe(0);
    expect(splitScore(-5, 3, 2, 1)).toBeCloseTo(16 / 5, 15);
  });
});

describe('growTree', () => {
  it('finds the best split by exhaustive search on the root (gain and threshold)', () => {
    const n = 200;
    const { x, g } = data(n, 3, 1);
    const t = grow(x, n, 3, g, { numLeaves: 2 });
    // Brute force over every feature and every midpoint between sorted distinct values.
    let best = -Infinity;
    let bestF = -1;
    let bestT = 0;
    const G = g.reduce((s, v) => s + v, 0);
    const parent = splitScore(G, n, 1, 0);
    for (let j = 0; j < 3; j++) {
      const col = Array.from(x.subarray(j * n, (j + 1) * n)).sort((a, b) => a - b);
      for (let k = 0; k + 1 < n; k++) {
        const thr = col[k]! / 2 + col[k + 1]! / 2;
        let gl = 0;
        let hl = 0;
        for (let i = 0; i < n; i++) {
          if (x[j * n + i]! <= thr) {
            gl += g[i]!;
            hl += 1;
          }
        }
        const gain = splitScore(gl, hl, 1, 0) + splitScore(G - gl, n - hl, 1, 0) - parent;
        if (gain > best + 1e-9) [best, bestF, bestT] = [gain, j, thr];
      }
    }
    expect(t.tree.feature[0]).toBe(bestF);
    expect(t.tree.threshold[0]).toBe(bestT);
    expect(t.gain[0]).toBeCloseTo(best, 9);
  });

  it('leaf values are the Newton weights of their rows, cover is the hessian sum, rows are contiguous', () => {
    const n = 300;
    const rng = createRng(2);
    const { x, g } = data(n, 4, 2);
    const h = Float64Array.from({ length: n }, () => 0.1 + rng.next());
    const params = { lambda: 0.7, alpha: 0.3, numLeaves: 8 };
    const t = grow(x, n, 4, g, params, h);
    const tree = t.tree;
    let leaves = 0;
    for (let node = 0; node < tree.feature.length; node++) {
      if (tree.feature[node]! >= 0) {
        expect(tree.cover[node]).toBeCloseTo(
          tree.cover[tree.left[node]!]! + tree.cover[tree.right[node]!]!,
          9,
        );
        continue;
      }
      leaves++;
      let G = 0;
      let H = 0;
      for (let a = t.nodeStart[node]!; a < t.nodeEnd[node]!; a++) {
        const i = t.rows[a]!;
        expect(leafOf(tree, x, n, i)).toBe(node);
        G += g[i]!;
        H += h[i]!;
      }
      expect(tree.cover[node]).toBeCloseTo(H, 9);
      expect(tree.value[node]).toBeCloseTo(leafWeight(G, H, { ...BASE, ...params }), 9);
    }
    expect(leaves).toBe(8);
  });

  it('respects numLeaves, maxDepth, minDataInLeaf, minChildWeight and minSplitGain', () => {
    const n = 400;
    const { x, g } = data(n, 3, 3);
    const depthOf = (tree: { left: Int32Array; right: Int32Array; feature: Int32Array }) => {
      const d = (k: number): number =>
        tree.feature[k]! < 0 ? 0 : 1 + Math.max(d(tree.left[k]!), d(tree.right[k]!));
      return d(0);
    };
    const leafCount = (f: Int32Array) => f.filter((v) => v < 0).length;
    expect(leafCount(grow(x, n, 3, g, { numLeaves: 5 }).tree.feature)).toBe(5);
    expect(depthOf(grow(x, n, 3, g, { maxDepth: 2 }).tree)).toBeLessThanOrEqual(2);
    const big = grow(x, n, 3, g, { minDataInLeaf: 50 });
    for (let k = 0; k < big.tree.feature.length; k++)
      if (big.tree.feature[k]! < 0) expect(big.nodeEnd[k]! - big.nodeStart[k]!).toBeGreaterThanOrEqual(50);
    const heavy = grow(x, n, 3, g, { minChildWeight: 120 });
    for (let k = 0; k < heavy.tree.feature.length; k++)
      if (heavy.tree.feature[k]! < 0) expect(heavy.tree.cover[k]).toBeGreaterThanOrEqual(120);
    const root = grow(x, n, 3, g, { numLeaves: 2 });
    expect(grow(x, n, 3, g, { minSplitGain: root.gain[0]! }).tree.feature.length).toBe(1);
  });

  it('never splits a constant feature', () => {
    const n = 100;
    const { x, g } = data(n, 3, 4);
    x.fill(5, 0, n); // feature 0 (the informative one) constant
    const t = grow(x, n, 3, g);
    expect([...t.tree.feature].filter((f) => f === 0)).toEqual([]);
  });

  it('learns the missing-value direction: NaN rows follow the side they resemble', () => {
    const n = 200;
    const x = new Float64Array(n);
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const high = i % 2 === 0;
      x[i] = i % 5 === 0 ? Number.NaN : high ? 10 + (i % 7) : i % 7;
      g[i] = high ? -5 : 5; // high rows want a positive leaf
    }
    const t = grow(x, n, 1, g, { numLeaves: 2 });
    expect(t.tree.feature[0]).toBe(0);
    // NaN rows are half high, half low here, so check with a biased copy: make every NaN row "high".
    for (let i = 0; i < n; i += 5) g[i] = -5;
    const t2 = grow(x, n, 1, g, { numLeaves: 2 });
    const rightIsHigh = t2.tree.value[t2.tree.right[0]!]! > 0;
    expect(t2.tree.defaultLeft[0]).toBe(rightIsHigh ? 0 : 1);
    expect(t2.tree.value[leafOf(t2.tree, Float64Array.of(Number.NaN), 1, 0)]!).toBeGreaterThan(0);
  });

  it('without training NaN at a node, NaN goes to the child with the larger hessian sum', () => {
    const n = 100;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const g = Float64Array.from({ length: n }, (_, i) => (i < 80 ? 1 : -4));
    const t = grow(x, n, 1, g, { numLeaves: 2 });
    const heavierLeft = t.tree.cover[t.tree.left[0]!]! >= t.tree.cover[t.tree.right[0]!]!;
    expect(t.tree.defaultLeft[0]).toBe(heavierLeft ? 1 : 0);
  });

  it('bestSplit reports no split (gain −∞) when no split is admissible', () => {
    const out = new Float64Array(7);
    const h = Float64Array.of(3, 2, 0, 0); // one feature: one real bin with 2 rows, empty missing bin
    bestSplit(h, 3, 2, 2, Int32Array.of(1), Int32Array.of(0, 2), 2, 1, new Uint8Array([1]), BASE, out);
    expect(out[0]).toBe(-Infinity);
  });
});

describe('GrowWorkspace', () => {
  it('keeps a given histogram builder and refuses a matrix it was not opened for', () => {
    const { x, g } = data(200, 3, 4);
    const b = binTrainingMatrix(x, 200, 3, 255);
    const other = binTrainingMatrix(x, 200, 3, 16);
    const hb = serialHistograms.open(b, 1);
    const ws = new GrowWorkspace(hb);
    expect(ws.builderFor(b, 1)).toBe(hb);
    expect(() => ws.builderFor(other, 1)).toThrow(RangeError);
    expect(() => ws.builderFor(b, 0)).toThrow(RangeError);
    const rows = Int32Array.from({ length: 200 }, (_, i) => i);
    const mask = new Uint8Array(3).fill(1);
    const viaBuilder = growTree(b, g, g, 1, rows, 200, mask, BASE, ws);
    const serial = growTree(
      b,
      g,
      g,
      1,
      rows.map((_, i) => i),
      200,
      mask,
      BASE,
      new GrowWorkspace(),
    );
    expect(viaBuilder.tree).toEqual(serial.tree);
  });
});
