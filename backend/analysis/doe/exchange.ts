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
 * No candidate is ever skipped without that bound, so the result does not depend on any sampling. Large D problems
 * run on working sets (working-set.ts), whose full passes visit only the candidates the bound leaves
 * (ranked-pass.ts).
 */
import type { AbortSignalLike } from '../linear/ols.js';
import { createRng, deriveSeed } from '../random/rng.js';
import { DesignError } from './design-error.js';
import { DesignState } from './design-state.js';
import { exchangePasses } from './exchange-passes.js';
import { addOuterProduct, informationFromRows, invertSpd, toRowMajor } from './information-matrix.js';
import { randomStart } from './random-start.js';
import { describeColumns, rankError } from './rank-error.js';
import { workingSetSize, workingSetStart } from './working-set.js';

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

export { DesignState };

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
  // D (also the first phase of D_then_I) runs on working sets; the trace criteria track every candidate.
  if ((prep.criterion === 'D' || prep.criterion === 'D_then_I') && workingSetSize(prep) > 0) {
    workingSetStart(prep, state, rng, order, signal);
  } else {
    randomStart(prep, state, rng, order);
    exchangePasses(prep, state, signal);
  }
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
