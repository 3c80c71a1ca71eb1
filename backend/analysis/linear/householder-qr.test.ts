import { describe, expect, it } from 'vitest';
import { applyQ, applyQt, householderQr, invertR, solveR, solveRt } from './householder-qr.js';

/** Column-major n×p matrix from rows. */
function matrix(rows: number[][]): { a: Float64Array; n: number; p: number } {
  const n = rows.length;
  const p = rows[0]!.length;
  const a = new Float64Array(n * p);
  rows.forEach((row, i) => row.forEach((v, j) => (a[i + j * n] = v)));
  return { a, n, p };
}

const rows = [
  [1, 2.5, -1, 4],
  [1, 0.5, 3, -2],
  [1, -1.5, 2, 0.5],
  [1, 3, 0, 1],
  [1, 1, -2, 3],
  [1, -0.5, 1, 2],
];

describe('householderQr', () => {
  it('factors A·P = Q·R: Q·R reproduces the pivoted columns, R is upper triangular, |R_kk| decreases', () => {
    const { a, n, p } = matrix(rows);
    const copy = Float64Array.from(a);
    const f = householderQr(a, n, p);
    expect(a).toEqual(copy); // input not mutated
    expect(f.rank).toBe(4);
    for (let k = 0; k < p; k++) {
      const col = new Float64Array(n);
      for (let i = 0; i <= k; i++) col[i] = f.qr[i + k * n]!;
      applyQ(f, col);
      const j = f.pivot[k]!;
      for (let i = 0; i < n; i++) expect(col[i]).toBeCloseTo(a[i + j * n]!, 13);
    }
    for (let k = 1; k < p; k++) {
      expect(Math.abs(f.qr[k + k * n]!)).toBeLessThanOrEqual(
        Math.abs(f.qr[k - 1 + (k - 1) * n]!) * (1 + 1e-12),
      );
    }
  });

  it('Q is orthogonal: Qᵀ then Q returns the vector, and Qᵀ preserves its norm', () => {
    const { a, n, p } = matrix(rows);
    const f = householderQr(a, n, p);
    const v = Float64Array.from([0.3, -2, 5, 1e-3, 7, -1]);
    const w = applyQt(f, Float64Array.from(v));
    expect(Math.hypot(...w)).toBeCloseTo(Math.hypot(...v), 13);
    applyQ(f, w);
    for (let i = 0; i < n; i++) expect(w[i]).toBeCloseTo(v[i]!, 13);
  });

  it('solves with R and Rᵀ and inverts R', () => {
    const { a, n, p } = matrix(rows);
    const f = householderQr(a, n, p);
    const b = Float64Array.from([1, -2, 3, 0.5]);
    const x = solveR(f, b);
    const xt = solveRt(f, b);
    const inv = invertR(f);
    for (let i = 0; i < p; i++) {
      let rx = 0;
      let rtx = 0;
      for (let j = 0; j < p; j++) {
        if (j >= i) rx += f.qr[i + j * n]! * x[j]!;
        if (j <= i) rtx += f.qr[j + i * n]! * xt[j]!;
        let rInv = 0; // (R·R⁻¹)_ij
        for (let k = 0; k < p; k++) if (k >= i) rInv += f.qr[i + k * n]! * inv[k + j * p]!;
        expect(rInv).toBeCloseTo(i === j ? 1 : 0, 13);
      }
      expect(rx).toBeCloseTo(b[i]!, 13);
      expect(rtx).toBeCloseTo(b[i]!, 13);
    }
  });

  it('finds the numerical rank and leaves the dependent column last', () => {
    const dependent = rows.map((r) => [r[0]!, r[1]!, r[2]!, r[1]! - 2 * r[2]!]);
    const { a, n, p } = matrix(dependent);
    const f = householderQr(a, n, p);
    expect(f.rank).toBe(3);
    expect(f.tolerance).toBeCloseTo(
      6 * 2 ** -52 * Math.max(...[0, 1, 2, 3].map((j) => Math.hypot(...a.subarray(j * n, (j + 1) * n)))),
      25,
    );
  });

  it('keeps requested leading columns first, and handles wide, zero and empty-rank matrices', () => {
    const { a, n, p } = matrix(rows);
    expect(householderQr(a, n, p, { leading: [0] }).pivot[0]).toBe(0);
    const wide = matrix([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(householderQr(wide.a, wide.n, wide.p).rank).toBe(2);
    expect(householderQr(new Float64Array(6), 3, 2).rank).toBe(0);
    expect(() => householderQr(new Float64Array(5), 3, 2)).toThrow(RangeError);
  });
});
