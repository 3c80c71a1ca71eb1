/**
 * Finds which candidate each run already done corresponds to, allowing for rounding in the uploaded file, in
 * O((N + E)·f·log N) instead of the original app's O(E·N·f) loop, so augmenting a million-row grid stays quick.
 *
 * Method: per numeric factor, the candidates' distinct values are sorted and merged into clusters when within
 * tolerance of each other; a run's value snaps to the nearest distinct value if within tolerance. Each candidate
 * and each run then has a tuple of cluster ids (categorical and one-hot factors use their level index, exactly),
 * and a hash map from the tuple to the first candidate with it finds a run's candidate in O(1).
 */
import type { CandidateSet } from './candidate-set.js';
import { factorColumn } from './candidate-set.js';

export interface MatchTolerance {
  /** |x − v| ≤ max(absolute, relative · max(|x|, |v|)) counts as equal. */
  relative: number;
  absolute: number;
}

export const DEFAULT_MATCH_TOLERANCE: MatchTolerance = { relative: 1e-6, absolute: 1e-9 };

function close(x: number, v: number, tol: MatchTolerance): boolean {
  return Math.abs(x - v) <= Math.max(tol.absolute, tol.relative * Math.max(Math.abs(x), Math.abs(v)));
}

/** Sorted distinct values and, for each, its cluster id (consecutive values within tolerance share one). */
function clusters(values: Float64Array, tol: MatchTolerance): { distinct: Float64Array; id: Int32Array } {
  const sorted = Float64Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (Number.isNaN(v)) break; // NaN sorts last
    if (n === 0 || sorted[n - 1] !== v) sorted[n++] = v;
  }
  const distinct = sorted.slice(0, n);
  const id = new Int32Array(n);
  let cluster = 0;
  for (let i = 1; i < n; i++) {
    if (!close(distinct[i]!, distinct[i - 1]!, tol)) cluster++;
    id[i] = cluster;
  }
  return { distinct, id };
}

/** Index of the distinct value nearest x (binary search); -1 when none is within tolerance or x is NaN. */
function snap(distinct: Float64Array, x: number, tol: MatchTolerance): number {
  if (!Number.isFinite(x) || distinct.length === 0) return -1;
  let lo = 0;
  let hi = distinct.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (distinct[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  let best = lo;
  if (lo > 0 && Math.abs(distinct[lo - 1]! - x) < Math.abs(distinct[lo]! - x)) best = lo - 1;
  return close(x, distinct[best]!, tol) ? best : -1;
}

/**
 * For each run, the index of a matching candidate, or -1. `runs` holds one column per factor of `set`, in the same
 * representation (Float64Array for numeric factors; Int32Array level / member indices for the others, -1 for a
 * value that is not a level), each of length `nRuns`. Pure; allocates O(N·f).
 */
export function matchRuns(
  set: CandidateSet,
  runs: ReadonlyArray<Float64Array | Int32Array>,
  nRuns: number,
  tol: MatchTolerance = DEFAULT_MATCH_TOLERANCE,
): Int32Array {
  const F = set.factors.length;
  if (runs.length !== F) throw new RangeError(`matchRuns: ${runs.length} run columns for ${F} factors`);
  const result = new Int32Array(nRuns).fill(-1);
  if (nRuns === 0 || set.count === 0) return result;

  // Per factor: candidate ids, run ids and the radix for the mixed-radix key.
  const candIds: Int32Array[] = [];
  const runIds: Int32Array[] = [];
  const radix: number[] = [];
  set.factors.forEach((f, j) => {
    const col = factorColumn(set, j);
    const runCol = runs[j]!;
    if (runCol.length < nRuns) throw new RangeError(`matchRuns: run column ${j} shorter than ${nRuns}`);
    if (f.kind === 'numeric') {
      const { distinct, id } = clusters(col as Float64Array, tol);
      const cand = new Int32Array(set.count);
      for (let i = 0; i < set.count; i++) {
        const k = snap(distinct, col[i]!, { relative: 0, absolute: 0 });
        cand[i] = k < 0 ? -1 : id[k]!;
      }
      const run = new Int32Array(nRuns);
      for (let i = 0; i < nRuns; i++) {
        const k = snap(distinct, runCol[i]!, tol);
        run[i] = k < 0 ? -1 : id[k]!;
      }
      candIds.push(cand);
      runIds.push(run);
      radix.push(distinct.length === 0 ? 1 : id[distinct.length - 1]! + 1);
    } else {
      candIds.push(col as Int32Array);
      runIds.push(Int32Array.from(runCol.subarray(0, nRuns), (v) => (Number.isInteger(v) ? v : -1)));
      radix.push(f.kind === 'categorical' ? f.levels.length : f.columns.length);
    }
  });

  const numericKey = radix.reduce((a, b) => a * b, 1) <= Number.MAX_SAFE_INTEGER;
  const keyOf = (ids: Int32Array[], i: number): number | string | null => {
    if (numericKey) {
      let key = 0;
      for (let j = 0; j < F; j++) {
        const v = ids[j]![i]!;
        if (v < 0 || v >= radix[j]!) return null;
        key = key * radix[j]! + v;
      }
      return key;
    }
    const parts: number[] = [];
    for (let j = 0; j < F; j++) {
      const v = ids[j]![i]!;
      if (v < 0 || v >= radix[j]!) return null;
      parts.push(v);
    }
    return parts.join(',');
  };

  const first = new Map<number | string, number>();
  for (let i = 0; i < set.count; i++) {
    const key = keyOf(candIds, i);
    if (key !== null && !first.has(key)) first.set(key, i);
  }
  for (let r = 0; r < nRuns; r++) {
    const key = keyOf(runIds, r);
    if (key !== null) result[r] = first.get(key) ?? -1;
  }
  return result;
}
