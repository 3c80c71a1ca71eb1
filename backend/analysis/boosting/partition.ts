/** Splits a tree node's rows into its two children without branching on the data, the second-hottest loop of a fit after the histograms. */

/**
 * Glossary:
 * - goes left: a row i whose bin c = columnBins[col + i] satisfies c <= b, or c = missBin (the missing bin)
 *   and missingLeft = 1. `columnBins` is BinnedMatrix.columnBins and col = feature·n.
 * - The grower knows how many rows go left before it partitions (the split's row count, from the histogram),
 *   so both children can be written straight to their final places in a second row buffer: no scratch, no
 *   copy back, and two threads can partition the two halves of a node at once, one forwards and one backwards.
 */

/**
 * Stable partition of src[from..to) into dst: the rows that go left, in order, to dst[leftAt..), the others, in
 * order, to dst[rightAt..). Writes one element of dst per row and nothing else; returns the number of left rows.
 */
export function partitionInto(
  columnBins: Uint8Array | Uint16Array,
  col: number,
  b: number,
  missBin: number,
  missingLeft: number,
  src: Int32Array,
  from: number,
  to: number,
  dst: Int32Array,
  leftAt: number,
  rightAt: number,
): number {
  let wl = leftAt | 0;
  let wr = rightAt | 0;
  // Branch-free (the direction is data-dependent, so a branch mispredicts half the time): the target index is
  // selected by arithmetic and the row written once.
  for (let k = from | 0; k < to; k = (k + 1) | 0) {
    const i = src[k]! | 0;
    const bin = columnBins[(col + i) | 0]! | 0;
    const goLeft = (((b - bin) >>> 31) ^ 1) | ((((bin ^ missBin) - 1) >>> 31) & missingLeft) | 0;
    dst[(wr + ((wl - wr) & -goLeft)) | 0] = i;
    wl = (wl + goLeft) | 0;
    wr = (wr + (goLeft ^ 1)) | 0;
  }
  return (wl - leftAt) | 0;
}

/**
 * `partitionInto` walking src[from..to) backwards: the left rows fill dst downwards, ending just below
 * dst[leftEnd], the right rows ending just below dst[rightEnd], so both stay in ascending source order. Writes
 * one element of dst per row and nothing else; returns the number of left rows.
 */
export function partitionIntoBackward(
  columnBins: Uint8Array | Uint16Array,
  col: number,
  b: number,
  missBin: number,
  missingLeft: number,
  src: Int32Array,
  from: number,
  to: number,
  dst: Int32Array,
  leftEnd: number,
  rightEnd: number,
): number {
  let wl = leftEnd | 0;
  let wr = rightEnd | 0;
  for (let k = (to - 1) | 0; k >= from; k = (k - 1) | 0) {
    const i = src[k]! | 0;
    const bin = columnBins[(col + i) | 0]! | 0;
    const goLeft = (((b - bin) >>> 31) ^ 1) | ((((bin ^ missBin) - 1) >>> 31) & missingLeft) | 0;
    wl = (wl - goLeft) | 0;
    wr = (wr - (goLeft ^ 1)) | 0;
    dst[(wr + ((wl - wr) & -goLeft)) | 0] = i;
  }
  return (leftEnd - wl) | 0;
}
