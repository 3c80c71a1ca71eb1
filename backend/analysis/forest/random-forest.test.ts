import { describe, expect, it } from 'vitest';
import { treeShap } from '../explain/tree-shap.js';
import { r2 } from '../model-selection/metrics.js';
import { createRng } from '../random/rng.js';
import { isLeaf, type Tree } from '../trees/tree.js';
import { growTree, sortPairs } from './cart.js';
import {
  assembleForest,
  drawSample,
  fitExtraTrees,
  fitForestTree,
  fitRandomForest,
  randomForestFromJson,
  resolveForestParams,
  resolveMaxFeatures,
  type ForestInput,
} from './random-forest.js';

/** Friedman #1 (y = 10 sin(π x₁x₂) + 20(x₃ − ½)² + 10x₄ + 5x₅ + noise) with p ≥ 5 uniform features. */
function friedman(n: number, p: number, seed: number, noise = 1): ForestInput {
  const rng = createRng(seed);
  const x = new Float64Array(n * p);
  for (let k = 0; k < n * p; k++) x[k] = rng.next();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = (j: number) => x[i + j * n]!;
    y[i] =
      10 * Math.sin(Math.PI * c(0) * c(1)) +
      20 * (c(2) - 0.5) ** 2 +
      10 * c(3) +
      5 * c(4) +
      noise * rng.normal();
  }
  return { x, n, p, y, task: 'regression' };
}

function binaryData(n: number, p: number, seed: number): ForestInput {
  const rng = createRng(seed);
  const x = new Float64Array(n * p);
  for (let k = 0; k < n * p; k++) x[k] = rng.normal();
  const y = Float64Array.from({ length: n }, (_, i) => (x[i]! - x[i + n]! + 0.5 * rng.normal() > 0 ? 1 : 0));
  return { x, n, p, y, task: 'binary' };
}

function checkTree(tree: Tree, n: number): void {
  // Structure: children after parents, covers add up, leaf count bounded by the rows.
  for (let node = 0; node < tree.feature.length; node++) {
    if (isLeaf(tree, node)) continue;
    const l = tree.left[node]!;
    const r = tree.right[node]!;
    expect(l).toBeGreaterThan(node);
    expect(r).toBeGreaterThan(node);
    expect(tree.cover[l]! + tree.cover[r]!).toBe(tree.cover[node]!);
    expect(tree.defaultLeft[node]).toBe(tree.cover[l]! >= tree.cover[r]! ? 1 : 0);
  }
  expect(tree.feature.length).toBeLessThanOrEqual(2 * n - 1);
}

describe('sortPairs', () => {
  it('sorts keys and carries the indices, with many ties, both short and long runs', () => {
    const rng = createRng(1);
    for (const len of [0, 1, 2, 15, 16, 17, 200, 5000]) {
      const keys = Float64Array.from(
        { length: len },
        () => rng.int(len < 50 ? 5 : 40) - 3 + (rng.next() < 0.1 ? -0 : 0),
      );
      const orig = keys.slice();
      const idx = Int32Array.from({ length: len }, (_, i) => i);
      sortPairs(keys, idx, 0, len - 1);
      for (let i = 1; i < len; i++) expect(keys[i - 1]!).toBeLessThanOrEqual(keys[i]!);
      for (let i = 0; i < len; i++) expect(keys[i]).toBe(orig[idx[i]!]);
      expect([...idx].sort((a, b) => a - b)).toEqual(Array.from({ length: len }, (_, i) => i));
    }
  });
});

