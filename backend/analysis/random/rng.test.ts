import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from './rng.js';

/*
 * Known outputs from the reference C code (Vigna's splitmix64.c and xoshiro128starstar.c, cores verbatim),
 * compiled with gcc -O2:
 *
 *   x = (uint64_t)seed; a = splitmix64(); b = splitmix64();
 *   s[0] = (uint32_t)a; s[1] = a >> 32; s[2] = (uint32_t)b; s[3] = b >> 32;
 *   for (i = 0; i < 6; i++) printf(" %u", next());
 *
 * splitmix64 from state 0 gives e220a8397b1dcdaf first: the published value.
 */
const REFERENCE: [number, number[]][] = [
  [0, [3737715805, 2584255861, 2876756834, 3286328325, 1553311962, 1625202774]],
  [42, [1776835114, 4165204688, 17111135, 2317295270, 2792088233, 2554630222]],
  [-1, [477689756, 2493998634, 555695776, 607808419, 61340979, 301466976]],
  [123456789, [1346704765, 2882174560, 1840973710, 4030037534, 3644170367, 605829230]],
];

describe('createRng (xoshiro128** seeded by SplitMix64)', () => {
  it.each(REFERENCE)('seed %d reproduces the reference C outputs', (seed, expected) => {
    const rng = createRng(seed);
    expect(expected.map(() => rng.nextUint32())).toEqual(expected);
  });

  it('next() builds a 53-bit double from two raw outputs', () => {
    const raw = createRng(42);
    const rng = createRng(42);
    for (let i = 0; i < 5; i++) {
      const hi = raw.nextUint32() >>> 5;
      const lo = raw.nextUint32() >>> 6;
      expect(rng.next()).toBe((hi * 2 ** 26 + lo) / 2 ** 53);
    }
  });

  it('next() stays in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12', () => {
    const rng = createRng(7);
    let sum = 0;
    let sum2 = 0;
    let inRange = true;
    const m = 100_000;
    for (let i = 0; i < m; i++) {
      const u = rng.next();
      inRange &&= u >= 0 && u < 1;
      sum += u;
      sum2 += u * u;
    }
    expect(inRange).toBe(true);
    const mean = sum / m;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sum2 / m - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('int(n) is in range, hits every value and rejects invalid n', () => {
    const rng = createRng(1);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.int(7)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    expect(rng.int(1)).toBe(0);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(RangeError);
    expect(() => rng.int(2 ** 32 + 1)).toThrow(RangeError);
    expect(() => rng.int(Number.NaN)).toThrow(RangeError);
  });

  it('shuffle permutes in place (arrays and typed arrays), deterministically, uniformly', () => {
    const a = createRng(3).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const b = createRng(3).shuffle(Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(Array.from(b)).toEqual(a);
    expect([...a].sort((u, v) => u - v)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(createRng(3).shuffle([])).toEqual([]);
    expect(createRng(3).shuffle(['x'])).toEqual(['x']);
    // All 6 permutations of 3 items, each about 1/6 of the time.
    const rng = createRng(11);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = rng.shuffle(['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('normal() has mean ≈ 0, variance ≈ 1, and is reproducible', () => {
    const rng = createRng(5);
    let sum = 0;
    let sum2 = 0;
    const m = 100_000;
    for (let i = 0; i < m; i++) {
      const z = rng.normal();
      sum += z;
      sum2 += z * z;
    }
    expect(Math.abs(sum / m)).toBeLessThan(0.01);
    expect(Math.abs(sum2 / m - 1)).toBeLessThan(0.02);
    const r1 = createRng(9);
    const r2 = createRng(9);
    for (let i = 0; i < 10; i++) expect(r1.normal()).toBe(r2.normal());
  });

  it('rejects non-integer seeds', () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
    expect(() => createRng(2 ** 60)).toThrow(RangeError);
  });
});

describe('deriveSeed', () => {
  it('is deterministic, a safe integer, and separates streams and seeds', () => {
    expect(deriveSeed(42, 1)).toBe(deriveSeed(42, 1));
    const seen = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      for (let stream = 0; stream < 20; stream++) {
        const d = deriveSeed(seed, stream);
        expect(Number.isSafeInteger(d) && d >= 0).toBe(true);
        seen.add(d);
      }
    }
    expect(seen.size).toBe(400);
  });
});
