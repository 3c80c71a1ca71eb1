/**
 * Entry of the histogram helper thread: it waits on the shared control block and accumulates the histogram
 * of its share of the features while the calling thread does the rest, so one fit uses two cores.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { BinScratch, binTrainingColumns } from '../../analysis/boosting/binning.js';
import { SPLIT_RECORD } from '../../analysis/boosting/best-split.js';
import { newChildSearch, searchChildrenRange } from '../../analysis/boosting/histogram-builder.js';
import type { ChildSearch } from '../../analysis/boosting/histogram-builder.js';
import { accumulateAllRows, accumulateHistogram } from '../../analysis/boosting/histogram.js';
import { partitionInto } from '../../analysis/boosting/partition.js';
import * as C from './protocol.js';
import { waitForChange, waitForWord } from './wait.js';
import type { BufferMessage, HelperData } from './protocol.js';

const { control, port } = workerData as HelperData;
const ctrl = new Int32Array(control);
const buffers = new Map<number, SharedArrayBuffer>();
const f64 = new Map<number, Float64Array>();
const i32 = new Map<number, Int32Array>();
const u16 = new Map<number, Uint16Array>();
const u8 = new Map<number, Uint8Array>();
let received = 0;

/** Reads messages until `gen` have arrived (the caller posts each before it raises GEN). */
function drain(gen: number): void {
  while (received < gen) {
    const m = receiveMessageOnPort(port);
    if (m === undefined) throw new Error(`histogram helper: message ${received + 1} of ${gen} missing`);
    received++;
    const msg = m.message as BufferMessage;
    if (msg.type === 'buffer') buffers.set(msg.id, msg.buffer);
    else {
      for (const id of msg.ids) {
        buffers.delete(id);
        f64.delete(id);
        i32.delete(id);
        u16.delete(id);
        u8.delete(id);
      }
    }
  }
}

function view<T>(cache: Map<number, T>, id: number, make: (b: SharedArrayBuffer) => T): T {
  let v = cache.get(id);
  if (v === undefined) {
    const b = buffers.get(id);
    if (b === undefined) throw new Error(`histogram helper: unknown buffer ${id}`);
    v = make(b);
    cache.set(id, v);
  }
  return v;
}

const asF64 = (id: number, off: number): Float64Array => {
  const v = view(f64, id, (b) => new Float64Array(b));
  return off === 0 ? v : v.subarray(off);
};

function slotsView(): Uint16Array | Int32Array {
  return ctrl[C.SLOTS_U16] === 1
    ? view(u16, ctrl[C.SLOTS]!, (b) => new Uint16Array(b))
    : view(i32, ctrl[C.SLOTS]!, (b) => new Int32Array(b));
}

function rowsView(id: number, off: number): Int32Array {
  const all = view(i32, id, (b) => new Int32Array(b));
  return off === 0 ? all : all.subarray(off);
}

/** Adds rows[start..end) of the helper's features J0..J1−1 to the OUT histogram. */
function accumulate(rows: Int32Array, start: number, end: number): void {
  const constHess = ctrl[C.CONST_HESS] === 1 ? 1 : 0;
  const grad = asF64(ctrl[C.GRAD]!, ctrl[C.GRAD_OFF]!);
  const hess = constHess === 1 ? grad : asF64(ctrl[C.HESS]!, ctrl[C.HESS_OFF]!);
  const out = asF64(ctrl[C.OUT]!, ctrl[C.OUT_OFF]!);
  const p = ctrl[C.P]!;
  accumulateHistogram(slotsView(), p, ctrl[C.J0]!, ctrl[C.J1]!, rows, start, end, grad, hess, constHess, out);
}

function build(): void {
  if (ctrl[C.ALL_ROWS] === 1) {
    const constHess = ctrl[C.CONST_HESS] === 1 ? 1 : 0;
    const grad = asF64(ctrl[C.GRAD]!, ctrl[C.GRAD_OFF]!);
    const hess = constHess === 1 ? grad : asF64(ctrl[C.HESS]!, ctrl[C.HESS_OFF]!);
    const out = asF64(ctrl[C.OUT]!, ctrl[C.OUT_OFF]!);
    accumulateAllRows(
      slotsView(),
      ctrl[C.P]!,
      ctrl[C.J0]!,
      ctrl[C.J1]!,
      ctrl[C.END]!,
      grad,
      hess,
      constHess,
      out,
    );
  } else accumulate(rowsView(ctrl[C.ROWS]!, ctrl[C.ROWS_OFF]!), ctrl[C.START]!, ctrl[C.END]!);
}

function split(seq: number): void {
  const colBins =
    ctrl[C.COL_BINS_U8] === 1
      ? view(u8, ctrl[C.COL_BINS]!, (b) => new Uint8Array(b))
      : view(u16, ctrl[C.COL_BINS]!, (b) => new Uint16Array(b));
  const src = rowsView(ctrl[C.ROWS]!, ctrl[C.ROWS_OFF]!);
  const dst = rowsView(ctrl[C.DST]!, ctrl[C.DST_OFF]!);
  const start = ctrl[C.START]!;
  const end = ctrl[C.END]!;
  const leftEnd = start + ctrl[C.N_LEFT]!;
  const lA = partitionInto(
    colBins,
    ctrl[C.COL]!,
    ctrl[C.BIN]!,
    ctrl[C.MISS_BIN]!,
    ctrl[C.MISSING_LEFT]!,
    src,
    start,
    ctrl[C.MID]!,
    dst,
    start,
    leftEnd,
  );
  ctrl[C.A_LEFT] = lA;
  Atomics.store(ctrl, C.A_DONE, seq);
  Atomics.notify(ctrl, C.A_DONE);
  if (ctrl[C.OUT] === 0) return;
  if (!waitForWord(ctrl, C.B_DONE, seq))
    throw new Error('histogram helper: the caller did not partition its half');
  // Children that overlap (a broken count) get no histogram; the caller reports it.
  if (lA + ctrl[C.B_LEFT]! !== ctrl[C.N_LEFT]!) return;
  if (ctrl[C.SMALL_LEFT] === 1) accumulate(dst, start, leftEnd);
  else accumulate(dst, leftEnd, end);
  if (ctrl[C.SEARCH] !== 0) searchChildren();
}

