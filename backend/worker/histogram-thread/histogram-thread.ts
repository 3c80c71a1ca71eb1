/**
 * Lets a boosting fit use a second core: a helper thread bins half of the features, and for every large tree
 * node partitions half of the rows (into the children's final places), then accumulates the smaller child's histogram, derives the larger child's
 * and searches both children's best splits for half of the features, while the calling thread does the other
 * halves, synchronised through shared memory once per node. The model is bit-identical to the serial
 * builder's (each histogram slot still sums its rows in the same order; the two halves of a split search merge
 * to the serial answer). Small nodes stay on the calling thread: waking the helper costs about as much as they
 * do; so do all nodes for a while when the helper keeps answering late (a busy machine: see `helperKeepsUp`).
 *
 * Use: `const t = await startHistogramThread()`, pass `histograms: t` to any number of (sequential)
 * `fitGradientBoosting` calls on this thread, then `await t.close()`. The calling thread blocks in
 * Atomics.wait while it waits for the helper, which Node allows on the main thread and in workers.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import {
  assembleBinnedMatrix,
  binTrainingColumns,
  binTrainingMatrix as serialBinTrainingMatrix,
  columnBinsFitUint8,
} from '../../analysis/boosting/binning.js';
import type { BinnedMatrix, FeatureBins } from '../../analysis/boosting/binning.js';
import { finishSplit, mergeSplits, SPLIT_RECORD } from '../../analysis/boosting/best-split.js';
import {
  checkLeftCount,
  searchChildrenRange,
  SerialHistogramBuilder,
} from '../../analysis/boosting/histogram-builder.js';
import type {
  ChildSearch,
  HistogramBuilder,
  HistogramBuilderFactory,
} from '../../analysis/boosting/histogram-builder.js';
import { partitionIntoBackward } from '../../analysis/boosting/partition.js';
import * as C from './protocol.js';
import type { BufferMessage, HelperData } from './protocol.js';
import { waitForWord } from './wait.js';

/** Below this many slot updates (rows × features) a node is built on the calling thread alone: waking the helper costs more. */
export const MIN_SHARED_UPDATES = 40_000;
/** Below this many values (rows × features) a matrix is binned on the calling thread alone. */
export const MIN_SHARED_BIN_VALUES = 200_000;
/** Slack (ms) and count of the late answers after which nodes are built alone for a while (`helperKeepsUp`). */
const LATE_SLACK_MS = 0.1;
const LATE_STREAK = 4;
const MIN_BACKOFF = 32;
const MAX_BACKOFF = 4096;
/** How long the caller waits for one helper answer before declaring the helper dead. */
const HELPER_TIMEOUT_MS = 60_000;

const runningFromSource = import.meta.url.endsWith('.ts');
const HELPER_ENTRY = new URL(runningFromSource ? './helper.dev.mjs' : './helper.js', import.meta.url);

export interface HistogramThreadOptions {
  /** Minimum rows × features of a node for the helper to take part (default MIN_SHARED_UPDATES); tests use 0. */
  minSharedUpdates?: number;
  /** Minimum rows × features of a matrix for the helper to bin half (default MIN_SHARED_BIN_VALUES). */
  minSharedBinValues?: number;
}

/** A running helper thread; a `HistogramBuilderFactory` for fits on the thread that started it. */
export class HistogramThread implements HistogramBuilderFactory {
  private readonly ctrl: Int32Array;
  private readonly ids = new WeakMap<SharedArrayBuffer, number>();
  private nextId = 1;
  private posted = 0;
  private seq = 0;
  private closed = false;
  private current: ThreadedHistogramBuilder | null = null;
  /** Late helper answers in a row, nodes still to build alone, and the next such pause (`helperKeepsUp`). */
  private lateStreak = 0;
  private skip = 0;
  private backoff = MIN_BACKOFF;
  /** Column bins made by `binTrainingMatrix`, handed to the builder opened for that matrix. */
  private binnedBuffer: SharedArrayBuffer | null = null;
  readonly minSharedUpdates: number;
  readonly minSharedBinValues: number;

