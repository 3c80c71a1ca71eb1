import { describe, expect, it } from 'vitest';
import { householderQr } from '../linear/householder-qr.js';
import { createRng } from '../random/rng.js';
import {
  cholesky,
  exchangeDetRatio,
  exchangeScratch,
  exchangeUpdate,
  informationFromRows,
  informationMatrix,
  invertSpd,
  quadraticForm,
  rankOneUpdate,
  toRowMajor,
} from './information-matrix.js';

const n = 30;
const p = 5;
const rng = createRng(3);
const x = Float64Array.from({ length: n * p }, () => rng.normal());
const rows = toRowMajor(x, n, p);

function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]!));
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
  }
  return diff / scale;
}

describe('information matrix, Cholesky and inverse', () => {
  it('ln det agrees with our pivoted QR (Σ ln R_kk²) to 1e-12', () => {
    const m = informationMatrix(x, n, p);
    const f = householderQr(x, n, p);
    let qr = 0;
    for (let k = 0; k < p; k++) qr += Math.log(f.qr[k + k * n]! ** 2);
    expect(Math.abs(cholesky(m, p)! - qr)).toBeLessThan(1e-12 * Math.abs(qr));
  });

  it('invertSpd gives M·M⁻¹ = I', () => {
    const m = informationMatrix(x, n, p);
    const inv = new Float64Array(p * p);
    invertSpd(m, p, inv);
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += m[k * p + i]! * inv[j * p + k]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });

  it('informationFromRows equals informationMatrix of the stacked rows', () => {
    const sel = Int32Array.from([3, 7, 8, 20, 21, 22, 29]);
    const fixed = rows.slice(0, 2 * p);
    const a = informationFromRows(p, rows, sel, sel.length, fixed, 2);
    const stacked = new Float64Array(9 * p);
    const idx = [0, 1, ...sel];
    idx.forEach((r, i) => {
      for (let j = 0; j < p; j++) stacked[j * 9 + i] = x[j * n + r]!;
    });
    expect(maxRelDiff(a, informationMatrix(stacked, 9, p))).toBeLessThan(1e-14);
  });

  it('a singular matrix (dependent column, zero column, empty design) gives null, not NaN', () => {
    const dep = Float64Array.from(x);
    for (let i = 0; i < n; i++) dep[4 * n + i] = dep[i]! - 2 * dep[n + i]!;
    expect(cholesky(informationMatrix(dep, n, p), p)).toBeNull();
    const zero = Float64Array.from(x).fill(0, 2 * n, 3 * n);
    expect(invertSpd(informationMatrix(zero, n, p), p)).toBeNull();
    expect(cholesky(new Float64Array(p * p), p)).toBeNull();
  });
});

describe('rank-one and exchange updates', () => {
  const m = informationMatrix(x, n, p);
  const inv = new Float64Array(p * p);
  const logDet = invertSpd(m, p, inv)!;
  const y = Float64Array.from({ length: p }, () => rng.normal());
  const xOut = rows.subarray(4 * p, 5 * p);

  it('Sherman–Morrison add/remove match recomputation, with the determinant lemma', () => {
    const up = Float64Array.from(inv);
    const dLog = rankOneUpdate(up, p, y, 0, 1, new Float64Array(p))!;
    const m2 = Float64Array.from(m);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) m2[b * p + a]! += y[a]! * y[b]!;
    const ref = new Float64Array(p * p);
    const refLog = invertSpd(m2, p, ref)!;
    expect(maxRelDiff(up, ref)).toBeLessThan(1e-12);
    expect(Math.abs(logDet + dLog - refLog)).toBeLessThan(1e-12);
    rankOneUpdate(up, p, y, 0, -1, new Float64Array(p));
    expect(maxRelDiff(up, inv)).toBeLessThan(1e-12);
  });

  it('the exchange update and Fedorov delta match recomputation', () => {
    const up = Float64Array.from(inv);
    const dLog = exchangeUpdate(up, p, y, 0, xOut, 0, exchangeScratch(p))!;
    const m2 = Float64Array.from(m);
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) m2[b * p + a]! += y[a]! * y[b]! - xOut[a]! * xOut[b]!;
    const ref = new Float64Array(p * p);
    const refLog = invertSpd(m2, p, ref)!;
    expect(maxRelDiff(up, ref)).toBeLessThan(1e-11);
    expect(Math.abs(logDet + dLog - refLog)).toBeLessThan(1e-12);
    const dy = quadraticForm(inv, p, y, 0);
    const dx = quadraticForm(inv, p, xOut, 0);
    let dxy = 0;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) dxy += xOut[a]! * inv[b * p + a]! * y[b]!;
    expect(Math.log(exchangeDetRatio(dy, dx, dxy))).toBeCloseTo(refLog - logDet, 12);
  });

  it('refuses an update that would make the matrix singular and leaves the inverse unchanged', () => {
    // Removing a row from a design of exactly p rows makes it singular.
    const small = new Float64Array(p * p);
    for (let j = 0; j < p; j++) for (let i = 0; i < p; i++) small[j * p + i] = x[j * n + i]!;
    const mi = new Float64Array(p * p);
    invertSpd(informationMatrix(small, p, p), p, mi);
    const before = Float64Array.from(mi);
    const row0 = Float64Array.from({ length: p }, (_, j) => small[j * p]!);
    expect(rankOneUpdate(mi, p, row0, 0, -1, new Float64Array(p))).toBeNull();
    expect(Array.from(mi)).toEqual(Array.from(before));
  });
});
