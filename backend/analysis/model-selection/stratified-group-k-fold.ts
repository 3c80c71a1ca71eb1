/**
 * Group folds that also spread each class evenly over the folds, so a classifier's per-fold ROC-AUC exists (both
 * classes in every test fold) and a fold's training part keeps the overall class balance — otherwise leaving a
 * fold out shifts the training prevalence against the held-out rows and biases the AUC of a no-signal model
 * below 0.5.
 */
import type { Rng } from '../random/rng.js';

/**
 * Assigns whole groups to k folds. Groups are shuffled with `rng` (which advances), then taken largest first
 * (stable, so equal sizes keep the shuffled order); each goes to the fold where it raises Σ_c share_c² least,
 * share_c being the fold's fraction of all rows of class c — i.e. to the fold holding the fewest rows (relative
 * to the class totals) of the classes the group contains; ties go to the fold with fewer rows, then the lowest.
 * `strata[i]` is row i's class (0..C−1). Returns fold[i] ∈ [0, k). Throws RangeError when there are fewer than k
 * groups. A group's rows may belong to different classes; the group still stays whole.
 */
export function stratifiedGroupKFold(
  groups: Int32Array,
  strata: Int32Array,
  k: number,
  rng: Rng,
): Int32Array {
  if (strata.length !== groups.length)
    throw new RangeError(`stratifiedGroupKFold: ${groups.length} groups but ${strata.length} strata`);
  let nGroups = 0;
  let nClasses = 0;
  for (let i = 0; i < groups.length; i++) {
    nGroups = Math.max(nGroups, groups[i]! + 1);
    nClasses = Math.max(nClasses, strata[i]! + 1);
  }
  if (!Number.isInteger(k) || k < 2 || k > nGroups)
    throw new RangeError(
      `stratifiedGroupKFold: k must be an integer with 2 ≤ k ≤ the number of distinct groups (${nGroups}), got ${k}`,
    );
  const count = new Float64Array(nGroups * nClasses); // group g, class c at g·C + c
  const size = new Int32Array(nGroups);
  const total = new Float64Array(nClasses);
  for (let i = 0; i < groups.length; i++) {
    count[groups[i]! * nClasses + strata[i]!]!++;
    size[groups[i]!]!++;
    total[strata[i]!]!++;
  }
  const order = Array.from({ length: nGroups }, (_, g) => g);
  rng.shuffle(order);
  const position = new Int32Array(nGroups);
  order.forEach((g, r) => (position[g] = r));
  order.sort((a, b) => size[b]! - size[a]! || position[a]! - position[b]!);

  const foldCount = new Float64Array(k * nClasses);
  const rows = new Int32Array(k);
  const foldOfGroup = new Int32Array(nGroups);
  for (const g of order) {
    let best = 0;
    let bestCost = Infinity;
    for (let f = 0; f < k; f++) {
      let cost = 0;
      for (let c = 0; c < nClasses; c++) {
        const add = count[g * nClasses + c]!;
        if (add > 0) cost += (add * (2 * foldCount[f * nClasses + c]! + add)) / (total[c]! * total[c]!);
      }
      const tie = Math.abs(cost - bestCost) <= 1e-12 * Math.max(cost, bestCost);
      if (cost < bestCost && !tie) {
        best = f;
        bestCost = cost;
      } else if (tie && rows[f]! < rows[best]!) {
        best = f;
      }
    }
    foldOfGroup[g] = best;
    rows[best]! += size[g]!;
    for (let c = 0; c < nClasses; c++) foldCount[best * nClasses + c]! += count[g * nClasses + c]!;
  }
  return Int32Array.from(groups, (g) => foldOfGroup[g]!);
}