describe('CART tree', () => {
  it('a step function is recovered exactly with one split at the midpoint', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const y = Float64Array.from([0, 0, 0, 5, 5, 5]);
    const w = new Float64Array(6).fill(1);
    const params = {
      maxFeatures: 1,
      maxDepth: Infinity,
      minSamplesSplit: 2,
      minSamplesLeaf: 1,
      splitter: 'best' as const,
    };
    const tree = growTree(x, 6, 1, y, w, params, createRng(0));
    expect([...tree.feature]).toEqual([0, -1, -1]);
    expect(tree.threshold[0]).toBe(3.5);
    expect([...tree.value]).toEqual([2.5, 0, 5]);
    expect([...tree.cover]).toEqual([6, 3, 3]);
  });

  it('weights act as repeated rows; zero-weight rows take no part', () => {
    const x = Float64Array.from([1, 2, 3, 4]);
    const y = Float64Array.from([1, 2, 3, 100]);
    const w = Float64Array.from([2, 1, 1, 0]);
    const params = {
      maxFeatures: 1,
      maxDepth: 0,
      minSamplesSplit: 2,
      minSamplesLeaf: 1,
      splitter: 'best' as const,
    };
    const tree = growTree(x, 4, 1, y, w, params, createRng(0));
    expect(tree.value[0]).toBe(7 / 4);
    expect(tree.cover[0]).toBe(4);
  });

  it('respects maxDepth, minSamplesLeaf and minSamplesSplit', () => {
    const d = friedman(300, 5, 2);
    const w = new Float64Array(300).fill(1);
    const base = {
      maxFeatures: 5,
      maxDepth: Infinity,
      minSamplesSplit: 2,
      minSamplesLeaf: 1,
      splitter: 'best' as const,
    };
    const depthOf = (t: Tree, node = 0): number =>
      isLeaf(t, node) ? 0 : 1 + Math.max(depthOf(t, t.left[node]!), depthOf(t, t.right[node]!));
    const deep = growTree(d.x, 300, 5, d.y, w, base, createRng(0));
    expect(deep.feature.length).toBe(599); // distinct y: grown to one row per leaf
    checkTree(deep, 300);
    expect(depthOf(growTree(d.x, 300, 5, d.y, w, { ...base, maxDepth: 3 }, createRng(0)))).toBe(3);
    const leafy = growTree(d.x, 300, 5, d.y, w, { ...base, minSamplesLeaf: 7 }, createRng(0));
    for (let node = 0; node < leafy.feature.length; node++)
      if (isLeaf(leafy, node)) expect(leafy.cover[node]).toBeGreaterThanOrEqual(7);
    const split = growTree(d.x, 300, 5, d.y, w, { ...base, minSamplesSplit: 40 }, createRng(0));
    for (let node = 0; node < split.feature.length; node++)
      if (!isLeaf(split, node)) expect(split.cover[node]).toBeGreaterThanOrEqual(40);
  });
});

