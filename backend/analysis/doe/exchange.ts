/**
 * Chooses the runs of an optimal experimental design from a candidate list by the modified Fedorov exchange,
 * from many seeded random starts, so the same request always gives the same (and a locally unimprovable) design.
 *
 * Glossary (see also information-matrix.ts):
 * - candidate: one row of the coded candidate model matrix (N×p, intercept column included if the model has one);
 * - fixed row: a run already done (augmentation); always in the design, never exchanged;
 * - design: the fixed rows plus `nNew` distinct candidates (chosen without replacement);
 * - M = XᵀX of the design; d(x) = xᵀM⁻¹x; for the trace criteria B is the weight matrix (A: identity; I: the
 *   moment matrix of the candidate region) and e(x) = xᵀM⁻¹BM⁻¹x;
 * - criterion values: D → ln det M (maximised); A → trace M⁻¹; I → trace(B·M⁻¹) = mean over all N candidates of
 *   d(x) (both minimised); D_then_I → a D-exchange, then I-exchanges from its result, judged by I;
 * - start: one random nonsingular starting design (random rows, rank-increasing while the design is singular, then
 *   greedy completion) followed by exchanges until no exchange improves the criterion by more than a relative 1e-9.
 *
 * Per design point, the scan over candidates costs O(p) each (a dot product with M⁻¹x_i), with candidates
 * skipped when an exact upper bound on their gain cannot beat the best found so far (D: Δ ≤ d(y) − d(x) by
 * Cauchy–Schwarz); an accepted exchange updates M⁻¹ by Woodbury and every candidate's d (and e) in O(N·p).
 * No candidate is ever skipped without that bound, so the result does not depend on any sampling.
 */
import { norm2 } from '../linear/householder-qr.js';
import type { AbortSignalLike } from '../linear/ols.js';
import { createRng, deriveSeed, type Rng } from '../random/rng.js';
import { DesignError } from './design-error.js';
import { DesignState } from './design-state.js';
import {
  SINGULAR_TOLERANCE,
  addOuterProduct,
  informationFromRows,
  invertSpd,
  symmetricTimes,
  toRowMajor,
} from './information-matrix.js';

export type DesignCriterion = 'D' | 'I' | 'A' | 'D_then_I';

export interface DesignProblem {
  /** Column-major N×p candidate model matrix (coded; intercept column included if any). Not mutated. */
  candidates: Float64Array;
  nCandidates: number;
  p: number;
  /** Column-major E×p model rows of runs already done: always in the design. Not mutated. */
  fixed: Float64Array;
  nFixed: number;
  /** Candidate indices that may not be chosen (e.g. matched to existing runs). */
  exclude?: Int32Array;
  nNew: number;
  criterion: DesignCriterion;
  nStarts: number;
  seed: number;
  /** Term names (length p), used only to name dependent terms in a DesignError. */
  terms?: readonly string[];
  signal?: AbortSignalLike;
  onProgress?: (fraction: number, stage: string) => void;
}

export interface DesignSolution {
  /** The chosen candidate indices, ascending (the fixed rows are not listed). */
  selected: Int32Array;
  /** ln det XᵀX of fixed + selected, recomputed from scratch; null if singular. */
  logDet: number | null;
  /** The criterion value of the winning start (see the module glossary), recomputed from scratch. */
  value: number | null;
  /** 0-based index of the winning start (ties go to the lower index). */
  bestStart: number;
  starts: number;
}

/** A validated problem in the layout the exchange works on; build with `prepareDesignProblem`. */
export interface PreparedDesignProblem {
  readonly p: number;
  readonly nCandidates: number;
  /** Row-major candidate rows. */
  readonly rows: Float64Array;
  /** Row-major fixed rows. */
  readonly fixedRows: Float64Array;
  readonly nFixed: number;
  /** 1 for excluded candidates. */
  readonly excluded: Uint8Array;
  readonly nNew: number;
  readonly criterion: DesignCriterion;
  /** Moment matrix of the candidate region (mean of x·xᵀ over all N candidates), for I and D_then_I. */
  readonly moments: Float64Array | null;
  readonly terms: readonly string[] | undefined;
  /** Diagonal added to M while completing a random start: 1e-6 × the mean square of each candidate column. */
  readonly ridge: Float64Array;
}

