/** The seam between the tree grower and whatever fills its histograms: the serial builder here, or one that hands half of the features to a helper thread (backend/worker/histogram-thread/) with bit-identical results. */

/**
 * Glossary:
 * - builder: serves one fit (one binned matrix, one hessian mode). It is opened from a factory at the start of
 *   the fit and closed at its end; it owns the histogram pool and the grower's second row buffer.
 * - builder arrays: the rows, gradients and hessians a fit allocates through `float64`/`int32`, so that a
 *   threaded builder can share them with its helper. `build` also accepts other arrays, and then works alone.
 * Histogram layout and units: see histogram.ts.
 */
import { bestSplitRange, finishSplit, SPLIT_RECORD } from './best-split.js';
import type { SplitParams } from './best-split.js';
import type { BinnedMatrix } from './binning.js';
import {
  accumulateAllRows,
  accumulateHistogram,
  addSlotCounts,
  countSlots,
  histogramWidth,
  isIdentity,
  scaledSlotsFitUint16,
  scaleSlotBlock,
} from './histogram.js';
import { partitionInto } from './partition.js';

export interface HistogramBuilder {
  /** The matrix and hessian mode it was opened for. */
  readonly binned: BinnedMatrix;
  readonly constHess: number;
  /** Doubles per slot (histogram.ts). */
  readonly width: 2 | 3;
  /** A zeroed Float64Array usable as `grad`/`hess` in `build`. */
  float64(length: number): Float64Array;
  /** A zeroed Int32Array usable as `rows` in `build`. */
  int32(length: number): Int32Array;
  /**
   * 0, 1, …, n−1 (allocated on first use like `int32`): the root's rows of a fit without row sampling. Nobody
   * writes to it, so `build` knows it without looking at its elements.
   */
  identityRows(): Int32Array;
  /** A zeroed histogram (totalSlots·width doubles) from the pool. */
  take(): Float64Array;
  /** Returns a histogram from `take` to the pool. */
  give(h: Float64Array): void;
  /**
   * out ← out + the histogram of rows[start..end) (out from `take`; grad and hess indexed by row; hess is not
   * read when constHess > 0). Mutates `out` only.
   */
  build(
    rows: Int32Array,
    start: number,
    end: number,
    grad: Float64Array,
    hess: Float64Array,
    out: Float64Array,
  ): void;
  /**
   * n rows the grower uses as its second row buffer (a node's children are written to the buffer its rows are
   * not in); allocated on first use like `int32`, the same array for the whole fit.
   */
  alternateRows(): Int32Array;
  /**
   * Splits a node: writes src[start..end) stably to dst[start..end), the `nLeft` rows of the left child (bin of
   * feature f <= b, or missing when missingLeft) first, and, when `out` is given, adds to it the histogram of the
   * smaller child (the left one when smallLeft). With `search` (which needs `out`) it then also finishes the
   * children (see `ChildSearch`). Throws if nLeft is not the number of rows that go left. Mutates
   * dst[start..end), `out` and what `search` names only.
   */
  splitNode(
    src: Int32Array,
    dst: Int32Array,
    start: number,
    end: number,
    f: number,
    b: number,
    missingLeft: boolean,
    nLeft: number,
    smallLeft: boolean,
    grad: Float64Array,
    hess: Float64Array,
    out: Float64Array | null,
    search?: ChildSearch | null,
  ): void;
  /** Ends the fit: the builder and its arrays must not be used afterwards. */
  close(): void;
}

/**
 * The work on a node's children after the smaller child's histogram, which `splitNode` does too so that a
 * threaded builder can share it: the larger child's histogram as the parent's minus the smaller's (in place
 * of the parent's), and each searched child's best split (grow-tree.ts `bestSplit`, written to `foundSmall` /
 * `foundLarge`). A child is searched only if its flag is set; the larger one's histogram is derived only then.
 */
export interface ChildSearch {
  parent: Float64Array;
  searchSmall: boolean;
  searchLarge: boolean;
  /** Gradient sum, hessian sum and row count of the smaller and of the larger child. */
  gSmall: number;
  hSmall: number;
  cSmall: number;
  gLarge: number;
  hLarge: number;
  cLarge: number;
  featureMask: Uint8Array;
  params: SplitParams;
  foundSmall: Float64Array;
  foundLarge: Float64Array;
}

