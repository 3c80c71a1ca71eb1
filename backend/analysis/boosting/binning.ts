/** Turns each feature into at most max_bin quantile bins once per fit, so every split search afterwards scans a short histogram instead of sorted values. */

/**
 * Glossary:
 * - bin: a code 0..nBins−1 for a non-missing value, and nBins (the missing bin) for NaN. A finite value v goes
 *   to the first bin b with v <= upper[b].
 * - upper: per-bin upper bounds in the feature's own units. Between two distinct training values the bound is
 *   their midpoint, so a tree split "bin <= b" is stored as the real threshold upper[b] and a new value between
 *   the two training values goes to the nearer side. The last real bin's bound is Number.MAX_VALUE (finite, so
 *   it survives JSON), which sends every finite value left of it.
 * - slot: a (feature, bin) pair's index in a histogram, offset[j] + bin; feature j owns the nBins + 1 slots
 *   offset[j] .. offset[j + 1] − 1, the last being its missing bin. The binned matrix stores slots, not bins, so
 *   the histogram kernel needs no per-feature arithmetic.
 */

export interface FeatureBins {
  /** Real (non-missing) bins, ≥ 1. A constant feature has exactly 1 and can never be split on its values. */
  nBins: number;
  /** Length nBins, strictly increasing, units of the feature. */
  upper: Float64Array;
  /** Training rows with NaN in this feature. */
  nMissing: number;
}

export interface BinnedMatrix {
  n: number;
  p: number;
  /**
   * Row-major n×p slots: slot of row i, feature j at i·p + j (a row's slots are read together when building
   * histograms). Uint16Array when every slot fits in 16 bits, else Int32Array.
   */
  slots: Uint16Array | Int32Array;
  features: FeatureBins[];
  /** Length p + 1: feature j's slots start at offset[j]; offset[p] = total slots. */
  offset: Int32Array;
  /** nBins of each feature (its missing slot is offset[j] + nBins[j]). */
  nBins: Int32Array;
  /**
   * Column-major n×p bins (bin of row i, feature j at j·n + i): what the tree grower reads when it partitions a
   * node's rows on one feature, in ascending row order.
   */
  columnBins: Uint8Array | Uint16Array;
}

/** Largest max_bin: the missing bin needs one more code, and column-major bins are at most 16 bits. */
export const MAX_BIN_LIMIT = 65534;

/** The midpoint of a < b that lies in [a, b), robust to overflow and to a and b being adjacent doubles. */
function midpoint(a: number, b: number): number {
  const m = a / 2 + b / 2;
  return m >= a && m < b ? m : a;
}

/**
 * Bin bounds from a feature's sorted non-missing values `values[0..m)` (ascending; −0 and +0 count as one value).
 * With at most maxBin distinct values each distinct value gets its own bin; otherwise bins are closed greedily
 * along the distinct values so that each holds about m/maxBin rows (a value is never split across bins, so a
 * heavy value can make bins uneven). `at(k)` returns values[k]. Pure.
 */
function boundsFromSorted(at: (k: number) => number, m: number, maxBin: number): Float64Array {
  // Distinct values and their counts.
  const distinct = new Float64Array(m);
  const counts = new Int32Array(m);
  let d = 0;
  for (let k = 0; k < m; k++) {
    const v = at(k);
    if (d > 0 && v === distinct[d - 1]) counts[d - 1]!++;
    else {
      distinct[d] = v;
      counts[d++] = 1;
    }
  }
  const upper: number[] = [];
  if (d <= maxBin) {
    for (let k = 0; k + 1 < d; k++) upper.push(midpoint(distinct[k]!, distinct[k + 1]!));
  } else {
    const perBin = m / maxBin;
    let cumulative = 0;
    for (let k = 0; k + 1 < d && upper.length < maxBin - 1; k++) {
      cumulative += counts[k]!;
      if (cumulative >= perBin * (upper.length + 1)) upper.push(midpoint(distinct[k]!, distinct[k + 1]!));
    }
  }
  upper.push(Number.MAX_VALUE);
  return Float64Array.from(upper);
}

function infiniteError(v: number, i: number, j: number): RangeError {
  return new RangeError(`x[row ${i}, feature ${j}] is ${v}; use NaN for a missing value`);
}

/**
 * Quantile bin bounds of one feature: column j of the column-major n×p matrix x (units of that feature, NaN =
 * missing); see `boundsFromSorted` for the rule. Does not mutate x. Throws on ±∞.
 */
export function featureBins(x: Float64Array, n: number, j: number, maxBin: number): FeatureBins {
  const sorted = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = x[j * n + i]!;
    if (Number.isNaN(v)) continue;
    if (v === Infinity || v === -Infinity) throw infiniteError(v, i, j);
    sorted[m++] = v;
  }
  const values = sorted.subarray(0, m).sort();
  const upper = boundsFromSorted((k) => values[k]!, m, maxBin);
  return { nBins: upper.length, upper, nMissing: n - m };
}