export interface StartResult {
  selected: Int32Array;
  logDet: number | null;
  value: number | null;
}

/** Relative improvement an exchange must bring to be taken. */
export { DesignState };

export const EXCHANGE_TOLERANCE = 1e-9;
/** Full recomputation of M⁻¹ and of every candidate's variances after this many rank-one/two updates. */
export const REFRESH_EVERY = 50;
const MAX_PASSES = 500;

function describeColumns(columns: readonly number[], terms: readonly string[] | undefined): string {
  return columns.map((c) => (terms?.[c] !== undefined ? `'${terms[c]}'` : `column ${c}`)).join(', ');
}

/**
 * Validates a problem and converts it to row-major storage. Throws DesignError when no nonsingular design of
 * the requested size can exist (too few candidates, too few runs, dependent terms) and RangeError on malformed
 * input. Pure (allocates O(N·p)).
 */
export function prepareDesignProblem(problem: DesignProblem): PreparedDesignProblem {
  const { candidates, nCandidates: n, p, fixed, nFixed, nNew, criterion, nStarts, seed } = problem;
  if (!Number.isInteger(p) || p < 1)
    throw new RangeError(`optimalDesign: p must be a positive integer, got ${p}`);
  if (!Number.isInteger(n) || n < 0 || candidates.length !== n * p)
    throw new RangeError(`optimalDesign: expected ${n}×${p} candidate values, got ${candidates.length}`);
  if (!Number.isInteger(nFixed) || nFixed < 0 || fixed.length !== nFixed * p)
    throw new RangeError(`optimalDesign: expected ${nFixed}×${p} fixed values, got ${fixed.length}`);
  if (!Number.isInteger(nNew) || nNew < 0)
    throw new RangeError(`optimalDesign: nNew must be ≥ 0, got ${nNew}`);
  if (!Number.isInteger(nStarts) || nStarts < 1)
    throw new RangeError(`optimalDesign: nStarts must be ≥ 1, got ${nStarts}`);
  if (!Number.isSafeInteger(seed))
    throw new RangeError(`optimalDesign: seed must be a safe integer, got ${seed}`);
  for (let i = 0; i < candidates.length; i++)
    if (!Number.isFinite(candidates[i]!))
      throw new DesignError(
        `candidate ${i % n} has a non-finite value in ${describeColumns([Math.floor(i / n)], problem.terms)}`,
        'bad_input',
      );
  for (let i = 0; i < fixed.length; i++)
    if (!Number.isFinite(fixed[i]!))
      throw new DesignError(`existing run ${i % nFixed} has a non-finite model value`, 'bad_input');

  const excluded = new Uint8Array(n);
  for (const j of problem.exclude ?? []) {
    if (!Number.isInteger(j) || j < 0 || j >= n)
      throw new RangeError(`optimalDesign: exclude index ${j} out of range`);
    excluded[j] = 1;
  }
  let nAvailable = 0;
  for (let j = 0; j < n; j++) if (excluded[j] === 0) nAvailable++;
  if (nAvailable + nFixed < p)
    throw new DesignError(
      `too few candidates: ${nAvailable} selectable candidate(s) plus ${nFixed} existing run(s) cannot estimate ` +
        `${p} model terms; the model needs at least ${p} distinct runs`,
      'too_few_candidates',
    );
  if (nAvailable < nNew)
    throw new DesignError(
      `too few candidates: ${nNew} new runs requested but only ${nAvailable} selectable candidate(s) remain`,
      'too_few_candidates',
    );
  if (nFixed + nNew < p)
    throw new DesignError(
      `too few runs: ${nFixed} existing + ${nNew} new = ${nFixed + nNew} runs cannot estimate ${p} model terms`,
      'too_few_runs',
    );

  const rows = toRowMajor(candidates, n, p);
  const fixedRows = toRowMajor(fixed, nFixed, p);
  let moments: Float64Array | null = null;
  if (criterion === 'I' || criterion === 'D_then_I') {
    moments = new Float64Array(p * p);
    for (let j = 0; j < n; j++) addOuterProduct(moments, p, rows, j * p, 1 / n);
  }
  const ridge = new Float64Array(p);
  for (let j = 0; j < n; j++) for (let k = 0; k < p; k++) ridge[k]! += rows[j * p + k]! ** 2;
  for (let k = 0; k < p; k++) ridge[k] = n > 0 && ridge[k]! > 0 ? (1e-6 * ridge[k]!) / n : 1e-6;
  return {
    p,
    nCandidates: n,
    rows,
    fixedRows,
    nFixed,
    excluded,
    nNew,
    criterion,
    moments,
    terms: problem.terms,
    ridge,
  };
}

