import { describe, expect, it } from 'vitest';
import { JITTER_SCHEDULE, cholesky, choleskyInverse, choleskyLogDet, choleskySolve } from './cholesky.js';

/** A = B Bᵀ + I for a fixed 5×5 B: symmetric positive definite, row-major. */
function spd(n: number): Float64Array {
  const b = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) b[i] = Math.sin(1.7 * i + 0.3);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < n; k++) s += b[i * n + k]! * b[j * n + k]!;
      a[i * n + j] = s;
    }
  }
  return a;
}

function matVec(a: Float64Array, v: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j]! * v[j]!;
    out[i] = s;
  }
  return out;
}

/** Determinant by Gaussian elimination with partial pivoting (independent of Cholesky). */
function det(aIn: Float64Array, n: number): number {
  const a = Float64Array.from(aIn);
  let d = 1;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]!) > Math.abs(a[piv * n + c]!)) piv = r;
    if (piv !== c) {
      for (let k = 0; k < n; k++) [a[c * n + k], a[piv * n + k]] = [a[piv * n + k]!, a[c * n + k]!];
      d = -d;
    }
    d *= a[c * n + c]!;
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c]! / a[c * n + c]!;
      for (let k = c; k < n; k++) a[r * n + k] = a[r * n + k]! - f * a[c * n + k]!;
    }
  }
  return d;
}

describe('cholesky', () => {
  const n = 5;
  const a = spd(n);

  it('factorises, solves, inverts and gives log det to rounding level', () => {
    const copy = Float64Array.from(a);
    const f = cholesky(a, n);
    expect(a).toEqual(copy); // not mutated
    expect(f.jitter).toBe(0);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(f.l[i * n + j]).toBe(0);
    const b = Float64Array.of(1, -2, 0.5, 3, 0);
    const z = choleskySolve(f, b);
    const back = matVec(a, z, n);
    for (let i = 0; i < n; i++) expect(Math.abs(back[i]! - b[i]!)).toBeLessThan(1e-12);
    expect(Math.abs(choleskyLogDet(f) - Math.log(det(a, n)))).toBeLessThan(1e-12);
    const inv = choleskyInverse(f);
    for (let i = 0; i < n; i++) {
      const e = new Float64Array(n);
      e[i] = 1;
      const col = matVec(inv, e, n);
      const ae = matVec(a, col, n);
      for (let j = 0; j < n; j++) expect(Math.abs(ae[j]! - (i === j ? 1 : 0))).toBeLessThan(1e-12);
    }
  });

  it('retries with jitter on a singular matrix and records it; throws when not allowed to', () => {
    const ones = new Float64Array(9).fill(1); // rank 1, exactly singular in floating point
    const f = cholesky(ones, 3);
    expect(f.jitter).toBe(JITTER_SCHEDULE[0]);
    expect(() => cholesky(ones, 3, false)).toThrow(/not positive definite/);
    expect(cholesky(ones, 3).l).toEqual(f.l); // deterministic
  });

  it('throws on an indefinite matrix, a NaN, and a bad shape', () => {
    expect(() => cholesky(Float64Array.of(1, 2, 2, 1), 2)).toThrow(/even with jitter/);
    expect(() => cholesky(Float64Array.of(NaN), 1)).toThrow(/not positive definite/);
    expect(() => cholesky(new Float64Array(3), 2)).toThrow(/2×2/);
    expect(cholesky(new Float64Array(0), 0).l).toHaveLength(0);
  });
});
