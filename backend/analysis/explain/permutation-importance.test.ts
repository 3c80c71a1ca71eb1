import { describe, expect, it } from 'vitest';
import { fitRandomForest } from '../forest/random-forest.js';
import { createRng } from '../random/rng.js';
import { permutationImportance } from './permutation-importance.js';

/** y = 3·x₀ + x₁ + noise; x₂ is pure noise. Column-major n×3. */
function data(n: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float64Array(n * 3);
  for (let k = 0; k < n * 3; k++) x[k] = rng.normal();
  const y = Float64Array.from({ length: n }, (_, i) => 3 * x[i]! + x[i + n]! + 0.1 * rng.normal());
  return { x, y };
}

describe('permutation importance', () => {
  const linear = (x: Float64Array, n: number) =>
    Float64Array.from({ length: n }, (_, i) => 3 * x[i]! + x[i + n]!);

  it('ranks features by their effect; a feature the model ignores scores exactly 0', () => {
    const { x, y } = data(400, 1);
    const r = permutationImportance({
      predict: linear,
      x,
      n: 400,
      p: 3,
      y,
      metric: 'r2',
      nRepeats: 10,
      seed: 3,
    });
    expect(r.baseline).toBeGreaterThan(0.99);
    expect(r.mean[0]!).toBeGreaterThan(r.mean[1]!);
    expect(r.mean[1]!).toBeGreaterThan(0.05);
    expect(r.mean[2]).toBe(0);
    expect(r.sd[2]).toBe(0);
    // R² drop for shuffling x₀ is about 2·Var(3x₀)/Var(y) ≈ 2·9/10.
    expect(r.mean[0]!).toBeGreaterThan(1.5);
  });

  it('lower-is-better metrics are sign-flipped so larger still means more important; x is not mutated', () => {
    const { x, y } = data(300, 2);
    const copy = x.slice();
    const r = permutationImportance({ predict: linear, x, n: 300, p: 3, y, metric: 'rmse', nRepeats: 3 });
    expect(r.mean[0]!).toBeGreaterThan(r.mean[1]!);
    expect(r.mean[1]!).toBeGreaterThan(0);
    expect(x).toEqual(copy);
  });

  it('is seeded: the same seed gives identical numbers; feature j does not depend on which others are run', () => {
    const { x, y } = data(200, 4);
    const forest = fitRandomForest({ x, n: 200, p: 3, y, task: 'regression' }, { nTrees: 10 });
    const predict = (xx: Float64Array, n: number) => forest.predict(xx, n);
    const a = permutationImportance({ predict, x, n: 200, p: 3, y, metric: 'mae', nRepeats: 4, seed: 9 });
    const b = permutationImportance({ predict, x, n: 200, p: 3, y, metric: 'mae', nRepeats: 4, seed: 9 });
    expect(a.importances).toEqual(b.importances);
    const only1 = permutationImportance({
      predict,
      x,
      n: 200,
      p: 3,
      y,
      metric: 'mae',
      nRepeats: 4,
      seed: 9,
      features: [1],
    });
    expect(only1.importances.subarray(4, 8)).toEqual(a.importances.subarray(4, 8));
    expect(Number.isNaN(only1.mean[0]!)).toBe(true);
    const c = permutationImportance({ predict, x, n: 200, p: 3, y, metric: 'mae', nRepeats: 4, seed: 10 });
    expect(c.importances).not.toEqual(a.importances);
  });

  it('binary metrics (AUC, accuracy, log-loss) and a custom metric', () => {
    const { x } = data(300, 5);
    const y = Float64Array.from({ length: 300 }, (_, i) => (x[i]! > 0 ? 1 : 0));
    const proba = (xx: Float64Array, n: number) =>
      Float64Array.from({ length: n }, (_, i) => 1 / (1 + Math.exp(-4 * xx[i]!)));
    for (const metric of ['auc', 'accuracy', 'logloss'] as const) {
      const r = permutationImportance({ predict: proba, x, n: 300, p: 3, y, metric, nRepeats: 3 });
      expect(r.mean[0]!).toBeGreaterThan(0.2);
      expect(r.mean[1]).toBe(0);
    }
    const custom = {
      score: (t: Float64Array, p: Float64Array) => -Math.abs(t[0]! - p[0]!),
      greaterIsBetter: true,
    };
    expect(permutationImportance({ predict: proba, x, n: 300, p: 3, y, metric: custom }).mean.length).toBe(3);
  });

  it('rejects bad shapes, repeats, features and unknown metrics', () => {
    const { x, y } = data(10, 6);
    const base = { predict: linear, x, n: 10, p: 3, y, metric: 'r2' as const };
    expect(() => permutationImportance({ ...base, n: 11 })).toThrow(/expected/);
    expect(() => permutationImportance({ ...base, nRepeats: 0 })).toThrow(/nRepeats/);
    expect(() => permutationImportance({ ...base, features: [3] })).toThrow(/no feature 3/);
    expect(() => permutationImportance({ ...base, metric: 'f1' as 'r2' })).toThrow(/unknown metric/);
    expect(() => permutationImportance({ ...base, n: 1, x: x.subarray(0, 3), y: y.subarray(0, 1) })).toThrow(
      /two rows/,
    );
  });
});
