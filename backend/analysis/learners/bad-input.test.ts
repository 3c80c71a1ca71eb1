import { describe, expect, it } from 'vitest';
import { FAST_PARAMS, makeData } from './learner-data.testing.js';
import { LEARNERS, learnerByName } from './learner-registry.js';

/** Each learner on each of its tasks, with the fast test parameters. */
const CASES = LEARNERS.flatMap((def) =>
  def.tasks.map((task) => ({
    def,
    task,
    params: { ...FAST_PARAMS[def.name], task } as Record<string, unknown>,
  })),
);

const withCell = (x: Float64Array, n: number, row: number, col: number, v: number): Float64Array => {
  const out = x.slice();
  out[row + n * col] = v;
  return out;
};

/** 12 rows × 20 columns; classification labels cycle through the classes so each is present. */
function pWideData(task: 'regression' | 'binary' | 'multiclass') {
  const d = makeData(task, 12, 20, 3);
  if (task !== 'regression') d.y = d.y.map((_, i) => i % (task === 'binary' ? 2 : 3));
  return d;
}

describe('bad input, learner by learner, through the common interface', () => {
  for (const { def, task, params } of CASES) {
    const name = `${def.name} (${task})`;

    it(`${name}: NaN in x — ${def.missingValues === 'native' ? 'fits and predicts (learned default direction)' : 'a clear error naming row and column'}`, () => {
      const { x, y, n, p } = makeData(task);
      const xNaN = withCell(x, n, 5, 1, Number.NaN);
      if (def.missingValues === 'native') {
        const m = def.fit(xNaN, y, n, p, params);
        expect(m.predict(xNaN, n).every(Number.isFinite)).toBe(true);
      } else {
        expect(() => def.fit(xNaN, y, n, p, params)).toThrow(
          new RegExp(
            `${def.name}\\.fit: x\\[row 5, column 1\\] is NaN \\(missing\\); this learner needs complete rows`,
          ),
        );
      }
      const m = def.fit(x, y, n, p, params);
      if (def.missingValues === 'error')
        expect(() => m.predict(xNaN, n)).toThrow(/predict: x\[row 5, column 1\] is NaN/);
      else expect(m.predict(xNaN, n).every(Number.isFinite)).toBe(true);
    });

    it(`${name}: ±∞ in x or non-finite y is an error at fit and at prediction`, () => {
      const { x, y, n, p } = makeData(task);
      expect(() => def.fit(withCell(x, n, 3, 2, Infinity), y, n, p, params)).toThrow(
        /fit: x\[row 3, column 2\] is \+∞; infinite values are not allowed/,
      );
      const yBad = y.slice();
      yBad[4] = Number.NaN;
      expect(() => def.fit(x, yBad, n, p, params)).toThrow(
        /fit: y\[4\] is NaN \(missing\); the target must be finite/,
      );
      const m = def.fit(x, y, n, p, params);
      expect(() => m.predict(withCell(x, n, 0, 0, -Infinity), n)).toThrow(
        /predict: x\[row 0, column 0\] is −∞/,
      );
      expect(() => m.predict(x, n + 1)).toThrow(/x has \d+ values, expected n·p/);
    });

    it(`${name}: a constant column fits and gets no weight`, () => {
      const { x, y, n, p } = makeData(task);
      const xc = x.slice();
      xc.fill(3.5, n * 2, n * 3);
      const m = def.fit(xc, y, n, p, params);
      expect(m.predict(xc, n).every(Number.isFinite)).toBe(true);
      if (def.explanation !== 'none') {
        const e = m.explain(xc, n);
        for (let k = 0; k < e.nOutputs; k++)
          for (let i = 0; i < n; i++) expect(Math.abs(e.values[i + n * 2 + n * p * k]!)).toBeLessThan(1e-12);
      }
    });

    it(`${name}: more columns than rows`, () => {
      const { x, y, n, p } = pWideData(task);
      const fit = () => def.fit(x, y, n, p, params);
      if (def.name === 'logistic_regression' && params.penalty === 'none')
        expect(fit).toThrow(/the design has rank/);
      else {
        const m = fit();
        expect(m.predict(x, n).every(Number.isFinite)).toBe(true);
      }
    });

    if (task !== 'regression') {
      it(`${name}: a single class is a clear error`, () => {
        const { x, n, p } = makeData(task);
        const ones = new Float64Array(n).fill(task === 'binary' ? 1 : 0);
        expect(() => def.fit(x, ones, n, p, params)).toThrow(/y has a single class/);
        expect(() => def.fit(x, new Float64Array(n).fill(0.5), n, p, params)).toThrow(
          /y\[0\] is 0\.5; .* labels must be/,
        );
      });
    }
  }

  it('OLS with more columns than rows: rank-deficient columns are aliased (coefficient 0), as the linear module does', () => {
    const { x, y, n, p } = makeData('regression', 12, 20, 3);
    const json = learnerByName('ols').fit(x, y, n, p).toJSON() as {
      aliased: number[];
      coefficients: number[];
    };
    expect(json.aliased.length).toBe(p - (n - 1));
    for (const j of json.aliased) expect(json.coefficients[j]).toBe(0);
  });

  it('unpenalised logistic regression with more columns than rows is a clear error', () => {
    const { x, y, n, p } = pWideData('binary');
    expect(() => learnerByName('logistic_regression').fit(x, y, n, p, { penalty: 'none' })).toThrow(
      /the design has rank 12 </,
    );
  });

  it('multiclass labels must be 0..K−1 without gaps', () => {
    const { x, y, n, p } = makeData('multiclass');
    const gap = y.map((v) => (v === 1 ? 3 : v));
    expect(() => learnerByName('gradient_boosting').fit(x, gap, n, p, { task: 'multiclass' })).toThrow(
      /class 1 of 0\.\.3 has no rows/,
    );
  });
});
