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
 * out[c] = slots[c]·width: slot codes premultiplied by the histogram width (the index of each slot's first
 * double), so the kernel does no index arithmetic. `out` has slots.length elements; a Uint16Array needs
 * totalSlots·width ≤ 65536 (see `scaledSlotsFitUint16`). Mutates `out` only.
 */
export function scaleSlots(
  slots: Uint16Array | Int32Array,
  width: 2 | 3,
  out: Uint16Array | Int32Array,
): void {
  for (let c = 0; c < slots.length; c++) out[c] = slots[c]! * width;
}

/** Whether scaled slot codes for `totalSlots` slots of `width` doubles fit a Uint16Array, else need Int32Array. */
export const scaledSlotsFitUint16 = (totalSlots: number, width: 2 | 3): boolean =>
  totalSlots * width <= 65536;

/**
 * The kernel: accumulates rows[start..end) into `out` for features j0..j1−1 only: for each row i and such
 * feature j, the doubles at scaled[i·p + j] gain grad[i], then (width 3) hess[i], then one row. `scaled` is
 * `scaleSlots(slots, ·, width)` with width 2 when constHess > 0 (hess is then not read), else 3. Each slot's sums
 * are added in row order whatever the feature range, so splitting the features between threads gives
 * bit-identical histograms. Mutates only the doubles of features j0..j1−1 in `out` (which the caller zeroes).
 */
export function accumulateHistogram(
  scaled: Uint16Array | Int32Array,
  p: number,
  j0: number,
  j1: number,
  rows: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  constHess: number,
  out: Float64Array,
): void {
  // Unrolled by four, with `| 0` telling V8 every index is a small integer: four independent slot updates stay
  // in flight and no overflow checks remain (together about a fifth faster than the plain loop on 20 features).
  const span = j1 - j0;
  const span4 = span & ~3;
  if (constHess > 0) {
    for (let k = start | 0; k < end; k = (k + 1) | 0) {
      const i = rows[k]! | 0;
      const g = grad[i]!;
      const c0 = (Math.imul(i, p) + j0) | 0;
      const e4 = (c0 + span4) | 0;
      const e = (c0 + span) | 0;
      let c = c0;
      for (; c < e4; c = (c + 4) | 0) {
        const s0 = scaled[c]! | 0;
        const s1 = scaled[c + 1]! | 0;
        const s2 = scaled[c + 2]! | 0;
        const s3 = scaled[c + 3]! | 0;
        out[s0]! += g;
        out[s0 + 1]! += 1;
        out[s1]! += g;
        out[s1 + 1]! += 1;
        out[s2]! += g;
        out[s2 + 1]! += 1;
        out[s3]! += g;
        out[s3 + 1]! += 1;
      }
      for (; c < e; c = (c + 1) | 0) {
        const s = scaled[c]! | 0;
        out[s]! += g;
        out[s + 1]! += 1;
      }
    }
    return;
  }
  for (let k = start | 0; k < end; k = (k + 1) | 0) {
    const i = rows[k]! | 0;
    const g = grad[i]!;
    const h = hess[i]!;
    const c0 = (Math.imul(i, p) + j0) | 0;
    const e4 = (c0 + span4) | 0;
    const e = (c0 + span) | 0;
    let c = c0;
    for (; c < e4; c = (c + 4) | 0) {
      const s0 = scaled[c]! | 0;
      const s1 = scaled[c + 1]! | 0;
      const s2 = scaled[c + 2]! | 0;
      const s3 = scaled[c + 3]! | 0;
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
    for (; c < e; c = (c + 1) | 0) {
      const s = scaled[c]! | 0;
      out[s]! += g;
      out[s + 1]! += h;
      out[s + 2]! += 1;
    }
  }
}

/**
 * The kernel for the rows 0..n−1 in order (a root node without row sampling): as `accumulateHistogram` over
 * rows = 0, 1, …, n−1, but adds only the gradient (and hessian) sums, not the counts, which are the same for every
 * tree of a fit (see `addSlotCounts`). A quarter faster: no row gather and one update fewer per slot. Each
 * slot still sums its rows in row order. Mutates only the gradient (and hessian) doubles of features j0..j1−1.
 */
export function accumulateAllRows(
  scaled: Uint16Array | Int32Array,
  p: number,
  j0: number,
  j1: number,
  n: number,
  grad: Float64Array,
  hess: Float64Array,
  constHess: number,
  out: Float64Array,
): void {
  const span = j1 - j0;
  const span4 = span & ~3;
  if (constHess > 0) {
    for (let i = 0; i < n; i = (i + 1) | 0) {
      const g = grad[i]!;
      const c0 = (Math.imul(i, p) + j0) | 0;
      const e4 = (c0 + span4) | 0;
      const e = (c0 + span) | 0;
      let c = c0;
      for (; c < e4; c = (c + 4) | 0) {
        out[scaled[c]! | 0]! += g;
        out[scaled[c + 1]! | 0]! += g;
        out[scaled[c + 2]! | 0]! += g;
        out[scaled[c + 3]! | 0]! += g;
      }
      for (; c < e; c = (c + 1) | 0) out[scaled[c]! | 0]! += g;
    }
    return;
  }
  for (let i = 0; i < n; i = (i + 1) | 0) {
    const g = grad[i]!;
    const h = hess[i]!;
    const c0 = (Math.imul(i, p) + j0) | 0;
    const e = (c0 + span) | 0;
    for (let c = c0; c < e; c = (c + 1) | 0) {
      const s = scaled[c]! | 0;
      out[s]! += g;
      out[s + 1]! += h;
    }
  }
}

/** counts[s] = how many of all n rows fall in slot s (`slots` as in binning.ts; counts has totalSlots zeros). Mutates `counts` only. */
export function countSlots(slots: Uint16Array | Int32Array, counts: Float64Array): void {
  for (let c = 0; c < slots.length; c++) counts[slots[c]!]! += 1;
}

/** Adds per-slot counts (from `countSlots`) to the count doubles of histogram `out`. Mutates `out` only. */
export function addSlotCounts(counts: Float64Array, width: 2 | 3, out: Float64Array): void {
  for (let s = 0, at = width - 1; s < counts.length; s++, at += width) out[at]! += counts[s]!;
}

/** Whether rows[0..n) is exactly 0, 1, …, n−1 (then `accumulateAllRows` applies). Pure. */
export function isIdentity(rows: Int32Array, n: number): boolean {
  for (let k = 0; k < n; k++) if (rows[k] !== k) return false;
  return true;
}

/**
 * Accumulates rows[start..end) into `out` (which the caller zeroes): for each row i and feature j, the slot
 * slots[i·p + j] (unscaled, as in binning.ts) gains grad[i] (and hess[i]) and one row. `hess` is not read when
 * constHess > 0. A convenience over `accumulateHistogram` that scales the slots on every call: fits go through a
 * `HistogramBuilder`, which scales them once. Mutates `out` only.
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
  const width = histogramWidth(constHess);
  const scaled = scaledSlotsFitUint16(out.length / width, width)
    ? new Uint16Array(slots.length)
    : new Int32Array(slots.length);
  scaleSlots(slots, width, scaled);
  accumulateHistogram(scaled, p, 0, p, rows, start, end, grad, hess, constHess, out);
}

/** parent ← parent − child, element by element (the histogram of the parent's other child). Mutates `parent` only. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  const len = parent.length;
  for (let s = 0; s < len; s++) parent[s]! -= child[s]!;
}