function checkMaxBin(maxBin: number): void {
  if (!Number.isInteger(maxBin) || maxBin < 2 || maxBin > MAX_BIN_LIMIT)
    throw new RangeError(`maxBin must be an integer in [2, ${MAX_BIN_LIMIT}], got ${maxBin}`);
}

/** Bin bounds for every feature of the column-major n×p matrix x (see `featureBins`). Pure. */
export function computeBins(x: Float64Array, n: number, p: number, maxBin = 255): FeatureBins[] {
  checkMaxBin(maxBin);
  const out: FeatureBins[] = [];
  for (let j = 0; j < p; j++) out.push(featureBins(x, n, j, maxBin));
  return out;
}

/** The bin code of value v (NaN → the missing bin nBins). Binary search over `upper`. Pure. */
export function binOf(bins: FeatureBins, v: number): number {
  if (Number.isNaN(v)) return bins.nBins;
  const upper = bins.upper;
  let lo = 0;
  let hi = bins.nBins - 1; // v <= upper[nBins − 1] for every finite v
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= upper[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Codes the column-major n×p matrix x with the given bins into the row-major slot matrix (see glossary). Does
 * not mutate x.
 */
export function binMatrix(x: Float64Array, n: number, p: number, features: FeatureBins[]): BinnedMatrix {
  if (features.length !== p) throw new RangeError(`binMatrix: ${features.length} bin sets for ${p} features`);
  const offset = new Int32Array(p + 1);
  const nBins = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    nBins[j] = features[j]!.nBins;
    offset[j + 1] = offset[j]! + features[j]!.nBins + 1;
  }
  const slots = offset[p]! <= 65536 ? new Uint16Array(n * p) : new Int32Array(n * p);
  let maxCode = 0;
  for (const f of features) maxCode = Math.max(maxCode, f.nBins);
  const columnBins = maxCode < 256 ? new Uint8Array(n * p) : new Uint16Array(n * p);
  for (let j = 0; j < p; j++) {
    const f = features[j]!;
    const off = offset[j]!;
    for (let i = 0; i < n; i++) {
      const b = binOf(f, x[j * n + i]!);
      columnBins[j * n + i] = b;
      slots[i * p + j] = off + b;
    }
  }
  return { n, p, slots, features, offset, nBins, columnBins };
}

/** Which 32-bit half of a Float64Array element holds the sign and exponent (1 on little-endian platforms). */
const HI = new Uint32Array(Float64Array.of(-0).buffer)[1] === 0x80000000 ? 1 : 0;
const LO = 1 - HI;
const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
/** Below this many values the built-in sort is faster than six radix passes. */
const RADIX_MIN = 4096;

/**
 * Sorts idx[0..m) by the doubles whose bits are in `bits` (a Uint32Array view of a Float64Array holding value k
 * at element k, no NaN; −0 before +0), moving idx along, with an LSD radix sort on the IEEE-754 bits (six
 * 11-bit digits), skipping digits that all keys share. idx2 and bits2 are scratch of the same sizes; count
 * holds 6·RADIX counters. Mutates idx, bits and the scratch.
 */
function radixArgsort(
  m: number,
  idx: Int32Array,
  idx2: Int32Array,
  bits: Uint32Array,
  bits2: Uint32Array,
  count: Int32Array,
): void {
  // Map each double to an unsigned 64-bit key with the same order: flip all bits of negatives, the sign of the rest.
  for (let k = 0; k < m; k++) {
    const hi = bits[2 * k + HI]!;
    if (hi >>> 31 === 1) {
      bits[2 * k + HI] = ~hi >>> 0;
      bits[2 * k + LO] = ~bits[2 * k + LO]! >>> 0;
    } else bits[2 * k + HI] = (hi | 0x80000000) >>> 0;
  }
  // The digit counts of all six passes in one read of the keys (a permutation does not change them).
  count.fill(0);
  const M = RADIX - 1;
  for (let k = 0; k < m; k++) {
    const lo = bits[2 * k + LO]!;
    const hi = bits[2 * k + HI]!;
    count[lo & M]!++;
    count[RADIX + ((lo >>> RADIX_BITS) & M)]!++;
    count[2 * RADIX + ((lo >>> (2 * RADIX_BITS)) & M)]!++;
    count[3 * RADIX + (hi & M)]!++;
    count[4 * RADIX + ((hi >>> RADIX_BITS) & M)]!++;
    count[5 * RADIX + ((hi >>> (2 * RADIX_BITS)) & M)]!++;
  }
  let srcBits = bits;
  let dstBits = bits2;
  let srcIdx = idx;
  let dstIdx = idx2;
  for (let pass = 0; pass < 6; pass++) {
    const half = pass < 3 ? LO : HI;
    const shift = (pass % 3) * RADIX_BITS;
    const at = pass * RADIX;
    if (count[at + ((srcBits[half]! >>> shift) & M)] === m) continue; // every key has this digit
    let sum = 0;
    for (let d = at; d < at + RADIX; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const lo = srcBits[2 * k + LO]!;
      const hi = srcBits[2 * k + HI]!;
      const to = count[at + (((half === LO ? lo : hi) >>> shift) & M)]!++;
      dstBits[2 * to + LO] = lo;
      dstBits[2 * to + HI] = hi;
      dstIdx[to] = srcIdx[k]!;
    }
    [srcBits, dstBits] = [dstBits, srcBits];
    [srcIdx, dstIdx] = [dstIdx, srcIdx];
  }
  if (srcIdx !== idx) idx.set(srcIdx.subarray(0, m));
}

/** Reusable arrays for `binTrainingColumns` over n rows. */
export class BinScratch {
  readonly vals: Float64Array;
  readonly bits: Uint32Array;
  readonly bits2: Uint32Array;
  readonly idx: Int32Array;
  readonly idx2: Int32Array;
  readonly count = new Int32Array(6 * RADIX);

  constructor(readonly n: number) {
    this.vals = new Float64Array(n);
    this.bits = new Uint32Array(this.vals.buffer);
    this.bits2 = new Uint32Array(2 * n);
    this.idx = new Int32Array(n);
    this.idx2 = new Int32Array(n);
  }
}

/** Column-major bin codes for n·p values: one byte each when maxBin + 1 codes fit, else two. */
export const columnBinsFitUint8 = (maxBin: number): boolean => maxBin + 1 <= 256;

/**
 * The per-feature half of `binTrainingMatrix`: bins features j0..j1−1 of the column-major n×p matrix x,
 * writing their codes into columnBins[j·n + i] and returning their bins in feature order. Features are
 * independent, so two threads may bin disjoint ranges into one columnBins. Does not mutate x; mutates those
 * columns of columnBins and the scratch only. Throws on ±∞.
 */
export function binTrainingColumns(
  x: Float64Array,
  n: number,
  j0: number,
  j1: number,
  maxBin: number,
  columnBins: Uint8Array | Uint16Array,
  scratch: BinScratch = new BinScratch(n),
): FeatureBins[] {
  checkMaxBin(maxBin);
  const { vals, bits, bits2, idx, idx2, count } = scratch;
  const features: FeatureBins[] = [];
  for (let j = j0; j < j1; j++) {
    const col = j * n;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = x[col + i]!;
      if (Number.isNaN(v)) continue;
      if (v === Infinity || v === -Infinity) throw infiniteError(v, i, j);
      vals[m] = v;
      idx[m++] = i;
    }
    if (m < RADIX_MIN) {
      // (Stable; −0 and +0 may come in either order, which changes no bound: both give the same midpoints.)
      idx.set(Array.from(idx.subarray(0, m)).sort((a, b) => x[col + a]! - x[col + b]!));
    } else radixArgsort(m, idx, idx2, bits, bits2, count);
    const upper = boundsFromSorted((k) => x[col + idx[k]!]!, m, maxBin);
    const nBins = upper.length;
    features.push({ nBins, upper, nMissing: n - m });
    columnBins.fill(nBins, col, col + n); // missing rows keep the missing bin
    let b = 0;
    for (let k = 0; k < m; k++) {
      const i = idx[k]!;
      const v = x[col + i]!;
      while (v > upper[b]!) b++;
      columnBins[col + i] = b;
    }
  }
  return features;
}

