import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { bruteForceRanks } from './brute-force.testing.js';
import { lexOrder } from './lex-order.js';
import { frontMembers, nonDominatedSort } from './non-dominated-sort.js';

/** Column-major n × m points: continuous, integer-valued (many ties), or with duplicated rows. */
function randomPoints(seed: number, n: number, m: number, kind: 'real' | 'int' | 'dup'): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      x[j * n + i] = kind === 'real' ? rng.normal() : rng.int(kind === 'int' ? 4 : 1000) - 2;
    }
  }
  if (kind === 'dup') {
    for (let i = 1; i < n; i += 3) {
      const src = rng.int(i);
      for (let j = 0; j < m; j++) x[j * n + i] = x[j * n + src]!;
    }
  }
  return x;
}

describe('lexOrder', () => {
  it('orders by objective 0, then 1, …, ties in row order; −0 equals +0, ±∞ at the ends', () => {
    const cols = [
      [1, -0, 0, -1, Infinity, -Infinity, 1, -2.5],
      [2, 1, 0, 5, 0, 0, 1, 3],
    ];
    const n = cols[0]!.length;
    const order = lexOrder(Float64Array.from(cols.flat()), n, 2);
    expect([...order]).toEqual([5, 7, 3, 2, 1, 6, 0, 4]);
  });

  it('matches a comparison sort on random data with ties', () => {
    for (let seed = 0; seed < 20; seed++) {
      const n = 500;
      const m = 1 + (seed % 4);
      const x = randomPoints(seed, n, m, seed % 2 === 0 ? 'int' : 'real');
      const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
        for (let j = 0; j < m; j++) {
          const d = x[j * n + a]! - x[j * n + b]!;
          if (d !== 0) return d;
        }
        return a - b;
      });
      expect([...lexOrder(x, n, m)]).toEqual(expected);
    }
  });
});

describe('nonDominatedSort equals the O(n²) peeling on random data', () => {
  for (const m of [2, 3, 4, 5, 6]) {
    for (const kind of ['real', 'int', 'dup'] as const) {
      it(`${m} objectives, ${kind} values, 30 seeds`, () => {
        for (let seed = 1; seed <= 30; seed++) {
          const n = 20 + ((seed * 37) % 180);
          const x = randomPoints(seed * 101 + m, n, m, kind);
          const fronts = nonDominatedSort(x, n, m);
          const expected = bruteForceRanks(x, n, m);
          expect([...fronts.rank]).toEqual([...expected]);
          expect(fronts.count).toBe(Math.max(...expected) + 1);
        }
      });
    }
  }

  it('duplicates of a non-dominated point all share rank 0; a single point; no points', () => {
    const x = Float64Array.from([1, 1, 2, 0, 1, 3, 3, 0, 5, 4]); // (1,3) (1,3) (2,0) (0,5) (1,4)
    expect([...nonDominatedSort(x, 5, 2).rank]).toEqual([0, 0, 0, 0, 1]);
    expect([...nonDominatedSort(Float64Array.from([3, 4, 5]), 1, 3).rank]).toEqual([0]);
    expect(nonDominatedSort(new Float64Array(0), 0, 3)).toEqual({ rank: new Int32Array(0), count: 0 });
  });

  it('groups members by front', () => {
    const x = Float64Array.from([1, 2, 3, 0, 3, 2, 1, 5]); // (1,3) (2,2) (3,1) (0,5)
    const fronts = nonDominatedSort(x, 4, 2);
    const { start, members } = frontMembers(fronts);
    expect([...start]).toEqual([0, 4]);
    expect([...members]).toEqual([0, 1, 2, 3]);
  });

  it('stops when the signal is aborted', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() =>
      nonDominatedSort(randomPoints(1, 100, 3, 'real'), 100, 3, { signal: controller.signal }),
    ).toThrow();
  });
});
