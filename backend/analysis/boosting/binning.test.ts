import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { binMatrix, binOf, binTrainingMatrix, computeBins, featureBins } from './binning.js';

/** Column-major n×p data with ties, NaN, −0/+0 and a constant column (j = 2). */
function messy(n: number, p: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      let v: number;
      if (j === 2) v = 7;
      else if (j === 1)
        v = Math.floor(u * 12) - 6; // 12 levels, ties
      else if (j === 3) v = u < 0.2 ? Number.NaN : u < 0.3 ? -0 : u < 0.4 ? 0 : rng.normal() * 1e6;
      else v = rng.normal();
      x[j * n + i] = v;
    }
  }
  return x;
}

describe('featureBins', () => {
  it('gives each distinct value its own bin when there are at most maxBin, with midpoint bounds', () => {
    const x = Float64Array.of(3, 1, 2, 1, Number.NaN, 3);
    const b = featureBins(x, 6, 0, 255);
    expect(b.nBins).toBe(3);
    expect([...b.upper]).toEqual([1.5, 2.5, Number.MAX_VALUE]);
    expect(b.nMissing).toBe(1);
  });

  it('closes about equal-count bins when there are more distinct values than maxBin', () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => (i * 7919) % n); // a permutation of 0..n−1
    const b = featureBins(x, n, 0, 16);
    expect(b.nBins).toBe(16);
    const codes = Array.from(x, (v) => binOf(b, v));
    const counts = new Array<number>(16).fill(0);
    for (const c of codes) counts[c]!++;
    for (const c of counts) expect(Math.abs(c - n / 16)).toBeLessThanOrEqual(1);
  });

  it('a constant feature has one bin (it can never be split), an all-NaN feature one empty bin', () => {
    expect(featureBins(Float64Array.of(2, 2, 2), 3, 0, 255).nBins).toBe(1);
    const allNaN = featureBins(Float64Array.of(Number.NaN, Number.NaN), 2, 0, 255);
    expect(allNaN).toMatchObject({ nBins: 1, nMissing: 2 });
  });

  it('rejects ±∞ with a message naming the cell', () => {
    expect(() => featureBins(Float64Array.of(1, Infinity), 2, 0, 255)).toThrow(/row 1, feature 0.*Infinity/);
    expect(() => computeBins(Float64Array.of(-Infinity, 1), 1, 2)).toThrow(/row 0, feature 0/);
  });

  it('rejects a maxBin outside [2, 65534]', () => {
    expect(() => computeBins(Float64Array.of(1), 1, 1, 1)).toThrow(/maxBin/);
    expect(() => binTrainingMatrix(Float64Array.of(1), 1, 1, 70_000)).toThrow(/maxBin/);
  });
});

describe('binOf and the real thresholds', () => {
  it('v <= upper[b] exactly when binOf(v) <= b, so trees can store real thresholds', () => {
    const n = 500;
    const x = messy(n, 5, 3);
    const bins = computeBins(x, n, 5, 32);
    let bad = 0;
    for (let j = 0; j < 5; j++) {
      const f = bins[j]!;
      for (let i = 0; i < n; i++) {
        const v = x[j * n + i]!;
        const code = binOf(f, v);
        if (Number.isNaN(v)) bad += code === f.nBins ? 0 : 1;
        else for (let b = 0; b < f.nBins; b++) bad += v <= f.upper[b]! === code <= b ? 0 : 1;
      }
    }
    expect(bad).toBe(0);
  });
});

describe('binTrainingMatrix (the radix-sort shortcut used by the fit)', () => {
  it.each([
    [300, 6, 255],
    [10_000, 6, 255],
    [10_000, 6, 64],
    [9000, 4, 2],
  ])('matches binMatrix(computeBins(...)) at n = %d, p = %d, maxBin = %d', (n, p, maxBin) => {
    const x = messy(n, p, n + maxBin);
    const fast = binTrainingMatrix(x, n, p, maxBin);
    const slow = binMatrix(x, n, p, computeBins(x, n, p, maxBin));
    expect(fast.features.map((f) => [...f.upper])).toEqual(slow.features.map((f) => [...f.upper]));
    expect(fast.features.map((f) => f.nMissing)).toEqual(slow.features.map((f) => f.nMissing));
    expect([...fast.offset]).toEqual([...slow.offset]);
    // Element by element (toEqual on 60,000-element typed arrays is slow).
    expect(fast.slots.constructor).toBe(slow.slots.constructor);
    expect(fast.slots.every((v, k) => v === slow.slots[k])).toBe(true);
    expect(fast.columnBins.every((v, k) => v === slow.columnBins[k])).toBe(true);
  });

  it('stores slot = offset[j] + bin row-major and bins column-major', () => {
    const x = Float64Array.of(1, 2, Number.NaN, /* feature 1 */ 5, 5, 5);
    const b = binTrainingMatrix(x, 3, 2);
    expect([...b.nBins]).toEqual([2, 1]);
    expect([...b.offset]).toEqual([0, 3, 5]);
    expect([...b.columnBins]).toEqual([0, 1, 2, 0, 0, 0]);
    expect([...b.slots]).toEqual([0, 3, 1, 3, 2, 3]);
  });
});
