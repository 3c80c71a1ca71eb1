/** Finds the best split of one tree node from its histogram, for all features or a range of them, so that two threads can each search their half of the features and merge to the serial answer. */

/**
 * Glossary (G, H = sums of gradient and hessian over a node's rows; λ = lambda, α = alpha):
 * - T(G) = sign(G)·max(|G| − α, 0), the L1 soft threshold.
 * - score(G, H) = T(G)²/(H + λ); the gain of a split is score(left) + score(right) − score(parent), XGBoost's
 *   `loss_chg`, and a split is made only when gain > minSplitGain (and > 0).
 * - split record: a Float64Array of SPLIT_RECORD values [gain, feature, bin, missingLeft, G_left, H_left,
 *   C_left]; rows with bin <= `bin` go left, missing rows go left when missingLeft = 1.
 */

/** The settings split finding needs (a subset of grow-tree.ts `GrowParams`). */
export interface SplitParams {
  /** Minimum training rows in a leaf, ≥ 1. */
  minDataInLeaf: number;
  /** Minimum hessian sum in a leaf, ≥ 0. */
  minChildWeight: number;
  /** L2 penalty λ on leaf weights, ≥ 0. */
  lambda: number;
  /** L1 penalty α on leaf weights, ≥ 0. */
  alpha: number;
  /** A split needs gain > minSplitGain (γ), ≥ 0. */
  minSplitGain: number;
}

/** Length of a split record. */
export const SPLIT_RECORD = 7;

/** Relative slack of the division-free screen in `bestSplitRange` (far above rounding, far below any real gain gap). */
const SCREEN_SLACK = 1e-9;

export const threshold = (g: number, alpha: number): number =>
  g > alpha ? g - alpha : g < -alpha ? g + alpha : 0;

/** score(G, H) = T(G)²/(H + λ). */
export function splitScore(g: number, h: number, lambda: number, alpha: number): number {
  const t = threshold(g, alpha);
  return (t * t) / (h + lambda);
}

/**
 * The best candidate split of one node over features j0..j1−1 only, from its histogram h (layout of
 * histogram.ts: `width` doubles per slot, hessian sums = slot[1]·hScale, counts = slot[width − 1]; G, H, C =
 * the node's gradient sum, hessian sum and row count; feature j's bins start at slot offset[j]). Writes
 * [gain, feature, bin, missingLeft, G_left, H_left, C_left] into `out` with the gain NOT yet checked against
 * minSplitGain (feature −1 and gain −∞ when no candidate is admissible); see `finishSplit`. Among equal gains
 * the lowest feature wins, then the lowest bin, then missing-right, so the best of consecutive ranges merged
 * with `mergeSplits` equals the best of their union. Mutates `out` only. A top-level function on purpose: V8
 * optimises it once, where a closure per tree would start cold every time.
 */
