import { describe, expect, it } from 'vitest';
import { doeProblem, polynomialRow, type PolynomialModel } from '../__fixtures__/doe-reference.js';
import { DesignError } from './design-error.js';
import { coordinateExchange, regionMoments, type CoordinateExchangeProblem } from './coordinate-exchange.js';

const row = (model: PolynomialModel) => (f: Float64Array) => Float64Array.from(polynomialRow(f, model));

function settings(factors: Float64Array, n: number, k: number): number[][] {
  return Array.from({ length: n }, (_, r) => Array.from({ length: k }, (_, f) => factors[f * n + r]!));
}

describe('coordinateExchange', () => {
  const base: CoordinateExchangeProblem = {
    nFactors: 2,
    modelRow: row('quadratic'),
    nRuns: 9,
    criterion: 'D',
    nStarts: 5,
    seed: 7,
    levelsPerCoordinate: 3,
  };

  it('main effects in 2 factors, 4 runs, 21 levels: the 2² factorial (ln det = 3 ln 4)', () => {
    const d = coordinateExchange({ ...base, modelRow: row('linear'), nRuns: 4, levelsPerCoordinate: 21 });
    expect(d.logDet).toBeCloseTo(3 * Math.log(4), 10);
    for (const x of settings(d.factors, 4, 2)) for (const v of x) expect(Math.abs(v)).toBe(1);
  });

  it('quadratic in 2 factors on a 3-level grid: 9 runs reach the 3² factorial, 6 runs reach |XᵀX| = 256', () => {
    const nine = coordinateExchange(base);
    expect(nine.logDet!).toBeCloseTo(doeProblem('grid5x5-quadratic-9').optimum.D.value, 9);
    const six = coordinateExchange({ ...base, nRuns: 6, nStarts: 10 });
    expect(six.logDet!).toBeGreaterThanOrEqual(Math.log(256) - 1e-9);
  });

  it('is deterministic for a seed and keeps fixed runs out of the returned new runs', () => {
    const fixedRows = Float64Array.from([0, 1, 0, 1]); // (0, 0) and (1, 1), column-major 2×2
    const a = coordinateExchange({
      ...base,
      nRuns: 5,
      fixedRows,
      nFixed: 2,
      levelsPerCoordinate: 11,
      criterion: 'I',
    });
    const b = coordinateExchange({
      ...base,
      nRuns: 5,
      fixedRows,
      nFixed: 2,
      levelsPerCoordinate: 11,
      criterion: 'I',
    });
    expect(Array.from(a.factors)).toEqual(Array.from(b.factors));
    expect(a.factors).toHaveLength(10);
    expect(a.value).toBe(b.value);
  });

  it('D_then_I ends no worse by I than A/I from scratch would require, and A runs', () => {
    const dThenI = coordinateExchange({ ...base, criterion: 'D_then_I', levelsPerCoordinate: 5 });
    const i = coordinateExchange({ ...base, criterion: 'I', levelsPerCoordinate: 5 });
    expect(dThenI.value!).toBeGreaterThan(0);
    expect(i.value!).toBeGreaterThan(0);
    expect(Math.min(dThenI.value!, i.value!) / Math.max(dThenI.value!, i.value!)).toBeGreaterThan(0.9);
    expect(coordinateExchange({ ...base, criterion: 'A' }).value!).toBeGreaterThan(0);
  });

  it('too few runs or a one-level grid is a DesignError', () => {
    expect(() => coordinateExchange({ ...base, nRuns: 5 })).toThrow(DesignError);
    const flat = Float64Array.from([-1, 1, 0.5, 0.5]);
    expect(() => coordinateExchange({ ...base, bounds: flat })).toThrow(/no nonsingular random start/);
  });
});

describe('regionMoments', () => {
  it('is exact for the quadratic in one factor on [−1, 1]: E1 = 1, Ex² = 1/3, Ex⁴ = 1/5', () => {
    const m = regionMoments(
      1,
      Float64Array.from([-1, 1]),
      3,
      (f) => Float64Array.of(1, f[0]!, f[0]! ** 2),
      1,
    );
    const expected = [1, 0, 1 / 3, 0, 1 / 3, 0, 1 / 3, 0, 1 / 5];
    expected.forEach((v, i) => expect(m[i]!).toBeCloseTo(v, 14));
  });
});
