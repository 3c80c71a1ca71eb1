import { describe, expect, it } from 'vitest';
import { loadStatsReference, relativeError, type OlsReference } from '../__fixtures__/stats-reference.js';
import { fitOls, type OlsInput, type OlsResult } from './ols.js';

function fromReference(r: OlsReference): OlsInput {
  const x = new Float64Array(r.n * r.p);
  r.x_columns.forEach((c, j) => x.set(c, j * r.n));
  return { n: r.n, p: r.p, x, y: Float64Array.from(r.y), terms: r.terms, hasIntercept: r.has_intercept };
}

/** Builds an OlsInput from named columns (each of length n). */
function design(columns: Record<string, number[]>, y: number[], hasIntercept: boolean): OlsInput {
  const terms = Object.keys(columns);
  const n = y.length;
  const x = new Float64Array(n * terms.length);
  terms.forEach((t, j) => x.set(columns[t]!, j * n));
  return { n, p: terms.length, x, y: Float64Array.from(y), terms, hasIntercept };
}

/** Every number in the result is finite or null: JSON.stringify round-trips it unchanged. */
function expectJsonSafe(fit: OlsResult): void {
  const plain = { ...fit, fitted: Array.from(fit.fitted), residuals: Array.from(fit.residuals) };
  const walk = (v: unknown): void => {
    if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(plain);
  expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);
}

const ref = loadStatsReference();

describe('fitOls against statsmodels OLS', () => {
  // statsmodels solves with a pseudo-inverse and takes CIs from scipy's t.ppf (off by up to ~1e-11
  // relative in 1.10); ours match NIST's Longley to 2e-15. So: p-values 1e-10, estimates/SE/t 1e-10,
  // CI bounds 1e-9.
  it.each(ref.ols.map((r) => [r.name, r] as const))('%s', (_name, r) => {
    const fit = fitOls(fromReference(r));
    expect(fit.dfModel).toBe(r.df_model);
    expect(fit.dfResidual).toBe(r.df_resid);
    fit.coefficients.forEach((row, j) => {
      expect(row.term).toBe(r.terms[j]);
      expect(relativeError(row.estimate!, r.params[j]!)).toBeLessThan(1e-10);
      expect(relativeError(row.std_error!, r.bse[j]!)).toBeLessThan(1e-10);
      expect(relativeError(row.t!, r.tvalues[j]!)).toBeLessThan(1e-10);
      expect(relativeError(row.p!, r.pvalues[j]!)).toBeLessThan(1e-10);
      expect(relativeError(row.ci_low!, r.conf_int_low[j]!)).toBeLessThan(1e-9);
      expect(relativeError(row.ci_high!, r.conf_int_high[j]!)).toBeLessThan(1e-9);
    });
    expect(relativeError(fit.r2!, r.rsquared)).toBeLessThan(1e-12);
    expect(relativeError(fit.adjR2!, r.rsquared_adj)).toBeLessThan(1e-12);
    expect(relativeError(fit.fStatistic!, r.fvalue)).toBeLessThan(1e-10);
    expect(relativeError(fit.fPValue!, r.f_pvalue)).toBeLessThan(1e-10);
    expect(relativeError(fit.sse, r.ssr)).toBeLessThan(1e-10);
    expectJsonSafe(fit);
  });
});

