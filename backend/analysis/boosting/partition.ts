/** Splits a tree node's rows into its two children without branching on the data, the second-hottest loop of a fit after the histograms. */

/**
 * Stable partition of rows[start..end) by bin: a row i goes left when its bin c = columnBins[col + i] satisfies
 * c <= b, or c = missBin (the missing bin) and missingLeft = 1. Left rows are written in order to
 * rows[start..start + l), right rows in order to tmp[tmpAt..tmpAt + r); returns l. Mutates rows[start..end)
 * and tmp[tmpAt..tmpAt + end − start) only (past the r right rows, tmp holds scratch), so two threads may
 * partition the two halves of a node into disjoint parts of one tmp. `columnBins` is BinnedMatrix.columnBins
 * and col = feature·n.
 */
export function partitionRows(
  columnBins: Uint8Array | Uint16Array,
  col: number,
  b: number,
  missBin: number,
  missingLeft: number,
  rows: Int32Array,
  start: number,
  end: number,
  tmp: Int32Array,
  tmpAt: number,
): number {
  let w = start;
  let r = tmpAt;
  // Branch-free (the direction is data-dependent, so a branch mispredicts half the time): write the row to
  // both sides and advance one. rows[w] is written only after rows[k ≥ w] has been read.
  for (let k = start; k < end; k++) {
    const i = rows[k]!;
    const bin = columnBins[col + i]!;
    const goLeft = (((b - bin) >>> 31) ^ 1) | ((((bin ^ missBin) - 1) >>> 31) & missingLeft);
    rows[w] = i;
    tmp[r] = i;
    w += goLeft;
    r += goLeft ^ 1;
  }
  return w - start;
}
