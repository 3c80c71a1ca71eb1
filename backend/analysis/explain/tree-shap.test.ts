import { describe, expect, it } from 'vitest';
import { fitRandomForest } from '../forest/random-forest.js';
import { createRng, type Rng } from '../random/rng.js';
import { addTreePredictions, type Tree } from '../trees/tree.js';
import {
  ensembleExpectedValue,
  expectedValue,
  treeShap,
  treeShapInteractions,
  type TreeEnsemble,
} from './tree-shap.js';

// ---------- brute force: the path-dependent game v(S) and Shapley values by enumerating all subsets ----------

/** v(S) = E[tree | x_S] under the covers (Lundberg et al., Algorithm 1). */
function vOf(tree: Tree, row: Float64Array, inS: (j: number) => boolean): number {
  const rec = (node: number): number => {
    const f = tree.feature[node]!;
    if (f < 0) return tree.value[node]!;
    const l = tree.left[node]!;
    const r = tree.right[node]!;
    if (inS(f)) {
      const v = row[f]!;
      const goLeft = Number.isNaN(v) ? tree.defaultLeft[node] === 1 : v <= tree.threshold[node]!;
      return rec(goLeft ? l : r);
    }
    return (tree.cover[l]! * rec(l) + tree.cover[r]! * rec(r)) / tree.cover[node]!;
  };
  return rec(0);
}

const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
const popcount = (m: number): number => (m === 0 ? 0 : (m & 1) + popcount(m >>> 1));

function bruteShap(tree: Tree, row: Float64Array, p: number): Float64Array {
  const v = new Float64Array(1 << p);
  for (let mask = 0; mask < 1 << p; mask++) v[mask] = vOf(tree, row, (j) => ((mask >>> j) & 1) === 1);
  const phi = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let mask = 0; mask < 1 << p; mask++) {
      if ((mask >>> j) & 1) continue;
      const s = popcount(mask);
      const weight = (factorial(s) * factorial(p - s - 1)) / factorial(p);
      phi[j]! += weight * (v[mask | (1 << j)]! - v[mask]!);
    }
  }
  return phi;
}

/** Shapley interaction index split in half off the diagonal; diagonal = φ_j − Σ_{k≠j} Φ_jk. Φ_jk at j + p·k. */
function bruteInteractions(tree: Tree, row: Float64Array, p: number): Float64Array {
  const v = new Float64Array(1 << p);
  for (let mask = 0; mask < 1 << p; mask++) v[mask] = vOf(tree, row, (j) => ((mask >>> j) & 1) === 1);
  const out = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) {
      if (j === k) continue;
      let s = 0;
      for (let mask = 0; mask < 1 << p; mask++) {
        if ((mask >>> j) & 1 || (mask >>> k) & 1) continue;
        const size = popcount(mask);
        const weight = (factorial(size) * factorial(p - size - 2)) / (2 * factorial(p - 1));
        const both = v[mask | (1 << j) | (1 << k)]!;
        s += weight * (both - v[mask | (1 << j)]! - v[mask | (1 << k)]! + v[mask]!);
      }
      out[j + p * k] = s;
    }
  }
  const phi = bruteShap(tree, row, p);
  for (let j = 0; j < p; j++) {
    let off = 0;
    for (let k = 0; k < p; k++) if (k !== j) off += out[j + p * k]!;
    out[j + p * j] = phi[j]! - off;
  }
  return out;
}

// ---------- random trees built by hand ----------

/**
 * A random complete-ish tree of the given depth over p features (features may repeat on a path, which exercises
 * the unwind step). Covers: 'counts' = integer row counts that add up; 'hessian' = positive reals that add up (a
 * boosting tree's hessian sums); 'loose' = positive reals that do not add up (allowed; fractions used as given).
 */
