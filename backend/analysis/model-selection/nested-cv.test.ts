import { describe, expect, it } from 'vitest';
import { fitOls } from '../linear/ols.js';
import { createRng } from '../random/rng.js';
import { chooseTransform, fitTransform } from '../transforms/target-transform.js';
import { LinearModel, olsCandidate, olsLearner, type Candidate, type Learner } from './learner.js';
import { mae, r2, rmse } from './metrics.js';
import { nestedCrossValidation, selectFinal, type NestedCvInput } from './nested-cv.js';

/** Test-only ridge (the real one is another module): centred normal equations + Cholesky, intercept unpenalised. */
const ridgeLearner: Learner<{ alpha: number }> = {
  name: 'ridge',
  fit(x, y, n, p, { alpha }) {
    const mx = new Float64Array(p);
    for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) mx[j]! += x[i + j * n]! / n;
    let my = 0;
    for (let i = 0; i < n; i++) my += y[i]! / n;
    const a = new Float64Array(p * p);
    const b = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      for (let i = 0; i < n; i++) b[j]! += (x[i + j * n]! - mx[j]!) * (y[i]! - my);
      for (let k = 0; k <= j; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (x[i + j * n]! - mx[j]!) * (x[i + k * n]! - mx[k]!);
        a[j * p + k] = s + (j === k ? alpha : 0);
      }
    }
    // Cholesky a = L Lᵀ in the lower triangle, then two triangular solves.
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < j; k++) {
        let s = a[j * p + k]!;
        for (let m = 0; m < k; m++) s -= a[j * p + m]! * a[k * p + m]!;
        a[j * p + k] = s / a[k * p + k]!;
      }
      let d = a[j * p + j]!;
      for (let m = 0; m < j; m++) d -= a[j * p + m]! ** 2;
      a[j * p + j] = Math.sqrt(d);
    }
    const z = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let s = b[j]!;
      for (let m = 0; m < j; m++) s -= a[j * p + m]! * z[m]!;
      z[j] = s / a[j * p + j]!;
    }
    const beta = new Float64Array(p);
    for (let j = p - 1; j >= 0; j--) {
      let s = z[j]!;
      for (let m = j + 1; m < p; m++) s -= a[m * p + j]! * beta[m]!;
      beta[j] = s / a[j * p + j]!;
    }
    let intercept = my;
    for (let j = 0; j < p; j++) intercept -= mx[j]! * beta[j]!;
    return new LinearModel(intercept, beta);
  },
};
const ridgeCandidate: Candidate<{ alpha: number }> = {
  learner: ridgeLearner,
  grid: [0.01, 0.1, 1, 10, 100, 1e3, 1e4, 1e5, 1e6].map((alpha) => ({ alpha })),
};

function gaussianDesign(n: number, p: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n * p);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  return x;
}

function inSampleOlsR2(x: Float64Array, y: Float64Array, n: number, p: number): number {
  const model = olsLearner.fit(x, y, n, p, {});
  return r2(y, model.predict(x, n, p));
}

describe('no leakage: permuted target', () => {
  const n = 60;
  const p = 25;
  const x = gaussianDesign(n, p, 1);
  const rng = createRng(2);
  const beta = Array.from({ length: p }, () => rng.normal());
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 3;
    for (let j = 0; j < p; j++) s += beta[j]! * x[i + j * n]!;
    y[i] = s + 0.3 * rng.normal();
  }
  const yPermuted = createRng(3).shuffle(y.slice());
  const base: Omit<NestedCvInput, 'y'> = {
    x,
    n,
    p,
    candidates: [olsCandidate(), ridgeCandidate],
    outerSplits: 5,
    innerSplits: 5,
    metric: 'rmse',
    seed: 42,
  };

  it('the real signal is found: in-sample and out-of-fold R² both high', () => {
    expect(inSampleOlsR2(x, y, n, p)).toBeGreaterThan(0.9);
    const result = nestedCrossValidation({ ...base, y });
    expect(result.metrics.r2).toBeGreaterThan(0.8);
  });

  it('after permuting y, OLS still fits in sample (R² > 0.3) but nested CV reports no skill (OOF R² ≤ 0.05)', () => {
    const inSample = inSampleOlsR2(x, yPermuted, n, p);
    expect(inSample).toBeGreaterThan(0.3);
    for (const seed of [42, 7, 2026]) {
      const result = nestedCrossValidation({ ...base, y: yPermuted, seed });
      expect(result.metrics.r2).not.toBeNull();
      expect(result.metrics.r2!).toBeLessThanOrEqual(0.05);
      for (const c of result.candidates) expect(c.r2!).toBeLessThanOrEqual(0.05);
      // Same with auto transforms chosen inside the folds.
      const auto = nestedCrossValidation({ ...base, y: yPermuted, seed, transform: 'auto' });
      expect(auto.metrics.r2!).toBeLessThanOrEqual(0.05);
    }
  });
});