/** A `ChildSearch` to refill for every split (its flags off, its sums 0, its two records allocated). */
export function newChildSearch(featureMask: Uint8Array, params: SplitParams): ChildSearch {
  return {
    parent: new Float64Array(0),
    searchSmall: false,
    searchLarge: false,
    gSmall: 0,
    hSmall: 0,
    cSmall: 0,
    gLarge: 0,
    hLarge: 0,
    cLarge: 0,
    featureMask,
    params,
    foundSmall: new Float64Array(SPLIT_RECORD),
    foundLarge: new Float64Array(SPLIT_RECORD),
  };
}

/**
 * `ChildSearch` over features j0..j1−1 only (histogram slots offset[j0]..offset[j1]−1): subtracts the small
 * histogram from the parent on those slots when the larger child is searched, and writes the range results
 * (best-split.ts `bestSplitRange`, not finished) of the searched children into foundSmall / foundLarge.
 * Mutates s.parent on those slots and the found arrays only.
 */
export function searchChildrenRange(
  s: ChildSearch,
  small: Float64Array,
  nBins: Int32Array,
  offset: Int32Array,
  width: number,
  hScale: number,
  j0: number,
  j1: number,
): void {
  if (s.searchLarge) {
    const parent = s.parent;
    const end = offset[j1]! * width;
    for (let k = offset[j0]! * width; k < end; k++) parent[k]! -= small[k]!;
  }
  const { featureMask, params } = s;
  if (s.searchSmall)
    bestSplitRange(
      small,
      s.gSmall,
      s.hSmall,
      s.cSmall,
      nBins,
      offset,
      width,
      hScale,
      featureMask,
      params,
      j0,
      j1,
      s.foundSmall,
    );
  if (s.searchLarge)
    bestSplitRange(
      s.parent,
      s.gLarge,
      s.hLarge,
      s.cLarge,
      nBins,
      offset,
      width,
      hScale,
      featureMask,
      params,
      j0,
      j1,
      s.foundLarge,
    );
}

export interface HistogramBuilderFactory {
  open(binned: BinnedMatrix, constHess: number): HistogramBuilder;
  /**
   * Optional: the same result as binning.ts `binTrainingMatrix(x, n, p, maxBin)`, sooner (e.g. half of the
   * features binned on a helper thread, with the matrix left in memory the builder can share).
   */
  binTrainingMatrix?(x: Float64Array, n: number, p: number, maxBin: number): BinnedMatrix;
}

/**
 * Throws unless a partition sent exactly the `nLeft` rows left that the split's histogram counted: otherwise
 * the children's rows would overlap (a broken invariant, never bad input).
 */
export function checkLeftCount(left: number, nLeft: number): void {
  if (left !== nLeft)
    throw new Error(`internal: the partition sent ${left} rows left where the histogram counted ${nLeft}`);
}

/** Where a builder's arrays live: ordinary memory, or memory shared with a helper thread. */
export type AllocateBuffer = (byteLength: number) => ArrayBuffer | SharedArrayBuffer;

const plainBuffer: AllocateBuffer = (byteLength) => new ArrayBuffer(byteLength);

/**
 * The scaled slot codes (histogram.ts `scaleSlots`) of features j0..j1−1, row-major with stride j1 − j0: the
 * code of row i, feature j at scaled[i·(j1 − j0) + j − j0]. A thread that builds only these features then
 * reads only their bytes, not every row's whole cache line.
 */
export interface SlotBlock {
  readonly scaled: Uint16Array | Int32Array;
  readonly j0: number;
  readonly j1: number;
}

/**
 * Builds every histogram on the calling thread. Subclasses may put its arrays in shared memory (`allocate`)
 * and cut the slot matrix into feature blocks (`blockStarts`, e.g. one block per thread).
 */
export class SerialHistogramBuilder implements HistogramBuilder {
  readonly width: 2 | 3;
  /** binned.slots premultiplied by the width, in feature blocks that together cover 0..p−1 in order. */
  readonly blocks: readonly SlotBlock[];
  readonly totalSlots: number;
  private readonly pool: Float64Array[] = [];
  private alternate: Int32Array | null = null;
  private identity: Int32Array | null = null;
  /** Rows of all n per slot, counted on first use (`addAllRowCounts`). */
  private slotCounts: Float64Array | null = null;

  /** `blockStarts`: the first feature of each block after the first (ascending, inside 1..p−1). */
  constructor(
    readonly binned: BinnedMatrix,
    readonly constHess: number,
    protected readonly allocate: AllocateBuffer = plainBuffer,
    blockStarts: readonly number[] = [],
  ) {
    this.width = histogramWidth(constHess);
    this.totalSlots = binned.offset[binned.p]!;
    const { n, p, slots } = binned;
    const u16 = scaledSlotsFitUint16(this.totalSlots, this.width);
    const bounds = [0, ...blockStarts, p];
    this.blocks = bounds.slice(1).map((j1, k): SlotBlock => {
      const j0 = bounds[k]!;
      const len = n * (j1 - j0);
      const scaled = u16 ? new Uint16Array(allocate(2 * len)) : new Int32Array(allocate(4 * len));
      scaleSlotBlock(slots, p, j0, j1, this.width, scaled);
      return { scaled, j0, j1 };
    });
  }

