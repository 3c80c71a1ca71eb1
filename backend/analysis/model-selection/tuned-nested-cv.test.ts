import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { duplicateRowGroups, groupIds, groupKFold } from './group-k-fold.js';
import { r2 } from './metrics.js';
import { tunedNestedCv, tuneAndRefit, type TrialStudy, type TunableLearner } from './tuned-nested-cv.js';

/** Random search over k ∈ [1, maxK]: enough of a study to test the CV around it. */
function randomStudy(seed: number, maxK: number): TrialStudy<{ k: number }> {
  const rng = createRng(seed);
  let next = 0;
  return { ask: () => ({ id: next++, params: { k: 1 + rng.int(maxK) } }), tell: () => undefined };
}

/** k-nearest-neighbour mean (Euclidean): flexible enough to memorise noise when k = 1. */
function knnLearner(spy?: (y: Float64Array) => void): TunableLearner {
  return {
    name: 'knn',
    createStudy: (seed) => randomStudy(seed, 15) as TrialStudy<unknown>,
    fit(x, y, n, p, params) {
      spy?.(y);
      const { k } = params as { k: number };
      return {
        predict(xt, m) {
          const out = new Float64Array(m);
          const d = new Float64Array(n);
          const idx = Array.from({ length: n }, (_, i) => i);
          for (let r = 0; r < m; r++) {
            for (let i = 0; i < n; i++) {
              let s = 0;
              for (let j = 0; j < p; j++) s += (x[i + j * n]! - xt[r + j * m]!) ** 2;
              d[i] = s;
            }
            idx.sort((a, b) => d[a]! - d[b]! || a - b);
            let s = 0;
            for (let q = 0; q < Math.min(k, n); q++) s += y[idx[q]!]!;
            out[r] = s / Math.min(k, n);
          }
          return out;
        },
      };
    },
  };
}

function data(n: number, seed: number, signal: boolean) {
  const rng = createRng(seed);
  const p = 3;
  const x = new Float64Array(n * p);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++)
    y[i] = (signal ? 10 * Math.sin(3 * x[i]!) + 5 * x[i + n]! : 0) + rng.normal() + i * 1e-9; // unique y per row
  return { x, y, n, p };
}

