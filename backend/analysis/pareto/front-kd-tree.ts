/**
 * The members of every front of a 4-to-6-objective sort as point k-d trees, so "does this front dominate the
 * point?" visits only the part of the front that could hold a dominator instead of scanning all of it.
 *
 * Points are inserted in lexicographic order, so every member already has f1 ≤ the queried point's f1: the trees
 * split on objectives 1 … m−1 (cycling with depth), and each node keeps the componentwise minimum of its subtree,
 * which prunes any subtree whose minimum is worse than the point in some objective. Nodes are numbered in
 * insertion order and stored in flat typed arrays shared by all fronts.
 */
export class FrontKdForest {
  private readonly coords: Float64Array;
  private readonly mins: Float64Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly stack: Int32Array;
  private readonly roots: number[] = [];
  private nodes = 0;

  constructor(
    capacity: number,
    private readonly m: number,
  ) {
    this.coords = new Float64Array(capacity * m);
    this.mins = new Float64Array(capacity * m);
    this.left = new Int32Array(capacity).fill(-1);
    this.right = new Int32Array(capacity).fill(-1);
    this.stack = new Int32Array(Math.max(64, capacity + 1));
  }

  get fronts(): number {
    return this.roots.length;
  }

  /** True when a member of front f dominates p (length m): no worse everywhere, better somewhere. */
  dominates(f: number, p: Float64Array): boolean {
    const { coords, mins, left, right, stack, m } = this;
    let top = 0;
    stack[top++] = this.roots[f]!;
    while (top > 0) {
      const node = stack[--top]!;
      const base = node * m;
      let j = 1;
      while (j < m && mins[base + j]! <= p[j]!) j++;
      if (j < m) continue; // nothing in this subtree is as good as p in objective j
      let strict = false;
      for (j = 0; j < m; j++) {
        const q = coords[base + j]!;
        if (q > p[j]!) break;
        if (q < p[j]!) strict = true;
      }
      if (j === m && strict) return true;
      if (left[node]! >= 0) stack[top++] = left[node]!;
      if (right[node]! >= 0) stack[top++] = right[node]!;
    }
    return false;
  }

  /** Adds p to front f (f = this.fronts opens a new front). */
  insert(f: number, p: Float64Array): void {
    const { coords, mins, left, right, m } = this;
    const id = this.nodes++;
    coords.set(p, id * m);
    mins.set(p, id * m);
    if (f === this.roots.length) {
      this.roots.push(id);
      return;
    }
    let node = this.roots[f]!;
    for (let depth = 0; ; depth++) {
      const base = node * m;
      for (let j = 1; j < m; j++) if (p[j]! < mins[base + j]!) mins[base + j] = p[j]!;
      const d = 1 + (depth % (m - 1));
      const child = p[d]! < coords[base + d]! ? left : right;
      const next = child[node]!;
      if (next < 0) {
        child[node] = id;
        return;
      }
      node = next;
    }
  }
}