describe('no leakage: the transform and every fit see outer-training rows only', () => {
  // Column 0 is a row id (only the spy reads it), column 1 the real feature. One huge outlier makes y on all
  // rows strongly skewed; without it the training rows are nearly symmetric.
  const n = 40;
  const rng = createRng(11);
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i;
    x[i + n] = rng.normal();
    y[i] = 20 + 2 * x[i + n]! + 0.5 * rng.normal();
  }
  const outlier = 17;
  y[outlier] = 400;

  interface Call {
    rows: number[];
    y: Float64Array;
    stage?: string;
  }
  function spy(calls: Call[]): Learner<Record<string, never>> {
    return {
      name: 'spy',
      fit(xs, ys, m, p) {
        calls.push({ rows: Array.from(xs.subarray(0, m)), y: ys.slice() });
        const inner = olsLearner.fit(xs.slice(m), ys, m, p - 1, {});
        return { predict: (xt, k, q) => inner.predict(xt.slice(k), k, q - 1) };
      },
    };
  }

  it('the auto choice per fold is the one computed on that fold’s training rows, not on all rows', () => {
    const calls: Call[] = [];
    const result = nestedCrossValidation({
      x,
      y,
      n,
      p: 2,
      candidates: [{ learner: spy(calls), grid: [{}] }],
      outerSplits: 5,
      innerSplits: 4,
      metric: 'mae',
      seed: 5,
      transform: 'auto',
      autoCandidates: ['none', 'log'],
      onProgress: (_f, stage) => {
        calls[calls.length - 1]!.stage = stage;
      },
    });

    const onAllRows = chooseTransform(y, ['none', 'log']).transform;
    expect(onAllRows.name).not.toBe('none'); // the outlier drives the all-rows choice
    const outlierFold = result.folds.find((f) => f.testRows.includes(outlier))!;
    expect(outlierFold.transform.name).toBe('none'); // without it, the training rows need no transform
    expect(outlierFold.transform.name).not.toBe(onAllRows.name);

    for (const fold of result.folds) {
      const yTrain = Float64Array.from(fold.trainRows, (i) => y[i]!);
      const expected = chooseTransform(yTrain, ['none', 'log']).transform;
      expect(fold.transform).toEqual({
        name: expected.name,
        lambda: expected.lambda,
        shift: expected.shift,
        chosenBy: 'auto',
      });

      const test = new Set(fold.testRows);
      const mine = calls.filter((c) => c.stage!.startsWith(`outer fold ${fold.fold + 1}/`));
      expect(mine.length).toBe(4 + 1); // 4 inner fits + 1 refit
      for (const c of mine) expect(c.rows.some((r) => test.has(r))).toBe(false);
      // The refit saw exactly the outer-training rows, transformed by the training-only transform.
      const refit = mine.find((c) => c.stage!.endsWith('refit'))!;
      expect(refit.rows).toEqual(Array.from(fold.trainRows));
      expect(refit.y).toEqual(expected.forward(yTrain));
      // Each inner fit saw an inner-training part, transformed by a transform fitted on that part only.
      for (const c of mine.filter((k) => k.stage!.endsWith('inner CV'))) {
        const yInner = Float64Array.from(c.rows, (r) => y[r]!);
        expect(c.y).toEqual(fitTransform(expected.name, yInner).forward(yInner));
        expect(c.rows.length).toBeLessThan(fold.trainRows.length);
      }
    }
    expect(calls.length).toBe(5 * 5);
    // Every row is predicted once, by the fold that held it out.
    const seen = new Array<number>(n).fill(0);
    for (const f of result.folds) for (const r of f.testRows) seen[r]!++;
    expect(seen.every((c) => c === 1)).toBe(true);
  });
});

