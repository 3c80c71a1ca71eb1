/**
 * One front's members as seen by later points of a 3-objective sort: the staircase of their (f2, f3) values, so
 * "does this front dominate the point?" is one binary search instead of a scan of the whole front.
 *
 * Invariant: entries sorted by f2 strictly ascending with f3 strictly descending (no entry weakly dominates
 * another in (f2, f3)); each entry keeps the smallest f1 of the members with exactly that (f2, f3). Points arrive
 * in lexicographic (f1, f2, f3) order, so every member has f1 ≤ the queried point's f1.
 */
export class FrontStaircase {
  private f1: Float64Array;
  private f2: Float64Array;
  private f3: Float64Array;
  private size = 0;

  constructor(capacity = 8) {
    this.f1 = new Float64Array(capacity);
    this.f2 = new Float64Array(capacity);
    this.f3 = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Index of the first entry with f2 > b (entries before it have f2 ≤ b). */
  private upper(b: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.f2[mid]! <= b) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * True when a member dominates (a, b, c): no worse in every objective and better in one. A member equal to
   * the point in all three (a duplicate) does not dominate it.
   */
  dominates(a: number, b: number, c: number): boolean {
    const s = this.upper(b) - 1;
    if (s < 0) return false;
    const sc = this.f3[s]!;
    if (sc > c) return false;
    return this.f2[s]! < b || sc < c || this.f1[s]! < a;
  }

  /** Adds a point the front does not dominate (check with `dominates` first). */
  insert(a: number, b: number, c: number): void {
    const i = this.upper(b);
    const s = i - 1;
    if (s >= 0 && this.f3[s]! <= c) return; // same (f2, f3) and same f1: a duplicate, already represented
    // Entries with f2 ≥ b and f3 ≥ c are now covered by the new point: a contiguous run from j.
    const j = s >= 0 && this.f2[s] === b ? s : i;
    let e = j;
    while (e < this.size && this.f3[e]! >= c) e++;
    const shift = 1 - (e - j);
    if (this.size + shift > this.f1.length) this.grow();
    if (shift !== 0 && e < this.size) {
      this.f1.copyWithin(e + shift, e, this.size);
      this.f2.copyWithin(e + shift, e, this.size);
      this.f3.copyWithin(e + shift, e, this.size);
    }
    this.f1[j] = a;
    this.f2[j] = b;
    this.f3[j] = c;
    this.size += shift;
  }

  private grow(): void {
    const cap = this.f1.length * 2;
    const f1 = new Float64Array(cap);
    const f2 = new Float64Array(cap);
    const f3 = new Float64Array(cap);
    f1.set(this.f1.subarray(0, this.size));
    f2.set(this.f2.subarray(0, this.size));
    f3.set(this.f3.subarray(0, this.size));
    this.f1 = f1;
    this.f2 = f2;
    this.f3 = f3;
  }
}
