import { describe, expect, it } from 'vitest';
import { gaussianStudy } from './gaussian-study.js';
import { binomialStudy } from './binomial-study.js';
import { createRng } from '../random/rng.js';
import type { StudyInput, StudyOptions } from './study-types.js';
import { LinearTargetResult } from '../../../src-shared/api/linear-result.js';

const OPTIONS: StudyOptions = {
  model: 'linear',
  intercept: true,
  standardize: false,
  transform: 'none',
  models: ['ols', 'ridge', 'lasso', 'elastic_net'],
  metric: 'mae',
  preferOlsWithin: 0,
  outerSplits: 5,
  innerSplits: 5,
  seed: 42,
};

function input(
  numeric: Record<string, Float64Array>,
  y: Float64Array,
  options: Partial<StudyOptions> = {},
  text = {},
): StudyInput {
  const n = y.length;
  return {
    target: 'y',
    features: [...Object.keys(numeric), ...Object.keys(text)],
    train: { y, data: { numeric, text }, n, rowNumbers: Array.from({ length: n }, (_, i) => i + 2) },
    test: null,
    nDropped: 0,
    options: { ...OPTIONS, ...options },
  };
}

function randomColumns(n: number, p: number, seed: number): Record<string, Float64Array> {
  const rng = createRng(seed);
  return Object.fromEntries(
    Array.from({ length: p }, (_, j) => [`x${j + 1}`, Float64Array.from({ length: n }, () => rng.normal())]),
  );
}

const jsonSafe = (v: unknown) => expect(JSON.stringify(v)).not.toMatch(/NaN|Infinity/);

