import { describe, expect, it } from 'vitest';
import { polynomialMatrix } from '../__fixtures__/doe-reference.js';
import { createRng } from '../random/rng.js';
import { DesignState, varianceSweep } from './design-state.js';
import { bestDExchange, exchangePass } from './exchange-passes.js';
import {
  designValue,
  exchangeStart,
  optimalDesign,
  prepareDesignProblem,
  type DesignProblem,
} from './exchange.js';
import { quadraticForm } from './information-matrix.js';
import { RankedCandidates, rankedExchangePass } from './ranked-pass.js';
import { workingSetSize } from './working-set.js';

/** A D problem on `n` random points of [-1, 1]^k with the full quadratic model. */
function randomProblem(n: number, k: number, nNew: number, seed: number): DesignProblem {
  const rng = createRng(seed);
  const pts = Array.from({ length: n }, () => Array.from({ length: k }, () => 2 * rng.next() - 1));
  const { x, p } = polynomialMatrix(pts, 'quadratic');
  return {
    candidates: x,
    nCandidates: n,
    p,
    fixed: new Float64Array(0),
    nFixed: 0,
    nNew,
    criterion: 'D',
    nStarts: 4,
    seed,
  };
}

/** `size` distinct random candidate indices. */
function randomDesign(n: number, size: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const chosen = new Set<number>();
  while (chosen.size < size) chosen.add(rng.int(n));
  return Int32Array.from(chosen);
}

describe('varianceSweep', () => {
  it('gives every row its quadratic form (blocks of eight and the tail alike)', () => {
    const rng = createRng(3);
    const p = 7;
    const n = 8 * 5 + 3;
    const rows = Float64Array.from({ length: n * p }, () => 2 * rng.next() - 1);
    const a = new Float64Array(p * p);
    for (let i = 0; i < p; i++)
      for (let j = 0; j <= i; j++) {
        const v = i === j ? 2 + rng.next() : 0.3 * (rng.next() - 0.5);
        a[i * p + j] = v;
        a[j * p + i] = v;
      }
    const d = new Float64Array(n);
    varianceSweep(a, p, rows, n, d);
    for (let j = 0; j < n; j++) {
      const q = quadraticForm(a, p, rows, j * p);
      expect(Math.abs(d[j]! - q)).toBeLessThanOrEqual(1e-13 * Math.max(1, q));
    }
  });
});

describe('rankedExchangePass', () => {
  // 3,000 × 10 keeps the rows in place; 30,000 × 10 copies them into the ranked block.
  it.each([3000, 30_000])('makes exactly the exchanges of the plain pass (N = %i)', (n) => {
    const prep = prepareDesignProblem(randomProblem(n, 3, 14, 7));
    const start = randomDesign(n, 14, 11);
    const plain = new DesignState(prep);
    const ranked = new DesignState(prep);
    expect(plain.load(start, null)).toBe(true);
    expect(ranked.load(start, null)).toBe(true);
    const memory = new RankedCandidates(prep);
    const u = new Float64Array(prep.p);
    const gi = new Float64Array(prep.p);
    let passes = 0;
    for (;;) {
      const a = exchangePass(prep, plain, u, gi);
      const b = rankedExchangePass(ranked, memory);
      expect(b).toBe(a);
      expect(Array.from(ranked.selected)).toEqual(Array.from(plain.selected));
      expect(ranked.logDet).toBe(plain.logDet);
      passes++;
      if (!a) break;
    }
    expect(passes).toBeGreaterThan(1);
  });
});

describe('the working-set D exchange (large candidate sets)', () => {
  const problem = randomProblem(9000, 3, 14, 5);
  const prep = prepareDesignProblem(problem);

  it('takes the working-set path on this instance', () => {
    expect(workingSetSize(prep)).toBeGreaterThan(0);
  });

  it('ends every start in a local optimum over all N, with every d matching a recomputation', () => {
    const state = new DesignState(prep);
    const order = new Int32Array(prep.nCandidates);
    const u = new Float64Array(prep.p);
    for (let s = 0; s < 3; s++) {
      const r = exchangeStart(prep, problem.seed, s, undefined, { state, order });
      // The d the exchange kept up to date (replayed exchanges included) against a fresh sweep.
      const kept = Float64Array.from(state.d);
      const fresh = new DesignState(prep);
      expect(fresh.load(r.selected, null)).toBe(true);
      for (let j = 0; j < prep.nCandidates; j++)
        expect(Math.abs(kept[j]! - fresh.d[j]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, fresh.d[j]!));
      // No exchange of any design point with any candidate gains more than the tolerance.
      for (let t = 0; t < fresh.size; t++) expect(bestDExchange(prep, fresh, t, u)).toBe(-1);
      expect(r.logDet).toBeCloseTo(fresh.logDet, 9);
    }
  });

  it('is deterministic for a seed and independent of the order the starts run in', () => {
    const a = optimalDesign(problem);
    const b = optimalDesign(problem);
    expect(Array.from(b.selected)).toEqual(Array.from(a.selected));
    expect(b.logDet).toBe(a.logDet);
    const reversed = [3, 2, 1, 0].map((s) => exchangeStart(prep, problem.seed, s)).reverse();
    const best = reversed.reduce((i, r, s) => (r.logDet! > reversed[i]!.logDet! + 1e-12 ? s : i), 0);
    expect(best).toBe(a.bestStart);
    expect(Array.from(reversed[best]!.selected)).toEqual(Array.from(a.selected));
  });

  it('augments existing runs, never picks excluded candidates and still ends in a local optimum', () => {
    const existing = randomProblem(3, 3, 1, 99);
    const exclude = Int32Array.from({ length: 300 }, (_, q) => q * 30);
    const augmented: DesignProblem = {
      ...problem,
      fixed: existing.candidates,
      nFixed: 3,
      nNew: 12,
      exclude,
      nStarts: 2,
    };
    const aprep = prepareDesignProblem(augmented);
    expect(workingSetSize(aprep)).toBeGreaterThan(0);
    const sol = optimalDesign(augmented);
    const banned = new Set(exclude);
    for (const j of sol.selected) expect(banned.has(j)).toBe(false);
    const fresh = new DesignState(aprep);
    expect(fresh.load(sol.selected, null)).toBe(true);
    const u = new Float64Array(aprep.p);
    for (let t = 0; t < fresh.size; t++) expect(bestDExchange(aprep, fresh, t, u)).toBe(-1);
  });

  it('D_then_I never ends worse by I than the working-set D design it starts from', () => {
    const d = optimalDesign({ ...problem, nStarts: 2 });
    const di = optimalDesign({ ...problem, nStarts: 2, criterion: 'D_then_I' });
    const iPrep = prepareDesignProblem({ ...problem, criterion: 'I' });
    const iOfD = designValue(iPrep, d.selected).value!;
    expect(di.value).not.toBeNull();
    expect(di.value!).toBeLessThanOrEqual(iOfD * (1 + 1e-12));
  });
});