export function bestSplitRange(
  h: Float64Array,
  G: number,
  H: number,
  C: number,
  nBins: Int32Array,
  offset: Int32Array,
  width: number,
  hScale: number,
  featureMask: Uint8Array,
  params: SplitParams,
  j0: number,
  j1: number,
  out: Float64Array,
): void {
  const ci = width - 1;
  const { minDataInLeaf, minChildWeight, lambda, alpha } = params;
  const a0 = alpha === 0; // T(g) = g: skip the threshold (its sign tests mispredict)
  const parentScore = splitScore(G, H, lambda, alpha);
  let best = -Infinity;
  let bf = -1;
  let bb = 0;
  let bml = 0;
  let bgl = 0;
  let bhl = 0;
  let bcl = 0;
  // Candidates are screened without division: TL²/DL + TR²/DR > total ⇔ TL²·DR + TR²·DL > total·DL·DR (DL,
  // DR > 0); the screen is slightly loose and the exact gain, computed as everywhere else, decides. The screen
  // comes before the admissibility tests: it rejects almost every bin with one predictable branch (a third
  // faster than testing admissibility first; the outcome is the same, nothing here has side effects).
  let bestTotal = -Infinity; // best + parentScore
  for (let j = j0; j < j1; j++) {
    if (featureMask[j] === 0) continue;
    const nb = nBins[j]!;
    const base = offset[j]! * width;
    const miss = base + nb * width;
    const gm = h[miss]!;
    const hm = h[miss + 1]! * hScale;
    const cm = h[miss + ci]!;
    if (nb === 1 && cm === 0) continue;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let t = 0; t < nb; t++) {
      const s = base + t * width;
      const c = h[s + ci]!;
      // An empty bin gives the same partition as the bin before it (and the lower bin wins ties).
      if (c === 0) continue;
      gl += h[s]!;
      hl += h[s + 1]! * hScale;
      cl += c;
      // Right side only shrinks from here on, for both missing directions.
      if (C - cl < minDataInLeaf) break;
      // (a) missing rows go right; at the last bin that leaves only them on the right.
      {
        const gr = G - gl;
        const hr = H - hl;
        const tl = a0 ? gl : threshold(gl, alpha);
        const tr = a0 ? gr : threshold(gr, alpha);
        const dl = hl + lambda;
        const dr = hr + lambda;
        const num = tl * tl * dr + tr * tr * dl;
        const bound = bestTotal * dl * dr;
        if (
          num > bound - SCREEN_SLACK * Math.abs(bound) &&
          cl >= minDataInLeaf &&
          hl >= minChildWeight &&
          hr >= minChildWeight
        ) {
          const gain = (tl * tl) / dl + (tr * tr) / dr - parentScore;
          if (gain > best) {
            best = gain;
            bestTotal = best + parentScore;
            bf = j;
            bb = t;
            bml = 0;
            bgl = gl;
            bhl = hl;
            bcl = cl;
          }
        }
      }
      // (b) missing rows go left.
      if (cm > 0) {
        const gl2 = gl + gm;
        const hl2 = hl + hm;
        const cl2 = cl + cm;
        const gr = G - gl2;
        const hr = H - hl2;
        const tl = a0 ? gl2 : threshold(gl2, alpha);
        const tr = a0 ? gr : threshold(gr, alpha);
        const dl = hl2 + lambda;
        const dr = hr + lambda;
        const num = tl * tl * dr + tr * tr * dl;
        const bound = bestTotal * dl * dr;
        if (
          num > bound - SCREEN_SLACK * Math.abs(bound) &&
          cl2 >= minDataInLeaf &&
          C - cl2 >= minDataInLeaf &&
          hl2 >= minChildWeight &&
          hr >= minChildWeight
        ) {
          const gain = (tl * tl) / dl + (tr * tr) / dr - parentScore;
          if (gain > best) {
            best = gain;
            bestTotal = best + parentScore;
            bf = j;
            bb = t;
            bml = 1;
            bgl = gl2;
            bhl = hl2;
            bcl = cl2;
          }
        }
      }
    }
  }
  if (bf >= 0 && bml === 0 && h[(offset[bf]! + nBins[bf]!) * width + ci] === 0) {
    // No training NaN here: send NaN to the heavier child.
    bml = bhl >= H - bhl ? 1 : 0;
  }
  out[0] = best;
  out[1] = bf;
  out[2] = bb;
  out[3] = bml;
  out[4] = bgl;
  out[5] = bhl;
  out[6] = bcl;
}

/**
 * out ← the better of two range results, `lower` from the lower features (it wins ties, as in a serial scan).
 * `out` may be either input. Mutates `out` only.
 */
export function mergeSplits(lower: Float64Array, upper: Float64Array, out: Float64Array): void {
  const take = upper[1]! >= 0 && (lower[1]! < 0 || upper[0]! > lower[0]!) ? upper : lower;
  if (take !== out) for (let k = 0; k < SPLIT_RECORD; k++) out[k] = take[k]!;
}

/** Applies the final rule to a (merged) range result: gain ← −∞ unless gain > max(minSplitGain, 0). Mutates `out`. */
export function finishSplit(out: Float64Array, minSplitGain: number): void {
  const best = out[0]!;
  out[0] = out[1]! >= 0 && best > minSplitGain && best > 0 ? best : -Infinity;
}
