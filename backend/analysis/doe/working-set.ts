/**
 * Makes the D exchange on large candidate sets cheap without making it inexact: exchanges run on a small working
 * set (the design plus the candidates of largest prediction variance, copied into one contiguous block), and a
 * full pass over every candidate then either confirms that no exchange improves the design or makes the
 * improving exchanges and starts another round. The search ends only when a pass over all N candidates finds
 * nothing, the same stopping rule as plain passes, so the result is a local optimum over the whole set.
 *
 * Why it pays: each accepted exchange updates every tracked candidate's d in O(p), and most exchanges happen in
 * the first passes; on the working set those cost O(K·p) instead of O(N·p), and the block stays in cache.
 *
 * Rounds (issue #5): after each working set has nothing more to offer, the next one is taken from the current
 * d before any full pass, so the full passes (ranked-pass.ts: only the candidates that can gain, exact) mostly
 * find nothing; a working set's few changes reach the full state as replayed exchanges instead of a recomputation
 * of every d. This takes other exchanges than the previous rounds ("full pass, then a new working set"), so a
 * start can end in another local optimum: on the bench instance (50,000 candidates, 28 terms, 40 runs, 20
 * starts) the best ln det went from 73.9710 to 74.0324 and the mean over starts from 73.70 to 73.73.
 */
import type { AbortSignalLike } from '../linear/ols.js';
import { DesignState } from './design-state.js';
import type { PreparedDesignProblem } from './exchange.js';
import type { Rng } from '../random/rng.js';
import { REFRESH_EVERY } from './exchange-passes.js';
import { RankedCandidates, rankedExchangePass, rankedExchangePasses } from './ranked-pass.js';
import { completeStart, drawRandomRows, greedyComplete } from './random-start.js';

/** Working-set size: this many candidates per new run, at least WORKING_SET_MIN. */
export const WORKING_SET_PER_RUN = 50;
export const WORKING_SET_MIN = 2000;
const MAX_ROUNDS = 100;

/**
 * The k-th largest value (k ≥ 1) of values[0..m), by quickselect with Hoare partitioning (linear on average, also
 * with many equal values). Reorders `values`; returns the value.
 */
export function kthLargest(values: Float64Array, m: number, k: number): number {
  if (!(k >= 1 && k <= m)) throw new RangeError(`kthLargest: k = ${k} outside 1..${m}`);
  let lo = 0;
  let hi = m - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    // Median of three as pivot, so sorted or reversed input stays linear.
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target]!;
  }
  return values[target]!;
}

/**
 * Ascending candidate indices of the working set: the design's candidates plus the `k` unblocked candidates of
 * largest d (ties to the lower index). Pure apart from `scratch` (length ≥ n, overwritten; allocated if absent).
 */
export function workingSet(
  d: Float64Array,
  blocked: Uint8Array,
  selected: Int32Array,
  size: number,
  n: number,
  k: number,
  scratch?: Float64Array,
): Int32Array {
  const values = scratch !== undefined && scratch.length >= n ? scratch : new Float64Array(n);
  let m = 0;
  for (let j = 0; j < n; j++) if (blocked[j] === 0) values[m++] = d[j]!;
  const take = Math.min(k, m);
  const threshold = take > 0 ? kthLargest(values, m, take) : Infinity;
  let above = 0;
  for (let j = 0; j < n; j++) if (blocked[j] === 0 && d[j]! > threshold) above++;
  let ties = take - above;
  const out = new Int32Array(take + size);
  let w = 0;
  for (let t = 0; t < size; t++) out[w++] = selected[t]!;
  for (let j = 0; j < n; j++) {
    if (blocked[j] !== 0) continue;
    const dj = d[j]!;
    if (dj > threshold) out[w++] = j;
    else if (dj === threshold && ties > 0) {
      out[w++] = j;
      ties--;
    }
  }
  return out.subarray(0, w).sort();
}

/** The problem restricted to the candidates `ws` (ascending): their rows in one row-major block. Pure. */
function restrict(prep: PreparedDesignProblem, ws: Int32Array): PreparedDesignProblem {
  const { p, rows } = prep;
  const sub = new Float64Array(ws.length * p);
  for (let r = 0; r < ws.length; r++) sub.set(rows.subarray(ws[r]! * p, ws[r]! * p + p), r * p);
  return { ...prep, nCandidates: ws.length, rows: sub, excluded: new Uint8Array(ws.length), moments: null };
}

/** Local index of each candidate of the ascending `ws`, for the design's candidates. */
function localIndices(ws: Int32Array, selected: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size);
  for (let t = 0; t < size; t++) {
    let lo = 0;
    let hi = ws.length - 1;
    const target = selected[t]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ws[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    out[t] = lo;
  }
  return out;
}

/** Working-set size for a problem, or 0 when the set would not be much smaller than all candidates. */
export function workingSetSize(prep: PreparedDesignProblem): number {
  const k = Math.max(WORKING_SET_MIN, WORKING_SET_PER_RUN * prep.nNew);
  return 4 * (k + prep.nNew) > prep.nCandidates ? 0 : k;
}