describe('random forest: determinism, parallel contract, round trip', () => {
  it('same data, params and seed → bit-identical JSON; another seed → a different forest', () => {
    const d = friedman(400, 8, 3);
    const params = { nTrees: 20, oobScore: true, maxFeatures: 0.5, seed: 42 };
    const a = JSON.stringify(fitRandomForest(d, params));
    const b = JSON.stringify(fitRandomForest(d, params));
    expect(a).toBe(b);
    expect(JSON.stringify(fitRandomForest(d, { ...params, seed: 43 }))).not.toBe(a);
    const e1 = JSON.stringify(fitExtraTrees(d, { nTrees: 10, seed: 1 }));
    expect(JSON.stringify(fitExtraTrees(d, { nTrees: 10, seed: 1 }))).toBe(e1);
  });

  it('trees grown in reverse order (as a thread pool might) assemble into the same forest', () => {
    const d = friedman(300, 6, 4);
    const params = resolveForestParams({ nTrees: 12, oobScore: true, seed: 7 }, 'regression');
    const trees = new Array<Tree>(12);
    for (let t = 11; t >= 0; t--) trees[t] = fitForestTree(d, params, t);
    expect(JSON.stringify(assembleForest(d, params, trees))).toBe(
      JSON.stringify(fitRandomForest(d, { nTrees: 12, oobScore: true, seed: 7 })),
    );
  });

  it('toJSON → JSON text → randomForestFromJson predicts bit for bit (regression, binary, extra trees)', () => {
    const models = [
      fitRandomForest(friedman(200, 5, 5), { nTrees: 15, oobScore: true }),
      fitRandomForest(binaryData(200, 4, 6), { nTrees: 15, maxFeatures: { count: 1 }, maxDepth: 6 }),
      fitExtraTrees(friedman(200, 5, 7), { nTrees: 15, maxSamples: 0.7, oobScore: true }),
    ];
    const probe = friedman(100, 5, 8).x;
    const probeNaN = probe.slice();
    for (let k = 0; k < probeNaN.length; k += 7) probeNaN[k] = Number.NaN;
    for (const m of models) {
      const text = JSON.stringify(m);
      const back = randomForestFromJson(JSON.parse(text));
      expect(JSON.stringify(back)).toBe(text);
      const p = m.nFeatures;
      for (const x of [probe, probeNaN]) {
        const xs = x.subarray(0, 100 * p);
        expect(Buffer.from(back.predict(xs, 100).buffer)).toEqual(Buffer.from(m.predict(xs, 100).buffer));
      }
    }
    expect(() => randomForestFromJson({ kind: 'gbdt', version: 1 })).toThrow(/not a random-forest/);
    expect(() => randomForestFromJson({ ...JSON.parse(JSON.stringify(models[0])), version: 99 })).toThrow(
      /version 99/,
    );
  });

  it('reports progress per tree and stops on abort', () => {
    const d = friedman(100, 5, 9);
    const seen: number[] = [];
    fitRandomForest(d, { nTrees: 4 }, { onProgress: (f) => seen.push(f) });
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
    const signal = {
      aborted: false,
      throwIfAborted() {
        throw new Error('aborted');
      },
    };
    expect(() =>
      fitRandomForest(d, { nTrees: 4 }, { signal, onProgress: (f) => f >= 0.5 && (signal.aborted = true) }),
    ).toThrow('aborted');
  });
});

