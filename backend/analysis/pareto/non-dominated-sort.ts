/**
 * Exact non-dominated sorting into ranked fronts, fast enough for a million rows: the Pareto job ranks every row
 * of the uploaded table, not a sample.
 *
 * Glossary (all objectives minimised; callers negate maximised ones):
 * - p dominates q: p is no worse than q in every objective and better in at least one. Equal points (duplicates)
 *   do not dominate each other, so they always share a rank.
 * - rank: 0 for the non-dominated points, then 1 for those dominated only by rank-0 points, and so on.
 *
 * Method: ENS-BS (Zhang, Tian, Cheng & Jin 2015, "An efficient approach to non-dominated sorting for
 * evolutionary multi-objective optimization"). Points are visited in lexicographic order (lex-order.ts), so a
 * point's dominators are all visited before it; each point joins the first front that does not dominate it, found
 * by binary search over the fronts (if front k dominates p, so does every front before k, by transitivity). The
 * "does front k dominate p" test is O(1) for 2 objectives (the front's last point has its smallest f2),
 * O(log s) for 3 (a staircase of (f2, f3), front-staircase.ts), and a k-d tree search of the front for 4 to 6
 * (front-kd-tree.ts). Cost: O(n log n) for 2 objectives, O(n log n · log s) for 3; beyond, O(n log F · s) in the
 * worst case but far less on real data (the trees prune most of each front).
 */
import type { AbortSignalLike } from '../linear/ols.js';
import { FrontKdForest } from './front-kd-tree.js';
import { FrontStaircase } from './front-staircase.js';
import { lexOrder } from './lex-order.js';

export interface SortOptions {
  signal?: AbortSignalLike;
  /** Fraction in [0, 1] of the sort, at a few checkpoints. */
  onProgress?: (fraction: number, stage: string) => void;
}

export interface Fronts {
  /** Rank of each point (0 = non-dominated). */
  rank: Int32Array;
  /** Number of fronts. */
  count: number;
}

const CHECK_EVERY = 1 << 16;

function checkpoint(k: number, n: number, opts: SortOptions): void {
  if ((k & (CHECK_EVERY - 1)) !== 0) return;
  opts.signal?.throwIfAborted();
  opts.onProgress?.(0.1 + (0.9 * k) / n, 'sorting_fronts');
}

function sort2(
  points: Float64Array,
  n: number,
  order: Int32Array,
  rank: Int32Array,
  opts: SortOptions,
): number {
  // Per front: its last point, which has the smallest f2 (and the largest f1) of the front.
  const last1 = new Float64Array(n);
  const last2 = new Float64Array(n);
  let count = 0;
  for (let k = 0; k < n; k++) {
    checkpoint(k, n, opts);
    const i = order[k]!;
    const a = points[i]!;
    const b = points[n + i]!;
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const l2 = last2[mid]!;
      if (l2 < b || (l2 === b && last1[mid]! < a)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === count) count++;
    last1[lo] = a;
    last2[lo] = b;
    rank[i] = lo;
  }
  return count;
}

function sort3(
  points: Float64Array,
  n: number,
  order: Int32Array,
  rank: Int32Array,
  opts: SortOptions,
): number {
  const fronts: FrontStaircase[] = [];
  for (let k = 0; k < n; k++) {
    checkpoint(k, n, opts);
    const i = order[k]!;
    const a = points[i]!;
    const b = points[n + i]!;
    const c = points[2 * n + i]!;
    let lo = 0;
    let hi = fronts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (fronts[mid]!.dominates(a, b, c)) lo = mid + 1;
      else hi = mid;
    }
    const f = lo;
    if (f === fronts.length) fronts.push(new FrontStaircase());
    fronts[f]!.insert(a, b, c);
    rank[i] = f;
  }
  return fronts.length;
}

/** 4 to 6 objectives: each front is a k-d tree of its members (front-kd-tree.ts). */
function sortMany(
  points: Float64Array,
  n: number,
  m: number,
  order: Int32Array,
  rank: Int32Array,
  opts: SortOptions,
): number {
  const forest = new FrontKdForest(n, m);
  const p = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    checkpoint(k, n, opts);
    const i = order[k]!;
    for (let j = 0; j < m; j++) p[j] = points[j * n + i]!;
    let lo = 0;
    let hi = forest.fronts;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (forest.dominates(mid, p)) lo = mid + 1;
      else hi = mid;
    }
    forest.insert(lo, p);
    rank[i] = lo;
  }
  return forest.fronts;
}

/**
 * Ranks `n` points of `m` objectives (2 to 6), all minimised. `points` is column-major (objective j of point i at
 * j·n + i) and must hold no NaN (±∞ is allowed). Mutates nothing; throws what `signal.throwIfAborted()` throws.
 */
export function nonDominatedSort(points: Float64Array, n: number, m: number, opts: SortOptions = {}): Fronts {
  if (m < 2 || m > 6) throw new RangeError(`nonDominatedSort: 2 to 6 objectives, got ${m}`);
  if (points.length < n * m) throw new RangeError('nonDominatedSort: points shorter than n·m');
  const rank = new Int32Array(n);
  if (n === 0) return { rank, count: 0 };
  opts.onProgress?.(0, 'ordering_points');
  const order = lexOrder(points, n, m);
  opts.signal?.throwIfAborted();
  let count: number;
  if (m === 2) count = sort2(points, n, order, rank, opts);
  else if (m === 3) count = sort3(points, n, order, rank, opts);
  else count = sortMany(points, n, m, order, rank, opts);
  opts.onProgress?.(1, 'sorting_fronts');
  return { rank, count };
}

/** The points of each front: `members` grouped by rank (ascending point index within a front), front f at
 * members[start[f] .. start[f + 1]). */
export function frontMembers(fronts: Fronts): { start: Int32Array; members: Int32Array } {
  const start = new Int32Array(fronts.count + 1);
  const { rank } = fronts;
  for (let i = 0; i < rank.length; i++) start[rank[i]! + 1]!++;
  for (let f = 0; f < fronts.count; f++) start[f + 1]! += start[f]!;
  const fill = start.slice(0, fronts.count);
  const members = new Int32Array(rank.length);
  for (let i = 0; i < rank.length; i++) members[fill[rank[i]!]!++] = i;
  return { start, members };
}