  /** @internal Use `startHistogramThread`. */
  constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    control: SharedArrayBuffer,
    options: HistogramThreadOptions,
  ) {
    this.ctrl = new Int32Array(control);
    this.minSharedUpdates = options.minSharedUpdates ?? MIN_SHARED_UPDATES;
    this.minSharedBinValues = options.minSharedBinValues ?? MIN_SHARED_BIN_VALUES;
  }

  open(binned: BinnedMatrix, constHess: number): HistogramBuilder {
    if (this.closed) throw new Error('histogram thread is closed');
    // Fits on one thread run one at a time; a builder left open (a fit that threw) is released here.
    this.current?.close();
    const adopt = this.binnedBuffer !== null && binned.columnBins.buffer === this.binnedBuffer;
    if (!adopt) this.dropBinnedBuffer();
    this.binnedBuffer = null;
    this.current = new ThreadedHistogramBuilder(this, binned, constHess, adopt);
    return this.current;
  }

  private dropBinnedBuffer(): void {
    if (this.binnedBuffer !== null) this.post({ type: 'free', ids: [this.ids.get(this.binnedBuffer)!] });
    this.binnedBuffer = null;
  }

  /**
   * binning.ts `binTrainingMatrix` with the features split between the helper (first half) and this thread;
   * the same result, with the column codes in shared memory for the next `open`. Throws as binTrainingMatrix
   * does.
   */
  binTrainingMatrix(x: Float64Array, n: number, p: number, maxBin: number): BinnedMatrix {
    const half = p >> 1;
    if (this.closed || half === 0 || n * p < this.minSharedBinValues || !Number.isInteger(maxBin))
      return serialBinTrainingMatrix(x, n, p, maxBin);
    this.dropBinnedBuffer();
    const u8 = columnBinsFitUint8(maxBin);
    const colBuffer = this.allocate(u8 ? n * p : 2 * n * p);
    const colBins = u8 ? new Uint8Array(colBuffer) : new Uint16Array(colBuffer);
    const xShared = new Float64Array(this.allocate(8 * half * n));
    xShared.set(x.subarray(0, half * n));
    const bounds = new Float64Array(this.allocate(8 * half * Math.max(2, maxBin)));
    const meta = new Int32Array(this.allocate(8 * half));
    const c = this.ctrl;
    c[C.X] = this.idOf(xShared.buffer);
    c[C.N] = n;
    c[C.J0] = 0;
    c[C.J1] = half;
    c[C.MAX_BIN] = maxBin;
    c[C.COL_BINS] = this.idOf(colBuffer);
    c[C.COL_BINS_U8] = u8 ? 1 : 0;
    c[C.BOUNDS] = this.idOf(bounds.buffer);
    c[C.META] = this.idOf(meta.buffer);
    const seq = this.request(C.CMD_BIN);
    let mine: FeatureBins[] = [];
    let error: unknown = null;
    try {
      mine = binTrainingColumns(x, n, half, p, maxBin, colBins);
    } catch (e) {
      error = e;
    }
    this.awaitWord(C.ACK, seq);
    const helped = Atomics.load(c, C.STATUS) === C.STATUS_OK;
    this.free([xShared.buffer, bounds.buffer, meta.buffer] as SharedArrayBuffer[], null);
    if (error !== null || !helped) this.free([colBuffer], null);
    // On failure (±∞ in the helper's half) bin that half here, which throws the error binTrainingMatrix would
    // (the first bad feature's), before this thread's own.
    const theirs = helped
      ? Array.from({ length: half }, (_, j): FeatureBins => {
          const nBins = meta[2 * j]!;
          return { nBins, upper: bounds.slice(j * maxBin, j * maxBin + nBins), nMissing: meta[2 * j + 1]! };
        })
      : binTrainingColumns(x, n, 0, half, maxBin, colBins);
    if (error !== null) throw error;
    if (helped) this.binnedBuffer = colBuffer;
    return assembleBinnedMatrix(n, p, [...theirs, ...mine], colBins);
  }

  /** Builders opened and not yet closed (0 or 1: fits on one thread run one at a time). */
  get openBuilders(): number {
    return this.current === null ? 0 : 1;
  }

  /** @internal A zeroed shared buffer the helper knows by id. */
  allocate(byteLength: number): SharedArrayBuffer {
    const buffer = new SharedArrayBuffer(byteLength);
    const id = this.nextId++;
    this.ids.set(buffer, id);
    this.post({ type: 'buffer', id, buffer });
    return buffer;
  }

  /** @internal The helper's id of `buffer`, or 0 when it is not shared with the helper. */
  idOf(buffer: ArrayBufferLike): number {
    return buffer instanceof SharedArrayBuffer ? (this.ids.get(buffer) ?? 0) : 0;
  }

  /** @internal Tells the helper to drop these buffers (it does so at its next request). */
  free(buffers: SharedArrayBuffer[], builder: ThreadedHistogramBuilder | null): void {
    const ids = buffers.map((b) => this.ids.get(b)!);
    if (ids.length > 0) this.post({ type: 'free', ids });
    if (builder !== null && this.current === builder) this.current = null;
  }

  private post(m: BufferMessage): void {
    this.port.postMessage(m);
    this.posted++;
  }

  /** @internal Starts a request whose argument words the caller has written; returns its number. */
  request(cmd: number): number {
    const c = this.ctrl;
    c[C.CMD] = cmd;
    c[C.GEN] = this.posted;
    const seq = ++this.seq;
    Atomics.store(c, C.REQ, seq);
    Atomics.notify(c, C.REQ);
    return seq;
  }

  /** @internal Blocks until the helper has answered request `seq`; throws if it failed or stopped answering. */
  await(seq: number): void {
    this.awaitWord(C.ACK, seq);
    if (Atomics.load(this.ctrl, C.STATUS) !== C.STATUS_OK)
      throw new Error('histogram helper thread failed a request');
  }

  /**
   * @internal `await` for a request whose caller-side share of the work started at `t0` (performance.now()),
   * noting whether the helper kept up (see `helperKeepsUp`).
   */
  awaitTimed(seq: number, t0: number): void {
    const t1 = performance.now();
    this.await(seq);
    const waited = performance.now() - t1;
    // Late: the helper needed more than twice the caller's time for the same share (plus a wake-up's worth),
    // i.e. it was not running: the two threads share one core of a busy machine.
    if (waited <= t1 - t0 + LATE_SLACK_MS) {
      this.lateStreak = 0;
      this.backoff = MIN_BACKOFF;
    } else if (++this.lateStreak >= LATE_STREAK) {
      this.skip = this.backoff;
      this.backoff = Math.min(MAX_BACKOFF, 2 * this.backoff);
      this.lateStreak = 0;
    }
  }

  /**
   * @internal Whether to share the next node. After LATE_STREAK late answers in a row, nodes are built alone
   * for a while (MIN_BACKOFF nodes, doubling up to MAX_BACKOFF while the helper stays late): with one core for
   * two threads every meeting costs a time slice, and one thread is faster. Either way the model is the same.
   */
  helperKeepsUp(): boolean {
    if (this.skip === 0) return true;
    this.skip--;
    return false;
  }

  /** @internal Blocks until control word `index` holds `value`; throws if the helper stopped answering. */
  awaitWord(index: number, value: number): void {
    if (!waitForWord(this.ctrl, index, value, HELPER_TIMEOUT_MS)) {
      this.closed = true;
      throw new Error('histogram helper thread stopped answering');
    }
  }

  /** @internal The argument words. */
  get control(): Int32Array {
    return this.ctrl;
  }

  /** Stops the helper. Builders still open must not be used afterwards. */
  async close(): Promise<void> {
    if (this.closed) {
      await this.worker.terminate();
      return;
    }
    this.closed = true;
    this.current = null;
    this.await(this.request(C.CMD_STOP));
    this.port.close();
    await this.worker.terminate();
  }
}

