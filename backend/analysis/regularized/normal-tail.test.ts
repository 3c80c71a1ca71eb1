import { describe, expect, it } from 'vitest';
import { erfc, normalTwoSidedP } from './normal-tail.js';

// erfc values from mpmath at 40 digits, rounded to doubles.
const table: [number, number][] = [
  [0.1, 0.887537083981715],
  [0.5, 0.4795001221869535],
  [1, 0.15729920705028513],
  [1.5, 0.033894853524689274],
  [1.99, 0.004888586800383003],
  [2, 0.004677734981047266],
  [2.01, 0.004475150644751763],
  [3, 2.209049699858544e-5],
  [5, 1.537459794428035e-12],
  [10, 2.088487583762545e-45],
  [26, 5.663192408856143e-296],
  [-1, 1.8427007929497148],
];

describe('erfc', () => {
  it.each(table)('erfc(%d)', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(5e-14);
  });

  it('handles ±0, ±∞, NaN and underflow', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(-0)).toBe(1);
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
    expect(erfc(30)).toBe(0);
    expect(Number.isNaN(erfc(Number.NaN))).toBe(true);
  });

  it('gives two-sided normal p-values', () => {
    expect(normalTwoSidedP(0)).toBe(1);
    expect(Math.abs(normalTwoSidedP(1.959963984540054) - 0.05) / 0.05).toBeLessThan(1e-14);
    expect(normalTwoSidedP(-1.959963984540054)).toBe(normalTwoSidedP(1.959963984540054));
    expect(normalTwoSidedP(Number.POSITIVE_INFINITY)).toBe(0);
  });
});