/** The DesignError for a candidate set (with fixed rows) whose rows do not span all p terms. */
function rankError(prep: PreparedDesignProblem): DesignError {
  const { p, nCandidates: n, rows, fixedRows, nFixed, excluded, terms } = prep;
  let m = nFixed;
  for (let j = 0; j < n; j++) if (excluded[j] === 0) m++;
  const stacked = new Float64Array(m * p);
  let r = 0;
  for (let i = 0; i < nFixed; i++, r++)
    for (let k = 0; k < p; k++) stacked[k * m + r] = fixedRows[i * p + k]!;
  for (let j = 0; j < n; j++) {
    if (excluded[j] !== 0) continue;
    for (let k = 0; k < p; k++) stacked[k * m + r] = rows[j * p + k]!;
    r++;
  }
  // Columns in model order (intercept and main effects first): a term is dependent when its column lies in the
  // span of the earlier independent ones (modified Gram–Schmidt, twice, relative residual ≤ 1e-9).
  const basis: Float64Array[] = [];
  const dependent: number[] = [];
  for (let k = 0; k < p; k++) {
    const col = stacked.slice(k * m, (k + 1) * m);
    const norm = norm2(col, 0, m);
    for (let pass = 0; pass < 2; pass++)
      for (const q of basis) {
        let s = 0;
        for (let i = 0; i < m; i++) s += q[i]! * col[i]!;
        for (let i = 0; i < m; i++) col[i]! -= s * q[i]!;
      }
    const res = norm2(col, 0, m);
    if (!(res > 1e-9 * norm)) {
      dependent.push(k);
      continue;
    }
    for (let i = 0; i < m; i++) col[i]! /= res;
    basis.push(col);
  }
  if (dependent.length === 0) dependent.push(p - 1);
  const what =
    basis.length < p
      ? `rank ${basis.length} of ${p}: ${describeColumns(dependent, terms)} ${dependent.length === 1 ? 'is' : 'are'} ` +
        'a linear combination of the earlier terms'
      : `nearly dependent terms near ${describeColumns(dependent, terms)}`;
  return new DesignError(
    `the model terms are linearly dependent over the candidate set (${what}); ` +
      'e.g. a factor with a single level, a squared term of a two-level factor, or a constraint that fixes a factor',
    'rank_deficient',
    dependent,
  );
}

/** Orthonormal rows spanning the design so far, to keep a random start nonsingular. */
class SpanTracker {
  private readonly basis: Float64Array;
  private readonly r: Float64Array;
  rank = 0;
  constructor(private readonly p: number) {
    this.basis = new Float64Array(p * p);
    this.r = new Float64Array(p);
  }
  /** Adds a[offset..offset+p) if it raises the rank (relative residual² > 1e-9); returns whether it did. */
  tryAdd(a: Float64Array, offset: number): boolean {
    const { p, basis, r } = this;
    if (this.rank >= p) return false;
    let norm2 = 0;
    for (let k = 0; k < p; k++) {
      r[k] = a[offset + k]!;
      norm2 += r[k]! * r[k]!;
    }
    if (!(norm2 > 0)) return false;
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < this.rank; q++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += basis[q * p + k]! * r[k]!;
        for (let k = 0; k < p; k++) r[k]! -= s * basis[q * p + k]!;
      }
    }
    let res2 = 0;
    for (let k = 0; k < p; k++) res2 += r[k]! * r[k]!;
    if (!(res2 > 1e-9 * norm2)) return false;
    const scale = 1 / Math.sqrt(res2);
    for (let k = 0; k < p; k++) basis[this.rank * p + k] = r[k]! * scale;
    this.rank++;
    return true;
  }
}

