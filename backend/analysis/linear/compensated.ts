/** Error-free transformations, so that least-squares residuals can be formed to about twice double precision. */

const SPLITTER = 134217729; // 2^27 + 1, Dekker's constant for splitting a double into two 26-bit halves

/**
 * Accumulates Σ a_k·b_k as an unevaluated sum hi + lo (Ogita–Rump–Oishi Dot2): each product is split
 * exactly (Dekker's TwoProduct) and each addition's rounding error kept (Knuth's TwoSum). The result is
 * as accurate as if computed in twice the working precision, then rounded. Valid while |a_k·b_k| stays
 * below about 1e300 (the split overflows beyond that).
 */
export class DotAccumulator {
  hi = 0;
  lo = 0;

  reset(start = 0): this {
    this.hi = start;
    this.lo = 0;
    return this;
  }

  /** Adds a single term exactly (TwoSum). */
  add(v: number): void {
    const s = this.hi + v;
    const bb = s - this.hi;
    this.lo += this.hi - (s - bb) + (v - bb);
    this.hi = s;
  }

  /** Adds a·b with the product's rounding error (TwoProduct), then the sum's (TwoSum). */
  addProduct(a: number, b: number): void {
    const p = a * b;
    let t = SPLITTER * a;
    const ah = t - (t - a);
    const al = a - ah;
    t = SPLITTER * b;
    const bh = t - (t - b);
    const bl = b - bh;
    const pe = al * bl - (p - ah * bh - al * bh - ah * bl);
    const s = this.hi + p;
    const bb = s - this.hi;
    this.lo += this.hi - (s - bb) + (p - bb) + pe;
    this.hi = s;
  }

  /** The accumulated sum rounded to a double. */
  value(): number {
    return this.hi + this.lo;
  }
}