  float64(length: number): Float64Array {
    return new Float64Array(this.allocate(8 * length));
  }

  int32(length: number): Int32Array {
    return new Int32Array(this.allocate(4 * length));
  }

  identityRows(): Int32Array {
    if (this.identity === null) {
      const rows = this.int32(this.binned.n);
      for (let i = 0; i < rows.length; i++) rows[i] = i;
      this.identity = rows;
    }
    return this.identity;
  }

  take(): Float64Array {
    const h = this.pool.pop();
    if (h === undefined) return this.float64(this.totalSlots * this.width);
    h.fill(0);
    return h;
  }

  give(h: Float64Array): void {
    this.pool.push(h);
  }

  build(
    rows: Int32Array,
    start: number,
    end: number,
    grad: Float64Array,
    hess: Float64Array,
    out: Float64Array,
  ): void {
    const all = this.allRows(rows, start, end);
    for (const block of this.blocks) this.buildBlock(block, all, rows, start, end, grad, hess, out);
    if (all) this.addAllRowCounts(out);
  }

  /** `build` for one feature block only, without the counts when `all` (see `addAllRowCounts`). Mutates `out` only. */
  protected buildBlock(
    block: SlotBlock,
    all: boolean,
    rows: Int32Array,
    start: number,
    end: number,
    grad: Float64Array,
    hess: Float64Array,
    out: Float64Array,
  ): void {
    const { scaled, j0, j1 } = block;
    const span = j1 - j0;
    if (all) accumulateAllRows(scaled, span, 0, span, end, grad, hess, this.constHess, out);
    else accumulateHistogram(scaled, span, 0, span, rows, start, end, grad, hess, this.constHess, out);
  }

  /** Whether rows[start..end) is every row in order (a root without row sampling), for `accumulateAllRows`. */
  protected allRows(rows: Int32Array, start: number, end: number): boolean {
    return start === 0 && end === this.binned.n && (rows === this.identity || isIdentity(rows, end));
  }

  /** Adds the counts of all rows (the same for every tree, so counted once per fit) to `out`. */
  protected addAllRowCounts(out: Float64Array): void {
    if (this.slotCounts === null) {
      this.slotCounts = new Float64Array(this.totalSlots);
      countSlots(this.binned.slots, this.slotCounts);
    }
    addSlotCounts(this.slotCounts, this.width, out);
  }

  alternateRows(): Int32Array {
    return (this.alternate ??= this.int32(this.binned.n));
  }

  splitNode(
    src: Int32Array,
    dst: Int32Array,
    start: number,
    end: number,
    f: number,
    b: number,
    missingLeft: boolean,
    nLeft: number,
    smallLeft: boolean,
    grad: Float64Array,
    hess: Float64Array,
    out: Float64Array | null,
    search: ChildSearch | null = null,
  ): void {
    const { n, nBins, columnBins } = this.binned;
    const mid = start + nLeft;
    const ml = missingLeft ? 1 : 0;
    checkLeftCount(
      partitionInto(columnBins, f * n, b, nBins[f]!, ml, src, start, end, dst, start, mid),
      nLeft,
    );
    if (out !== null) {
      if (smallLeft) this.build(dst, start, mid, grad, hess, out);
      else this.build(dst, mid, end, grad, hess, out);
      if (search !== null) this.searchChildren(search, out);
    }
  }

  /** `ChildSearch` over all features on this thread. */
  protected searchChildren(s: ChildSearch, small: Float64Array): void {
    const { nBins, offset, p } = this.binned;
    const w = this.width;
    searchChildrenRange(s, small, nBins, offset, w, w === 2 ? this.constHess : 1, 0, p);
    if (s.searchSmall) finishSplit(s.foundSmall, s.params.minSplitGain);
    if (s.searchLarge) finishSplit(s.foundLarge, s.params.minSplitGain);
  }

  close(): void {
    this.pool.length = 0;
    this.alternate = null;
    this.identity = null;
  }
}

/** The default: no threads. */
export const serialHistograms: HistogramBuilderFactory = {
  open: (binned, constHess) => new SerialHistogramBuilder(binned, constHess),
};
