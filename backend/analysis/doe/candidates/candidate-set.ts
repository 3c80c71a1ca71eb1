/**
 * Holds candidate conditions as column chunks of typed arrays, so a grid of a million rows costs a few
 * megabytes per factor instead of a million JavaScript objects.
 *
 * Glossary:
 * - factor: one dimension of the candidate set. `numeric` (a number per candidate), `categorical` (a level
 *   index into `levels`), or `one_hot` (a group of 0/1 columns of which exactly one is 1, stored as the index of
 *   that column in `columns`; it behaves like a categorical factor whose levels are the column names).
 * - chunk: up to `chunkSize` consecutive candidates; `values[f]` is a Float64Array for a numeric factor and an
 *   Int32Array of level indices otherwise, all of length `length`.
 * - output columns: what a table of the candidates shows: a numeric or categorical factor is one column, a
 *   one-hot group one 0/1 column per member.
 */

export type CandidateFactor =
  | { kind: 'numeric'; name: string }
  | { kind: 'categorical'; name: string; levels: string[] }
  | { kind: 'one_hot'; name: string; columns: string[] };

export interface CandidateChunk {
  length: number;
  /** One per factor, in factor order: Float64Array (numeric) or Int32Array (level / member index). */
  values: Array<Float64Array | Int32Array>;
}

export interface CandidateSet {
  factors: CandidateFactor[];
  chunks: CandidateChunk[];
  /** Total candidates (sum of the chunk lengths). */
  count: number;
}

/** A cell of the output table: a number (numeric factor, one-hot 0/1) or a level text. */
export type CandidateCell = number | string;

/** The label of a one-hot group used as its factor name: its columns joined by '|' (`A11|A13|A21|A32`). */
export function oneHotGroupName(columns: readonly string[]): string {
  return columns.join('|');
}

/** The column names of the output table, in factor order (a one-hot group expands to its members). */
export function outputColumns(factors: readonly CandidateFactor[]): string[] {
  return factors.flatMap((f) => (f.kind === 'one_hot' ? f.columns : [f.name]));
}

/**
 * Writes candidate `i` of `chunk` as output cells into `out` (length = outputColumns(factors).length).
 * Mutates `out` only; returns it.
 */
export function candidateCells(
  factors: readonly CandidateFactor[],
  chunk: CandidateChunk,
  i: number,
  out: CandidateCell[],
): CandidateCell[] {
  let k = 0;
  factors.forEach((f, j) => {
    const v = chunk.values[j]![i]!;
    if (f.kind === 'numeric') out[k++] = v;
    else if (f.kind === 'categorical') out[k++] = f.levels[v]!;
    else for (let m = 0; m < f.columns.length; m++) out[k++] = m === v ? 1 : 0;
  });
  return out;
}

/** Locates candidate `index` (0-based): its chunk and the row inside it. Throws RangeError out of range. */
export function locate(set: CandidateSet, index: number): { chunk: CandidateChunk; row: number } {
  if (!Number.isInteger(index) || index < 0 || index >= set.count) {
    throw new RangeError(`candidate ${index} is out of range 0..${set.count - 1}`);
  }
  let row = index;
  for (const chunk of set.chunks) {
    if (row < chunk.length) return { chunk, row };
    row -= chunk.length;
  }
  throw new RangeError(`candidate ${index}: chunks shorter than count`);
}

/** The output cells of candidate `index`, keyed by output column. */
export function candidateRecord(set: CandidateSet, index: number): Record<string, CandidateCell> {
  const { chunk, row } = locate(set, index);
  const names = outputColumns(set.factors);
  const cells = candidateCells(set.factors, chunk, row, new Array<CandidateCell>(names.length));
  return Object.fromEntries(names.map((n, k) => [n, cells[k]!]));
}

/** Factor `f` of every candidate, concatenated (numeric → Float64Array, otherwise Int32Array). Allocates. */
export function factorColumn(set: CandidateSet, f: number): Float64Array | Int32Array {
  const factor = set.factors[f];
  if (factor === undefined) throw new RangeError(`factor ${f} does not exist`);
  const out = factor.kind === 'numeric' ? new Float64Array(set.count) : new Int32Array(set.count);
  let offset = 0;
  for (const chunk of set.chunks) {
    out.set(chunk.values[f]!.subarray(0, chunk.length), offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Builds a candidate set from whole columns (one per factor, all of length n), split into chunks of
 * `chunkSize`. Copies the data; throws RangeError on a length or type mismatch.
 */
export function candidateSetFromColumns(
  factors: CandidateFactor[],
  columns: Array<Float64Array | Int32Array>,
  n: number,
  chunkSize = 65_536,
): CandidateSet {
  if (columns.length !== factors.length) throw new RangeError('one column per factor expected');
  factors.forEach((f, j) => {
    const c = columns[j]!;
    if (c.length !== n) throw new RangeError(`column of factor '${f.name}' has length ${c.length}, not ${n}`);
    if ((f.kind === 'numeric') !== c instanceof Float64Array) {
      throw new RangeError(
        `factor '${f.name}' needs ${f.kind === 'numeric' ? 'Float64Array' : 'Int32Array'}`,
      );
    }
  });
  const chunks: CandidateChunk[] = [];
  for (let start = 0; start < n; start += chunkSize) {
    const end = Math.min(n, start + chunkSize);
    chunks.push({ length: end - start, values: columns.map((c) => c.slice(start, end)) });
  }
  return { factors, chunks, count: n };
}