describe('fitOls basics', () => {
  const x1 = [1, 2, 3, 4, 5, 6, 7, 8];
  const x2 = [2, -1, 0.5, 3, 1, -2, 0, 4];
  const y = [3.1, 4.9, 7.2, 8.8, 11.1, 13.2, 14.8, 17.1];

  it('reports in-sample RMSE and MAE from the residuals, and fitted + residuals = y', () => {
    const fit = fitOls(design({ '(Intercept)': x1.map(() => 1), x1, x2 }, y, true));
    let sse = 0;
    let abs = 0;
    for (let i = 0; i < y.length; i++) {
      expect(fit.fitted[i]! + fit.residuals[i]!).toBeCloseTo(y[i]!, 13);
      sse += fit.residuals[i]! ** 2;
      abs += Math.abs(fit.residuals[i]!);
    }
    expect(relativeError(fit.sse, sse)).toBeLessThan(1e-14);
    expect(relativeError(fit.rmse, Math.sqrt(sse / y.length))).toBeLessThan(1e-14);
    expect(relativeError(fit.mae, abs / y.length)).toBeLessThan(1e-14);
    expect(relativeError(fit.residualStdError!, Math.sqrt(sse / 5))).toBeLessThan(1e-14);
  });

  it('finds the intercept column by its term wherever it sits, and does not mutate its inputs', () => {
    const input = design({ x1, '(Intercept)': x1.map(() => 1), x2 }, y, true);
    const xCopy = Float64Array.from(input.x);
    const yCopy = Float64Array.from(input.y);
    const fit = fitOls(input);
    const reference = fitOls(design({ '(Intercept)': x1.map(() => 1), x1, x2 }, y, true));
    expect(fit.coefficients.map((c) => c.term)).toEqual(['x1', '(Intercept)', 'x2']);
    expect(fit.coefficients[1]!.estimate).toBeCloseTo(reference.coefficients[0]!.estimate!, 13);
    expect(fit.coefficients[0]!.estimate).toBeCloseTo(reference.coefficients[1]!.estimate!, 13);
    expect(input.x).toEqual(xCopy);
    expect(input.y).toEqual(yCopy);
  });

  it('with as many observations as parameters: exact fit, dfResidual 0, every undefined number null', () => {
    const square = fitOls(design({ '(Intercept)': [1, 1], x: [0, 1] }, [1, 3], true));
    expect(square.dfResidual).toBe(0);
    expect(square.coefficients[0]!.estimate).toBeCloseTo(1, 14);
    expect(square.coefficients[1]!.estimate).toBeCloseTo(2, 14);
    for (const row of square.coefficients) {
      expect([row.std_error, row.t, row.p, row.ci_low, row.ci_high]).toEqual([null, null, null, null, null]);
    }
    expect(square.residualStdError).toBeNull();
    expect(square.adjR2).toBeNull();
    expect(square.fStatistic).toBeNull();
    expect(square.fPValue).toBeNull();
    expect(square.r2).toBe(1);
    expectJsonSafe(square);
  });

  it('with a constant response: R² undefined (null), F null, intercept = the constant', () => {
    const fit = fitOls(design({ '(Intercept)': [1, 1, 1, 1], x: [1, 2, 3, 5] }, [2, 2, 2, 2], true));
    expect(fit.r2).toBeNull();
    expect(fit.adjR2).toBeNull();
    expect(fit.fStatistic).toBeNull();
    expect(fit.coefficients[0]!.estimate).toBeCloseTo(2, 14);
    expect(fit.sse).toBe(0);
    expectJsonSafe(fit);
  });

  it('intercept-only model: dfModel 0, so F is null', () => {
    const fit = fitOls(design({ '(Intercept)': [1, 1, 1, 1] }, [1, 2, 3, 6], true));
    expect(fit.dfModel).toBe(0);
    expect(fit.fStatistic).toBeNull();
    expect(fit.r2).toBeCloseTo(0, 15);
    expect(fit.coefficients[0]!.estimate).toBeCloseTo(3, 14);
  });
});

