import { describe, expect, it } from 'vitest';
import { gridPoints, polynomialMatrix } from '../__fixtures__/doe-reference.js';
import { createRng } from '../random/rng.js';
import { FDS_FRACTIONS, columnCorrelation, evaluateDesign } from './criteria.js';
import { informationMatrix, invertSpd } from './information-matrix.js';

describe('evaluateDesign on an orthogonal design', () => {
  const pts = gridPoints([-1, 1], 3);
  const { x, p } = polynomialMatrix(pts, 'interactions');
  const c = evaluateDesign(x, 8, p, x, 8);

  it('2³ factorial, main effects + interactions: D = G = 100, A = I = 7/8, VIF 1, identity correlations', () => {
    expect(c.logDet).toBeCloseTo(7 * Math.log(8), 12);
    expect(c.dEfficiency).toBeCloseTo(100, 10);
    expect(c.gEfficiency).toBeCloseTo(100, 10);
    expect(c.a).toBeCloseTo(7 / 8, 12);
    expect(c.i).toBeCloseTo(7 / 8, 12);
    expect(c.columns).toEqual([1, 2, 3, 4, 5, 6]);
    for (const v of c.vif) expect(v).toBeCloseTo(1, 12);
    c.correlation.forEach((row, a) => row.forEach((r, b) => expect(r).toBeCloseTo(a === b ? 1 : 0, 12)));
    expect(c.fds.fraction).toEqual([...FDS_FRACTIONS]);
    expect(c.fds.fraction).toHaveLength(51);
    for (const v of c.fds.variance) expect(v).toBeCloseTo(7 / 8, 12);
  });
});

describe('evaluateDesign against direct computation', () => {
  const rng = createRng(8);
  const cand = Array.from({ length: 500 }, () => [rng.next() * 2 - 1, rng.next() * 2 - 1]);
  const { x: cx, p } = polynomialMatrix(cand, 'quadratic');
  const design = cand.slice(0, 9);
  const { x } = polynomialMatrix(design, 'quadratic');
  const c = evaluateDesign(x, 9, p, cx, 500);
  const inv = new Float64Array(p * p);
  const logDet = invertSpd(informationMatrix(x, 9, p), p, inv)!;
  const variance = cand.map((_, j) => {
    let s = 0;
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) s += cx[a * 500 + j]! * inv[b * p + a]! * cx[b * 500 + j]!;
    return s;
  });

  it('D, A, I and G efficiency follow their definitions', () => {
    expect(c.logDet).toBeCloseTo(logDet, 12);
    expect(c.dEfficiency!).toBeCloseTo(100 * Math.exp((logDet - p * Math.log(9)) / p), 10);
    let a = 0;
    for (let k = 0; k < p; k++) a += inv[k * p + k]!;
    expect(Math.abs(c.a! - a)).toBeLessThan(1e-10 * a);
    const mean = variance.reduce((s, v) => s + v, 0) / 500;
    expect(Math.abs(c.i! - mean)).toBeLessThan(1e-10 * mean);
    expect(c.gEfficiency!).toBeCloseTo((100 * p) / (9 * Math.max(...variance)), 8);
    const sorted = [...variance].sort((u, v) => u - v);
    expect(c.fds.variance[0]).toBeCloseTo(sorted[0]!, 10);
    expect(c.fds.variance[50]).toBeCloseTo(sorted[499]!, 10);
    expect(c.fds.variance[25]).toBeCloseTo((sorted[249]! + sorted[250]!) / 2, 10);
  });

  it('VIF_k = 1/(1 − R²_k) of column k on the other columns with an intercept', () => {
    const k = 1; // x1
    const others = [0, 2, 3, 4, 5];
    const z = new Float64Array(9 * others.length);
    others.forEach((col, q) => z.set(x.subarray(col * 9, col * 9 + 9), q * 9));
    const y = x.subarray(k * 9, k * 9 + 9);
    const q = others.length;
    const zz = informationMatrix(z, 9, q);
    const zi = new Float64Array(q * q);
    invertSpd(zz, q, zi);
    const zy = others.map((_, a) => y.reduce((s, v, i) => s + v * z[a * 9 + i]!, 0));
    const beta = zy.map((_, a) => zy.reduce((s, v, b) => s + zi[b * q + a]! * v, 0));
    const mean = y.reduce((s, v) => s + v, 0) / 9;
    let sse = 0;
    let sst = 0;
    for (let i = 0; i < 9; i++) {
      const fit = beta.reduce((s, b, a) => s + b * z[a * 9 + i]!, 0);
      sse += (y[i]! - fit) ** 2;
      sst += (y[i]! - mean) ** 2;
    }
    expect(c.vif[0]!).toBeCloseTo(1 / (sse / sst), 8);
  });

  it('a seeded FDS sample is reproducible and within the range of all variances', () => {
    const s1 = evaluateDesign(x, 9, p, cx, 500, { fdsSample: 100, seed: 4 });
    const s2 = evaluateDesign(x, 9, p, cx, 500, { fdsSample: 100, seed: 4 });
    expect(s1.fds).toEqual(s2.fds);
    expect(s1.fds.variance[0]!).toBeGreaterThanOrEqual(Math.min(...variance) - 1e-12);
  });
});

describe('special values', () => {
  it('a singular design gives null log det, A, I and 0 efficiencies, never NaN', () => {
    const { x, p } = polynomialMatrix(
      [
        [0, 0],
        [1, 0],
        [0, 1],
      ],
      'quadratic',
    );
    const c = evaluateDesign(x, 3, p, x, 3);
    expect([c.logDet, c.a, c.i, c.dEfficiency, c.gEfficiency]).toEqual([null, null, null, 0, 0]);
    expect(c.vif.every((v) => v === null || Number.isFinite(v))).toBe(true);
    expect(c.fds.variance.every((v) => v === null)).toBe(true);
    expect(JSON.stringify(c)).not.toMatch(/NaN|Infinity/);
  });

  it('a column constant over the design has null correlations and VIF', () => {
    const x = Float64Array.from([1, 1, 1, 1, -1, 1, -1, 1, 2, 2, 2, 2]);
    expect(columnCorrelation(x, 4, [1, 2])).toEqual([
      [1, null],
      [null, null],
    ]);
    const c = evaluateDesign(x, 4, 3, x, 4, { interceptColumn: 0 });
    expect(c.vif[1]).toBeNull();
    expect(c.logDet).toBeNull();
  });

  it('without an intercept VIF is the uncentred [M⁻¹]_kk·M_kk', () => {
    const x = Float64Array.from([1, 2, 3, 4, 1, 0, 1, 0]);
    const c = evaluateDesign(x, 4, 2, x, 4, { interceptColumn: null });
    const m = informationMatrix(x, 4, 2);
    const inv = new Float64Array(4);
    invertSpd(m, 2, inv);
    expect(c.vif[0]!).toBeCloseTo(inv[0]! * m[0]!, 12);
    expect(c.columns).toEqual([0, 1]);
  });
});