describe('gaussian linear study', () => {
  it('reports no out-of-fold skill on a permuted target although the in-sample fit looks good (no leakage)', () => {
    const n = 60;
    const x = randomColumns(n, 25, 1);
    const signal = Float64Array.from(
      { length: n },
      (_, i) => 3 * x.x1![i]! - 2 * x.x2![i]! + 0.1 * createRng(9 + i).normal(),
    );
    const real = gaussianStudy(input(x, signal, { models: ['ols'] })).result;
    expect(real.metrics.oof_r2!).toBeGreaterThan(0.9);

    const permuted = Float64Array.from(signal);
    createRng(2026).shuffle(permuted);
    const out = gaussianStudy(input(x, permuted, { models: ['ols'] })).result;
    console.log(
      `permuted target: in-sample R² ${out.metrics.in_sample_r2!.toFixed(3)}, out-of-fold R² ${out.metrics.oof_r2!.toFixed(3)}`,
    );
    expect(out.metrics.in_sample_r2!).toBeGreaterThan(0.3);
    expect(out.metrics.oof_r2!).toBeLessThanOrEqual(0.05);
  });

  it('names aliased terms for a duplicate and a constant column, with no NaN anywhere', () => {
    const n = 30;
    const x = randomColumns(n, 2, 3);
    const y = Float64Array.from(
      { length: n },
      (_, i) => 1 + x.x1![i]! + 0.5 * x.x2![i]! + 0.01 * Math.sin(i),
    );
    const numeric = { ...x, copy: Float64Array.from(x.x1!), flat: new Float64Array(n).fill(7) };
    const out = gaussianStudy(input(numeric, y, { models: ['ols'] }));
    expect(out.result.aliased_terms.sort()).toEqual(['copy', 'flat']);
    expect(out.warnings.map((w) => w.code)).toContain('aliased_terms');
    const copy = out.result.coefficients.find((c) => c.term === 'copy')!;
    expect(copy.estimate).toBeNull();
    jsonSafe(out.result);
    LinearTargetResult.parse(out.result);
  });

  it('more terms than rows: fits what it can, names the rest, stays JSON-safe', () => {
    const n = 12;
    const x = randomColumns(n, 4, 5);
    const y = Float64Array.from({ length: n }, (_, i) => x.x1![i]! - x.x3![i]! + 0.05 * Math.cos(i));
    const out = gaussianStudy(
      input(x, y, { model: 'quadratic', models: ['ols', 'ridge'], outerSplits: 3, innerSplits: 3 }),
    );
    expect(out.result.terms.length).toBeGreaterThan(n);
    expect(out.result.aliased_terms.length).toBeGreaterThan(0);
    jsonSafe(out.result);
    LinearTargetResult.parse(out.result);
  });

  it('coded and original-unit coefficients describe the same OLS fit', () => {
    const n = 40;
    const speed = Float64Array.from({ length: n }, (_, i) => 1000 + (i % 8) * 900);
    const feed = Float64Array.from({ length: n }, (_, i) => 500 + ((i * 3) % 7) * 450);
    const y = Float64Array.from(
      { length: n },
      (_, i) => 0.01 + speed[i]! * 3e-6 + feed[i]! * 2e-6 + speed[i]! * feed[i]! * 1e-10 + 1e-4 * Math.sin(i),
    );
    const out = gaussianStudy(
      input({ 回転速度: speed, 送り速度: feed }, y, {
        model: 'interactions',
        standardize: true,
        models: ['ols'],
      }),
    );
    const raw = out.result.coefficients.map((c) => c.estimate!);
    const row = (i: number) =>
      raw[0]! + raw[1]! * speed[i]! + raw[2]! * feed[i]! + raw[3]! * speed[i]! * feed[i]!;
    out.result.rows.forEach((r, i) =>
      expect(Math.abs(row(i) - r.fitted!) / Math.abs(r.fitted!)).toBeLessThan(1e-9),
    );
    expect(out.result.coefficients_coded).toHaveLength(4);
    expect(out.result.coefficients_coded[1]!.estimate).not.toBeCloseTo(raw[1]!, 6);
  });

  it('chooses and reports a transform inside the folds, and predicts in original units', () => {
    const n = 50;
    const x = randomColumns(n, 2, 11);
    const y = Float64Array.from({ length: n }, (_, i) =>
      Math.exp(1 + 0.8 * x.x1![i]! - 0.5 * x.x2![i]! + 0.05 * Math.sin(i)),
    );
    const out = gaussianStudy(input(x, y, { transform: 'auto', models: ['ols'] })).result;
    expect(out.transform.chosen_by).toBe('auto');
    expect(out.transform.name).not.toBe('none');
    expect(out.metrics.oof_r2!).toBeGreaterThan(0.9);
    out.rows.forEach((r) => expect(r.fitted!).toBeGreaterThan(0));
  });
});

describe('binomial linear study', () => {
  it('fits a logistic model to a 0/1 target with out-of-fold skill and Wald inference', () => {
    const n = 80;
    const x = randomColumns(n, 2, 21);
    const rng = createRng(22);
    const y = Float64Array.from({ length: n }, (_, i) =>
      rng.next() < 1 / (1 + Math.exp(-(2 * x.x1![i]! - x.x2![i]!))) ? 1 : 0,
    );
    const out = binomialStudy(input(x, y)).result;
    expect(out.family).toBe('binomial');
    expect(out.selected.model).toBe('logistic');
    expect(out.coefficients.every((c) => c.std_error !== null && c.p !== null)).toBe(true);
    expect(out.metrics.oof_roc_auc!).toBeGreaterThan(0.75);
    for (const r of out.rows) {
      expect(r.fitted!).toBeGreaterThan(0);
      expect(r.fitted!).toBeLessThan(1);
    }
    LinearTargetResult.parse(out);
  });

  it('separated classes: falls back to an L2 penalty and says so', () => {
    const n = 30;
    const x1 = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i >= 15 ? 1 : 0));
    const out = binomialStudy(input({ x1 }, y, { outerSplits: 3 }));
    expect(out.warnings.map((w) => w.code)).toEqual(['separation']);
    expect(out.result.coefficients.every((c) => c.p === null)).toBe(true);
    jsonSafe(out.result);
  });
});
