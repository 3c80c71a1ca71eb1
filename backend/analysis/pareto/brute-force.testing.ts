/** O(n²) reference implementations the fast Pareto code is checked against in tests (never used by the job). */

/** True when point a dominates point b (column-major n × m, all minimised). */
export function dominatesAt(points: Float64Array, n: number, m: number, a: number, b: number): boolean {
  let strict = false;
  for (let j = 0; j < m; j++) {
    const x = points[j * n + a]!;
    const y = points[j * n + b]!;
    if (x > y) return false;
    if (x < y) strict = true;
  }
  return strict;
}

/** Ranks by peeling: rank 0 = not dominated by any point; then remove them and repeat. */
export function bruteForceRanks(points: Float64Array, n: number, m: number): Int32Array {
  const rank = new Int32Array(n).fill(-1);
  let left = n;
  for (let r = 0; left > 0; r++) {
    const current: number[] = [];
    for (let i = 0; i < n; i++) {
      if (rank[i] !== -1) continue;
      let dominated = false;
      for (let k = 0; k < n && !dominated; k++) {
        if (k !== i && rank[k] === -1 && dominatesAt(points, n, m, k, i)) dominated = true;
      }
      if (!dominated) current.push(i);
    }
    for (const i of current) rank[i] = r;
    left -= current.length;
  }
  return rank;
}

/** Exact hypervolume by inclusion–exclusion over every non-empty subset (n ≤ ~16), all minimised. */
export function inclusionExclusionHypervolume(
  rows: readonly (readonly number[])[],
  reference: readonly number[],
): number {
  const n = rows.length;
  const m = reference.length;
  let total = 0;
  for (let mask = 1; mask < 1 << n; mask++) {
    let volume = 1;
    let bits = 0;
    for (let j = 0; j < m; j++) {
      let worst = -Infinity;
      for (let i = 0; i < n; i++) if (mask & (1 << i)) worst = Math.max(worst, rows[i]![j]!);
      volume *= Math.max(0, reference[j]! - worst);
    }
    for (let i = 0; i < n; i++) if (mask & (1 << i)) bits++;
    total += bits % 2 === 1 ? volume : -volume;
  }
  return total;
}
