import { describe, expect, it } from 'vitest';
import {
  designProjection,
  principalPlane,
  projectRows,
  sampleIndices,
  symmetricEigen,
} from './pca-projection.js';

describe('principal plane', () => {
  it('diagonal covariance diag(4, 1): axes e1, e2, explained 0.8 / 0.2', () => {
    // Points (±2, 0) and (0, ±1), each twice: variances 4·4/7 and 4/7 (divisor n − 1 = 7).
    const xs = [2, -2, 0, 0, 2, -2, 0, 0];
    const ys = [0, 0, 1, -1, 0, 0, 1, -1];
    const plane = principalPlane(Float64Array.from([...xs, ...ys]), 8, 2);
    expect(plane.explained[0]).toBeCloseTo(0.8, 14);
    expect(plane.explained[1]).toBeCloseTo(0.2, 14);
    expect(Array.from(plane.components).map((v) => Math.abs(v))).toEqual([1, 0, 0, 1]);
  });

  it('points on the line y = 2x: one component ∝ (1, 2)/√5 with a positive largest entry', () => {
    const t = [-1, -0.5, 0, 0.3, 1];
    const plane = principalPlane(Float64Array.from([...t, ...t.map((v) => 2 * v)]), 5, 2);
    expect(plane.explained[0]).toBeCloseTo(1, 12);
    expect(plane.components[0]).toBeCloseTo(1 / Math.sqrt(5), 12);
    expect(plane.components[1]).toBeCloseTo(2 / Math.sqrt(5), 12);
    const proj = projectRows(plane, Float64Array.from([0.3, 0.6]), 1);
    // Means are (−0.04, −0.08).
    expect(proj[0]![0]).toBeCloseTo((0.3 + 0.04 + 2 * (0.6 + 0.08)) / Math.sqrt(5), 12);
  });

  it('Jacobi eigenvalues of a 3×3 symmetric matrix reproduce it (A·v = λ·v)', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0.5, 2, 0.5, 5]);
    const { values, vectors } = symmetricEigen(a, 3);
    for (let c = 0; c < 3; c++)
      for (let r = 0; r < 3; r++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += a[k * 3 + r]! * vectors[c * 3 + k]!;
        expect(s).toBeCloseTo(values[c]! * vectors[c * 3 + r]!, 12);
      }
  });

  it('one factor: the second component and its share are 0; constant data: explained [0, 0]', () => {
    const plane = principalPlane(Float64Array.from([1, 2, 3]), 3, 1);
    expect(plane.explained).toEqual([1, 0]);
    expect(principalPlane(Float64Array.from([1, 1, 1, 1]), 2, 2).explained).toEqual([0, 0]);
  });
});

describe('designProjection', () => {
  it('samples at most maxSample candidates reproducibly and projects every set', () => {
    const n = 5000;
    const rows = Float64Array.from({ length: 3 * n }, (_, i) => Math.sin(i * 12.9898) * 0.9);
    const a = designProjection(rows, n, 3, Float64Array.from([0, 0, 0]), 1, [4, 9, 4000], 3);
    const b = designProjection(rows, n, 3, Float64Array.from([0, 0, 0]), 1, [4, 9, 4000], 3);
    expect(a.candidates).toHaveLength(2000);
    expect(a).toEqual(b);
    expect(a.existing).toHaveLength(1);
    expect(a.selected).toHaveLength(3);
    expect(new Set(a.sample).size).toBe(2000);
    expect(Array.from(sampleIndices(10, 2000, 1))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
