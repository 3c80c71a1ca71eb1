import { describe, expect, it } from 'vitest';
import {
  DOE_REFERENCE,
  doeProblem,
  gridPoints,
  polynomialMatrix,
  type DoeProblem,
} from '../__fixtures__/doe-reference.js';
import { householderQr, invertR } from '../linear/householder-qr.js';
import { createRng } from '../random/rng.js';
import { evaluateDesign } from './criteria.js';
import { DesignError } from './design-error.js';
import {
  bestOfStarts,
  exchangeStart,
  optimalDesign,
  prepareDesignProblem,
  type DesignCriterion,
  type DesignProblem,
} from './exchange.js';

/** Column-major rows `idx` of the column-major n×p `x`, stacked under the column-major e×p `fixed`. */
function stack(
  x: Float64Array,
  n: number,
  p: number,
  idx: ArrayLike<number>,
  fixed: Float64Array = new Float64Array(0),
): Float64Array {
  const e = fixed.length / p;
  const m = e + idx.length;
  const out = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    for (let r = 0; r < e; r++) out[j * m + r] = fixed[j * e + r]!;
    for (let r = 0; r < idx.length; r++) out[j * m + e + r] = x[j * n + idx[r]!]!;
  }
  return out;
}

/**
 * Independent criterion values through our pivoted QR (X·P = Q·R, so (XᵀX)⁻¹ = P·R⁻¹R⁻ᵀ·Pᵀ): ln det = Σ ln R_kk²,
 * A = trace, I = trace(B·(XᵀX)⁻¹) with B the candidates' moment matrix.
 */
function qrValues(design: Float64Array, m: number, p: number, cand: Float64Array, n: number) {
  const f = householderQr(design, m, p);
  if (f.rank < p) return { logDet: null, a: null, i: null };
  let logDet = 0;
  for (let k = 0; k < p; k++) logDet += Math.log(f.qr[k + k * m]! ** 2);
  const rInv = invertR(f);
  const inv = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += rInv[k * p + a]! * rInv[k * p + b]!;
      inv[f.pivot[b]! * p + f.pivot[a]!] = s;
    }
  let a = 0;
  for (let k = 0; k < p; k++) a += inv[k * p + k]!;
  let i = 0;
  for (let c = 0; c < n; c++)
    for (let u = 0; u < p; u++)
      for (let v = 0; v < p; v++) i += (cand[u * n + c]! * inv[v * p + u]! * cand[v * n + c]!) / n;
  return { logDet, a, i };
}

function problemOf(ref: DoeProblem, criterion: DesignCriterion, seed: number, nStarts = 10): DesignProblem {
  const { x, p } = polynomialMatrix(ref.points, ref.model);
  const fixed = ref.fixed.length > 0 ? polynomialMatrix(ref.fixed, ref.model).x : new Float64Array(0);
  return {
    candidates: x,
    nCandidates: ref.points.length,
    p,
    fixed,
    nFixed: ref.fixed.length,
    nNew: ref.n_new,
    criterion,
    nStarts,
    seed,
    terms: ref.terms,
  };
}

