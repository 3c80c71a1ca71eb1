/**
 * The full modified Fedorov pass of the D exchange for large candidate sets, visiting for each design point only
 * the candidates that can possibly gain, from one contiguous block ranked by prediction variance.
 *
 * Why it is exact: the gain of exchanging design point x for candidate y is Δ = d(y) − d(x) − d(x)d(y) + d(x, y)²
 * ≤ d(y) − d(x) (Cauchy–Schwarz, d(x, y)² ≤ d(x)d(y)), so a candidate with d(y) − d(x) (plus rounding slack) below
 * the exchange tolerance can never be taken for x. Candidates are counted into buckets by how many of the
 * design's variances (lowered by that slack) they reach, and listed (variances, and for large problems the rows
 * too) in one block in descending bucket order: the candidates that can gain for the design point of the r-th
 * largest variance are then exactly a prefix of the block. Every candidate of the prefix still goes through the same bound and gain as
 * `bestDExchange`, and the best exchange is the largest gain with ties to the lower candidate index, which does
 * not depend on the visiting order; so a pass here makes exactly the exchanges `exchangePass` makes.
 *
 * Why it pays: at a local optimum most of the N candidates have a variance below every design point's, so they
 * are never touched again after one O(N) bucketing; the prefix is read contiguously (no per-candidate lookups of
 * d and blocked over all N). The block is rebuilt only after an accepted exchange, as the exchange changes every d.
 */
import type { AbortSignalLike } from '../linear/ols.js';
import type { DesignState } from './design-state.js';
import type { PreparedDesignProblem } from './exchange.js';
import { EXCHANGE_TOLERANCE, MAX_PASSES, REFRESH_EVERY } from './exchange-passes.js';
import { symmetricTimes } from './information-matrix.js';

/**
 * Candidate values (N·p) above which the ranked rows are copied into one block: for large problems the rows of the
 * prefix are then read from memory once per build instead of scattered once per design point; small ones (working
 * sets) stay in cache anyway, and the copy would cost as much as it saves.
 */
const COPY_MIN = 1 << 18;

/** Slack of the bound d(x, y)² ≤ d(x)d(y) against rounding, as in `bestDExchange`. */
const BOUND_SLACK = 1e-12;

/** Reusable memory of ranked passes over one prepared problem (O(N·p) at most; grows on demand). */
export class RankedCandidates {
  /** Candidate index of each block slot. */
  private index: Int32Array;
  /** d of each block slot. */
  private dv: Float64Array;
  /** Rows of the block slots, row-major (copied only for large problems, see COPY_MIN). */
  private block: Float64Array;
  /** Offset of each slot's row in the block (copied) or in the problem's rows. */
  private offset: Int32Array;
  private readonly copy: boolean;
  /** bucket[j] for every candidate: how many design thresholds its d reaches (0: none). */
  private readonly bucket: Int32Array;
  /** Design thresholds, descending, and prefix ends: slots [0, end[r]) reach threshold r. */
  private readonly threshold: Float64Array;
  /** Threshold of each design position (unsorted). */
  private readonly own: Float64Array;
  private readonly end: Int32Array;
  private readonly count: Int32Array;
  private readonly u: Float64Array;
  private readonly cross = new Float64Array(8);
  /** Whether the block reflects the state's current d. */
  stale = true;

  constructor(private readonly prep: PreparedDesignProblem) {
    const { nCandidates: n, nNew, p } = prep;
    this.index = new Int32Array(0);
    this.dv = new Float64Array(0);
    this.block = new Float64Array(0);
    this.offset = new Int32Array(0);
    this.copy = n * p > COPY_MIN;
    this.bucket = new Int32Array(n);
    this.threshold = new Float64Array(nNew);
    this.own = new Float64Array(nNew);
    this.end = new Int32Array(nNew + 1);
    this.count = new Int32Array(nNew + 2);
    this.u = new Float64Array(p);
  }