describe('nestedCrossValidation: results, determinism, progress, abort', () => {
  const n = 48;
  const p = 4;
  const x = gaussianDesign(n, p, 21);
  const rng = createRng(22);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = Math.exp(1 + 0.4 * x[i]! - 0.3 * x[i + n]! + 0.2 * rng.normal());
  const input: NestedCvInput = {
    x,
    y,
    n,
    p,
    candidates: [olsCandidate(), ridgeCandidate],
    outerSplits: 4,
    innerSplits: 3,
    metric: 'mae',
    seed: 99,
    transform: 'log',
  };

  it('same seed → identical results; different seed → different folds', () => {
    const a = nestedCrossValidation(input);
    const b = nestedCrossValidation(input);
    expect(b).toEqual(a);
    const c = nestedCrossValidation({ ...input, seed: 100 });
    expect(c.foldOf).not.toEqual(a.foldOf);
  });

  it('pools OOF predictions of each fold’s selected model; candidate scores are consistent', () => {
    const r = nestedCrossValidation(input);
    expect(r.metrics.mae).toBe(mae(y, r.oofPredictions));
    expect(r.metrics.rmse).toBe(rmse(y, r.oofPredictions));
    expect(r.metrics.r2).toBe(r2(y, r.oofPredictions));
    for (const fold of r.folds) {
      const chosen = r.candidates[fold.selection.candidateIndex]!;
      for (const i of fold.testRows) expect(r.oofPredictions[i]).toBe(chosen.oofPredictions[i]);
      expect(fold.transform).toMatchObject({ name: 'log', lambda: null, chosenBy: 'user' });
      // The selection is the argmin of the candidates' best mean inner scores.
      const best = Math.min(...fold.selection.scores.map((s) => s.mean[s.best]!));
      expect(fold.selection.score).toBe(best);
      expect(chosen.paramsPerFold[fold.fold]).toBe(fold.selection.params);
    }
    for (const c of r.candidates) {
      expect(c.mae).toBe(mae(y, c.oofPredictions));
      expect(c.foldMae.length).toBe(4);
      expect(c.maeSd).toBeGreaterThan(0);
      expect(c.rmseMean).toBeCloseTo(c.foldRmse.reduce((s, v) => s + v, 0) / 4, 14);
    }
    // The log transform keeps predictions positive after the inverse.
    expect(r.oofPredictions.every((v) => v > 0)).toBe(true);
  });

  it('an exactly linear y is predicted exactly out of fold', () => {
    const yLin = new Float64Array(n);
    for (let i = 0; i < n; i++) yLin[i] = 2 + 3 * x[i]! - x[i + 3 * n]!;
    const r = nestedCrossValidation({ ...input, y: yLin, candidates: [olsCandidate()], transform: 'none' });
    expect(r.metrics.mae).toBeLessThan(1e-12);
    expect(r.metrics.r2!).toBeGreaterThanOrEqual(1 - 1e-12);
  });

  it('reports non-decreasing progress in [0, 1] ending at 1, and stops when the signal aborts', () => {
    const fractions: number[] = [];
    nestedCrossValidation({ ...input, onProgress: (f) => fractions.push(f) });
    // 4 outer × (3 inner × (1 + 9 grid points) + 2 refits) fits
    expect(fractions.length).toBe(4 * (3 * 10 + 2));
    for (let k = 1; k < fractions.length; k++)
      expect(fractions[k]!).toBeGreaterThanOrEqual(fractions[k - 1]!);
    expect(fractions[0]!).toBeGreaterThan(0);
    expect(fractions.at(-1)).toBe(1);

    let checks = 0;
    const signal = {
      get aborted() {
        return checks >= 10;
      },
      throwIfAborted() {
        if (++checks > 10) throw new Error('aborted by test');
      },
    };
    expect(() => nestedCrossValidation({ ...input, signal })).toThrow('aborted by test');
    expect(checks).toBe(11);
  });

  it('preferWithin keeps the preferred candidate in every fold when the margin allows', () => {
    const r = nestedCrossValidation({ ...input, preferWithin: { candidate: 'ols', fraction: 100 } });
    for (const f of r.folds) expect(f.selection.candidate).toBe('ols');
    expect(r.oofPredictions).toEqual(r.candidates[0]!.oofPredictions);
  });

  it('rejects inconsistent input', () => {
    expect(() => nestedCrossValidation({ ...input, outerSplits: 1 })).toThrow(RangeError);
    expect(() => nestedCrossValidation({ ...input, outerSplits: n + 1 })).toThrow(RangeError);
    expect(() => nestedCrossValidation({ ...input, innerSplits: 40 })).toThrow(RangeError);
    expect(() => nestedCrossValidation({ ...input, candidates: [] })).toThrow(RangeError);
    expect(() => nestedCrossValidation({ ...input, candidates: [olsCandidate(), olsCandidate()] })).toThrow(
      RangeError,
    );
    expect(() =>
      nestedCrossValidation({ ...input, candidates: [{ learner: olsLearner, grid: [] }] }),
    ).toThrow(RangeError);
    expect(() => nestedCrossValidation({ ...input, y: y.subarray(1) })).toThrow(RangeError);
    expect(() =>
      nestedCrossValidation({ ...input, preferWithin: { candidate: 'lasso', fraction: 0.1 } }),
    ).toThrow(RangeError);
    const bad = y.slice();
    bad[3] = Number.NaN;
    expect(() => nestedCrossValidation({ ...input, y: bad })).toThrow(RangeError);
  });
});