describe('fitOls with rank deficiency', () => {
  const x1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const x3 = [0.3, -1, 2, 0.5, 1.5, -0.2, 0.9, 2.2, -1.4, 0.1];
  const y = [2.9, 5.2, 9.1, 9.8, 13.4, 13.9, 17.2, 20.5, 19.6, 23.4];
  const ones = x1.map(() => 1);

  it('reports a column proportional to another (x2 = 2·x1) as aliased and fits the rest', () => {
    const fit = fitOls(design({ '(Intercept)': ones, x1, x2: x1.map((v) => 2 * v), x3 }, y, true));
    const reduced = fitOls(design({ '(Intercept)': ones, x1, x3 }, y, true));
    expect(fit.rank).toBe(3);
    expect(fit.aliasedTerms).toEqual(['x2']);
    expect(fit.dfModel).toBe(2);
    expect(fit.dfResidual).toBe(7);
    expect(fit.coefficients[2]).toEqual({
      term: 'x2',
      estimate: null,
      std_error: null,
      t: null,
      p: null,
      ci_low: null,
      ci_high: null,
    });
    const kept = [fit.coefficients[0]!, fit.coefficients[1]!, fit.coefficients[3]!];
    kept.forEach((row, k) => {
      const want = reduced.coefficients[k]!;
      for (const key of ['estimate', 'std_error', 't', 'p', 'ci_low', 'ci_high'] as const) {
        expect(relativeError(row[key]!, want[key]!)).toBeLessThan(1e-12);
      }
    });
    expect(relativeError(fit.fStatistic!, reduced.fStatistic!)).toBeLessThan(1e-12);
    expect(relativeError(fit.r2!, reduced.r2!)).toBeLessThan(1e-14);
    expectJsonSafe(fit);
  });

  it('reports an exact duplicate, a combination of two columns and a constant column', () => {
    const dup = fitOls(design({ '(Intercept)': ones, x1, copy: [...x1], x3 }, y, true));
    expect(dup.aliasedTerms).toEqual(['copy']);
    const combo = fitOls(
      design({ '(Intercept)': ones, x1, x3, sum: x1.map((v, i) => v + 3 * x3[i]!) }, y, true),
    );
    expect(combo.rank).toBe(3);
    expect(combo.aliasedTerms).toHaveLength(1);
    expectJsonSafe(combo);
    const constant = fitOls(design({ '(Intercept)': ones, x1, five: x1.map(() => 5) }, y, true));
    expect(constant.aliasedTerms).toEqual(['five']);
    const zero = fitOls(design({ x1, zero: x1.map(() => 0) }, y, false));
    expect(zero.aliasedTerms).toEqual(['zero']);
    expect(zero.dfModel).toBe(1);
    expectJsonSafe(zero);
  });

  it('keeps Filip-like ill-conditioned but full-rank designs (see ols.nist.test.ts) at full rank', () => {
    const x = Array.from({ length: 30 }, (_, i) => 1 + i / 29);
    const cols: Record<string, number[]> = { '(Intercept)': x.map(() => 1) };
    for (let k = 1; k <= 7; k++) cols[`x^${k}`] = x.map((v) => v ** k);
    const fit = fitOls(
      design(
        cols,
        x.map((v) => Math.sin(3 * v)),
        true,
      ),
    );
    expect(fit.rank).toBe(8);
  });
});

describe('fitOls context', () => {
  const input = design({ '(Intercept)': [1, 1, 1, 1], x: [1, 2, 3, 4] }, [1.1, 1.9, 3.2, 3.9], true);

  it('throws when the signal is already aborted, with the signal’s reason', () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by user'));
    expect(() => fitOls(input, { signal: controller.signal })).toThrow('cancelled by user');
  });

  it('throws when aborted during the fit (from a progress callback)', () => {
    const controller = new AbortController();
    const stages: string[] = [];
    expect(() =>
      fitOls(input, {
        signal: controller.signal,
        onProgress: (_fraction, stage) => {
          stages.push(stage);
          if (stage === 'factorise') controller.abort();
        },
      }),
    ).toThrow();
    expect(stages).toEqual(['validate', 'factorise']);
  });

  it('reports progress from 0 to 1, increasing', () => {
    const fractions: number[] = [];
    fitOls(input, { onProgress: (f) => fractions.push(f) });
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThan(fractions[i - 1]!);
  });

  it('rejects inconsistent shapes, non-finite values and a missing intercept column', () => {
    expect(() => fitOls({ ...input, n: 3 })).toThrow(RangeError);
    expect(() => fitOls({ ...input, terms: ['(Intercept)'] })).toThrow(RangeError);
    expect(() => fitOls({ ...input, y: Float64Array.from([1, Number.NaN, 2, 3]) })).toThrow(/not finite/);
    expect(() => fitOls({ ...input, x: Float64Array.from([1, 1, 1, 1, 1, Infinity, 3, 4]) })).toThrow(
      /not finite/,
    );
    expect(() =>
      fitOls({ ...input, terms: ['a', 'b'], x: Float64Array.from([2, 2, 2, 2, 1, 2, 3, 4]) }),
    ).toThrow(/no column/);
    expect(() => fitOls({ ...input, x: Float64Array.from([1, 1, 2, 1, 1, 2, 3, 4]) })).toThrow(
      /not all ones/,
    );
  });
});