  /** Buckets every selectable candidate against the design's variances and copies the block. O(N·log n + K·p). */
  private build(state: DesignState): void {
    const { p, nCandidates: n, rows } = this.prep;
    const { d, blocked, selected, size } = state;
    const { threshold, bucket, count, end } = this;
    let dMax = 0;
    for (let j = 0; j < n; j++) if (blocked[j] === 0 && Math.abs(d[j]!) > dMax) dMax = Math.abs(d[j]!);
    // A candidate y can gain for x only if d(y) − d(x) + slack·(d(x)d(y) + 1) ≥ tolerance; with |d(y)| ≤ dMax that
    // needs d(y) ≥ d(x) + tolerance − slack·(|d(x)|·dMax + 1): x's threshold, lowered by one more slack so that
    // rounding in these few operations cannot drop a candidate the bound in `best` would keep.
    for (let t = 0; t < size; t++) {
      const dx = d[selected[t]!]!;
      this.own[t] = dx + EXCHANGE_TOLERANCE - 2 * BOUND_SLACK * (Math.abs(dx) * dMax + 1);
    }
    threshold.set(this.own.subarray(0, size));
    const th = threshold.subarray(0, size).sort().reverse();
    count.fill(0);
    const lowest = size > 0 ? th[size - 1]! : Infinity;
    for (let j = 0; j < n; j++) {
      if (blocked[j] !== 0) {
        bucket[j] = 0;
        continue;
      }
      // Number of thresholds ≤ d[j] (thresholds descending): binary search for the first one ≤ d[j]. Most
      // candidates are below the lowest threshold.
      const dj = d[j]!;
      if (dj < lowest) {
        bucket[j] = 0;
        continue;
      }
      let lo = 0;
      let hi = size;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (th[mid]! <= dj) hi = mid;
        else lo = mid + 1;
      }
      const k = size - lo;
      bucket[j] = k;
      count[k]!++;
    }
    // Slots in descending bucket order, bucket `size` first: the candidates that reach threshold r (0-based,
    // descending) are those of bucket ≥ size − r, the first end[r] slots.
    let total = 0;
    for (let k = size; k >= 1; k--) {
      end[size - k] = total + count[k]!;
      total += count[k]!;
    }
    if (this.index.length < total) {
      const cap = Math.min(n, Math.max(total, 2 * this.index.length));
      this.index = new Int32Array(cap);
      this.dv = new Float64Array(cap);
      this.offset = new Int32Array(cap);
      if (this.copy) this.block = new Float64Array(cap * p);
    }
    // Start of each bucket's slots, then fill in ascending candidate order within a bucket.
    let at = 0;
    for (let k = size; k >= 1; k--) {
      const c = count[k]!;
      count[k] = at;
      at += c;
    }
    const { index, dv, block, offset, copy } = this;
    for (let j = 0; j < n; j++) {
      const k = bucket[j]!;
      if (k === 0) continue;
      const slot = count[k]!++;
      index[slot] = j;
      dv[slot] = d[j]!;
      if (copy) {
        block.set(rows.subarray(j * p, j * p + p), slot * p);
        offset[slot] = slot * p;
      } else offset[slot] = j * p;
    }
    this.stale = false;
  }

  /**
   * The best exchange for design position t (same result as `bestDExchange`): candidate index, or −1 if none gains
   * more than the tolerance. Rebuilds the block first if stale.
   */
  best(state: DesignState, t: number): number {
    if (this.stale) this.build(state);
    const { p, rows } = this.prep;
    const { d, inv, selected, size } = state;
    const { u, index, dv, offset, threshold, end, cross } = this;
    const src = this.copy ? this.block : rows;
    const i = selected[t]!;
    symmetricTimes(inv, p, rows, i * p, u);
    const di = d[i]!;
    // The prefix for x: the slots that reach x's own threshold (found by binary search among the descending ones).
    const own = this.own[t]!;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (threshold[mid]! <= own) hi = mid;
      else lo = mid + 1;
    }
    const stop = end[lo]!;
    let best = EXCHANGE_TOLERANCE;
    let bestJ = -1;
    // Eight slots at a time: eight independent sums (each still added in k order, so every gain is bit-for-bit the
    // one `bestDExchange` computes) keep the adds from waiting on each other and load u once per eight rows. A
    // block whose bounds all fail is skipped; a slot whose bound fails is ignored even if its gain was computed,
    // as in `bestDExchange`.
    let s = 0;
    for (; s + 7 < stop; s += 8) {
      if (
        dv[s]! - di + BOUND_SLACK * (di * dv[s]! + 1) < best &&
        dv[s + 1]! - di + BOUND_SLACK * (di * dv[s + 1]! + 1) < best &&
        dv[s + 2]! - di + BOUND_SLACK * (di * dv[s + 2]! + 1) < best &&
        dv[s + 3]! - di + BOUND_SLACK * (di * dv[s + 3]! + 1) < best &&
        dv[s + 4]! - di + BOUND_SLACK * (di * dv[s + 4]! + 1) < best &&
        dv[s + 5]! - di + BOUND_SLACK * (di * dv[s + 5]! + 1) < best &&
        dv[s + 6]! - di + BOUND_SLACK * (di * dv[s + 6]! + 1) < best &&
        dv[s + 7]! - di + BOUND_SLACK * (di * dv[s + 7]! + 1) < best
      )
        continue;
      const o0 = offset[s]!;
      const o1 = offset[s + 1]!;
      const o2 = offset[s + 2]!;
      const o3 = offset[s + 3]!;
      const o4 = offset[s + 4]!;
      const o5 = offset[s + 5]!;
      const o6 = offset[s + 6]!;
      const o7 = offset[s + 7]!;
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      let c4 = 0;
      let c5 = 0;
      let c6 = 0;
      let c7 = 0;
      for (let k = 0; k < p; k++) {
        const w = u[k]!;
        c0 += w * src[o0 + k]!;
        c1 += w * src[o1 + k]!;
        c2 += w * src[o2 + k]!;
        c3 += w * src[o3 + k]!;
        c4 += w * src[o4 + k]!;
        c5 += w * src[o5 + k]!;
        c6 += w * src[o6 + k]!;
        c7 += w * src[o7 + k]!;
      }
      cross[0] = c0;
      cross[1] = c1;
      cross[2] = c2;
      cross[3] = c3;
      cross[4] = c4;
      cross[5] = c5;
      cross[6] = c6;
      cross[7] = c7;
      for (let q = 0; q < 8; q++) {
        const dj = dv[s + q]!;
        if (dj - di + BOUND_SLACK * (di * dj + 1) < best) continue;
        const dij = cross[q]!;
        const delta = dj - di - di * dj + dij * dij;
        const j = index[s + q]!;
        if (delta > best || (delta === best && bestJ >= 0 && j < bestJ)) {
          best = delta;
          bestJ = j;
        }
      }
    }
    for (; s < stop; s++) {
      const dj = dv[s]!;
      if (dj - di + BOUND_SLACK * (di * dj + 1) < best) continue;
      const o = offset[s]!;
      let dij = 0;
      for (let k = 0; k < p; k++) dij += u[k]! * src[o + k]!;
      const delta = dj - di - di * dj + dij * dij;
      const j = index[s]!;
      if (delta > best || (delta === best && bestJ >= 0 && j < bestJ)) {
        best = delta;
        bestJ = j;
      }
    }
    return bestJ;
  }
}

/**
 * One pass with the same exchanges as `exchangePass` under D (see the module header). Returns whether anything
 * changed. Mutates `state` and `ranked`.
 */
export function rankedExchangePass(state: DesignState, ranked: RankedCandidates): boolean {
  let changed = false;
  ranked.stale = true;
  for (let t = 0; t < state.size; t++) {
    if (state.updates >= REFRESH_EVERY) state.upkeep();
    const j = ranked.best(state, t);
    if (j >= 0) {
      state.exchange(t, j);
      ranked.stale = true;
      changed = true;
    }
  }
  return changed;
}

/** Ranked passes until one makes no exchange; returns whether any exchange was made. Mutates `state`, `ranked`. */
export function rankedExchangePasses(
  state: DesignState,
  ranked: RankedCandidates,
  signal: AbortSignalLike | undefined,
): boolean {
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    signal?.throwIfAborted();
    if (!rankedExchangePass(state, ranked)) return pass > 0;
  }
  return true;
}