describe('group folds', () => {
  it('keeps replicates of one condition in one fold and balances fold sizes', () => {
    const x = Float64Array.from([1, 1, 2, 2, 2, 3, NaN, NaN, 4, 5, 6, 7]);
    const groups = duplicateRowGroups(x, 12, 1);
    expect(Array.from(groups)).toEqual([0, 0, 1, 1, 1, 2, 3, 3, 4, 5, 6, 7]);
    const fold = groupKFold(groups, 3, createRng(1));
    for (let i = 0; i < 12; i++)
      for (let j = 0; j < 12; j++) if (groups[i] === groups[j]) expect(fold[i]).toBe(fold[j]);
    const sizes = [0, 1, 2].map((f) => fold.filter((v) => v === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(3);
    expect(Array.from(groupIds(['b', 'a', 'b', 7]))).toEqual([0, 1, 0, 2]);
    expect(() => groupKFold(Int32Array.from([0, 0, 1]), 3, createRng(1))).toThrow(/distinct groups \(2\)/);
  });
});

describe('tunedNestedCv', () => {
  it('never lets a model see the rows it is scored on (spy), and keeps replicates together', () => {
    const { x, y, n, p } = data(60, 3, true);
    // Make rows 0..9 replicates of rows 10..19 (same x, different noise).
    for (let i = 0; i < 10; i++) for (let j = 0; j < p; j++) x[i + j * n] = x[i + 10 + j * n]!;
    const seen: Float64Array[] = [];
    const out = tunedNestedCv({
      x,
      y,
      n,
      p,
      learners: [knnLearner((yy) => seen.push(yy))],
      outerSplits: 5,
      innerSplits: 3,
      nTrials: 4,
      seed: 9,
    });
    for (let i = 0; i < 10; i++) expect(out.cv.fold[i]).toBe(out.cv.fold[i + 10]);
    // Fits per outer fold: 4 trials × 3 inner + 1 refit; the final tuning comes last.
    const perFold = 4 * 3 + 1;
    for (let f = 0; f < 5; f++) {
      const testY = new Set(Array.from(y).filter((_, i) => out.cv.fold[i] === f));
      for (const yy of seen.slice(f * perFold, (f + 1) * perFold))
        for (const v of yy) expect(testY.has(v)).toBe(false);
    }
    expect(seen.length).toBe(5 * perFold + perFold);
    expect(out.cv.oof.every(Number.isFinite)).toBe(true);
  });

  it('on a permuted target: high in-sample R², out-of-fold R² ≤ 0.05 (no leakage)', () => {
    const { x, y, n, p } = data(120, 5, true);
    createRng(77).shuffle(y);
    const out = tunedNestedCv({
      x,
      y,
      n,
      p,
      learners: [knnLearner()],
      outerSplits: 5,
      innerSplits: 4,
      nTrials: 8,
      seed: 1,
    });
    const inSampleModel = knnLearner().fit(x, y, n, p, { k: 1 }, 0);
    const inSample = r2(y, inSampleModel.predict(x, n));
    const oof = r2(y, out.cv.oof);
    console.log(
      `permuted target: in-sample R² (k = 1) ${inSample.toFixed(3)}, nested-CV OOF R² ${oof.toFixed(3)}`,
    );
    expect(inSample).toBeGreaterThan(0.99);
    expect(oof).toBeLessThanOrEqual(0.05);
  });

  it('finds the signal, is deterministic, and reports per-fold scores, chosen learners and the final model', () => {
    const { x, y, n, p } = data(150, 8, true);
    const run = () =>
      tunedNestedCv({
        x,
        y,
        n,
        p,
        learners: [knnLearner()],
        outerSplits: 5,
        innerSplits: 3,
        nTrials: 6,
        seed: 4,
      });
    const a = run();
    const b = run();
    expect(Array.from(a.cv.oof)).toEqual(Array.from(b.cv.oof));
    expect(a.final.params).toEqual(b.final.params);
    expect(r2(y, a.cv.oof)).toBeGreaterThan(0.6);
    expect(a.cv.scores.folds).toHaveLength(5);
    expect(a.cv.chosen).toEqual(Array(5).fill('knn'));
    expect(a.cv.learners[0]!.params).toHaveLength(5);
    expect(a.final.tuning[0]!.trials).toHaveLength(6);
  });

  it('reports monotone progress ending at 1, stops on abort, and honours pruning', () => {
    const { x, y, n, p } = data(40, 2, true);
    const fractions: number[] = [];
    tuneAndRefit(x, y, n, p, duplicateRowGroups(x, n, p), {
      learners: [knnLearner()],
      innerSplits: 3,
      nTrials: 3,
      seed: 1,
      onProgress: (f) => fractions.push(f),
    });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);

    const controller = new AbortController();
    controller.abort();
    expect(() =>
      tuneAndRefit(x, y, n, p, duplicateRowGroups(x, n, p), {
        learners: [knnLearner()],
        innerSplits: 3,
        nTrials: 3,
        seed: 1,
        signal: controller.signal,
      }),
    ).toThrow();

    let fits = 0;
    const pruning: TunableLearner = {
      ...knnLearner(() => fits++),
      createStudy: (seed) => ({ ...randomStudy(seed, 15), report: (id) => id > 0 }) as TrialStudy<unknown>,
    };
    const out = tuneAndRefit(x, y, n, p, duplicateRowGroups(x, n, p), {
      learners: [pruning],
      innerSplits: 3,
      nTrials: 3,
      seed: 1,
    });
    expect(out.tuning[0]!.trials.map((t) => t.value === null)).toEqual([false, true, true]);
    expect(fits).toBe(3 + 1 + 1 + 1); // trial 0: 3 folds; trials 1, 2 pruned after one fold; the refit
  });
});