function randomTree(rng: Rng, p: number, depth: number, covers: 'counts' | 'hessian' | 'loose'): Tree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const defaultLeft: number[] = [];
  const value: number[] = [];
  const cover: number[] = [];
  const build = (d: number): number => {
    const node = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    defaultLeft.push(0);
    value.push(0);
    cover.push(0);
    if (d === depth || (d > 1 && rng.next() < 0.2)) {
      value[node] = rng.normal() * 3;
      cover[node] = covers === 'counts' ? 1 + rng.int(20) : 0.05 + rng.next() * 4;
      return node;
    }
    feature[node] = rng.int(p);
    threshold[node] = rng.normal();
    defaultLeft[node] = rng.int(2);
    const l = build(d + 1);
    const r = build(d + 1);
    left[node] = l;
    right[node] = r;
    cover[node] = covers === 'loose' ? cover[l]! + cover[r]! + rng.next() - 0.3 : cover[l]! + cover[r]!;
    value[node] = (cover[l]! * value[l]! + cover[r]! * value[r]!) / (cover[l]! + cover[r]!);
    return node;
  };
  build(0);
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    defaultLeft: Uint8Array.from(defaultLeft),
    value: Float64Array.from(value),
    cover: Float64Array.from(cover),
  };
}

/** n random rows (column-major) with some NaN (the default direction) and ±∞. */
function randomRows(rng: Rng, n: number, p: number, special = true): Float64Array {
  const x = new Float64Array(n * p);
  for (let k = 0; k < n * p; k++) {
    const u = rng.next();
    x[k] =
      special && u < 0.08
        ? Number.NaN
        : special && u < 0.1
          ? u < 0.09
            ? Infinity
            : -Infinity
          : rng.normal();
  }
  return x;
}

const predictEnsemble = (e: TreeEnsemble, x: Float64Array, n: number): Float64Array => {
  const out = new Float64Array(n).fill(e.offset ?? 0);
  e.trees.forEach((t, k) =>
    addTreePredictions(t, x, n, out, typeof e.scale === 'number' ? e.scale : e.scale[k]!),
  );
  return out;
};

/** max over rows |base + Σφ − f(x)| / max(1, |f(x)|). */
function additivityError(e: TreeEnsemble, x: Float64Array, n: number, p: number): number {
  const { baseValue, values } = treeShap(e, x, n, p);
  const f = predictEnsemble(e, x, n);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let s = baseValue;
    for (let j = 0; j < p; j++) s += values[i + j * n]!;
    worst = Math.max(worst, Math.abs(s - f[i]!) / Math.max(1, Math.abs(f[i]!)));
  }
  return worst;
}

