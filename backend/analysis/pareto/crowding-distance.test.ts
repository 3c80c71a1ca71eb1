import { describe, expect, it } from 'vitest';
import { crowdingDistance } from './crowding-distance.js';

describe('crowdingDistance', () => {
  it('matches a hand computation', () => {
    // Front (f1, f2): A(0, 10) B(1, 6) C(3, 3) D(6, 1) E(10, 0); both ranges are 10.
    const x = Float64Array.from([0, 1, 3, 6, 10, 10, 6, 3, 1, 0]);
    const d = crowdingDistance(x, 5, 2, [0, 1, 2, 3, 4]);
    expect(d[0]).toBe(Infinity);
    expect(d[4]).toBe(Infinity);
    // B: (3 − 0)/10 + (10 − 3)/10 = 1.0; C: (6 − 1)/10 + (6 − 1)/10 = 1.0; D: (10 − 3)/10 + (3 − 0)/10 = 1.0.
    expect(d[1]).toBeCloseTo(1.0, 12);
    expect(d[2]).toBeCloseTo(1.0, 12);
    expect(d[3]).toBeCloseTo(1.0, 12);
  });

  it('uneven spacing, a subset of the points, and an objective without spread', () => {
    // Points 0..4; members 4, 1, 3 (order kept in the output): f1 = 5, 1, 2 → sorted 1(1), 3(2), 4(5).
    const x = Float64Array.from([9, 1, 9, 2, 5, 7, 7, 7, 7, 7]);
    const d = crowdingDistance(x, 5, 2, [4, 1, 3]);
    expect(d[0]).toBe(Infinity);
    expect(d[1]).toBe(Infinity);
    expect(d[2]).toBeCloseTo((5 - 1) / (5 - 1), 12);
  });

  it('fronts of one or two points are all infinite', () => {
    expect([...crowdingDistance(Float64Array.from([1, 2, 3, 4]), 2, 2, [0, 1])]).toEqual([
      Infinity,
      Infinity,
    ]);
    expect([...crowdingDistance(Float64Array.from([1, 2]), 1, 2, [0])]).toEqual([Infinity]);
  });
});
