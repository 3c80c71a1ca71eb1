import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { foldSplit, kFold, trainTestSplit } from './k-fold.js';

function foldSizes(fold: Int32Array, k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (const f of fold) sizes[f]!++;
  return sizes;
}

describe('kFold', () => {
  it.each([
    [10, 2],
    [10, 3],
    [17, 5],
    [60, 5],
    [5, 5],
    [101, 10],
  ])('n = %d, k = %d: every row in one fold, sizes as sklearn (first n mod k folds one larger)', (n, k) => {
    const fold = kFold(n, k, createRng(42));
    expect(fold.length).toBe(n);
    for (const f of fold) expect(f >= 0 && f < k).toBe(true);
    const base = Math.floor(n / k);
    expect(foldSizes(fold, k)).toEqual(Array.from({ length: k }, (_, f) => base + (f < n % k ? 1 : 0)));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(kFold(50, 5, createRng(1))).toEqual(kFold(50, 5, createRng(1)));
    expect(kFold(50, 5, createRng(1))).not.toEqual(kFold(50, 5, createRng(2)));
  });

  it('shuffles: folds are not contiguous blocks', () => {
    const fold = kFold(100, 4, createRng(3));
    const sorted = [...fold].sort((a, b) => a - b);
    expect(Array.from(fold)).not.toEqual(sorted);
  });

  it('rejects k < 2, k > n and non-integers', () => {
    const rng = createRng(0);
    expect(() => kFold(10, 1, rng)).toThrow(RangeError);
    expect(() => kFold(3, 4, rng)).toThrow(RangeError);
    expect(() => kFold(10, 2.5, rng)).toThrow(RangeError);
    expect(() => kFold(-1, 2, rng)).toThrow(RangeError);
  });

  it('foldSplit gives ascending, disjoint train/test parts covering all rows', () => {
    const fold = kFold(23, 4, createRng(5));
    for (let f = 0; f < 4; f++) {
      const { train, test } = foldSplit(fold, f);
      expect(train.length + test.length).toBe(23);
      expect(Array.from(test).every((i) => fold[i] === f)).toBe(true);
      expect(Array.from(train).every((i) => fold[i] !== f)).toBe(true);
      expect(Array.from(train)).toEqual([...train].sort((a, b) => a - b));
    }
  });
});

describe('trainTestSplit', () => {
  it('holds out ceil(fraction·n) rows, disjoint from training, both ascending', () => {
    const { train, test } = trainTestSplit(10, 0.25, createRng(9));
    expect(test.length).toBe(3);
    expect(train.length).toBe(7);
    expect(new Set([...train, ...test]).size).toBe(10);
    expect(Array.from(test)).toEqual([...test].sort((a, b) => a - b));
    expect(trainTestSplit(10, 0.25, createRng(9))).toEqual({ train, test });
    expect(trainTestSplit(10, 0.25, createRng(10)).test).not.toEqual(test);
  });

  it('rejects fractions that leave a part empty', () => {
    const rng = createRng(0);
    expect(() => trainTestSplit(10, 0, rng)).toThrow(RangeError);
    expect(() => trainTestSplit(10, 1, rng)).toThrow(RangeError);
    expect(() => trainTestSplit(10, 0.95, rng)).toThrow(RangeError);
    expect(() => trainTestSplit(1, 0.5, rng)).toThrow(RangeError);
  });
});