/** The serial builder with its arrays in shared memory and the features of large nodes split with the helper. */
class ThreadedHistogramBuilder extends SerialHistogramBuilder {
  private readonly owned: SharedArrayBuffer[];
  /** The helper takes features 0..split−1, the caller split..p−1. */
  private readonly split: number;
  private readonly slotsId: number;
  /** binned.columnBins copied to shared memory on the first shared split. */
  private colBins: Uint8Array | Uint16Array | null = null;
  private open = true;
  /** Shared copies for the helper's half of a child search (protocol.ts SEARCH), made on first use. */
  private searchShared: {
    fargs: Float64Array;
    /** Views of the helper's two records in fargs. */
    foundSmall: Float64Array;
    foundLarge: Float64Array;
    mask: Uint8Array;
    nBins: Int32Array;
    offset: Int32Array;
  } | null = null;

  /** `adoptColumnBins`: binned.columnBins is the thread's shared buffer from binTrainingMatrix; free it at close. */
  constructor(
    private readonly thread: HistogramThread,
    binned: BinnedMatrix,
    constHess: number,
    adoptColumnBins: boolean,
  ) {
    const owned: SharedArrayBuffer[] = [];
    const split = binned.p >> 1;
    // One slot block per thread: the helper's features 0..split−1, the caller's split..p−1.
    super(
      binned,
      constHess,
      (byteLength) => {
        const b = thread.allocate(byteLength);
        owned.push(b);
        return b;
      },
      split > 0 ? [split] : [],
    );
    if (adoptColumnBins) {
      owned.push(binned.columnBins.buffer as SharedArrayBuffer);
      this.colBins = binned.columnBins;
    }
    this.owned = owned;
    this.split = split;
    this.slotsId = thread.idOf(this.blocks[0]!.scaled.buffer);
  }

