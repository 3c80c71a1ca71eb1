/**
 * NSGA-II crowding distance (Deb, Pratap, Agarwal & Meyarivan 2002): how isolated a point is within its front,
 * the usual tie-breaker when a front has to be cut down to a few diverse points.
 *
 * For each objective the front is sorted (ties by point index, so the result is deterministic); its two end
 * points get +∞ and every other point adds (next − previous) / (max − min) of that objective. An objective with
 * max = min adds nothing. Fronts of one or two points are all +∞. Units: a sum of fractions of each range.
 */

/**
 * Crowding distance of each point of `members` (indices into column-major n × m `points`), in the order of
 * `members`. Mutates nothing.
 */
export function crowdingDistance(
  points: Float64Array,
  n: number,
  m: number,
  members: ArrayLike<number>,
): Float64Array {
  const s = members.length;
  const out = new Float64Array(s);
  if (s <= 2) return out.fill(Infinity);
  const idx = Array.from({ length: s }, (_, k) => k);
  for (let j = 0; j < m; j++) {
    const off = j * n;
    const v = (k: number) => points[off + members[k]!]!;
    idx.sort((a, b) => v(a) - v(b) || members[a]! - members[b]!);
    const lo = v(idx[0]!);
    const hi = v(idx[s - 1]!);
    out[idx[0]!] = Infinity;
    out[idx[s - 1]!] = Infinity;
    const range = hi - lo;
    if (!(range > 0) || !Number.isFinite(range)) continue;
    for (let k = 1; k < s - 1; k++) {
      out[idx[k]!]! += (v(idx[k + 1]!) - v(idx[k - 1]!)) / range;
    }
  }
  return out;
}
