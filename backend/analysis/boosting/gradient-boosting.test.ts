import { describe, expect, it } from 'vitest';
import type { TrainedModel } from '../learners/trained-model.js';
import { r2, rocAuc } from '../model-selection/metrics.js';
import { createRng } from '../random/rng.js';
import { fitGradientBoosting, gradientBoostingFromJson } from './gradient-boosting.js';
import type { GradientBoostingJson, GradientBoostingParams } from './gradient-boosting.js';

/** Column-major n×p features in [0, 1) with 10% NaN in feature 2, and a nonlinear target with noise. */
function regression(n: number, p: number, seed: number) {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * p }, () => rng.next());
  for (let i = 0; i < n; i++) if (rng.next() < 0.1) x[2 * n + i] = Number.NaN;
  const y = Float64Array.from(
    { length: n },
    (_, i) =>
      5 * Math.sin(3 * x[i]!) +
      3 * (x[n + i]! > 0.5 ? 1 : 0) +
      (Number.isNaN(x[2 * n + i]!) ? 2 : 0) +
      rng.normal() * 0.3,
  );
  return { x, y };
}

const SMALL = { nEstimators: 30, numLeaves: 8, minDataInLeaf: 5 } satisfies GradientBoostingParams;
const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));

describe('fitGradientBoosting: regression', () => {
  const { x, y } = regression(400, 4, 1);
  const test = regression(300, 4, 2);

  it('fits a nonlinear target with missing values, implementing TrainedModel', () => {
    const model: TrainedModel = fitGradientBoosting(x, y, 400, 4, {
      nEstimators: 100,
      numLeaves: 8,
      minDataInLeaf: 5,
    });
    expect(model.task).toBe('regression');
    expect(model.predictProba).toBeUndefined();
    expect(r2(test.y, model.predict(test.x, 300))).toBeGreaterThan(0.9);
  });

  it('is deterministic: same data, params and seed give bit-identical JSON (with row and column sampling)', () => {
    const params = { ...SMALL, subsample: 0.7, colsampleByTree: 0.5, seed: 9 };
    const a = JSON.stringify(fitGradientBoosting(x, y, 400, 4, params).toJSON());
    const b = JSON.stringify(fitGradientBoosting(x, y, 400, 4, params).toJSON());
    expect(a).toBe(b);
    expect(JSON.stringify(fitGradientBoosting(x, y, 400, 4, { ...params, seed: 10 }).toJSON())).not.toBe(a);
  });

  it('round-trips through JSON text and predicts bit for bit (NaN rows included)', () => {
    const model = fitGradientBoosting(x, y, 400, 4, { ...SMALL, subsample: 0.8 });
    const json = JSON.parse(JSON.stringify(model.toJSON())) as GradientBoostingJson;
    const loaded = gradientBoostingFromJson(json);
    expect(bits(loaded.predict(test.x, 300))).toEqual(bits(model.predict(test.x, 300)));
    expect(JSON.stringify(loaded.toJSON())).toBe(JSON.stringify(model.toJSON()));
  });

  it('stores trees TreeSHAP can use: cover = hessian sum (row count for squared error), values with the learning rate', () => {
    const model = fitGradientBoosting(x, y, 400, 4, { ...SMALL, learningRate: 0.5 });
    const t = model.trees[0]!;
    expect(t.cover[0]).toBe(400);
    for (let k = 0; k < t.feature.length; k++) {
      if (t.feature[k]! >= 0) expect(t.cover[k]).toBe(t.cover[t.left[k]!]! + t.cover[t.right[k]!]!);
    }
    // One round: prediction = base + tree, so the leaf values carry the 0.5.
    const one = fitGradientBoosting(x, y, 400, 4, {
      ...SMALL,
      nEstimators: 1,
      numLeaves: 2,
      lambda: 0,
      learningRate: 0.5,
    });
    const leaf = one.trees[0]!;
    const mean = y.reduce((s, v) => s + v, 0) / 400;
    let sumLeft = 0;
    let nLeft = 0;
    for (let i = 0; i < 400; i++) {
      const v = x[leaf.feature[0]! * 400 + i]!;
      const left = Number.isNaN(v) ? leaf.defaultLeft[0] === 1 : v <= leaf.threshold[0]!;
      if (left) {
        sumLeft += y[i]! - mean;
        nLeft++;
      }
    }
    expect(leaf.value[leaf.left[0]!]).toBeCloseTo((0.5 * sumLeft) / nLeft, 10);
  });

  it('reports split and gain importance; a constant feature is never split', () => {
    const xc = x.slice();
    xc.fill(1.5, 3 * 400, 4 * 400);
    const model = fitGradientBoosting(xc, y, 400, 4, SMALL);
    const gain = model.featureImportance('gain');
    const split = model.featureImportance('split');
    expect(gain[3]).toBe(0);
    expect(split[3]).toBe(0);
    expect(gain[0]).toBeGreaterThan(0);
    const internal = model.trees.reduce((s, t) => s + t.feature.filter((f) => f >= 0).length, 0);
    expect(split.reduce((s, v) => s + v, 0)).toBe(internal);
  });

  it('absolute error and Huber fit and resist an outlier better than squared error', () => {
    const yo = y.slice();
    for (let i = 0; i < 400; i += 20) yo[i] = 1000;
    const mae = (m: TrainedModel) => {
      const pr = m.predict(test.x, 300);
      return pr.reduce((s, v, i) => s + Math.abs(v - test.y[i]!), 0) / 300;
    };
    const sq = mae(fitGradientBoosting(x, yo, 400, 4, SMALL));
    const abs = mae(
      fitGradientBoosting(x, yo, 400, 4, { ...SMALL, loss: 'absolute-error', learningRate: 0.3 }),
    );
    const hub = mae(
      fitGradientBoosting(x, yo, 400, 4, { ...SMALL, loss: 'huber', huberDelta: 1, learningRate: 0.3 }),
    );
    expect(abs).toBeLessThan(sq);
    expect(hub).toBeLessThan(sq);
    expect(abs).toBeLessThan(1);
  });

  it('early stopping keeps the best round of the validation loss', () => {
    const model = fitGradientBoosting(x, y, 400, 4, {
      nEstimators: 500,
      learningRate: 0.5,
      numLeaves: 16,
      minDataInLeaf: 2,
      earlyStoppingRounds: 10,
      validation: { x: test.x, y: test.y, n: 300 },
    });
    const losses = model.validationLoss;
    expect(losses.length).toBeLessThan(500);
    const best = losses.indexOf(Math.min(...losses)) + 1;
    expect(model.trees.length).toBe(best);
    expect(losses.length - best).toBe(10);
    expect(model.toJSON().n_rounds).toBe(best);
  });

  it('works with more features than rows', () => {
    const rng = createRng(4);
    const n = 30;
    const p = 100;
    const xw = Float64Array.from({ length: n * p }, () => rng.next());
    const yw = Float64Array.from(
      { length: n },
      (_, i) => (xw[5 * n + i]! > 0.5 ? 1 : 0) + rng.normal() * 0.05,
    );
    const model = fitGradientBoosting(xw, yw, n, p, { nEstimators: 20, minDataInLeaf: 2, learningRate: 0.3 });
    expect(r2(yw, model.predict(xw, n))).toBeGreaterThan(0.9);
    expect(model.featureImportance('gain').indexOf(Math.max(...model.featureImportance('gain')))).toBe(5);
  });

  it('reports progress up to 1 and honours an abort signal between rounds', () => {
    const seen: number[] = [];
    fitGradientBoosting(x, y, 400, 4, SMALL, { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
    let rounds = 0;
    const signal = {
      get aborted() {
        return rounds >= 3;
      },
      throwIfAborted() {
        if (rounds++ >= 3) throw new Error('aborted');
      },
    };
    expect(() => fitGradientBoosting(x, y, 400, 4, SMALL, { signal })).toThrow('aborted');
  });
});

describe('fitGradientBoosting: classification', () => {
  function binary(n: number, seed: number) {
    const rng = createRng(seed);
    const x = Float64Array.from({ length: n * 3 }, () => rng.normal());
    const y = Float64Array.from({ length: n }, (_, i) =>
      x[i]! + x[n + i]! ** 2 - 1 + rng.normal() * 0.5 > 0 ? 1 : 0,
    );
    return { x, y };
  }

  it('log-loss: predict gives log-odds, predictProba their sigmoid, AUC is high', () => {
    const tr = binary(500, 1);
    const te = binary(400, 2);
    const model = fitGradientBoosting(tr.x, tr.y, 500, 3, { ...SMALL, nEstimators: 60, loss: 'log-loss' });
    expect(model.task).toBe('binary');
    const raw = model.predict(te.x, 400);
    const proba = model.predictProba!(te.x, 400);
    raw.forEach((r, i) => expect(proba[i]).toBeCloseTo(1 / (1 + Math.exp(-r)), 14));
    expect(rocAuc(te.y, proba)).toBeGreaterThan(0.9);
    const q = tr.y.reduce((s, v) => s + v, 0) / 500;
    expect(model.baseScore).toBeCloseTo(Math.log(q / (1 - q)), 14);
    expect(
      fitGradientBoosting(tr.x, tr.y, 500, 3, { ...SMALL, loss: 'log-loss', baseScore: 0.5 }).baseScore,
    ).toBe(0);
  });

  it('softmax: one tree per class per round, probabilities sum to 1, round trip is exact', () => {
    const rng = createRng(3);
    const n = 450;
    const x = Float64Array.from({ length: n * 2 }, () => rng.next());
    const y = Float64Array.from({ length: n }, (_, i) =>
      Math.max(0, Math.min(2, Math.floor(x[i]! * 3 + rng.normal() * 0.05))),
    );
    const model = fitGradientBoosting(x, y, n, 2, { ...SMALL, loss: 'softmax' });
    expect(model.task).toBe('multiclass');
    expect(model.trees.length).toBe(30 * 3);
    const proba = model.predictProba(x, n);
    for (let i = 0; i < n; i++) expect(proba[i]! + proba[n + i]! + proba[2 * n + i]!).toBeCloseTo(1, 14);
    const cls = model.predictClass(x, n);
    expect(cls.filter((c, i) => c === y[i]).length / n).toBeGreaterThan(0.9);
    const loaded = gradientBoostingFromJson(
      JSON.parse(JSON.stringify(model.toJSON())) as GradientBoostingJson,
    );
    expect(bits(loaded.predict(x, n))).toEqual(bits(model.predict(x, n)));
  });
});

describe('fitGradientBoosting: errors', () => {
  const { x, y } = regression(50, 3, 5);

  it('NaN or ±∞ in y', () => {
    const bad = y.slice();
    bad[7] = Number.NaN;
    expect(() => fitGradientBoosting(x, bad, 50, 3)).toThrow(/y\[7\] is NaN/);
    bad[7] = Infinity;
    expect(() => fitGradientBoosting(x, bad, 50, 3)).toThrow(/y\[7\] is Infinity/);
  });

  it('±∞ in x (NaN is a missing value, ∞ is not)', () => {
    const bad = x.slice();
    bad[50 + 4] = -Infinity;
    expect(() => fitGradientBoosting(bad, y, 50, 3)).toThrow(/x\[row 4, feature 1\] is -Infinity; use NaN/);
  });

  it('a single class for log-loss, a missing class for softmax', () => {
    expect(() => fitGradientBoosting(x, new Float64Array(50), 50, 3, { loss: 'log-loss' })).toThrow(
      /both classes, but every label is 0/,
    );
    const labels = Float64Array.from({ length: 50 }, (_, i) => (i % 2) * 2);
    expect(() => fitGradientBoosting(x, labels, 50, 3, { loss: 'softmax' })).toThrow(
      /class 1 of 0..2 never occurs/,
    );
  });

  it('shapes and settings', () => {
    expect(() => fitGradientBoosting(x, y, 49, 3)).toThrow(/x has 150 values/);
    expect(() => fitGradientBoosting(x, y.subarray(1), 50, 3)).toThrow(/y has 49 values/);
    expect(() => fitGradientBoosting(x, y, 50, 3, { numLeaves: 1 })).toThrow(/numLeaves/);
    expect(() => fitGradientBoosting(x, y, 50, 3, { subsample: 0 })).toThrow(/subsample/);
    expect(() => fitGradientBoosting(x, y, 50, 3, { learningRate: -1 })).toThrow(/learningRate/);
    expect(() => fitGradientBoosting(x, y, 50, 3, { earlyStoppingRounds: 5 })).toThrow(/validation set/);
    expect(() => fitGradientBoosting(x, y, 50, 3, { lambda: 0, minChildWeight: 0 })).toThrow(/both be 0/);
    const m = fitGradientBoosting(x, y, 50, 3, { nEstimators: 2 });
    expect(() => m.predict(x, 10)).toThrow(/expected n·p = 30/);
    expect(() => gradientBoostingFromJson({ ...m.toJSON(), version: 2 as 1 })).toThrow(/version 2/);
  });
});
