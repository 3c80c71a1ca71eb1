/** The hot loop of histogram boosting: sums of gradient, hessian and row count per (feature, bin) slot, built for the smaller child only and subtracted from the parent for the larger. */

/**
 * Layout: one Float64Array with `width` doubles per slot (slots as in binning.ts).
 * - width 2, for losses with a constant hessian c (squared, absolute, Huber): [Σg, count]; Σh = c·count.
 * - width 3 otherwise: [Σg, Σh, count].
 * Gradients and hessians are per row in the loss's units (∂loss/∂raw score, ∂²). Counts are exact integers
 * stored as doubles, so subtraction keeps them exact.
 */

/** Doubles per slot for a loss whose hessian is the constant `constHess` (> 0), or varies (0). */
export const histogramWidth = (constHess: number): 2 | 3 => (constHess > 0 ? 2 : 3);

/**
 * Accumulates rows[start..end) into `out` (which the caller zeroes): for each row i and feature j, the slot
 * slots[i·p + j] gains grad[i] (and hess[i]) and one row. `hess` is not read when constHess > 0. Mutates `out`
 * only.
 */
export function buildHistogram(
  slots: Uint16Array | Int32Array,
  p: number,
  rows: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  constHess: number,
  out: Float64Array,
): void {
  // The feature loop is unrolled by four: V8 then keeps four independent slot updates in flight (about a third
  // faster than the plain loop on 20 features).
  const p4 = p & ~3;
  if (constHess > 0) {
    for (let k = start; k < end; k++) {
      const i = rows[k]!;
      const g = grad[i]!;
      const c0 = i * p;
      const e4 = c0 + p4;
      const e = c0 + p;
      let c = c0;
      for (; c < e4; c += 4) {
        const s0 = slots[c]! << 1;
        const s1 = slots[c + 1]! << 1;
        const s2 = slots[c + 2]! << 1;
        const s3 = slots[c + 3]! << 1;
        out[s0]! += g;
        out[s0 + 1]! += 1;
        out[s1]! += g;
        out[s1 + 1]! += 1;
        out[s2]! += g;
        out[s2 + 1]! += 1;
        out[s3]! += g;
        out[s3 + 1]! += 1;
      }
      for (; c < e; c++) {
        const s = slots[c]! << 1;
        out[s]! += g;
        out[s + 1]! += 1;
      }
    }
    return;
  }
  for (let k = start; k < end; k++) {
    const i = rows[k]!;
    const g = grad[i]!;
    const h = hess[i]!;
    const c0 = i * p;
    const e4 = c0 + p4;
    const e = c0 + p;
    let c = c0;
    for (; c < e4; c += 4) {
      const s0 = slots[c]! * 3;
      const s1 = slots[c + 1]! * 3;
      const s2 = slots[c + 2]! * 3;
      const s3 = slots[c + 3]! * 3;
      out[s0]! += g;
      out[s0 + 1]! += h;
      out[s0 + 2]! += 1;
      out[s1]! += g;
      out[s1 + 1]! += h;
      out[s1 + 2]! += 1;
      out[s2]! += g;
      out[s2 + 1]! += h;
      out[s2 + 2]! += 1;
      out[s3]! += g;
      out[s3 + 1]! += h;
      out[s3 + 2]! += 1;
    }
    for (; c < e; c++) {
      const s = slots[c]! * 3;
      out[s]! += g;
      out[s + 1]! += h;
      out[s + 2]! += 1;
    }
  }
}

/** parent ← parent − child, element by element (the histogram of the parent's other child). Mutates `parent` only. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  const len = parent.length;
  for (let s = 0; s < len; s++) parent[s]! -= child[s]!;
}