  /**
   * Writes the histogram arguments into the control block when the helper can share this work (big enough,
   * every array shared); returns false otherwise.
   */
  private shareable(
    rows: Int32Array,
    nRows: number,
    grad: Float64Array,
    hess: Float64Array,
    out: Float64Array | null,
  ): boolean {
    const p = this.binned.p;
    const t = this.thread;
    const constHess = this.constHess > 0;
    if (!this.open || this.split === 0 || nRows * p < t.minSharedUpdates || !t.helperKeepsUp()) return false;
    const helperBlock = this.blocks[0]!;
    const rowsId = t.idOf(rows.buffer);
    const gradId = t.idOf(grad.buffer);
    const hessId = constHess ? 0 : t.idOf(hess.buffer);
    const outId = out === null ? 0 : t.idOf(out.buffer);
    if (rowsId === 0 || gradId === 0 || (!constHess && hessId === 0) || (out !== null && outId === 0))
      return false;
    const c = t.control;
    c[C.SLOTS] = this.slotsId;
    c[C.SLOTS_U16] = helperBlock.scaled instanceof Uint16Array ? 1 : 0;
    // The helper's block: its own row stride, and features 0..split−1 of it.
    c[C.P] = this.split;
    c[C.J0] = 0;
    c[C.J1] = this.split;
    c[C.ROWS] = rowsId;
    c[C.ROWS_OFF] = rows.byteOffset >> 2;
    c[C.GRAD] = gradId;
    c[C.GRAD_OFF] = grad.byteOffset >> 3;
    c[C.HESS] = hessId;
    c[C.HESS_OFF] = constHess ? 0 : hess.byteOffset >> 3;
    c[C.OUT] = outId;
    c[C.OUT_OFF] = out === null ? 0 : out.byteOffset >> 3;
    c[C.CONST_HESS] = constHess ? 1 : 0;
    return true;
  }