/** A sub-problem's design state loaded with the full design's candidates (mapped to local indices). */
function subState(
  sub: PreparedDesignProblem,
  ws: Int32Array,
  state: DesignState,
  ridge: Float64Array | null,
): { sub: DesignState; ok: boolean } {
  const s = new DesignState(sub);
  const local = localIndices(ws, state.selected, state.size);
  s.reset();
  s.ridge = ridge;
  for (let t = 0; t < local.length; t++) {
    s.selected[t] = local[t]!;
    s.blocked[local[t]!] = 1;
  }
  s.size = local.length;
  return { sub: s, ok: s.refresh() };
}

/** What a start on working sets reuses from one start to the next on the same thread (O(N·p) at most). */
interface WorkingSetMemory {
  ranked: RankedCandidates;
  values: Float64Array;
}

const memories = new WeakMap<DesignState, WorkingSetMemory>();

function memoryOf(prep: PreparedDesignProblem, state: DesignState): WorkingSetMemory {
  let memory = memories.get(state);
  if (memory === undefined) {
    memory = { ranked: new RankedCandidates(prep), values: new Float64Array(prep.nCandidates) };
    memories.set(state, memory);
  }
  return memory;
}

/** Positions whose candidate changed beyond which `copyBack` recomputes every d instead of replaying exchanges. */
export const REPLAY_MAX = 6;

/**
 * Copies a sub-problem's design back into the full state (same positions). When only a few positions changed, the
 * full state replays them as exchanges (O(N·p) each, like any exchange); otherwise, or if a replayed exchange would
 * pass through a singular design, it reloads and recomputes every d (O(N·p²)).
 */
function copyBack(state: DesignState, ws: Int32Array, sub: DesignState): number {
  let changed = 0;
  for (let t = 0; t < sub.size; t++) if (ws[sub.selected[t]!]! !== state.selected[t]) changed++;
  if (changed === 0) return 0;
  // Replaying needs the full state to hold the same positions without a ridge (not so right after drawing a start).
  if (changed <= REPLAY_MAX && state.size === sub.size && state.ridge === null && state.weight === null) {
    let ok = true;
    for (let t = 0; t < sub.size && ok; t++) {
      const j = ws[sub.selected[t]!]!;
      if (j === state.selected[t]) continue;
      if (state.updates >= REFRESH_EVERY) state.upkeep();
      // j cannot be blocked: it was a working-set candidate not in the full design's other positions, except when
      // it is still held by a position not yet replayed (a swap between positions); reload then.
      if (state.blocked[j] !== 0) ok = false;
      else ok = state.tryExchange(t, j);
    }
    if (ok) return changed;
  }
  state.reset();
  for (let t = 0; t < sub.size; t++) {
    const j = ws[sub.selected[t]!]!;
    state.selected[t] = j;
    state.blocked[j] = 1;
  }
  state.size = sub.size;
  if (!state.refresh()) throw new Error('workingSetStart: the design became singular');
  return changed;
}

/**
 * Exchanges on the working set of the current variances until it is locally optimal there; copies the result
 * back and returns how many design positions changed (0: the working set had nothing to offer).
 */
function settleOnWorkingSet(
  prep: PreparedDesignProblem,
  state: DesignState,
  k: number,
  values: Float64Array,
  signal: AbortSignalLike | undefined,
): number {
  const ws = workingSet(state.d, state.blocked, state.selected, state.size, prep.nCandidates, k, values);
  const sub = restrict(prep, ws);
  const loaded = subState(sub, ws, state, null);
  if (!loaded.ok) throw new Error('workingSetStart: the design became singular');
  if (!rankedExchangePasses(loaded.sub, new RankedCandidates(sub), signal)) return 0;
  return copyBack(state, ws, loaded.sub);
}

/**
 * One D start on working sets (see the module header): random rows, the candidates' d under M + ridge (one sweep
 * over N), greedy completion and exchanges on the working set of largest d; then rounds of "exchanges on the
 * working set of the current d until it has none to offer, then one full ranked pass over all N", until that full
 * pass makes no exchange. Falls back to the full-set greedy completion when the working set cannot complete a
 * nonsingular design. Leaves `state` with the final design (d kept up to date). Mutates `state`, `order`.
 */
export function workingSetStart(
  prep: PreparedDesignProblem,
  state: DesignState,
  rng: Rng,
  order: Int32Array,
  signal: AbortSignalLike | undefined,
): void {
  const k = workingSetSize(prep);
  const { ranked, values } = memoryOf(prep, state);
  const m = drawRandomRows(prep, state, rng, order);
  state.ridge = prep.ridge;
  if (!state.useWeight(null)) throw new Error('workingSetStart: ridged information matrix is singular');
  const ws = workingSet(state.d, state.blocked, state.selected, state.size, prep.nCandidates, k, values);
  const sub = restrict(prep, ws);
  const inner = subState(sub, ws, state, prep.ridge).sub;
  greedyComplete(sub, inner);
  inner.ridge = null;
  if (inner.refresh()) {
    rankedExchangePasses(inner, new RankedCandidates(sub), signal);
    // The whole design is new: reload (copyBack would too, as nearly every position changed).
    copyBack(state, ws, inner);
  } else {
    completeStart(prep, state, rng, order, m);
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    signal?.throwIfAborted();
    // The working set of the current d holds nearly every candidate a full pass would take; exchanges there cost
    // O(K·p) instead of O(N·p), so the full pass below is mostly a check that finds nothing.
    if (settleOnWorkingSet(prep, state, k, values, signal) > 0) continue;
    if (!rankedExchangePass(state, ranked)) return;
  }
  while (rankedExchangePass(state, ranked)) signal?.throwIfAborted();
}