/**
 * A seeded random start: `nRandom` random selectable rows, then greedy completion to nNew rows (each added row the
 * candidate of largest d(x), ties to the lower index) with d computed from M + ridge, so the completion also works
 * while the random rows alone are singular. If the result is singular (the ridge hid a rank deficiency), falls back
 * to random rank-raising rows followed by greedy completion on the true M. Leaves `state` refreshed with the
 * criterion's weight.
 */
function randomStart(prep: PreparedDesignProblem, state: DesignState, rng: Rng, order: Int32Array): void {
  const { p, nCandidates: n, excluded, nNew } = prep;
  let m = 0;
  for (let j = 0; j < n; j++) if (excluded[j] === 0) order[m++] = j;
  const nRandom = Math.min(nNew, 1 + rng.int(Math.max(1, Math.min(p, nNew))));
  state.reset();
  for (let drawn = 0; drawn < nRandom; drawn++) {
    const k = drawn + rng.int(m - drawn);
    const j = order[k]!;
    order[k] = order[drawn]!;
    order[drawn] = j;
    state.selected[state.size++] = j;
    state.blocked[j] = 1;
  }
  state.ridge = prep.ridge;
  if (!state.useWeight(null)) throw new Error('randomStart: ridged information matrix is singular');
  greedyComplete(prep, state);
  state.ridge = null;
  const weight = prep.criterion === 'A' ? identity(p) : prep.criterion === 'I' ? prep.moments : null;
  if (!state.useWeight(weight)) rankRaisingStart(prep, state, rng, order, m, weight);
}

