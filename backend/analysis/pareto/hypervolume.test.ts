import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { inclusionExclusionHypervolume } from './brute-force.testing.js';
import { hypervolume } from './hypervolume.js';

/** Column-major copy of row-major rows. */
function columns(rows: number[][]): Float64Array {
  const n = rows.length;
  const m = rows[0]!.length;
  const x = new Float64Array(n * m);
  rows.forEach((r, i) => r.forEach((v, j) => (x[j * n + i] = v)));
  return x;
}

function randomRows(seed: number, n: number, m: number, integer: boolean): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () =>
    Array.from({ length: m }, () => (integer ? rng.int(5) : rng.next() * 10 - 2)),
  );
}

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('hypervolume equals inclusion–exclusion on small sets', () => {
  for (const m of [2, 3]) {
    it(`${m} objectives: 200 random sets (dominated points, ties, duplicates, points beyond the reference)`, () => {
      for (let seed = 0; seed < 200; seed++) {
        const n = 1 + (seed % 12);
        const rows = randomRows(seed * 7 + m, n, m, seed % 2 === 0);
        const ref = Array.from({ length: m }, () => (seed % 3 === 0 ? 4 : 8));
        const inside = rows.filter((r) => r.every((v, j) => v < ref[j]!));
        const hv = hypervolume(columns(rows), n, m, all(n), ref, { samples: 0, seed: 0 });
        expect(hv.method).toBe('exact');
        expect(hv.outside).toBe(n - inside.length);
        const exact = inside.length === 0 ? 0 : inclusionExclusionHypervolume(inside, ref);
        expect(hv.value).toBeCloseTo(exact, 9);
      }
    });
  }

  it('hand values: one box; a 2-D staircase; a 3-D pair', () => {
    expect(hypervolume(columns([[1, 2]]), 1, 2, [0], [3, 3], { samples: 0, seed: 0 }).value).toBe(2);
    // (0,2) (1,1) (2,0) under (3,3): 3·1 + 2·1 + 1·1 = 6.
    expect(
      hypervolume(
        columns([
          [0, 2],
          [1, 1],
          [2, 0],
        ]),
        3,
        2,
        [0, 1, 2],
        [3, 3],
        { samples: 0, seed: 0 },
      ).value,
    ).toBe(6);
    // (0,0,1) and (1,1,0) under (2,2,2): 2·2·1 + 1·1·2 − 1·1·1 = 5.
    const x = columns([
      [0, 0, 1],
      [1, 1, 0],
    ]);
    expect(hypervolume(x, 2, 3, [0, 1], [2, 2, 2], { samples: 0, seed: 0 }).value).toBe(5);
  });
});

describe('Monte Carlo hypervolume (4 to 6 objectives)', () => {
  it('is within 4 standard errors of inclusion–exclusion, seeded and reproducible', () => {
    for (const m of [3, 4, 5, 6]) {
      const rows = randomRows(m, 10, m, false);
      const ref = new Array<number>(m).fill(9);
      const x = columns(rows);
      const opts = { samples: 40_000, seed: 5, forceMonteCarlo: true };
      const hv = hypervolume(x, 10, m, all(10), ref, opts);
      expect(hv.method).toBe('monte_carlo');
      expect(hv.samples).toBe(40_000);
      const exact = inclusionExclusionHypervolume(rows, ref);
      expect(Math.abs(hv.value - exact)).toBeLessThan(4 * hv.standardError!);
      expect(hypervolume(x, 10, m, all(10), ref, opts)).toEqual(hv);
    }
  });

  it('is 0 with no point inside the reference box', () => {
    const hv = hypervolume(columns([[5, 5, 5, 5]]), 1, 4, [0], [1, 1, 1, 1], { samples: 1000, seed: 1 });
    expect(hv).toMatchObject({ value: 0, standardError: 0, outside: 1 });
  });
});
