/**
 * The D exchange on working sets as it was before the ranked full passes (issue #5), kept callable so bench/doe.ts
 * can time it against the current one in the same process: working sets from the start's d, then rounds of "one
 * plain full exchange pass over all N, and if that changed anything a new working set", with every d recomputed by
 * the one-row quadratic-form loop. Bench-only; not part of the engine.
 */
import type { AbortSignalLike } from '../backend/analysis/linear/ols.js';
import { createRng, deriveSeed, type Rng } from '../backend/analysis/random/rng.js';
import { DesignState } from '../backend/analysis/doe/design-state.js';
import {
  bestOfStarts,
  designValue,
  prepareDesignProblem,
  type DesignProblem,
  type DesignSolution,
  type PreparedDesignProblem,
  type StartResult,
} from '../backend/analysis/doe/exchange.js';
import { exchangePass, exchangePasses } from '../backend/analysis/doe/exchange-passes.js';
import { completeStart, drawRandomRows, greedyComplete } from '../backend/analysis/doe/random-start.js';
import { workingSet, workingSetSize } from '../backend/analysis/doe/working-set.js';

const MAX_ROUNDS = 100;

/** DesignState with the previous one-row loop for every candidate's d (D criterion only). */
class ReferenceDesignState extends DesignState {
  private readonly x: Float64Array;
  constructor(private readonly problem: PreparedDesignProblem) {
    super(problem);
    this.x = new Float64Array(problem.p);
  }

  override refresh(): boolean {
    if (this.weight !== null) return super.refresh();
    if (!this.refreshInverse()) return false;
    const { p, nCandidates: n, rows } = this.problem;
    const { inv, d, x } = this;
    for (let j = 0; j < n; j++) {
      const o = j * p;
      for (let a = 0; a < p; a++) x[a] = rows[o + a]!;
      let sd = 0;
      for (let a = 0; a < p; a++) {
        const xa = x[a]!;
        if (xa === 0) continue;
        const oa = a * p;
        let t0 = 0.5 * inv[oa + a]! * xa;
        let t1 = 0;
        let b = a + 1;
        for (; b + 1 < p; b += 2) {
          t0 += inv[oa + b]! * x[b]!;
          t1 += inv[oa + b + 1]! * x[b + 1]!;
        }
        if (b < p) t0 += inv[oa + b]! * x[b]!;
        sd += (t0 + t1) * xa;
      }
      d[j] = 2 * sd;
    }
    return true;
  }
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

/** A sub-problem's design state loaded with the full design's candidates (mapped to local indices). */
function subState(
  sub: PreparedDesignProblem,
  ws: Int32Array,
  state: ReferenceDesignState,
  ridge: Float64Array | null,
): { sub: ReferenceDesignState; ok: boolean } {
  const s = new ReferenceDesignState(sub);
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

/** Copies a sub-problem's design back into the full state (same positions) and refreshes it (exact d for all N). */
function copyBack(state: ReferenceDesignState, ws: Int32Array, sub: ReferenceDesignState): void {
  state.reset();
  for (let t = 0; t < sub.size; t++) {
    const j = ws[sub.selected[t]!]!;
    state.selected[t] = j;
    state.blocked[j] = 1;
  }
  state.size = sub.size;
  if (!state.refresh()) throw new Error('workingSetStart: the design became singular');
}

/**
 * One D start on working sets (see the module header): random rows, the candidates' d under M + ridge (one sweep
 * over N), greedy completion and exchanges on the working set of largest d, then rounds of "exact d for all N,
 * one full pass, and if that changed anything a new working set". Falls back to the full-set greedy completion
 * when the working set cannot complete a nonsingular design. Leaves `state` refreshed. Mutates `state`, `order`.
 */
function referenceStart(
  prep: PreparedDesignProblem,
  state: ReferenceDesignState,
  rng: Rng,
  order: Int32Array,
  signal: AbortSignalLike | undefined,
): void {
  const k = workingSetSize(prep);
  const m = drawRandomRows(prep, state, rng, order);
  state.ridge = prep.ridge;
  if (!state.useWeight(null)) throw new Error('workingSetStart: ridged information matrix is singular');
  let ws = workingSet(state.d, state.blocked, state.selected, state.size, prep.nCandidates, k);
  let sub = restrict(prep, ws);
  let inner = subState(sub, ws, state, prep.ridge).sub;
  greedyComplete(sub, inner);
  inner.ridge = null;
  if (inner.refresh()) {
    exchangePasses(sub, inner, signal);
    copyBack(state, ws, inner);
  } else {
    completeStart(prep, state, rng, order, m);
  }
  const u = new Float64Array(prep.p);
  const gi = new Float64Array(prep.p);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    signal?.throwIfAborted();
    if (!exchangePass(prep, state, u, gi)) return;
    ws = workingSet(state.d, state.blocked, state.selected, state.size, prep.nCandidates, k);
    sub = restrict(prep, ws);
    const loaded = subState(sub, ws, state, null);
    if (!loaded.ok) throw new Error('workingSetStart: the design became singular');
    inner = loaded.sub;
    exchangePasses(sub, inner, signal);
    copyBack(state, ws, inner);
  }
  exchangePasses(prep, state, signal);
}

/** Per-thread memory of the reference starts: build once, pass to every `referenceExchangeStart`. */
export function referenceMemory(prep: PreparedDesignProblem): { state: DesignState; order: Int32Array } {
  return { state: new ReferenceDesignState(prep), order: new Int32Array(prep.nCandidates) };
}

/** One start of the previous algorithm (same streams as `exchangeStart`). */
export function referenceExchangeStart(
  prep: PreparedDesignProblem,
  seed: number,
  start: number,
  memory: { state: DesignState; order: Int32Array },
  signal?: AbortSignalLike,
): StartResult {
  if (prep.criterion !== 'D' || workingSetSize(prep) === 0)
    throw new RangeError('referenceExchangeStart: only D problems large enough for working sets');
  const state = memory.state as ReferenceDesignState;
  referenceStart(prep, state, createRng(deriveSeed(seed, start)), memory.order, signal);
  const selected = Int32Array.from(state.selected.subarray(0, state.size)).sort();
  return { selected, ...designValue(prep, selected) };
}

/** `optimalDesign` for a D problem large enough for working sets, by the previous algorithm. */
export function referenceOptimalDesign(problem: DesignProblem): DesignSolution {
  const prep = prepareDesignProblem(problem);
  const memory = referenceMemory(prep);
  const results: StartResult[] = [];
  for (let s = 0; s < problem.nStarts; s++)
    results.push(referenceExchangeStart(prep, problem.seed, s, memory, problem.signal));
  return bestOfStarts(prep.criterion, results);
}