/** Adds the candidate of largest d(x) (D) or largest trace decrease e(x)/(1 + d(x)) until the design is full. */
function greedyComplete(prep: PreparedDesignProblem, state: DesignState): void {
  const { nCandidates: n, nNew } = prep;
  const traceGreedy = state.weight !== null;
  while (state.size < nNew) {
    if (state.updates >= REFRESH_EVERY) state.refresh();
    let best = -1;
    let bestScore = -Infinity;
    for (let j = 0; j < n; j++) {
      if (state.blocked[j] !== 0) continue;
      const score = traceGreedy ? state.e[j]! / (1 + state.d[j]!) : state.d[j]!;
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    state.add(best);
  }
}

/** The fallback start: random rows that raise the rank until the design is nonsingular, then greedy completion. */
function rankRaisingStart(
  prep: PreparedDesignProblem,
  state: DesignState,
  rng: Rng,
  order: Int32Array,
  m: number,
  weight: Float64Array | null,
): void {
  const { p, rows, fixedRows, nFixed, nNew } = prep;
  state.reset();
  const span = new SpanTracker(p);
  for (let i = 0; i < nFixed; i++) span.tryAdd(fixedRows, i * p);
  const fixedRank = span.rank;
  let drawn = 0;
  while (state.size < nNew && span.rank < p && drawn < m) {
    const k = drawn + rng.int(m - drawn);
    const j = order[k]!;
    order[k] = order[drawn]!;
    order[drawn] = j;
    drawn++;
    if (span.tryAdd(rows, j * p)) {
      state.selected[state.size++] = j;
      state.blocked[j] = 1;
    }
  }
  if (span.rank < p) {
    if (drawn >= m) throw rankError(prep);
    throw new DesignError(
      `too few runs: the ${nFixed} existing run(s) span only ${fixedRank} of ${p} model terms, so at least ` +
        `${p - fixedRank} new runs are needed, but ${nNew} were requested`,
      'too_few_runs',
    );
  }
  if (!state.useWeight(weight)) throw rankError(prep);
  greedyComplete(prep, state);
  state.refresh();
}

function identity(p: number): Float64Array {
  const m = new Float64Array(p * p);
  for (let k = 0; k < p; k++) m[k * p + k] = 1;
  return m;
}

/** The best exchange for design position t under D: candidate index, or −1 if none gains > tolerance. */
function bestDExchange(prep: PreparedDesignProblem, state: DesignState, t: number, u: Float64Array): number {
  const { p, nCandidates: n, rows } = prep;
  const { d, blocked, inv } = state;
  const i = state.selected[t]!;
  symmetricTimes(inv, p, rows, i * p, u);
  const di = d[i]!;
  let best = EXCHANGE_TOLERANCE;
  let bestJ = -1;
  // Seed the bound with the candidate of largest variance, the usual winner.
  let jMax = -1;
  let dMax = -Infinity;
  for (let j = 0; j < n; j++) {
    if (blocked[j] === 0 && d[j]! > dMax) {
      dMax = d[j]!;
      jMax = j;
    }
  }
  const gain = (j: number): number => {
    const o = j * p;
    let dij = 0;
    for (let k = 0; k < p; k++) dij += u[k]! * rows[o + k]!;
    const dj = d[j]!;
    return dj - di - di * dj + dij * dij;
  };
  if (jMax >= 0) {
    const g0 = gain(jMax);
    if (g0 > best) {
      best = g0;
      bestJ = jMax;
    }
  }
  for (let j = 0; j < n; j++) {
    if (blocked[j] !== 0 || j === jMax) continue;
    const dj = d[j]!;
    // Δ ≤ d(y) − d(x) (+ rounding slack on d(x, y)² ≤ d(x)d(y)).
    if (dj - di + 1e-12 * (di * dj + 1) < best) continue;
    const o = j * p;
    let dij = 0;
    for (let k = 0; k < p; k++) dij += u[k]! * rows[o + k]!;
    const delta = dj - di - di * dj + dij * dij;
    if (delta > best || (delta === best && bestJ >= 0 && j < bestJ)) {
      best = delta;
      bestJ = j;
    }
  }
  return bestJ;
}

/** The best exchange for design position t under a trace criterion (A, I), or −1. */
function bestTraceExchange(
  prep: PreparedDesignProblem,
  state: DesignState,
  t: number,
  u: Float64Array,
  gi: Float64Array,
): number {
  const { p, nCandidates: n, rows } = prep;
  const { d, e, blocked, inv, g } = state;
  const i = state.selected[t]!;
  symmetricTimes(inv, p, rows, i * p, u);
  symmetricTimes(g, p, rows, i * p, gi);
  const di = d[i]!;
  const ei = e[i]!;
  const keep = 1 - di;
  const prune = keep > 1e-8;
  let best = EXCHANGE_TOLERANCE * Math.abs(state.trace);
  let bestJ = -1;
  for (let j = 0; j < n; j++) {
    if (blocked[j] !== 0) continue;
    const dj = d[j]!;
    const ej = e[j]!;
    if (prune) {
      // gain ≤ [(1−d_i)e_j + 2√(d_i d_j e_i e_j) − (1+d_j)e_i] / ((1+d_j)(1−d_i)) by Cauchy–Schwarz in M⁻¹ and G.
      const bound = keep * ej + 2 * (1 + 1e-9) * Math.sqrt(Math.max(0, di * dj * ei * ej)) - (1 + dj) * ei;
      if (bound < best * (1 + dj) * keep) continue;
    }
    const o = j * p;
    let dij = 0;
    let eij = 0;
    for (let k = 0; k < p; k++) {
      const x = rows[o + k]!;
      dij += u[k]! * x;
      eij += gi[k]! * x;
    }
    const r = (1 + dj) * keep + dij * dij;
    if (!(r > SINGULAR_TOLERANCE)) continue;
    const gain = (keep * ej + 2 * dij * eij - (1 + dj) * ei) / r;
    if (gain > best || (gain === best && bestJ >= 0 && j < bestJ)) {
      best = gain;
      bestJ = j;
    }
  }
  return bestJ;
}

/** Modified Fedorov passes until a full pass makes no exchange. Mutates `state`. */
function exchangePasses(
  prep: PreparedDesignProblem,
  state: DesignState,
  signal: AbortSignalLike | undefined,
): void {
  const { p } = prep;
  const u = new Float64Array(p);
  const gi = new Float64Array(p);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    signal?.throwIfAborted();
    let changed = false;
    for (let t = 0; t < state.size; t++) {
      if (state.updates >= REFRESH_EVERY) state.refresh();
      const j =
        state.weight === null ? bestDExchange(prep, state, t, u) : bestTraceExchange(prep, state, t, u, gi);
      if (j >= 0) {
        state.exchange(t, j);
        changed = true;
      }
    }
    if (!changed) return;
  }
}

