/**
 * Histogram kernels unrolled for the exact number of features a call covers, compiled once per shape. V8 does
 * not unroll a loop whose trip count it cannot see, and the inner loop over a row's features costs a third
 * of the time at 10–20 features (1.44 against 2.08 ns per slot update for 10 of 20 features, 1.46 against
 * 1.80 for all 20, measured on this project's CI machine); so each kernel is straight-line code per row.
 * The code is built from integers only (the span and the histogram width), never from data.
 *
 * Every kernel adds each row's values to its slots in row order, exactly as the plain loop did, so the sums
 * (and so the models) are bit-identical to it. Histogram layout and units: histogram.ts.
 */

/**
 * Adds rows[start..end) for the `span` features j0..j0+span−1 to `out`: for each row i the doubles at
 * scaled[i·stride + j] gain grad[i], then (width 3) hess[i], then one row. Mutates `out` only.
 */
export type RowsKernel = (
  scaled: Uint16Array | Int32Array,
  stride: number,
  j0: number,
  rows: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  out: Float64Array,
) => void;

/** As `RowsKernel` for the rows 0..n−1 in order, without the counts (histogram.ts `accumulateAllRows`). */
export type AllRowsKernel = (
  scaled: Uint16Array | Int32Array,
  stride: number,
  j0: number,
  n: number,
  grad: Float64Array,
  hess: Float64Array,
  out: Float64Array,
) => void;

/** Longest span one kernel unrolls; wider ranges are covered by several calls (V8 optimises large functions poorly). */
export const MAX_KERNEL_SPAN = 64;

const rowsKernels = new Map<number, RowsKernel>();
const allRowsKernels = new Map<number, AllRowsKernel>();

/** The statements that add row i's values to the slot of feature j0 + j (width 2 or 3; `counts`: add the row). */
function slotUpdate(j: number, width: 2 | 3, counts: boolean): string {
  const s = `s = scaled[(c + ${j}) | 0] | 0; out[s] += g;`;
  if (width === 2) return counts ? `${s} out[(s + 1) | 0] += 1;` : `${s}`;
  return counts ? `${s} out[(s + 1) | 0] += h; out[(s + 2) | 0] += 1;` : `${s} out[(s + 1) | 0] += h;`;
}

/**
 * The loop body for one row (its gradient g, hessian h for width 3, and first code c are set before it): one
 * straight-line slot update per feature.
 */
function rowBody(span: number, width: 2 | 3, counts: boolean): string {
  const lines = [
    width === 3 ? 'const h = hess[i];' : '',
    'const c = (Math.imul(i, stride) + j0) | 0;',
    'let s;',
  ];
  for (let j = 0; j < span; j++) lines.push(slotUpdate(j, width, counts));
  return lines.join('\n');
}

const ROWS_PARAMS = ['scaled', 'stride', 'j0', 'rows', 'start', 'end', 'grad', 'hess', 'out'];
const ALL_ROWS_PARAMS = ['scaled', 'stride', 'j0', 'n', 'grad', 'hess', 'out'];

const rowsLoop = (span: number, width: 2 | 3): string => `for (let k = start | 0; k < end; k = (k + 1) | 0) {
  const i = rows[k] | 0;
  const g = grad[i];
  ${rowBody(span, width, true)}
}`;

const allRowsLoop = (span: number, width: 2 | 3): string => `for (let i = 0; i < n; i = (i + 1) | 0) {
  const g = grad[i];
  ${rowBody(span, width, false)}
}`;

/**
 * The kernel from `cache`, or compiled from `loop(span, width)` (over `params`) on first use of (span, width).
 * Allocates nothing once compiled: it is looked up on every histogram build.
 */
function compiled<K>(
  cache: Map<number, K>,
  span: number,
  width: 2 | 3,
  params: string[],
  loop: (span: number, width: 2 | 3) => string,
): K {
  const key = span * 4 + width;
  let k = cache.get(key);
  if (k === undefined) {
    checkSpan(span);
    // Compiled from integers only (see the file comment).
    k = new Function(...params, `'use strict';\n${loop(span, width)}`) as K;
    cache.set(key, k);
  }
  return k;
}

/** The kernel for `span` (1..MAX_KERNEL_SPAN) features and histogram width `width`. */
export const rowsKernel = (span: number, width: 2 | 3): RowsKernel =>
  compiled(rowsKernels, span, width, ROWS_PARAMS, rowsLoop);

/** The all-rows kernel for `span` (1..MAX_KERNEL_SPAN) features and histogram width `width`. */
export const allRowsKernel = (span: number, width: 2 | 3): AllRowsKernel =>
  compiled(allRowsKernels, span, width, ALL_ROWS_PARAMS, allRowsLoop);

function checkSpan(span: number): void {
  if (!Number.isInteger(span) || span < 1 || span > MAX_KERNEL_SPAN)
    throw new RangeError(`histogram kernel span must be an integer in 1..${MAX_KERNEL_SPAN}, got ${span}`);
}