describe('random forest: quality, out-of-bag score, importance', () => {
  it('OOB R² is close to the held-out R² on Friedman #1; the OOB rows are those some tree left out', () => {
    const train = friedman(1000, 10, 10);
    const test = friedman(1000, 10, 11);
    const m = fitRandomForest(train, { nTrees: 100, oobScore: true, seed: 1 });
    const heldOut = r2(test.y, m.predict(test.x, 1000));
    console.log(
      `Friedman #1, 1000 rows: OOB R² ${m.oob!.score.toFixed(4)}, held-out R² ${heldOut.toFixed(4)}`,
    );
    expect(heldOut).toBeGreaterThan(0.8);
    expect(Math.abs(m.oob!.score - heldOut)).toBeLessThan(0.04);
    expect(m.oob!.nRows).toBe(1000); // 100 bootstrap trees: every row is out of bag somewhere
    // Replay: tree t's weights are the first draws of its own generator.
    const params = resolveForestParams({ nTrees: 100, seed: 1 }, 'regression');
    const w = drawSample(1000, params, createRng(0));
    expect(w.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('binary: probabilities in [0, 1], OOB AUC and accuracy reported', () => {
    const d = binaryData(500, 6, 12);
    const m = fitRandomForest(d, { nTrees: 60, oobScore: true, seed: 2 });
    const prob = m.predictProba(d.x, 500);
    for (const v of prob) expect(v >= 0 && v <= 1).toBe(true);
    expect(m.oob!.score).toBeGreaterThan(0.85);
    expect(m.oob!.accuracy).toBeGreaterThan(0.75);
    expect(() =>
      fitRandomForest(friedman(50, 5, 1), { nTrees: 2 }).predictProba(new Float64Array(5), 1),
    ).toThrow(/binary/);
  });

  it('importance: signal features outrank noise features; split counts add up to the internal nodes', () => {
    const d = friedman(600, 10, 13);
    const m = fitRandomForest(d, { nTrees: 30, seed: 3 });
    const { split, gain } = m.importance();
    expect(gain.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const minSignal = Math.min(gain[0]!, gain[1]!, gain[3]!);
    const maxNoise = Math.max(...gain.subarray(5));
    expect(minSignal).toBeGreaterThan(maxNoise);
    let internal = 0;
    for (const t of m.trees) for (const f of t.feature) if (f >= 0) internal++;
    expect(split.reduce((a, b) => a + b, 0)).toBe(internal);
  });

  it('extra trees fit Friedman #1 about as well as the forest', () => {
    const train = friedman(800, 10, 14);
    const test = friedman(800, 10, 15);
    const rf = r2(test.y, fitRandomForest(train, { nTrees: 50 }).predict(test.x, 800));
    const et = r2(test.y, fitExtraTrees(train, { nTrees: 50 }).predict(test.x, 800));
    console.log(`held-out R²: random forest ${rf.toFixed(4)}, extra trees ${et.toFixed(4)}`);
    expect(et).toBeGreaterThan(rf - 0.05);
  });

  it('max_features and max_samples resolve as documented', () => {
    expect(resolveMaxFeatures('sqrt', 30)).toBe(5);
    expect(resolveMaxFeatures('log2', 30)).toBe(4);
    expect(resolveMaxFeatures('all', 30)).toBe(30);
    expect(resolveMaxFeatures(1, 30)).toBe(30);
    expect(resolveMaxFeatures(0.34, 30)).toBe(10);
    expect(resolveMaxFeatures(0.01, 30)).toBe(1);
    expect(resolveMaxFeatures(7, 30)).toBe(7);
    expect(resolveMaxFeatures({ count: 1 }, 30)).toBe(1);
    expect(resolveMaxFeatures('sqrt', 1)).toBe(1);
    expect(() => resolveMaxFeatures(31, 30)).toThrow(/only 30/);
    const sub = resolveForestParams({ bootstrap: false, maxSamples: 0.5 }, 'regression');
    const w = drawSample(101, sub, createRng(0));
    expect(w.reduce((a, b) => a + b, 0)).toBe(51);
    expect(Math.max(...w)).toBe(1);
    const boot = resolveForestParams({ maxSamples: 30 }, 'regression');
    expect(drawSample(101, boot, createRng(0)).reduce((a, b) => a + b, 0)).toBe(30);
  });
});

describe('random forest: edge cases', () => {
  const d = friedman(40, 5, 16);

  it('NaN or ±∞ in x or y: a RangeError naming the row and column', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      const x = d.x.slice();
      x[3 + 2 * 40] = bad;
      expect(() => fitRandomForest({ ...d, x }, { nTrees: 2 })).toThrow(`x[row 3, column 2] = ${bad}`);
      const y = d.y.slice();
      y[5] = bad;
      expect(() => fitRandomForest({ ...d, y }, { nTrees: 2 })).toThrow(`y[5] = ${bad}`);
    }
  });

  it('NaN at prediction follows the heavier child; ±∞ go to the extreme sides', () => {
    const m = fitRandomForest(d, { nTrees: 5, seed: 1 });
    const probe = new Float64Array(5).fill(Number.NaN);
    const out = m.predict(probe, 1);
    expect(Number.isFinite(out[0]!)).toBe(true);
    let manual = 0;
    for (const t of m.trees) {
      let node = 0;
      while (!isLeaf(t, node))
        node = t.cover[t.left[node]!]! >= t.cover[t.right[node]!]! ? t.left[node]! : t.right[node]!;
      manual += t.value[node]!;
    }
    expect(out[0]).toBeCloseTo(manual / 5, 12);
    expect(Number.isFinite(m.predict(new Float64Array(5).fill(Infinity), 1)[0]!)).toBe(true);
  });

  it('constant features are never split on, get zero importance and zero SHAP', () => {
    const x = d.x.slice();
    x.fill(3.25, 40, 80); // feature 1 constant
    x.fill(-1, 160, 200); // feature 4 constant
    const m = fitRandomForest({ ...d, x }, { nTrees: 20, maxFeatures: 'sqrt', seed: 2 });
    for (const t of m.trees) for (const f of t.feature) expect(f === 1 || f === 4).toBe(false);
    const { split, gain } = m.importance();
    expect([split[1], split[4], gain[1], gain[4]]).toEqual([0, 0, 0, 0]);
    const shap = treeShap(m.treeEnsemble(), x, 40, 5).values;
    for (let i = 0; i < 40; i++) expect([shap[i + 40], shap[i + 160]]).toEqual([0, 0]);
  });

  it('all features constant: every tree is one leaf at the mean', () => {
    const x = new Float64Array(40 * 5).fill(1);
    const m = fitRandomForest({ ...d, x }, { nTrees: 3, bootstrap: false });
    for (const t of m.trees) expect(t.feature.length).toBe(1);
    const mean = d.y.reduce((a, b) => a + b, 0) / 40;
    expect(m.predict(x.subarray(0, 5), 1)[0]).toBeCloseTo(mean, 12);
  });

  it('a single class: a constant model (P = 0 or 1), OOB AUC NaN (null in JSON)', () => {
    const b = binaryData(50, 3, 17);
    for (const cls of [0, 1]) {
      const m = fitRandomForest({ ...b, y: new Float64Array(50).fill(cls) }, { nTrees: 10, oobScore: true });
      expect(new Set(m.predictProba(b.x, 50))).toEqual(new Set([cls]));
      expect(Number.isNaN(m.oob!.score)).toBe(true);
      expect(m.toJSON().oob!.score).toBeNull();
      expect(m.oob!.accuracy).toBe(1);
    }
  });

  it('more features than rows is allowed (p = 50, n = 12) and SHAP stays additive', () => {
    const w = friedman(12, 50, 18);
    const m = fitRandomForest(w, { nTrees: 20, maxFeatures: 'sqrt', oobScore: true });
    const pred = m.predict(w.x, 12);
    const { baseValue, values } = treeShap(m.treeEnsemble(), w.x, 12, 50);
    for (let i = 0; i < 12; i++) {
      let s = baseValue;
      for (let j = 0; j < 50; j++) s += values[i + j * 12]!;
      expect(Math.abs(s - pred[i]!)).toBeLessThan(1e-9);
    }
  });

  it('one row: a single leaf; zero rows, a y that is not 0/1, bad shapes and bad params: RangeError', () => {
    const m = fitRandomForest(
      { x: Float64Array.from([1, 2]), n: 1, p: 2, y: Float64Array.from([4]), task: 'regression' },
      { nTrees: 2 },
    );
    expect([...m.predict(Float64Array.from([0, 0]), 1)]).toEqual([4]);
    expect(() => fitRandomForest({ ...d, x: new Float64Array(0), n: 0, y: new Float64Array(0) })).toThrow(
      /at least one row/,
    );
    expect(() => fitRandomForest({ ...binaryData(10, 2, 1), y: new Float64Array(10).fill(2) })).toThrow(
      /not 0 or 1/,
    );
    expect(() => fitRandomForest({ ...d, n: 41 })).toThrow(/expected n·p/);
    expect(() => fitRandomForest(d, { nTrees: 0 })).toThrow(/nTrees/);
    expect(() => fitRandomForest(d, { maxFeatures: 2.5 })).toThrow(/maxFeatures/);
    expect(() => fitRandomForest(d, { maxFeatures: 6 })).toThrow(/only 5/);
    expect(() => fitRandomForest(d, { minSamplesLeaf: 0 })).toThrow(/minSamplesLeaf/);
    expect(() => fitRandomForest(d, { bootstrap: false, maxSamples: 41 })).toThrow(/exceeds the 40 rows/);
    expect(() => fitRandomForest(d, { nTrees: 2 }).predict(new Float64Array(4), 1)).toThrow(/expected n·p/);
  });
});
