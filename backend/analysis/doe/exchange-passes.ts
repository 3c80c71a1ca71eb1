/**
 * Modified Fedorov passes: for each design point in turn, the best exchange against every selectable candidate,
 * with candidates skipped only when an exact upper bound on their gain cannot beat the best found so far.
 */
import type { AbortSignalLike } from '../linear/ols.js';
import type { DesignState } from './design-state.js';
import type { PreparedDesignProblem } from './exchange.js';
import { SINGULAR_TOLERANCE, symmetricTimes } from './information-matrix.js';

/** Relative improvement an exchange must bring to be taken. */
export const EXCHANGE_TOLERANCE = 1e-9;
/** Full recomputation of M⁻¹ and of every candidate's variances after this many rank-one/two updates. */
export const REFRESH_EVERY = 50;
/** Passes after which the exchange stops even if the last pass still improved (never reached in practice). */
export const MAX_PASSES = 500;

/** The best exchange for design position t under D: candidate index, or −1 if none gains > tolerance. */
export function bestDExchange(
  prep: PreparedDesignProblem,
  state: DesignState,
  t: number,
  u: Float64Array,
): number {
  const { p, nCandidates: n, rows } = prep;
  const { d, blocked, inv } = state;
  const i = state.selected[t]!;
  symmetricTimes(inv, p, rows, i * p, u);
  const di = d[i]!;
  let best = EXCHANGE_TOLERANCE;
  let bestJ = -1;
  // Seed the bound with the candidate of largest variance, the usual winner.
  let jMax = -1;
  let dMax = -Infinity;
  for (let j = 0; j < n; j++) {
    if (blocked[j] === 0 && d[j]! > dMax) {
      dMax = d[j]!;
      jMax = j;
    }
  }
  const gain = (j: number): number => {
    const o = j * p;
    let dij = 0;
    for (let k = 0; k < p; k++) dij += u[k]! * rows[o + k]!;
    const dj = d[j]!;
    return dj - di - di * dj + dij * dij;
  };
  if (jMax >= 0) {
    const g0 = gain(jMax);
    if (g0 > best) {
      best = g0;
      bestJ = jMax;
    }
  }
  for (let j = 0; j < n; j++) {
    if (blocked[j] !== 0 || j === jMax) continue;
    const dj = d[j]!;
    // Δ ≤ d(y) − d(x) (+ rounding slack on d(x, y)² ≤ d(x)d(y)).
    if (dj - di + 1e-12 * (di * dj + 1) < best) continue;
    const o = j * p;
    let dij = 0;
    for (let k = 0; k < p; k++) dij += u[k]! * rows[o + k]!;
    const delta = dj - di - di * dj + dij * dij;
    if (delta > best || (delta === best && bestJ >= 0 && j < bestJ)) {
      best = delta;
      bestJ = j;
    }
  }
  return bestJ;
}

/** The best exchange for design position t under a trace criterion (A, I), or −1. */
export function bestTraceExchange(
  prep: PreparedDesignProblem,
  state: DesignState,
  t: number,
  u: Float64Array,
  gi: Float64Array,
): number {
  const { p, nCandidates: n, rows } = prep;
  const { d, e, blocked, inv, g } = state;
  const i = state.selected[t]!;
  symmetricTimes(inv, p, rows, i * p, u);
  symmetricTimes(g, p, rows, i * p, gi);
  const di = d[i]!;
  const ei = e[i]!;
  const keep = 1 - di;
  const prune = keep > 1e-8;
  let best = EXCHANGE_TOLERANCE * Math.abs(state.trace);
  let bestJ = -1;
  for (let j = 0; j < n; j++) {
    if (blocked[j] !== 0) continue;
    const dj = d[j]!;
    const ej = e[j]!;
    if (prune) {
      // gain ≤ [(1−d_i)e_j + 2√(d_i d_j e_i e_j) − (1+d_j)e_i] / ((1+d_j)(1−d_i)) by Cauchy–Schwarz in M⁻¹ and G.
      const bound = keep * ej + 2 * (1 + 1e-9) * Math.sqrt(Math.max(0, di * dj * ei * ej)) - (1 + dj) * ei;
      if (bound < best * (1 + dj) * keep) continue;
    }
    const o = j * p;
    let dij = 0;
    let eij = 0;
    for (let k = 0; k < p; k++) {
      const x = rows[o + k]!;
      dij += u[k]! * x;
      eij += gi[k]! * x;
    }
    const r = (1 + dj) * keep + dij * dij;
    if (!(r > SINGULAR_TOLERANCE)) continue;
    const gain = (keep * ej + 2 * dij * eij - (1 + dj) * ei) / r;
    if (gain > best || (gain === best && bestJ >= 0 && j < bestJ)) {
      best = gain;
      bestJ = j;
    }
  }
  return bestJ;
}

/**
 * One pass: each design position in turn takes its best exchange, if any gains more than the tolerance. Returns
 * whether anything changed. Mutates `state`, `u` and `gi` (scratch of length p).
 */
export function exchangePass(
  prep: PreparedDesignProblem,
  state: DesignState,
  u: Float64Array,
  gi: Float64Array,
): boolean {
  let changed = false;
  for (let t = 0; t < state.size; t++) {
    if (state.updates >= REFRESH_EVERY) state.upkeep();
    const j =
      state.weight === null ? bestDExchange(prep, state, t, u) : bestTraceExchange(prep, state, t, u, gi);
    if (j >= 0) {
      state.exchange(t, j);
      changed = true;
    }
  }
  return changed;
}

/**
 * Modified Fedorov passes until a full pass makes no exchange; returns whether any exchange was made. Mutates
 * `state`.
 */
export function exchangePasses(
  prep: PreparedDesignProblem,
  state: DesignState,
  signal: AbortSignalLike | undefined,
): boolean {
  const u = new Float64Array(prep.p);
  const gi = new Float64Array(prep.p);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    signal?.throwIfAborted();
    if (!exchangePass(prep, state, u, gi)) return pass > 0;
  }
  return true;
}
