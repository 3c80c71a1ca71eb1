/** The hot loop of histogram boosting: sums of gradient, hessian and row count per (feature, bin) slot, built for the smaller child only and subtracted from the parent for the larger. */

import { allRowsKernel, MAX_KERNEL_SPAN, rowsKernel } from './histogram-kernels.js';

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

/**
 * The scaled codes (as `scaleSlots`) of features j0..j1−1 of the row-major n×p slot matrix, row-major with
 * stride j1 − j0 into `out` (n·(j1 − j0) elements). Mutates `out` only.
 */
export function scaleSlotBlock(
  slots: Uint16Array | Int32Array,
  p: number,
  j0: number,
  j1: number,
  width: 2 | 3,
  out: Uint16Array | Int32Array,
): void {
  const n = slots.length / p;
  for (let i = 0, at = 0; i < n; i++) {
    const row = i * p;
    for (let j = j0; j < j1; j++) out[at++] = slots[row + j]! * width;
  }
}

/** Whether scaled slot codes for `totalSlots` slots of `width` doubles fit a Uint16Array, else need Int32Array. */
export const scaledSlotsFitUint16 = (totalSlots: number, width: 2 | 3): boolean =>
  totalSlots * width <= 65536;

/**
 * The kernel (histogram-kernels.ts: one unrolled call per MAX_KERNEL_SPAN features): accumulates
 * rows[start..end) into `out` for features j0..j1−1 only: for each row i and such feature j, the doubles at scaled[i·p + j] gain grad[i], then (width 3) hess[i], then one row. `scaled` is
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
  const width = histogramWidth(constHess);
  for (let a = j0; a < j1; a += MAX_KERNEL_SPAN) {
    const span = Math.min(MAX_KERNEL_SPAN, j1 - a);
    rowsKernel(span, width)(scaled, p, a, rows, start, end, grad, hess, out);
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
  const width = histogramWidth(constHess);
  for (let a = j0; a < j1; a += MAX_KERNEL_SPAN) {
    const span = Math.min(MAX_KERNEL_SPAN, j1 - a);
    allRowsKernel(span, width)(scaled, p, a, n, grad, hess, out);
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