/** The helper's reusable `ChildSearch`, refilled from the control words for every request. */
const childSearch: ChildSearch = newChildSearch(new Uint8Array(0), {
  minDataInLeaf: 0,
  minChildWeight: 0,
  lambda: 0,
  alpha: 0,
  minSplitGain: 0,
});

/** The helper's half (features J0..J1−1) of SPLIT's child search; see protocol.ts SEARCH. */
function searchChildren(): void {
  const fa = asF64(ctrl[C.FARGS]!, 0);
  const s = childSearch;
  const flags = ctrl[C.SEARCH]!;
  s.parent = asF64(ctrl[C.PARENT]!, ctrl[C.PARENT_OFF]!);
  s.searchSmall = (flags & 1) !== 0;
  s.searchLarge = (flags & 2) !== 0;
  s.gSmall = fa[C.F_G_SMALL]!;
  s.hSmall = fa[C.F_H_SMALL]!;
  s.cSmall = fa[C.F_C_SMALL]!;
  s.gLarge = fa[C.F_G_LARGE]!;
  s.hLarge = fa[C.F_H_LARGE]!;
  s.cLarge = fa[C.F_C_LARGE]!;
  s.featureMask = view(u8, ctrl[C.MASK]!, (b) => new Uint8Array(b));
  const q = s.params;
  q.minDataInLeaf = fa[C.F_MIN_DATA_IN_LEAF]!;
  q.minChildWeight = fa[C.F_MIN_CHILD_WEIGHT]!;
  q.lambda = fa[C.F_LAMBDA]!;
  q.alpha = fa[C.F_ALPHA]!;
  q.minSplitGain = fa[C.F_MIN_SPLIT_GAIN]!;
  s.foundSmall = fa.subarray(C.F_FOUND_SMALL, C.F_FOUND_SMALL + SPLIT_RECORD);
  s.foundLarge = fa.subarray(C.F_FOUND_LARGE, C.F_FOUND_LARGE + SPLIT_RECORD);
  const nBins = view(i32, ctrl[C.NBINS]!, (b) => new Int32Array(b));
  const offset = view(i32, ctrl[C.OFFSETS]!, (b) => new Int32Array(b));
  const small = asF64(ctrl[C.OUT]!, ctrl[C.OUT_OFF]!);
  const width = ctrl[C.CONST_HESS] === 1 ? 2 : 3;
  searchChildrenRange(s, small, nBins, offset, width, fa[C.F_HSCALE]!, ctrl[C.J0]!, ctrl[C.J1]!);
}

let binScratch: BinScratch | null = null;

function bin(): void {
  const n = ctrl[C.N]!;
  const maxBin = ctrl[C.MAX_BIN]!;
  const colBins =
    ctrl[C.COL_BINS_U8] === 1
      ? view(u8, ctrl[C.COL_BINS]!, (b) => new Uint8Array(b))
      : view(u16, ctrl[C.COL_BINS]!, (b) => new Uint16Array(b));
  if (binScratch?.n !== n) binScratch = new BinScratch(n);
  const j0 = ctrl[C.J0]!;
  const features = binTrainingColumns(asF64(ctrl[C.X]!, 0), n, j0, ctrl[C.J1]!, maxBin, colBins, binScratch);
  const bounds = asF64(ctrl[C.BOUNDS]!, 0);
  const meta = view(i32, ctrl[C.META]!, (b) => new Int32Array(b));
  features.forEach((f, k) => {
    const j = j0 + k;
    bounds.set(f.upper, j * maxBin);
    meta[2 * j] = f.nBins;
    meta[2 * j + 1] = f.nMissing;
  });
}

// REQ starts at 0 and only the caller raises it; reading it here instead could skip a request sent already.
let seen = 0;
parentPort!.postMessage('ready');
for (;;) {
  // Within a tree the next request follows after some tens of microseconds of split finding, about what
  // waking from a sleep costs, so this polls first (wait.ts).
  waitForChange(ctrl, C.REQ, seen);
  seen = Atomics.load(ctrl, C.REQ);
  const cmd = Atomics.load(ctrl, C.CMD);
  let status = C.STATUS_OK;
  try {
    drain(Atomics.load(ctrl, C.GEN));
    if (cmd === C.CMD_BUILD) build();
    else if (cmd === C.CMD_SPLIT) split(seen);
    else if (cmd === C.CMD_BIN) bin();
  } catch {
    status = C.STATUS_FAILED;
  }
  Atomics.store(ctrl, C.STATUS, status);
  Atomics.store(ctrl, C.ACK, seen);
  Atomics.notify(ctrl, C.ACK);
  if (cmd === C.CMD_STOP) break;
}
port.close();
