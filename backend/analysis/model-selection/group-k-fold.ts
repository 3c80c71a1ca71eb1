/**
 * Folds that keep groups of rows together, so repeated measurements of one condition never sit on both sides of a
 * split (the original app let noisy duplicates leak into its inner folds, which flatters every score).
 */
import type { Rng } from '../random/rng.js';

/**
 * Group ids (0, 1, 2, … in order of first appearance) for rows whose feature values are identical: replicates of
 * one experimental condition. NaN equals NaN here (two rows both missing a value are the same condition).
 * x is column-major n×p.
 */
export function duplicateRowGroups(x: Float64Array, n: number, p: number): Int32Array {
  const groups = new Int32Array(n);
  const seen = new Map<string, number>();
  const key = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) key[j] = x[i + j * n]!;
    // String(-0) is '0' and String(NaN) is 'NaN', so -0/0 and NaN/NaN fall into one group each.
    const text = Array.from(key, String).join('\u0000');
    let g = seen.get(text);
    if (g === undefined) {
      g = seen.size;
      seen.set(text, g);
    }
    groups[i] = g;
  }
  return groups;
}

/**
 * Assigns whole groups to k folds: the groups are shuffled with `rng` (which advances), then each goes to the fold
 * with the fewest rows so far (ties to the lowest fold), so fold sizes stay close. With every group of size one
 * this is a shuffled k-fold. Returns fold[i] ∈ [0, k). Throws RangeError when there are fewer than k groups.
 */
export function groupKFold(groups: Int32Array, k: number, rng: Rng): Int32Array {
  let nGroups = 0;
  for (const g of groups) nGroups = Math.max(nGroups, g + 1);
  if (!Number.isInteger(k) || k < 2 || k > nGroups)
    throw new RangeError(
      `groupKFold: k must be an integer with 2 ≤ k ≤ the number of distinct groups (${nGroups}), got ${k}`,
    );
  const size = new Int32Array(nGroups);
  for (const g of groups) size[g]!++;
  const order = new Int32Array(nGroups);
  for (let g = 0; g < nGroups; g++) order[g] = g;
  rng.shuffle(order);
  const foldOfGroup = new Int32Array(nGroups);
  const rows = new Int32Array(k);
  for (const g of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (rows[f]! < rows[best]!) best = f;
    foldOfGroup[g] = best;
    rows[best]! += size[g]!;
  }
  return Int32Array.from(groups, (g) => foldOfGroup[g]!);
}

/** Dense group ids (0..) for arbitrary labels, e.g. the values of a user's group column. */
export function groupIds(labels: ArrayLike<string | number>): Int32Array {
  const ids = new Map<string | number, number>();
  return Int32Array.from({ length: labels.length }, (_, i) => {
    const label = labels[i]!;
    let id = ids.get(label);
    if (id === undefined) {
      id = ids.size;
      ids.set(label, id);
    }
    return id;
  });
}