  override build(
    rows: Int32Array,
    start: number,
    end: number,
    grad: Float64Array,
    hess: Float64Array,
    out: Float64Array,
  ): void {
    if (!this.shareable(rows, end - start, grad, hess, out)) {
      super.build(rows, start, end, grad, hess, out);
      return;
    }
    const t = this.thread;
    const c = t.control;
    const all = this.allRows(rows, start, end);
    c[C.START] = start;
    c[C.END] = end;
    c[C.ALL_ROWS] = all ? 1 : 0;
    const seq = t.request(C.CMD_BUILD);
    const t0 = performance.now();
    this.buildBlock(this.blocks[1]!, all, rows, start, end, grad, hess, out);
    // The counts of every feature go in here, alongside the helper's sums: the two write disjoint doubles.
    if (all) this.addAllRowCounts(out);
    t.awaitTimed(seq, t0);
  }

  override splitNode(
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
    const t = this.thread;
    const dstId = t.idOf(dst.buffer);
    if (
      !this.shareable(src, end - start, grad, hess, out) ||
      dstId === 0 ||
      (search !== null && t.idOf(search.parent.buffer) === 0)
    ) {
      super.splitNode(src, dst, start, end, f, b, missingLeft, nLeft, smallLeft, grad, hess, out, search);
      return;
    }
    const { n, p, nBins } = this.binned;
    const colBins = (this.colBins ??= this.sharedColumnBins());
    const ml = missingLeft ? 1 : 0;
    const mid = (start + end) >> 1;
    const leftEnd = start + nLeft;
    const c = t.control;
    c[C.COL_BINS] = t.idOf(colBins.buffer);
    c[C.COL_BINS_U8] = colBins instanceof Uint8Array ? 1 : 0;
    c[C.COL] = f * n;
    c[C.BIN] = b;
    c[C.MISS_BIN] = nBins[f]!;
    c[C.MISSING_LEFT] = ml;
    c[C.SMALL_LEFT] = smallLeft ? 1 : 0;
    c[C.START] = start;
    c[C.MID] = mid;
    c[C.END] = end;
    c[C.N_LEFT] = nLeft;
    c[C.DST] = dstId;
    c[C.DST_OFF] = dst.byteOffset >> 2;
    c[C.SEARCH] = out === null || search === null ? 0 : this.shareSearch(search);
    const seq = t.request(C.CMD_SPLIT);
    const t0 = performance.now();
    // The helper partitions [start, mid) forwards from the children's first places, this thread [mid, end)
    // backwards from their last (partition.ts), so the children land in place with no merge.
    const lB = partitionIntoBackward(colBins, f * n, b, nBins[f]!, ml, src, mid, end, dst, leftEnd, end);
    c[C.B_LEFT] = lB;
    Atomics.store(c, C.B_DONE, seq);
    Atomics.notify(c, C.B_DONE);
    t.awaitWord(C.A_DONE, seq);
    const left = c[C.A_LEFT]! + lB;
    if (left !== nLeft) {
      // The helper skips its histogram too (it checks the same sum); wait for it before throwing.
      t.await(seq);
      checkLeftCount(left, nLeft);
    }
    const w = this.width;
    if (out !== null) {
      const [from, to] = smallLeft ? [start, leftEnd] : [leftEnd, end];
      this.buildBlock(this.blocks[1]!, false, dst, from, to, grad, hess, out);
    }
    if (c[C.SEARCH] !== 0) {
      // This thread's half of the search (the upper features), while the helper does the lower half.
      const hScale = w === 2 ? this.constHess : 1;
      searchChildrenRange(search!, out!, nBins, this.binned.offset, w, hScale, this.split, p);
    }
    t.awaitTimed(seq, t0);
    if (c[C.SEARCH] !== 0) {
      // The helper's records (lower features) win ties, as in the serial scan.
      const s = search!;
      const sh = this.searchShared!;
      if (s.searchSmall) {
        mergeSplits(sh.foundSmall, s.foundSmall, s.foundSmall);
        finishSplit(s.foundSmall, s.params.minSplitGain);
      }
      if (s.searchLarge) {
        mergeSplits(sh.foundLarge, s.foundLarge, s.foundLarge);
        finishSplit(s.foundLarge, s.params.minSplitGain);
      }
    }
  }

