import { describe, expect, it } from 'vitest';
import { kneePoint } from './knee-point.js';
import { lexicographicChoice } from './lexicographic.js';

function columns(rows: number[][]): Float64Array {
  const n = rows.length;
  const m = rows[0]!.length;
  const x = new Float64Array(n * m);
  rows.forEach((r, i) => r.forEach((v, j) => (x[j * n + i] = v)));
  return x;
}

describe('kneePoint', () => {
  it('2 objectives: the point farthest below the line through the extremes', () => {
    // Normalised: extremes (0,1) and (1,0); line x + y = 1; (0.1, 0.2) is 0.7/√2 below it.
    const rows = [
      [0, 10],
      [1, 2],
      [5, 1],
      [10, 0],
    ];
    const knee = kneePoint(columns(rows), 4, 2, [0, 1, 2, 3])!;
    expect(knee.index).toBe(1);
    expect(knee.method).toBe('extremes_hyperplane');
    expect(knee.distance).toBeCloseTo(0.7 / Math.SQRT2, 12);
  });

  it('3 objectives: the plane through the three extremes', () => {
    const rows = [
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
      [0.2, 0.2, 0.3],
      [0.5, 0.4, 0.3],
    ];
    const knee = kneePoint(columns(rows), 5, 3, [0, 1, 2, 3, 4])!;
    // Plane x + y + z = 2 in normalised units; (0.2, 0.2, 0.3) is (2 − 0.7)/√3 below it.
    expect(knee.index).toBe(3);
    expect(knee.distance).toBeCloseTo(1.3 / Math.sqrt(3), 12);
  });

  it('degenerate extremes fall back to the smallest normalised sum; one point is its own knee', () => {
    const rows = [
      [0, 0, 1],
      [1, 1, 0],
      [0.4, 0.4, 0.4],
    ]; // point 0 is best in f1 and f2 at once
    const knee = kneePoint(columns(rows), 3, 3, [0, 1, 2])!;
    expect(knee.method).toBe('normalised_sum');
    expect(knee.index).toBe(0); // sums 1, 2, 1.2
    expect(kneePoint(columns([[1, 2]]), 1, 2, [0])).toEqual({
      index: 0,
      method: 'single_point',
      distance: 0,
    });
    expect(kneePoint(new Float64Array(0), 0, 2, [])).toBeNull();
  });
});

describe('lexicographicChoice', () => {
  const rows = [
    [1.0, 9, 3],
    [1.05, 5, 8],
    [1.08, 5, 2],
    [2.0, 1, 1],
  ];
  const x = columns(rows);
  const members = [0, 1, 2, 3];

  it('no tolerance: the best on the first objective', () => {
    const c = lexicographicChoice(x, 4, 3, members, [{ objective: 0, tolerance: 0 }])!;
    expect(c.index).toBe(0);
    expect(c.steps).toEqual([{ objective: 0, tolerance: 0, best: 1, kept: 1 }]);
  });

  it('a tolerance lets the next priority decide; remaining ties go to the unlisted objectives', () => {
    const c = lexicographicChoice(x, 4, 3, members, [
      { objective: 0, tolerance: 0.1 },
      { objective: 1, tolerance: 0 },
    ])!;
    expect(c.steps.map((s) => s.kept)).toEqual([3, 2]);
    expect(c.index).toBe(1); // rows 1 and 2 tie on f2 = 5; f1 (listed first) decides with no tolerance
    const tied = columns([
      [1, 5, 8],
      [1, 5, 2],
    ]);
    expect(lexicographicChoice(tied, 2, 3, [0, 1], [{ objective: 1, tolerance: 0 }])!.index).toBe(1);
  });

  it('no candidates → null', () => {
    expect(lexicographicChoice(x, 4, 3, [], [{ objective: 0, tolerance: 0 }])).toBeNull();
  });
});