describe('TreeSHAP against brute-force Shapley values (all subsets, path-dependent v(S) from covers)', () => {
  for (const covers of ['counts', 'hessian', 'loose'] as const) {
    it(`matches on 60 random trees (p ≤ 4, depth ≤ 6, repeated features, NaN/±∞ rows), ${covers} covers`, () => {
      const rng = createRng(covers.length * 101);
      let worst = 0;
      for (let t = 0; t < 60; t++) {
        const p = 1 + rng.int(4);
        const tree = randomTree(rng, p, 1 + rng.int(6), covers);
        const n = 8;
        const x = randomRows(rng, n, p);
        const { values, baseValue } = treeShap(tree, x, n, p);
        expect(baseValue).toBeCloseTo(
          vOf(tree, new Float64Array(p), () => false),
          12,
        );
        for (let i = 0; i < n; i++) {
          const row = Float64Array.from({ length: p }, (_, j) => x[i + j * n]!);
          const brute = bruteShap(tree, row, p);
          for (let j = 0; j < p; j++) worst = Math.max(worst, Math.abs(values[i + j * n]! - brute[j]!));
        }
      }
      console.log(`TreeSHAP vs brute force (${covers} covers): max |Δφ| = ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(1e-12);
    });
  }

  it('interaction values match the brute-force Shapley interaction index, are symmetric and sum to φ', () => {
    const rng = createRng(77);
    let worst = 0;
    let worstSum = 0;
    for (let t = 0; t < 40; t++) {
      const p = 2 + rng.int(3);
      const tree = randomTree(rng, p, 2 + rng.int(5), t % 2 === 0 ? 'counts' : 'hessian');
      const n = 5;
      const x = randomRows(rng, n, p);
      const inter = treeShapInteractions(tree, x, n, p).values;
      const shap = treeShap(tree, x, n, p).values;
      for (let i = 0; i < n; i++) {
        const row = Float64Array.from({ length: p }, (_, j) => x[i + j * n]!);
        const brute = bruteInteractions(tree, row, p);
        for (let j = 0; j < p; j++) {
          let s = 0;
          for (let k = 0; k < p; k++) {
            const v = inter[i + n * (j + p * k)]!;
            s += v;
            worst = Math.max(
              worst,
              Math.abs(v - brute[j + p * k]!),
              Math.abs(v - inter[i + n * (k + p * j)]!),
            );
          }
          worstSum = Math.max(worstSum, Math.abs(s - shap[i + j * n]!));
        }
      }
    }
    console.log(
      `interactions vs brute force: max |ΔΦ| = ${worst.toExponential(2)}, max |Σ_k Φ_jk − φ_j| = ${worstSum.toExponential(2)}`,
    );
    expect(worst).toBeLessThan(1e-12);
    expect(worstSum).toBeLessThan(1e-12);
  });

  it('small trees grown by the forest (p = 4) match brute force too', () => {
    const rng = createRng(5);
    const n = 60;
    const p = 4;
    const x = randomRows(rng, n, p, false);
    const y = Float64Array.from(
      { length: n },
      (_, i) => x[i]! * 2 + (x[i + n]! > 0 ? 1 : 0) + x[i + 2 * n]! * x[i]!,
    );
    const forest = fitRandomForest({ x, n, p, y, task: 'regression' }, { nTrees: 3, maxDepth: 5, seed: 1 });
    let worst = 0;
    for (const tree of forest.trees) {
      const xt = randomRows(rng, 10, p);
      const { values } = treeShap(tree, xt, 10, p);
      for (let i = 0; i < 10; i++) {
        const row = Float64Array.from({ length: p }, (_, j) => xt[i + j * 10]!);
        const brute = bruteShap(tree, row, p);
        for (let j = 0; j < p; j++) worst = Math.max(worst, Math.abs(values[i + j * 10]! - brute[j]!));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('TreeSHAP additivity: base value + Σφ = model output', () => {
  it('random forests (regression and binary, fully grown trees) to 1e-9 on every row', () => {
    const rng = createRng(9);
    const n = 300;
    const p = 8;
    const x = randomRows(rng, n, p, false);
    const yReg = Float64Array.from(
      { length: n },
      (_, i) => Math.sin(x[i]!) * 3 + x[i + n]! * x[i + 2 * n]! + rng.normal() * 0.3,
    );
    const yBin = Float64Array.from({ length: n }, (_, i) =>
      x[i]! + x[i + 3 * n]! + rng.normal() > 0 ? 1 : 0,
    );
    const xTest = randomRows(rng, 100, p); // includes NaN and ±∞
    for (const [task, y] of [
      ['regression', yReg],
      ['binary', yBin],
    ] as const) {
      const forest = fitRandomForest({ x, n, p, y, task }, { nTrees: 20, seed: 3 });
      const e = forest.treeEnsemble();
      const err = additivityError(e, xTest, 100, p);
      // and against the model's own predict (which divides the sum by nTrees)
      const { baseValue, values } = treeShap(e, xTest, 100, p);
      const pred = forest.predict(xTest, 100);
      let worst = 0;
      for (let i = 0; i < 100; i++) {
        let s = baseValue;
        for (let j = 0; j < p; j++) s += values[i + j * 100]!;
        worst = Math.max(worst, Math.abs(s - pred[i]!));
      }
      console.log(`forest ${task}: max additivity error ${Math.max(err, worst).toExponential(2)}`);
      expect(err).toBeLessThan(1e-9);
      expect(worst).toBeLessThan(1e-9);
    }
  });

  it('a hand-built boosting ensemble (hessian covers, learning rate 0.1, initial score) to 1e-9', () => {
    const rng = createRng(11);
    const p = 6;
    const trees = Array.from({ length: 50 }, () => randomTree(rng, p, 6, 'hessian'));
    const e: TreeEnsemble = { trees, scale: 0.1, offset: -0.7 };
    const x = randomRows(rng, 300, p);
    const err = additivityError(e, x, 300, p);
    console.log(`boosting-style ensemble: max additivity error ${err.toExponential(2)}`);
    expect(err).toBeLessThan(1e-9);
    // per-tree scales and the base value
    const scales = Float64Array.from(trees, (_, k) => 0.05 + 0.001 * k);
    expect(additivityError({ trees, scale: scales, offset: 2 }, x, 300, p)).toBeLessThan(1e-9);
    let base = 2;
    trees.forEach((t, k) => (base += scales[k]! * expectedValue(t)));
    expect(ensembleExpectedValue({ trees, scale: scales, offset: 2 })).toBeCloseTo(base, 12);
  });

  it('interaction values of an ensemble sum to its SHAP values', () => {
    const rng = createRng(12);
    const p = 5;
    const trees = Array.from({ length: 10 }, () => randomTree(rng, p, 5, 'hessian'));
    const e: TreeEnsemble = { trees, scale: 0.3, offset: 1 };
    const x = randomRows(rng, 20, p);
    const inter = treeShapInteractions(e, x, 20, p);
    const shap = treeShap(e, x, 20, p);
    expect(inter.baseValue).toBe(shap.baseValue);
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += inter.values[i + 20 * (j + p * k)]!;
        expect(Math.abs(s - shap.values[i + j * 20]!)).toBeLessThan(1e-12);
      }
    }
  });
});

describe('TreeSHAP edge cases', () => {
  const stump: Tree = {
    feature: Int32Array.from([1, -1, -1]),
    threshold: Float64Array.from([0.5, 0, 0]),
    left: Int32Array.from([1, -1, -1]),
    right: Int32Array.from([2, -1, -1]),
    defaultLeft: Uint8Array.from([0, 0, 0]),
    value: Float64Array.from([0, 10, 20]),
    cover: Float64Array.from([4, 3, 1]),
  };

  it('a stump: φ of the split feature = f(x) − E f, other features 0; NaN follows defaultLeft (right here)', () => {
    const x = Float64Array.from([7, 7, 7, 0, 1, Number.NaN]); // 3 rows × 2 features
    const { baseValue, values } = treeShap(stump, x, 3, 2);
    expect(baseValue).toBe(12.5);
    expect([...values]).toEqual([0, 0, 0, 10 - 12.5, 20 - 12.5, 20 - 12.5]);
  });

  it('a single leaf (constant model): base value = its value, all φ = 0', () => {
    const leaf: Tree = {
      feature: Int32Array.from([-1]),
      threshold: Float64Array.from([0]),
      left: Int32Array.from([-1]),
      right: Int32Array.from([-1]),
      defaultLeft: Uint8Array.from([0]),
      value: Float64Array.from([0.25]),
      cover: Float64Array.from([10]),
    };
    const r = treeShap(leaf, new Float64Array(6), 2, 3);
    expect(r.baseValue).toBe(0.25);
    expect([...r.values]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('zero rows give an empty result', () => {
    const r = treeShap(stump, new Float64Array(0), 0, 2);
    expect(r.values.length).toBe(0);
  });

  it('rejects a non-positive cover on a split node, a feature outside x, and a bad shape', () => {
    expect(() =>
      treeShap({ ...stump, cover: Float64Array.from([0, 0, 0]) }, new Float64Array(2), 1, 2),
    ).toThrow(/cover 0/);
    expect(() => treeShap(stump, new Float64Array(1), 1, 1)).toThrow(/feature 1 but x has 1 columns/);
    expect(() => treeShap(stump, new Float64Array(3), 2, 2)).toThrow(/expected n·p/);
    expect(() => treeShap({ trees: [stump], scale: Number.NaN }, new Float64Array(2), 1, 2)).toThrow(/scale/);
  });
});