function relClose(a: number | null, b: number, tol: number): void {
  expect(a).not.toBeNull();
  expect(Math.abs(a! - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}

describe('optimalDesign finds the enumerated optimum (doe-reference.json, NumPy)', () => {
  const cases = DOE_REFERENCE.problems.flatMap((ref) =>
    (['D', 'A', 'I'] as const).map((criterion) => [ref.name, criterion] as const),
  );
  it.each(cases)('%s, %s: every seed of 1..5 reaches the optimum', (name, criterion) => {
    const ref = doeProblem(name);
    const target = ref.optimum[criterion].value;
    for (let seed = 1; seed <= 5; seed++) {
      const sol = optimalDesign(problemOf(ref, criterion, seed));
      relClose(sol.value, target, 1e-9);
      expect(new Set(sol.selected).size).toBe(ref.n_new);
      if (seed === 1) {
        const pts = Array.from(
          sol.selected,
          (j) => `(${ref.points[j]!.map((v) => +v.toFixed(3)).join(',')})`,
        );
        console.log(
          `${name} ${criterion}: optimum ${sol.value!.toFixed(6)} of ${ref.designs} designs; found ${pts.join(' ')}`,
        );
      }
    }
  });

  it('D_then_I never ends worse by I than the D-optimal design it starts from', () => {
    const ref = doeProblem('random14-quadratic-7');
    const d = optimalDesign(problemOf(ref, 'D', 3));
    const di = optimalDesign(problemOf(ref, 'D_then_I', 3));
    const prep = prepareDesignProblem(problemOf(ref, 'I', 3));
    const { x, p } = polynomialMatrix(ref.points, ref.model);
    const iOfD = qrValues(stack(x, ref.points.length, p, d.selected), ref.n_new, p, x, ref.points.length).i!;
    expect(di.value!).toBeLessThanOrEqual(iOfD * (1 + 1e-12));
    relClose(di.value, ref.optimum.I.value, 1e-9);
    expect(prep.moments).not.toBeNull();
  });
});

describe('textbook D-optimal designs', () => {
  it('the 2³ factorial is D-optimal for main effects + two-factor interactions in 8 runs (from the 3³ grid)', () => {
    // Hadamard: det M ≤ Π M_kk ≤ 8^7 for |x| ≤ 1, with equality for the orthogonal 2³ factorial.
    const pts = gridPoints([-1, 0, 1], 3);
    const { x, p } = polynomialMatrix(pts, 'interactions');
    const sol = optimalDesign({
      candidates: x,
      nCandidates: pts.length,
      p,
      fixed: new Float64Array(0),
      nFixed: 0,
      nNew: 8,
      criterion: 'D',
      nStarts: 5,
      seed: 11,
    });
    relClose(sol.logDet, 7 * Math.log(8), 1e-12);
    expect(Array.from(sol.selected, (j) => pts[j]!.every((v) => Math.abs(v) === 1))).toEqual(
      Array(8).fill(true),
    );
    const crit = evaluateDesign(stack(x, pts.length, p, sol.selected), 8, p, x, pts.length);
    relClose(crit.dEfficiency, 100, 1e-12);
    console.log(
      `2^3 factorial: ln|X'X| = ${sol.logDet!.toFixed(6)} (7 ln 8), D-efficiency ${crit.dEfficiency!.toFixed(6)}`,
    );
  });

  it('the 3² factorial is D-optimal for the quadratic in 2 factors in 9 runs (from the 5×5 grid)', () => {
    const ref = doeProblem('grid5x5-quadratic-9');
    const sol = optimalDesign(problemOf(ref, 'D', 2));
    expect(Array.from(sol.selected, (j) => ref.points[j]!)).toEqual(gridPoints([-1, 0, 1], 2));
    relClose(sol.logDet, ref.optimum.D.value, 1e-12);
    console.log(
      `3^2 factorial: |X'X| = ${Math.exp(sol.logDet!).toFixed(3)} (enumeration over ${ref.designs} designs)`,
    );
  });

  it('the 6-run D-optimal design for the quadratic on the 3×3 grid has |XᵀX| = 256', () => {
    // Atkinson, Donev & Tobias tabulate exact D-optimum designs for the second-order model on the 3² grid; the
    // enumeration in doe-reference.json confirms max |X'X| = 256 for N = 6 (and 960 for N = 7).
    const six = optimalDesign(problemOf(doeProblem('grid3x3-quadratic-6'), 'D', 1));
    const seven = optimalDesign(problemOf(doeProblem('grid3x3-quadratic-7'), 'D', 1));
    expect(Math.exp(six.logDet!)).toBeCloseTo(256, 9);
    expect(Math.exp(seven.logDet!)).toBeCloseTo(960, 8);
  });
});

describe('augmentation', () => {
  const pts = gridPoints([-1, -1 / 3, 1 / 3, 1], 3);
  const { x, p } = polynomialMatrix(pts, 'quadratic');
  const n = pts.length;

  function value(criterion: DesignCriterion, fixed: Float64Array, chosen: ArrayLike<number>): number {
    const v = qrValues(stack(x, n, p, chosen, fixed), fixed.length / p + chosen.length, p, x, n);
    if (v.logDet === null) return criterion === 'D' ? -Infinity : Infinity;
    return criterion === 'D' ? v.logDet : criterion === 'A' ? v.a! : v.i!;
  }

  /** One new run at a time, each the best by the criterion given the runs so far. */
  function greedy(
    criterion: DesignCriterion,
    fixed: Float64Array,
    exclude: Set<number>,
    nNew: number,
  ): number[] {
    const chosen: number[] = [];
    for (let r = 0; r < nNew; r++) {
      let best = -1;
      let bestValue = 0;
      for (let j = 0; j < n; j++) {
        if (exclude.has(j) || chosen.includes(j)) continue;
        const v = value(criterion, fixed, [...chosen, j]);
        if (best < 0 || (criterion === 'D' ? v > bestValue : v < bestValue)) {
          best = j;
          bestValue = v;
        }
      }
      chosen.push(best);
    }
    return chosen;
  }

  it.each(['D', 'A', 'I'] as const)(
    '%s: keeps every existing run and is never worse than greedy (5 seeds)',
    (criterion) => {
      for (let seed = 1; seed <= 5; seed++) {
        const rng = createRng(100 + seed);
        const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
        const existing = Array.from(order.subarray(0, 12));
        const fixed = stack(x, n, p, existing);
        const exclude = Int32Array.from(existing);
        const sol = optimalDesign({
          candidates: x,
          nCandidates: n,
          p,
          fixed,
          nFixed: 12,
          exclude,
          nNew: 6,
          criterion,
          nStarts: 5,
          seed,
        });
        expect(sol.selected.length).toBe(6);
        expect(new Set(sol.selected).size).toBe(6);
        for (const j of sol.selected) expect(existing).not.toContain(j);
        const engine = value(criterion, fixed, sol.selected);
        relClose(sol.value, engine, 1e-10);
        const g = value(criterion, fixed, greedy(criterion, fixed, new Set(existing), 6));
        if (criterion === 'D') expect(engine).toBeGreaterThanOrEqual(g - 1e-12 * Math.abs(g));
        else expect(engine).toBeLessThanOrEqual(g * (1 + 1e-12));
      }
    },
  );

  it('matches the enumerated optimum with 3 existing runs plus 4 new on the 3×3 grid', () => {
    const ref = doeProblem('grid3x3-quadratic-augment-3+4');
    for (const c of ['D', 'A', 'I'] as const)
      relClose(optimalDesign(problemOf(ref, c, 9)).value, ref.optimum[c].value, 1e-9);
  });
});

describe('determinism and accuracy', () => {
  const rng = createRng(5);
  const pts = Array.from({ length: 300 }, () => [rng.next() * 2 - 1, rng.next() * 2 - 1, rng.next() * 2 - 1]);
  const { x, p } = polynomialMatrix(pts, 'quadratic');
  const base = {
    candidates: x,
    nCandidates: pts.length,
    p,
    fixed: new Float64Array(0),
    nFixed: 0,
    nNew: 14,
    nStarts: 6,
    seed: 42,
  };

  it.each(['D', 'A', 'I', 'D_then_I'] as const)(
    '%s: same seed → identical design and values',
    (criterion) => {
      const a = optimalDesign({ ...base, criterion });
      const b = optimalDesign({ ...base, criterion });
      expect(Array.from(b.selected)).toEqual(Array.from(a.selected));
      expect(b.value).toBe(a.value);
      expect(b.bestStart).toBe(a.bestStart);
      // Starts are independent of the order they run in (for worker threads).
      const prep = prepareDesignProblem({ ...base, criterion });
      const perStart = [5, 4, 3, 2, 1, 0].map((s) => exchangeStart(prep, 42, s)).reverse();
      const best = bestOfStarts(criterion, perStart);
      expect(Array.from(best.selected)).toEqual(Array.from(a.selected));
      expect(best.bestStart).toBe(a.bestStart);
    },
  );

  it('reports ln det, A and I that agree with an independent QR computation to 1e-10', () => {
    for (const criterion of ['D', 'A', 'I'] as const) {
      const sol = optimalDesign({ ...base, criterion });
      const q = qrValues(stack(x, pts.length, p, sol.selected), 14, p, x, pts.length);
      relClose(sol.logDet, q.logDet!, 1e-10);
      relClose(sol.value, criterion === 'D' ? q.logDet! : criterion === 'A' ? q.a! : q.i!, 1e-10);
    }
  });

  it('reports progress once per start and stops on abort', () => {
    const fractions: number[] = [];
    optimalDesign({ ...base, criterion: 'D', onProgress: (f) => fractions.push(f) });
    expect(fractions).toEqual([1, 2, 3, 4, 5, 6].map((s) => s / 6));
    const signal = {
      aborted: true,
      throwIfAborted: () => {
        throw new Error('aborted');
      },
    };
    expect(() => optimalDesign({ ...base, criterion: 'D', signal })).toThrow('aborted');
  });
});

describe('bad input gives a DesignError naming the cause, never NaN', () => {
  const terms = ['(Intercept)', 'x1', 'x2', 'x1:x2', 'x1^2', 'x2^2'];
  function run(pts: number[][], nNew: number, extra: Partial<DesignProblem> = {}) {
    const { x, p } = polynomialMatrix(pts, 'quadratic');
    return () =>
      optimalDesign({
        candidates: x,
        nCandidates: pts.length,
        p,
        fixed: new Float64Array(0),
        nFixed: 0,
        nNew,
        criterion: 'D',
        nStarts: 2,
        seed: 1,
        terms,
        ...extra,
      });
  }
  function error(f: () => unknown): DesignError {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(DesignError);
      return e as DesignError;
    }
    throw new Error('expected a DesignError');
  }

  it('fewer candidates than model terms', () => {
    const e = error(
      run(
        [
          [0, 0],
          [1, 0],
          [0, 1],
        ],
        3,
      ),
    );
    expect(e.reason).toBe('too_few_candidates');
    expect(e.message).toMatch(/3 selectable candidate\(s\).*6 model terms/);
  });

  it('a factor with one level in a quadratic model', () => {
    const e = error(
      run(
        [-1, -0.5, 0, 0.5, 1, 0.25, -0.25].map((a) => [a, 0.5]),
        6,
      ),
    );
    expect(e.dependentColumns).toEqual([2, 3, 5]);
    expect(e.reason).toBe('rank_deficient');
    expect(e.message).toContain("'x2'");
    expect(e.message).toContain('single level');
  });

  it('a two-level factor in a quadratic model (x1² equals the intercept)', () => {
    const e = error(
      run(
        gridPoints([-1, 1], 1).flatMap(([a]) => [-1, 0, 1].map((b) => [a!, b])),
        6,
      ),
    );
    expect(e.reason).toBe('rank_deficient');
    expect(e.message).toContain("'x1^2'");
    expect(e.dependentColumns).toEqual([4]);
  });

  it('fewer runs than terms, and existing runs that span too little for the new runs requested', () => {
    expect(error(run(gridPoints([-1, 0, 1], 2), 5)).reason).toBe('too_few_runs');
    const same = polynomialMatrix(
      Array.from({ length: 5 }, () => [0, 0]),
      'quadratic',
    ).x;
    const e = error(run(gridPoints([-1, 0, 1], 2), 3, { fixed: same, nFixed: 5 }));
    expect(e.reason).toBe('too_few_runs');
    expect(e.message).toContain('span only 1 of 6');
  });

  it('more new runs than selectable candidates, and non-finite candidates', () => {
    const pts = gridPoints([-1, 0, 1], 2);
    expect(error(run(pts, 8, { exclude: Int32Array.from([0, 1]) })).reason).toBe('too_few_candidates');
    const { x, p } = polynomialMatrix(pts, 'quadratic');
    x[3] = Number.NaN;
    const e = error(() =>
      optimalDesign({
        candidates: x,
        nCandidates: 9,
        p,
        fixed: new Float64Array(0),
        nFixed: 0,
        nNew: 6,
        criterion: 'D',
        nStarts: 1,
        seed: 1,
      }),
    );
    expect(e.reason).toBe('bad_input');
  });
});
