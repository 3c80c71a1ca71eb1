/**
 * ROC and precision–recall curve data and average precision, computed as scikit-learn 1.2 computes them, for
 * the classification report's plots and its PR-AUC.
 *
 * Common step (scikit-learn's _binary_clf_curve): sort scores descending (stable), and at each distinct score
 * t record fps(t), tps(t) = negatives / positives with score ≥ t. Ties therefore move both counts at once.
 * Conventions: y is 0/1 (1 = positive), score higher = more positive; inputs not mutated; scores must be finite.
 */

interface Counts {
  fps: Float64Array;
  tps: Float64Array;
  thresholds: Float64Array;
}

function clfCurve(y: ArrayLike<number>, score: ArrayLike<number>, where: string): Counts {
  const n = y.length;
  if (score.length !== n) throw new RangeError(`${where}: ${n} labels but ${score.length} scores`);
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`${where}: label ${i} is ${y[i]}, not 0 or 1`);
    if (!Number.isFinite(score[i]!)) throw new RangeError(`${where}: score ${i} is ${score[i]}`);
  }
  // numpy.argsort(score, kind='mergesort')[::-1]: ascending stable, then reversed.
  const order = Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => score[a]! - score[b]! || a - b)
    .reverse();
  const fps: number[] = [];
  const tps: number[] = [];
  const thr: number[] = [];
  let tp = 0;
  for (let k = 0; k < n; k++) {
    tp += y[order[k]!]!;
    if (k === n - 1 || score[order[k + 1]!] !== score[order[k]!]) {
      tps.push(tp);
      fps.push(k + 1 - tp);
      thr.push(score[order[k]!]!);
    }
  }
  return { fps: Float64Array.from(fps), tps: Float64Array.from(tps), thresholds: Float64Array.from(thr) };
}

export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** Decreasing; thresholds[0] is +∞ (scikit-learn ≥ 1.3; 1.2 used max score + 1): predict positive when score ≥ threshold. */
  thresholds: Float64Array;
}

/**
 * ROC curve points starting at (0, 0). With dropIntermediate (default true, as scikit-learn) points collinear
 * with their neighbours are dropped (they never show on the plot nor change the area). fpr (tpr) is NaN when
 * there are no negatives (positives).
 */
export function rocCurve(y: ArrayLike<number>, score: ArrayLike<number>, dropIntermediate = true): RocCurve {
  let { fps, tps, thresholds } = clfCurve(y, score, 'rocCurve');
  if (dropIntermediate && fps.length > 2) {
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      const d2f = fps[i + 1]! - 2 * fps[i]! + fps[i - 1]!;
      const d2t = tps[i + 1]! - 2 * tps[i]! + tps[i - 1]!;
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    fps = Float64Array.from(keep, (i) => fps[i]!);
    tps = Float64Array.from(keep, (i) => tps[i]!);
    thresholds = Float64Array.from(keep, (i) => thresholds[i]!);
  }
  const m = fps.length;
  const nNeg = m > 0 ? fps[m - 1]! : 0;
  const nPos = m > 0 ? tps[m - 1]! : 0;
  const fpr = new Float64Array(m + 1);
  const tpr = new Float64Array(m + 1);
  const thr = new Float64Array(m + 1);
  thr[0] = Number.POSITIVE_INFINITY;
  for (let i = 0; i < m; i++) {
    fpr[i + 1] = nNeg > 0 ? fps[i]! / nNeg : Number.NaN;
    tpr[i + 1] = nPos > 0 ? tps[i]! / nPos : Number.NaN;
    thr[i + 1] = thresholds[i]!;
  }
  if (nNeg === 0) fpr[0] = Number.NaN;
  if (nPos === 0) tpr[0] = Number.NaN;
  return { fpr, tpr, thresholds: thr };
}

export interface PrecisionRecallCurve {
  /** One more entry than thresholds; the last is precision 1 at recall 0. */
  precision: Float64Array;
  /** Decreasing, ending at 0. */
  recall: Float64Array;
  /** Increasing distinct scores. */
  thresholds: Float64Array;
}

/**
 * scikit-learn 1.2 precision_recall_curve: for each distinct score t (increasing), precision and recall of
 * "score ≥ t", then the point (recall 0, precision 1). Precision with no predicted positive is 0; with no
 * positives in y recall is 1 everywhere.
 */
export function precisionRecallCurve(y: ArrayLike<number>, score: ArrayLike<number>): PrecisionRecallCurve {
  const { fps, tps, thresholds } = clfCurve(y, score, 'precisionRecallCurve');
  const m = fps.length;
  const nPos = m > 0 ? tps[m - 1]! : 0;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thr = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const j = m - 1 - i; // reversed so recall decreases
    const ps = tps[j]! + fps[j]!;
    precision[i] = ps > 0 ? tps[j]! / ps : 0;
    recall[i] = nPos > 0 ? tps[j]! / nPos : 1;
    thr[i] = thresholds[j]!;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: thr };
}

/**
 * Average precision (PR-AUC as scikit-learn's average_precision_score): Σ_k (R_k − R_{k+1})·P_k over the
 * curve above, a step integral without interpolation. NaN-free; 0 when y has no positive (scikit-learn then
 * warns and returns −0.0).
 */
export function averagePrecision(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const { precision, recall } = precisionRecallCurve(y, score);
  let s = 0;
  for (let k = 0; k < recall.length - 1; k++) s -= (recall[k + 1]! - recall[k]!) * precision[k]!;
  return s;
}
