import { afterAll, describe, expect, it } from 'vitest';
import reference from '../__fixtures__/ols-diagnostics-reference.json' with { type: 'json' };
import { relativeError } from '../__fixtures__/stats-reference.js';
import { buildDesign, designSpec, termSource, type ColumnData } from './design-spec.js';
import { olsDiagnostics, type OlsDiagnostics } from './ols-diagnostics.js';
import { fitOls, type OlsInput, type OlsResult } from './ols.js';

/** Largest relative error over paired values; a null where a number is expected counts as ∞. */
function maxError(actual: readonly (number | null)[], expected: readonly (number | null)[]): number {
  expect(actual).toHaveLength(expected.length);
  let worst = 0;
  expected.forEach((e, i) => {
    const a = actual[i] ?? null;
    if (e === null) {
      expect(a).toBeNull();
      return;
    }
    worst = Math.max(worst, a === null ? Number.POSITIVE_INFINITY : relativeError(a, e));
  });
  return worst;
}

/** Every number is finite or null, so JSON.stringify round-trips the diagnostics unchanged. */
function expectJsonSafe(value: unknown): void {
  const walk = (v: unknown): void => {
    if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
}

/** Fits a model given as a formula over named columns, through designSpec/buildDesign as the app does. */
function fitFormula(
  model: string,
  data: ColumnData,
  y: number[],
  intercept = true,
): { input: OlsInput; fit: OlsResult; diag: OlsDiagnostics } {
  const features = [...Object.keys(data.numeric), ...Object.keys(data.text)];
  const spec = designSpec(model, features, data, { intercept, standardize: false });
  const n = y.length;
  const input: OlsInput = {
    n,
    p: spec.terms.length,
    x: buildDesign(spec, data, n),
    y: Float64Array.from(y),
    terms: spec.terms.map((t) => t.name),
    hasIntercept: spec.terms[0]?.name === '(Intercept)',
  };
  const fit = fitOls(input);
  const diag = olsDiagnostics(input, fit, { sources: spec.terms.map(termSource) });
  return { input, fit, diag };
}

const ref = reference;
const refData: ColumnData = {
  numeric: { 回転速度: Float64Array.from(ref.data.回転速度), 送り: Float64Array.from(ref.data.送り) },
  text: { 材料: ref.data.材料 },
};
const summary: string[] = [];

afterAll(() => {
  console.log(
    ['OLS diagnostics: max relative error  vs statsmodels | vs mpmath (50 digits)', ...summary].join('\n'),
  );
});

describe('olsDiagnostics against statsmodels and mpmath', () => {
  const { input, fit, diag } = fitFormula(ref.formula, refData, ref.data.面粗度);
  const order = ref.terms.map((t) => input.terms.indexOf(t));
  const byRef = <T>(values: readonly T[]): T[] => order.map((j) => values[j]!);
  const anovaSs = diag.anova.slice(0, -1).map((r) => r.sum_sq);

  // statsmodels solves with a pseudo-inverse: its parameters are off by ~1e-12 and values built on small
  // residuals by ~2e-10 (checked against mpmath). So 1e-9 against statsmodels, 1e-12 against mpmath.
  const rows: [string, number, number, number][] = [
    [
      'params',
      maxError(byRef(fit.coefficients.map((c) => c.estimate)), ref.params),
      maxError(byRef(fit.coefficients.map((c) => c.estimate)), ref.exact.params),
      1e-13,
    ],
    ['leverage', maxError(diag.leverage, ref.hat_diag), maxError(diag.leverage, ref.exact.hat_diag), 1e-13],
    [
      'studentized (internal)',
      maxError(diag.studentizedResiduals, ref.studentized_internal),
      maxError(diag.studentizedResiduals, ref.exact.studentized_internal),
      1e-12,
    ],
    [
      'studentized (external)',
      maxError(diag.externallyStudentizedResiduals, ref.studentized_external),
      maxError(diag.externallyStudentizedResiduals, ref.exact.studentized_external),
      1e-12,
    ],
    [
      "Cook's distance",
      maxError(diag.cooksDistance, ref.cooks_distance),
      maxError(diag.cooksDistance, ref.exact.cooks_distance),
      1e-12,
    ],
    [
      'VIF',
      maxError(
        diag.vif.map((v) => v.vif),
        ref.vif.map((v) => v.vif),
      ),
      maxError(
        diag.vif.map((v) => v.vif),
        ref.exact.vif,
      ),
      1e-12,
    ],
    [
      'standardized coef.',
      maxError(
        byRef(diag.standardizedCoefficients.map((c) => c.beta)),
        ref.standardized_coefficients.map((c) => c.beta),
      ),
      Number.NaN,
      0,
    ],
    [
      'ANOVA sum_sq',
      maxError(
        diag.anova.map((r) => r.sum_sq),
        ref.anova.map((r) => r.sum_sq),
      ),
      maxError(anovaSs, ref.exact.anova_sum_sq),
      1e-12,
    ],
    [
      'ANOVA mean_sq',
      maxError(
        diag.anova.map((r) => r.mean_sq),
        ref.anova.map((r) => r.mean_sq),
      ),
      Number.NaN,
      0,
    ],
    [
      'ANOVA F',
      maxError(
        diag.anova.map((r) => r.f),
        ref.anova.map((r) => r.f),
      ),
      Number.NaN,
      0,
    ],
    [
      'ANOVA p',
      maxError(
        diag.anova.map((r) => r.p),
        ref.anova.map((r) => r.p),
      ),
      Number.NaN,
      0,
    ],
    [
      'log-likelihood',
      maxError([diag.logLikelihood], [ref.llf]),
      maxError([diag.logLikelihood], [ref.exact.llf]),
      1e-13,
    ],
    ['AIC', maxError([diag.aic], [ref.aic]), Number.NaN, 0],
    ['BIC', maxError([diag.bic], [ref.bic]), Number.NaN, 0],
  ];

  it('builds the same design as patsy', () => {
    expect(order.every((j) => j >= 0)).toBe(true);
    expect(input.terms).toEqual(ref.terms);
    expect(fit.rank).toBe(ref.rank);
    expect(fit.dfResidual).toBe(ref.df_resid);
    expect(relativeError(fit.sse, ref.exact.ssr)).toBeLessThan(1e-13);
    expect(diag.anova.map((r) => [r.source, r.df])).toEqual(ref.anova.map((r) => [r.source, r.df]));
  });

  it.each(rows)('%s', (name, vsStatsmodels, vsExact, exactTolerance) => {
    expect(vsStatsmodels).toBeLessThan(1e-9);
    if (!Number.isNaN(vsExact)) expect(vsExact).toBeLessThan(exactTolerance);
    const e = (v: number): string => (Number.isNaN(v) ? '        —' : v.toExponential(2).padStart(9));
    summary.push(`  ${name.padEnd(24)} ${e(vsStatsmodels)} | ${e(vsExact)}`);
  });

  it('is JSON-safe', () => expectJsonSafe(diag));
});

describe('olsDiagnostics special cases', () => {
  it('gives leverage 1 and null studentized residuals and Cook distance for a row fitted exactly', () => {
    // Row 4 is the only one with b = 1: the dummy fits it exactly.
    const { fit, diag } = fitFormula(
      'x + b',
      {
        numeric: { x: Float64Array.from([1, 2, 3, 4, 5, 6]), b: Float64Array.from([0, 0, 0, 0, 1, 0]) },
        text: {},
      },
      [1.1, 1.9, 3.2, 3.9, 9, 6.1],
    );
    expect(fit.aliasedTerms).toEqual([]);
    expect(diag.leverage[4]).toBeCloseTo(1, 14);
    expect(diag.studentizedResiduals[4]).toBeNull();
    expect(diag.externallyStudentizedResiduals[4]).toBeNull();
    expect(diag.cooksDistance[4]).toBeNull();
    expect(diag.studentizedResiduals.filter((v) => v === null)).toHaveLength(1);
    expectJsonSafe(diag);
  });

  it('exact fit: leverage defined, everything that divides by s is null', () => {
    const x = [1, 2, 3, 4, 5];
    const { fit, diag } = fitFormula(
      'x',
      { numeric: { x: Float64Array.from(x) }, text: {} },
      x.map((v) => 2 + 3 * v),
    );
    expect(fit.sse).toBe(0);
    expect(diag.leverage.every((v) => v !== null && v > 0 && v < 1)).toBe(true);
    expect(diag.studentizedResiduals.every((v) => v === null)).toBe(true);
    expect(diag.cooksDistance.every((v) => v === null)).toBe(true);
    expect(diag.anova[0]).toMatchObject({ source: 'x', df: 1, f: null, p: null });
    expect(diag.logLikelihood).toBeNull();
    expect(diag.aic).toBeNull();
    expect(diag.bic).toBeNull();
    expect(diag.vif).toEqual([{ term: 'x', vif: 1 }]);
    expectJsonSafe(diag);
  });

  it('duplicate column: the copy is aliased and named, its VIF and the original VIF are null', () => {
    const x1 = [1, 2, 3, 4, 5, 6, 7];
    const { fit, diag } = fitFormula(
      'x1 + x2 + x3',
      {
        numeric: {
          x1: Float64Array.from(x1),
          x2: Float64Array.from([2, 1, 4, 3, 6, 5, 7]),
          x3: Float64Array.from(x1),
        },
        text: {},
      },
      [3, 4, 8, 8, 12, 12, 15],
    );
    expect(fit.aliasedTerms).toEqual(['x3']);
    expect(diag.vif).toEqual([
      { term: 'x1', vif: null },
      { term: 'x2', vif: expect.any(Number) as number },
      { term: 'x3', vif: null },
    ]);
    expect(diag.standardizedCoefficients.map((c) => c.beta === null)).toEqual([true, false, false, true]);
    expect(diag.anova.map((r) => [r.source, r.df])).toEqual([
      ['x1', 1],
      ['x2', 1],
      ['x3', 0],
      ['Residual', 4],
    ]);
    expect(diag.anova[2]).toEqual({ source: 'x3', df: 0, sum_sq: null, mean_sq: null, f: null, p: null });
    expectJsonSafe(diag);
  });

  it('constant column: aliased with the intercept, VIF null, no NaN', () => {
    const { fit, diag } = fitFormula(
      'x + c',
      { numeric: { x: Float64Array.from([1, 2, 3, 4, 5]), c: Float64Array.from([7, 7, 7, 7, 7]) }, text: {} },
      [1, 3, 2, 5, 4],
    );
    expect(fit.aliasedTerms).toEqual(['c']);
    expect(diag.vif).toEqual([
      { term: 'x', vif: 1 },
      { term: 'c', vif: null },
    ]);
    expectJsonSafe(diag);
  });

  it('more terms than rows: aliased terms named, saturated fit gives nulls, never NaN', () => {
    const { fit, diag } = fitFormula(
      'quadratic',
      {
        numeric: {
          a: Float64Array.from([1, 2, 3, 4]),
          b: Float64Array.from([2, 1, 4, 3]),
          c: Float64Array.from([5, 3, 1, 2]),
        },
        text: {},
      },
      [1, 2, 4, 3],
    );
    expect(fit.rank).toBe(4);
    expect(fit.aliasedTerms).toHaveLength(10 - 4);
    expect(fit.dfResidual).toBe(0);
    expect(diag.leverage.every((v) => v !== null && Math.abs(v - 1) < 1e-12)).toBe(true);
    expect(diag.studentizedResiduals.every((v) => v === null)).toBe(true);
    expect(diag.anova.at(-1)).toEqual({
      source: 'Residual',
      df: 0,
      sum_sq: 0,
      mean_sq: null,
      f: null,
      p: null,
    });
    expect(diag.anova.slice(0, -1).reduce((s, r) => s + r.df, 0)).toBe(3);
    expectJsonSafe(diag);
  });

  it('no intercept: uncentred sums of squares and VIF, every term in the ANOVA', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [1, 0, 1, 0, 1, 1];
    const y = [2.1, 2.9, 6.2, 7.8, 10.1, 12.2];
    const { fit, diag } = fitFormula(
      'a + b',
      { numeric: { a: Float64Array.from(a), b: Float64Array.from(b) }, text: {} },
      y,
      false,
    );
    // Sequential SS of a alone about zero: (a·y)²/(a·a); the two sources add up to Σŷ².
    const ay = a.reduce((s, v, i) => s + v * y[i]!, 0);
    const aa = a.reduce((s, v) => s + v * v, 0);
    expect(relativeError(diag.anova[0]!.sum_sq!, (ay * ay) / aa)).toBeLessThan(1e-14);
    const fittedSs = fit.fitted.reduce((s, v) => s + v * v, 0);
    expect(relativeError(diag.anova[0]!.sum_sq! + diag.anova[1]!.sum_sq!, fittedSs)).toBeLessThan(1e-14);
    // Uncentred R² of a on b: (a·b)²/((a·a)(b·b)).
    const ab = a.reduce((s, v, i) => s + v * b[i]!, 0);
    const bb = b.reduce((s, v) => s + v * v, 0);
    const r2 = (ab * ab) / (aa * bb);
    expect(relativeError(diag.vif[0]!.vif!, 1 / (1 - r2))).toBeLessThan(1e-13);
    expect(diag.standardizedCoefficients.every((c) => c.beta !== null)).toBe(true);
  });

  it('pools consecutive terms of one source and defaults to one source per term', () => {
    const data: ColumnData = {
      numeric: { x: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]) },
      text: { m: ['p', 'q', 'r', 'p', 'q', 'r', 'p', 'q'] },
    };
    const y = [1, 4, 2, 3, 6, 4, 5, 8];
    const { input, fit, diag } = fitFormula('m + x', data, y);
    expect(diag.anova.map((r) => [r.source, r.df])).toEqual([
      ['m', 2],
      ['x', 1],
      ['Residual', 4],
    ]);
    const plain = olsDiagnostics(input, fit);
    expect(plain.anova.map((r) => r.source)).toEqual(['m[q]', 'm[r]', 'x', 'Residual']);
    expect(
      relativeError(plain.anova[0]!.sum_sq! + plain.anova[1]!.sum_sq!, diag.anova[0]!.sum_sq!),
    ).toBeLessThan(1e-14);
    expect(() => olsDiagnostics(input, fit, { sources: ['m'] })).toThrow('1 sources for 4 terms');
  });
});