/**
 * The binned matrix from every feature's bins and the column-major codes (which it keeps, not copies): adds
 * the offsets and the row-major slot matrix. Pure apart from keeping `columnBins`.
 */
export function assembleBinnedMatrix(
  n: number,
  p: number,
  features: FeatureBins[],
  columnBins: Uint8Array | Uint16Array,
): BinnedMatrix {
  const offset = new Int32Array(p + 1);
  const nBinsAll = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    nBinsAll[j] = features[j]!.nBins;
    offset[j + 1] = offset[j]! + features[j]!.nBins + 1;
  }
  const slots = offset[p]! <= 65536 ? new Uint16Array(n * p) : new Int32Array(n * p);
  for (let j = 0; j < p; j++) {
    const off = offset[j]!;
    const col = j * n;
    for (let i = 0; i < n; i++) slots[i * p + j] = off + columnBins[col + i]!;
  }
  return { n, p, slots, features, offset, nBins: nBinsAll, columnBins };
}

/**
 * The fit-time shortcut for `binMatrix(x, n, p, computeBins(x, n, p, maxBin))`, with the same result: one argsort
 * per feature (radix on the double bits) gives the bounds and every row's bin in a single pass, instead of a
 * comparison sort plus a binary search per value. Does not mutate x; throws on ±∞.
 */
export function binTrainingMatrix(x: Float64Array, n: number, p: number, maxBin = 255): BinnedMatrix {
  checkMaxBin(maxBin);
  const columnBins = columnBinsFitUint8(maxBin) ? new Uint8Array(n * p) : new Uint16Array(n * p);
  const features = binTrainingColumns(x, n, 0, p, maxBin, columnBins);
  return assembleBinnedMatrix(n, p, features, columnBins);
}
