/** The words both sides of the histogram helper thread read and write in their shared control block, so that a histogram split between two threads needs no message on the hot path. */

/**
 * Glossary:
 * - control block: an Int32Array over a SharedArrayBuffer of CONTROL_INTS words.
 * - request: the caller fills the argument words, then increments REQ and notifies; the helper does the work,
 *   writes STATUS, stores the request number in ACK and notifies. One request is in flight at a time.
 * - buffer id: a positive integer naming a SharedArrayBuffer sent to the helper once with a `BufferMessage`
 *   (on the MessagePort given in `HelperData`). GEN counts the messages posted so far; before acting on a
 *   request the helper reads messages synchronously until it has seen GEN of them.
 * - offsets are in elements of the view's type, not bytes.
 * - split: the node's rows are ROWS[START..END), its children go to DST[START..END), the N_LEFT left rows
 *   first. The helper partitions the first half of the rows forwards from the children's first places, the
 *   caller the second half backwards from their last (partition.ts), so the children land in place, in
 *   ascending row order; each publishes its left count and raises its DONE word to the request number. Then
 *   each thread histograms the smaller child's rows for its features.
 */
import type { MessagePort } from 'node:worker_threads';

export const REQ = 0;
export const ACK = 1;
export const CMD = 2;
export const GEN = 3;
export const STATUS = 4;
/** BUILD arguments. */
export const SLOTS = 5;
/** 1: the slots buffer holds Uint16 codes; 0: Int32. */
export const SLOTS_U16 = 6;
export const P = 7;
export const J0 = 8;
export const J1 = 9;
export const ROWS = 10;
export const ROWS_OFF = 11;
export const START = 12;
export const END = 13;
export const GRAD = 14;
export const GRAD_OFF = 15;
/** 0 when the hessian is constant (not read). */
export const HESS = 16;
export const HESS_OFF = 17;
export const OUT = 18;
export const OUT_OFF = 19;
/** 1: constant hessian (histogram width 2); 0: width 3. */
export const CONST_HESS = 20;
/** SPLIT arguments (with the BUILD ones; OUT = 0 when no histogram is wanted). */
export const COL_BINS = 21;
/** 1: the column bins buffer holds Uint8 codes; 0: Uint16. */
export const COL_BINS_U8 = 22;
/** feature·n: where the split feature's column starts. */
export const COL = 23;
export const BIN = 24;
export const MISS_BIN = 25;
export const MISSING_LEFT = 26;
export const SMALL_LEFT = 27;
/** The helper partitions START..MID−1, the caller MID..END−1. */
export const MID = 28;
/** Rows going left (the split's count): the left child is DST[START..START + N_LEFT). */
export const N_LEFT = 29;
/** The helper's left count, then the request number once that half is partitioned. */
export const A_LEFT = 30;
export const A_DONE = 31;
/** The caller's. */
export const B_LEFT = 32;
export const B_DONE = 33;
/** BIN arguments (with J0, J1, COL_BINS, COL_BINS_U8): the matrix, its rows, maxBin, and where the bins go. */
export const X = 34;
export const N = 35;
export const MAX_BIN = 36;
/** Float64 p·maxBin: feature j's bounds at j·maxBin. */
export const BOUNDS = 37;
/** Int32 2·p: feature j's nBins at 2j, nMissing at 2j + 1. */
export const META = 38;
/**
 * SPLIT's child search (histogram-builder.ts `ChildSearch`; helper's share: features J0..J1−1): SEARCH = 1
 * (smaller child) | 2 (larger child), 0 for none; PARENT the parent histogram; MASK a Uint8 copy of the
 * feature mask; NBINS and OFFSETS Int32 copies of the matrix's; FARGS the Float64 block laid out by the F_
 * constants below, where the helper also writes its range results.
 */
export const SEARCH = 39;
export const PARENT = 40;
export const PARENT_OFF = 41;
export const MASK = 42;
export const NBINS = 43;
export const OFFSETS = 44;
export const FARGS = 45;
/** BUILD: 1 when the rows are 0..END−1 in order (histogram.ts `accumulateAllRows`; the caller adds the counts). */
export const ALL_ROWS = 46;
/** SPLIT: the row buffer the children are written to (ROWS holds the node's rows). */
export const DST = 47;
export const DST_OFF = 48;
export const CONTROL_INTS = 50;

/** Float64 words of FARGS: the split settings, hScale, the children's sums, then two split records. */
export const F_MIN_DATA_IN_LEAF = 0;
export const F_MIN_CHILD_WEIGHT = 1;
export const F_LAMBDA = 2;
export const F_ALPHA = 3;
export const F_MIN_SPLIT_GAIN = 4;
export const F_HSCALE = 5;
export const F_G_SMALL = 6;
export const F_H_SMALL = 7;
export const F_C_SMALL = 8;
export const F_G_LARGE = 9;
export const F_H_LARGE = 10;
export const F_C_LARGE = 11;
/** The helper's best split of the smaller / larger child over its features (best-split.ts record). */
export const F_FOUND_SMALL = 16;
export const F_FOUND_LARGE = 24;
export const F_WORDS = 32;

export const CMD_BUILD = 1;
/** Partition half of a node's rows, meet the caller, then build the helper's features of the small child. */
export const CMD_SPLIT = 4;
/** Bin features J0..J1−1 for training (binning.ts `binTrainingColumns`). */
export const CMD_BIN = 5;
/** Read pending messages (freeing buffers) and acknowledge. */
export const CMD_SYNC = 2;
export const CMD_STOP = 3;

export const STATUS_OK = 0;
export const STATUS_FAILED = 1;

export type BufferMessage =
  { type: 'buffer'; id: number; buffer: SharedArrayBuffer } | { type: 'free'; ids: number[] };

/** What the helper thread is started with (`workerData`). */
export interface HelperData {
  control: SharedArrayBuffer;
  port: MessagePort;
}