describe('selectFinal', () => {
  // Pure noise with many features: ridge with a large α beats OLS clearly.
  const n = 60;
  const p = 25;
  const x = gaussianDesign(n, p, 31);
  const rng = createRng(32);
  const y = Float64Array.from({ length: n }, () => 5 + rng.normal());
  const input = {
    x,
    y,
    n,
    p,
    candidates: [olsCandidate(), ridgeCandidate],
    innerSplits: 5,
    metric: 'rmse' as const,
    seed: 7,
  };

  it('picks the lowest mean CV score and refits it on all rows', () => {
    const s = selectFinal(input);
    expect(s.candidate).toBe('ridge');
    const ridgeScores = s.scores[1]!;
    expect(s.params).toEqual(ridgeCandidate.grid[ridgeScores.best]);
    expect(s.score).toBe(ridgeScores.mean[ridgeScores.best]);
    expect(s.score).toBeLessThan(s.scores[0]!.mean[0]!);
    expect(s.reason).toMatch(/lowest mean inner-CV RMSE/);
    expect(s.transform).toEqual({ name: 'none', lambda: null, shift: 0, chosenBy: 'user' });
    const direct = ridgeLearner.fit(x, y, n, p, s.params as { alpha: number });
    expect(s.model.predict(x, n, p)).toEqual(direct.predict(x, n, p));
    const again = selectFinal(input);
    expect(again.candidate).toBe(s.candidate);
    expect(again.scores).toEqual(s.scores);
    expect(again.foldOf).toEqual(s.foldOf);
  });

  it('preferWithin keeps OLS exactly when its CV error is within the fraction of the best', () => {
    const s = selectFinal(input);
    const ratio = s.scores[0]!.mean[0]! / s.score - 1;
    const kept = selectFinal({ ...input, preferWithin: { candidate: 'ols', fraction: ratio * 1.0001 } });
    expect(kept.candidate).toBe('ols');
    expect(kept.reason).toMatch(/'ols' kept/);
    const notKept = selectFinal({ ...input, preferWithin: { candidate: 'ols', fraction: ratio * 0.9999 } });
    expect(notKept.candidate).toBe('ridge');
  });

  it('fits the transform on all rows and predicts in original units', () => {
    const yPos = Float64Array.from(y, (v, i) => Math.exp(v / 5 + 0.3 * x[i]!));
    const s = selectFinal({ ...input, y: yPos, candidates: [olsCandidate()], transform: 'box_cox' });
    const t = fitTransform('box_cox', yPos);
    expect(s.transform).toEqual({ name: 'box_cox', lambda: t.lambda, shift: 0, chosenBy: 'user' });
    const raw = s.rawModel.predict(x, n, p);
    expect(s.model.predict(x, n, p)).toEqual(t.inverse(raw));
    const ols = fitOls({
      n,
      p: 1 + p,
      x: Float64Array.from({ length: n * (p + 1) }, (_, k) => (k < n ? 1 : x[k - n]!)),
      y: t.forward(yPos),
      terms: ['(Intercept)', ...Array.from({ length: p }, (_, j) => `x${j}`)],
      hasIntercept: true,
    });
    for (let i = 0; i < n; i++) expect(Math.abs(raw[i]! - ols.fitted[i]!)).toBeLessThan(1e-10);
  });
});
