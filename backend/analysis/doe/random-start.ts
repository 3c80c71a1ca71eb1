/**
 * Seeded random starting designs for the exchange: random rows, then greedy completion, kept nonsingular even when
 * the random rows alone are not.
 */
import type { Rng } from '../random/rng.js';
import { DesignError } from './design-error.js';
import type { DesignState } from './design-state.js';
import type { PreparedDesignProblem } from './exchange.js';
import { REFRESH_EVERY } from './exchange-passes.js';
import { rankError } from './rank-error.js';

/** Orthonormal rows spanning the design so far, to keep a random start nonsingular. */
class SpanTracker {
  private readonly basis: Float64Array;
  private readonly r: Float64Array;
  rank = 0;
  constructor(private readonly p: number) {
    this.basis = new Float64Array(p * p);
    this.r = new Float64Array(p);
  }
  /** Adds a[offset..offset+p) if it raises the rank (relative residual² > 1e-9); returns whether it did. */
  tryAdd(a: Float64Array, offset: number): boolean {
    const { p, basis, r } = this;
    if (this.rank >= p) return false;
    let norm2 = 0;
    for (let k = 0; k < p; k++) {
      r[k] = a[offset + k]!;
      norm2 += r[k]! * r[k]!;
    }
    if (!(norm2 > 0)) return false;
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < this.rank; q++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += basis[q * p + k]! * r[k]!;
        for (let k = 0; k < p; k++) r[k]! -= s * basis[q * p + k]!;
      }
    }
    let res2 = 0;
    for (let k = 0; k < p; k++) res2 += r[k]! * r[k]!;
    if (!(res2 > 1e-9 * norm2)) return false;
    const scale = 1 / Math.sqrt(res2);
    for (let k = 0; k < p; k++) basis[this.rank * p + k] = r[k]! * scale;
    this.rank++;
    return true;
  }
}

/**
 * Puts `nRandom` seeded random selectable candidates into the (reset) design and returns how many candidates are
 * selectable; `order` holds them, the drawn ones first. Mutates `state` and `order`.
 */
export function drawRandomRows(
  prep: PreparedDesignProblem,
  state: DesignState,
  rng: Rng,
  order: Int32Array,
): number {
  const { p, nCandidates: n, excluded, nNew } = prep;
  let m = 0;
  for (let j = 0; j < n; j++) if (excluded[j] === 0) order[m++] = j;
  const nRandom = Math.min(nNew, 1 + rng.int(Math.max(1, Math.min(p, nNew))));
  state.reset();
  for (let drawn = 0; drawn < nRandom; drawn++) {
    const k = drawn + rng.int(m - drawn);
    const j = order[k]!;
    order[k] = order[drawn]!;
    order[drawn] = j;
    state.selected[state.size++] = j;
    state.blocked[j] = 1;
  }
  return m;
}

/**
 * Completes a start whose random rows are drawn and whose state is refreshed with the ridge: greedy completion,
 * then the criterion's weight without the ridge, falling back to a rank-raising start when that is singular.
 * `m` is what drawRandomRows returned. Mutates `state` and `order`.
 */
export function completeStart(
  prep: PreparedDesignProblem,
  state: DesignState,
  rng: Rng,
  order: Int32Array,
  m: number,
): void {
  greedyComplete(prep, state);
  state.ridge = null;
  const weight = prep.criterion === 'A' ? identity(prep.p) : prep.criterion === 'I' ? prep.moments : null;
  if (!state.useWeight(weight)) rankRaisingStart(prep, state, rng, order, m, weight);
}

/**
 * A seeded random start: `nRandom` random selectable rows, then greedy completion to nNew rows (each added row the
 * candidate of largest d(x), ties to the lower index) with d computed from M + ridge, so the completion also works
 * while the random rows alone are singular. If the result is singular (the ridge hid a rank deficiency), falls back
 * to random rank-raising rows followed by greedy completion on the true M. Leaves `state` refreshed with the
 * criterion's weight.
 */
export function randomStart(
  prep: PreparedDesignProblem,
  state: DesignState,
  rng: Rng,
  order: Int32Array,
): void {
  const m = drawRandomRows(prep, state, rng, order);
  state.ridge = prep.ridge;
  if (!state.useWeight(null)) throw new Error('randomStart: ridged information matrix is singular');
  completeStart(prep, state, rng, order, m);
}

/** Adds the candidate of largest d(x) (D) or largest trace decrease e(x)/(1 + d(x)) until the design is full. */
export function greedyComplete(prep: PreparedDesignProblem, state: DesignState): void {
  const { nCandidates: n, nNew } = prep;
  const traceGreedy = state.weight !== null;
  while (state.size < nNew) {
    if (state.updates >= REFRESH_EVERY) state.upkeep();
    let best = -1;
    let bestScore = -Infinity;
    for (let j = 0; j < n; j++) {
      if (state.blocked[j] !== 0) continue;
      const score = traceGreedy ? state.e[j]! / (1 + state.d[j]!) : state.d[j]!;
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    state.add(best);
  }
}

/** The fallback start: random rows that raise the rank until the design is nonsingular, then greedy completion. */
function rankRaisingStart(
  prep: PreparedDesignProblem,
  state: DesignState,
  rng: Rng,
  order: Int32Array,
  m: number,
  weight: Float64Array | null,
): void {
  const { p, rows, fixedRows, nFixed, nNew } = prep;
  state.reset();
  const span = new SpanTracker(p);
  for (let i = 0; i < nFixed; i++) span.tryAdd(fixedRows, i * p);
  const fixedRank = span.rank;
  let drawn = 0;
  while (state.size < nNew && span.rank < p && drawn < m) {
    const k = drawn + rng.int(m - drawn);
    const j = order[k]!;
    order[k] = order[drawn]!;
    order[drawn] = j;
    drawn++;
    if (span.tryAdd(rows, j * p)) {
      state.selected[state.size++] = j;
      state.blocked[j] = 1;
    }
  }
  if (span.rank < p) {
    if (drawn >= m) throw rankError(prep);
    throw new DesignError(
      `too few runs: the ${nFixed} existing run(s) span only ${fixedRank} of ${p} model terms, so at least ` +
        `${p - fixedRank} new runs are needed, but ${nNew} were requested`,
      'too_few_runs',
    );
  }
  if (!state.useWeight(weight)) throw rankError(prep);
  greedyComplete(prep, state);
  state.refresh();
}

export function identity(p: number): Float64Array {
  const m = new Float64Array(p * p);
  for (let k = 0; k < p; k++) m[k * p + k] = 1;
  return m;
}