  /** Writes the SEARCH arguments (copying what the helper cannot see yet); returns the SEARCH word. */
  private shareSearch(s: ChildSearch): number {
    const t = this.thread;
    const { p, nBins, offset } = this.binned;
    let sh = this.searchShared;
    if (sh === null) {
      const fargs = new Float64Array(this.allocate(8 * C.F_WORDS));
      sh = this.searchShared = {
        fargs,
        foundSmall: fargs.subarray(C.F_FOUND_SMALL, C.F_FOUND_SMALL + SPLIT_RECORD),
        foundLarge: fargs.subarray(C.F_FOUND_LARGE, C.F_FOUND_LARGE + SPLIT_RECORD),
        mask: new Uint8Array(this.allocate(p)),
        nBins: new Int32Array(this.allocate(4 * p)),
        offset: new Int32Array(this.allocate(4 * (p + 1))),
      };
      sh.nBins.set(nBins);
      sh.offset.set(offset);
    }
    sh.mask.set(s.featureMask);
    const a = sh.fargs;
    const q = s.params;
    a[C.F_MIN_DATA_IN_LEAF] = q.minDataInLeaf;
    a[C.F_MIN_CHILD_WEIGHT] = q.minChildWeight;
    a[C.F_LAMBDA] = q.lambda;
    a[C.F_ALPHA] = q.alpha;
    a[C.F_MIN_SPLIT_GAIN] = q.minSplitGain;
    a[C.F_HSCALE] = this.width === 2 ? this.constHess : 1;
    a[C.F_G_SMALL] = s.gSmall;
    a[C.F_H_SMALL] = s.hSmall;
    a[C.F_C_SMALL] = s.cSmall;
    a[C.F_G_LARGE] = s.gLarge;
    a[C.F_H_LARGE] = s.hLarge;
    a[C.F_C_LARGE] = s.cLarge;
    const c = t.control;
    c[C.PARENT] = t.idOf(s.parent.buffer);
    c[C.PARENT_OFF] = s.parent.byteOffset >> 3;
    c[C.MASK] = t.idOf(sh.mask.buffer);
    c[C.NBINS] = t.idOf(sh.nBins.buffer);
    c[C.OFFSETS] = t.idOf(sh.offset.buffer);
    c[C.FARGS] = t.idOf(a.buffer);
    return (s.searchSmall ? 1 : 0) | (s.searchLarge ? 2 : 0);
  }

  private sharedColumnBins(): Uint8Array | Uint16Array {
    const src = this.binned.columnBins;
    const copy =
      src instanceof Uint8Array
        ? new Uint8Array(this.allocate(src.length))
        : new Uint16Array(this.allocate(2 * src.length));
    copy.set(src);
    return copy;
  }

  override close(): void {
    if (!this.open) return;
    this.open = false;
    super.close();
    this.thread.free(this.owned, this);
    this.owned.length = 0;
  }
}

/** Starts the helper thread and waits until it is ready. */
export async function startHistogramThread(options: HistogramThreadOptions = {}): Promise<HistogramThread> {
  const control = new SharedArrayBuffer(4 * C.CONTROL_INTS);
  const { port1, port2 } = new MessageChannel();
  const data: HelperData = { control, port: port2 };
  const worker = new Worker(HELPER_ENTRY, { workerData: data, transferList: [port2] });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`histogram helper thread exited with code ${code}`)));
    });
  } catch (e) {
    port1.close();
    await worker.terminate();
    throw e;
  }
  worker.removeAllListeners();
  // A crash later surfaces as a failed or timed-out request; without a listener it would kill the process.
  worker.on('error', () => undefined);
  worker.unref();
  port1.unref();
  return new HistogramThread(worker, port1, control, options);
}