/** ln det and criterion value of fixed + selected, from scratch. Pure. */
export function designValue(
  prep: PreparedDesignProblem,
  selected: Int32Array,
): { logDet: number | null; value: number | null } {
  const { p, rows, fixedRows, nFixed, criterion, moments } = prep;
  const m = informationFromRows(p, rows, selected, selected.length, fixedRows, nFixed);
  const inv = new Float64Array(p * p);
  const logDet = invertSpd(m, p, inv);
  if (logDet === null) return { logDet: null, value: null };
  if (criterion === 'D') return { logDet, value: logDet };
  let trace = 0;
  for (let a = 0; a < p; a++) {
    if (criterion === 'A') trace += inv[a * p + a]!;
    else for (let b = 0; b < p; b++) trace += moments![a * p + b]! * inv[b * p + a]!;
  }
  return { logDet, value: trace };
}

/**
 * Runs one start: the seeded random start `start` (its stream is deriveSeed(seed, start), so starts can be run
 * in any order or on different threads and give the same result), then exchanges. Pure apart from `signal`.
 */
export function exchangeStart(
  prep: PreparedDesignProblem,
  seed: number,
  start: number,
  signal?: AbortSignalLike,
  reuse?: { state: DesignState; order: Int32Array },
): StartResult {
  const state = reuse?.state ?? new DesignState(prep);
  const order = reuse?.order ?? new Int32Array(prep.nCandidates);
  const rng = createRng(deriveSeed(seed, start));
  if (prep.nNew === 0) {
    const v = designValue(prep, new Int32Array(0));
    return { selected: new Int32Array(0), ...v };
  }
  randomStart(prep, state, rng, order);
  exchangePasses(prep, state, signal);
  if (prep.criterion === 'D_then_I') {
    if (!state.useWeight(prep.moments)) throw rankError(prep);
    exchangePasses(prep, state, signal);
  }
  const selected = Int32Array.from(state.selected.subarray(0, state.size)).sort();
  return { selected, ...designValue(prep, selected) };
}

/** Whether result a beats b: higher ln det for D, lower value otherwise, by more than a relative 1e-12. */
function better(criterion: DesignCriterion, a: StartResult, b: StartResult): boolean {
  if (a.value === null) return false;
  if (b.value === null) return true;
  const slack = 1e-12 * Math.max(1, Math.abs(b.value));
  return criterion === 'D' ? a.value > b.value + slack : a.value < b.value - slack;
}

/** Picks the best of per-start results (index = start); ties go to the lower start. */
export function bestOfStarts(criterion: DesignCriterion, results: readonly StartResult[]): DesignSolution {
  let best = 0;
  for (let s = 1; s < results.length; s++) if (better(criterion, results[s]!, results[best]!)) best = s;
  const r = results[best]!;
  return { selected: r.selected, logDet: r.logDet, value: r.value, bestStart: best, starts: results.length };
}

/**
 * An optimal design: `nNew` distinct candidates (not excluded) that, with the fixed rows, optimise the criterion,
 * best of `nStarts` seeded starts. Deterministic for a seed. Throws DesignError when no nonsingular design exists,
 * and whatever `signal.throwIfAborted()` throws when aborted. Mutates nothing it is given.
 */
export function optimalDesign(problem: DesignProblem): DesignSolution {
  const prep = prepareDesignProblem(problem);
  const reuse = { state: new DesignState(prep), order: new Int32Array(prep.nCandidates) };
  const results: StartResult[] = [];
  for (let s = 0; s < problem.nStarts; s++) {
    problem.signal?.throwIfAborted();
    results.push(exchangeStart(prep, problem.seed, s, problem.signal, reuse));
    problem.onProgress?.((s + 1) / problem.nStarts, 'exchange');
  }
  return bestOfStarts(problem.criterion, results);
}
