/**
 * Designs for continuous factors without a candidate list: coordinate exchange (Meyer & Nachtsheim 1995) moves one
 * factor of one run at a time to the best of a grid of levels, so the design space never has to be enumerated.
 *
 * Glossary: a run's factor settings are coded (bounds default to [−1, 1]); `modelRow` maps settings to the p model
 * columns f(x); criteria as in exchange.ts (D: ln det M maximised; A: trace M⁻¹; I: trace(B·M⁻¹) with B the moment
 * matrix of the region, i.e. the mean of f(x)f(x)ᵀ over the uniform distribution on the bounds box; D_then_I: D,
 * then I from that design). The moment matrix is, unless given, the 3-point Gauss–Legendre product rule over the
 * box when 3^nFactors ≤ 19683 (exact when f(x)f(x)ᵀ has degree ≤ 5 in each factor, e.g. a full quadratic), else the
 * mean over 20000 seeded uniform points.
 */
import type { AbortSignalLike } from '../linear/ols.js';
import { createRng, deriveSeed, type Rng } from '../random/rng.js';
import { DesignError } from './design-error.js';
import type { DesignCriterion } from './exchange.js';
import {
  SINGULAR_TOLERANCE,
  addOuterProduct,
  dot,
  exchangeDetRatio,
  exchangeScratch,
  exchangeUpdate,
  invertSpd,
  quadraticForm,
  symmetricTimes,
} from './information-matrix.js';

export interface CoordinateExchangeProblem {
  nFactors: number;
  /** [lo₀, hi₀, lo₁, hi₁, …] in coded units; default [−1, 1] for every factor. */
  bounds?: Float64Array;
  /** Grid points scanned per coordinate, ends included (default 21). */
  levelsPerCoordinate?: number;
  /** Model row f(x) (length p) of the factor settings x (length nFactors). Must not keep or mutate `factors`. */
  modelRow: (factors: Float64Array) => Float64Array;
  /** New runs to place. */
  nRuns: number;
  /** Column-major nFixed×nFactors settings of runs already done (kept in the design, never moved). */
  fixedRows?: Float64Array;
  nFixed?: number;
  criterion: DesignCriterion;
  nStarts: number;
  seed: number;
  /** Moment matrix (p×p) for I; computed over the bounds box when omitted (see the module header). */
  moments?: Float64Array;
  signal?: AbortSignalLike;
  onProgress?: (fraction: number, stage: string) => void;
}

export interface CoordinateDesign {
  /** Column-major nRuns×nFactors settings of the new runs. */
  factors: Float64Array;
  logDet: number | null;
  value: number | null;
  bestStart: number;
  starts: number;
}

const GAUSS_NODES = [-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)];
const GAUSS_WEIGHTS = [5 / 18, 8 / 18, 5 / 18];
const MC_POINTS = 20000;

/**
 * Moment matrix of the model over the uniform distribution on the box `bounds` (see the module header). Pure apart
 * from calling `modelRow`.
 */
export function regionMoments(
  nFactors: number,
  bounds: Float64Array,
  p: number,
  modelRow: (factors: Float64Array) => Float64Array,
  seed: number,
): Float64Array {
  const m = new Float64Array(p * p);
  const x = new Float64Array(nFactors);
  if (3 ** nFactors <= 19683) {
    const total = 3 ** nFactors;
    for (let c = 0; c < total; c++) {
      let w = 1;
      let code = c;
      for (let f = 0; f < nFactors; f++) {
        const q = code % 3;
        code = (code - q) / 3;
        const lo = bounds[2 * f]!;
        const hi = bounds[2 * f + 1]!;
        x[f] = (lo + hi) / 2 + ((hi - lo) / 2) * GAUSS_NODES[q]!;
        w *= GAUSS_WEIGHTS[q]!;
      }
      addOuterProduct(m, p, modelRow(x), 0, w);
    }
    return m;
  }
  const rng = createRng(seed);
  for (let s = 0; s < MC_POINTS; s++) {
    for (let f = 0; f < nFactors; f++) {
      const lo = bounds[2 * f]!;
      x[f] = lo + (bounds[2 * f + 1]! - lo) * rng.next();
    }
    addOuterProduct(m, p, modelRow(x), 0, 1 / MC_POINTS);
  }
  return m;
}

interface Setup {
  k: number;
  p: number;
  levels: Float64Array[];
  fixedModel: Float64Array[];
  modelRow: (factors: Float64Array) => Float64Array;
  nRuns: number;
}

class CoordinateState {
  readonly inv: Float64Array;
  readonly g: Float64Array;
  readonly settings: Float64Array[];
  readonly model: Float64Array[];
  logDet = 0;
  trace = 0;
  weight: Float64Array | null = null;
  updates = 0;

  constructor(
    private readonly s: Setup,
    settings: Float64Array[],
  ) {
    this.inv = new Float64Array(s.p * s.p);
    this.g = new Float64Array(s.p * s.p);
    this.settings = settings;
    this.model = settings.map((x) => s.modelRow(x).slice());
  }
  refresh(): boolean {
    const { p, fixedModel } = this.s;
    const m = new Float64Array(p * p);
    for (const row of fixedModel) addOuterProduct(m, p, row, 0);
    for (const row of this.model) addOuterProduct(m, p, row, 0);
    const logDet = invertSpd(m, p, this.inv);
    if (logDet === null) return false;
    this.logDet = logDet;
    this.updates = 0;
    if (this.weight !== null) {
      const w = this.weight;
      const bm = new Float64Array(p * p);
      let trace = 0;
      for (let j = 0; j < p; j++)
        for (let i = 0; i < p; i++) {
          let t = 0;
          for (let q = 0; q < p; q++) t += w[q * p + i]! * this.inv[j * p + q]!;
          bm[j * p + i] = t;
        }
      for (let j = 0; j < p; j++) trace += bm[j * p + j]!;
      for (let j = 0; j < p; j++)
        for (let i = 0; i < p; i++) {
          let t = 0;
          for (let q = 0; q < p; q++) t += this.inv[q * p + i]! * bm[j * p + q]!;
          this.g[j * p + i] = t;
        }
      this.trace = trace;
    }
    return true;
  }
}

/** Gain of replacing model row x by y, larger is better (D: Δ of the det ratio; trace: the decrease). */
function gainOf(
  state: CoordinateState,
  p: number,
  x: Float64Array,
  y: Float64Array,
  u: Float64Array,
): number {
  const dx = quadraticForm(state.inv, p, x, 0);
  const dy = quadraticForm(state.inv, p, y, 0);
  symmetricTimes(state.inv, p, x, 0, u);
  const dxy = dot(u, y, 0, p);
  const r = exchangeDetRatio(dy, dx, dxy);
  if (!(r > SINGULAR_TOLERANCE)) return -Infinity;
  if (state.weight === null) return r - 1;
  const ex = quadraticForm(state.g, p, x, 0);
  const ey = quadraticForm(state.g, p, y, 0);
  symmetricTimes(state.g, p, x, 0, u);
  const exy = dot(u, y, 0, p);
  return ((1 - dx) * ey + 2 * dxy * exy - (1 + dy) * ex) / r;
}

function passes(s: Setup, state: CoordinateState, signal: AbortSignalLike | undefined): void {
  const { p, k, levels, modelRow } = s;
  const u = new Float64Array(p);
  const scratch = exchangeScratch(p);
  const trial = new Float64Array(k);
  for (let pass = 0; pass < 500; pass++) {
    signal?.throwIfAborted();
    let changed = false;
    for (let r = 0; r < state.model.length; r++) {
      for (let f = 0; f < k; f++) {
        if (state.updates >= 50) state.refresh();
        const x = state.model[r]!;
        const tol = 1e-9 * (state.weight === null ? 1 : Math.abs(state.trace));
        let best = tol;
        let bestLevel = Number.NaN;
        let bestRow: Float64Array | null = null;
        trial.set(state.settings[r]!);
        for (const level of levels[f]!) {
          if (level === state.settings[r]![f]) continue;
          trial[f] = level;
          const y = modelRow(trial);
          const gain = gainOf(state, p, x, y, u);
          if (gain > best) {
            best = gain;
            bestLevel = level;
            bestRow = y.slice();
          }
        }
        if (bestRow === null) continue;
        const logRatio = exchangeUpdate(state.inv, p, bestRow, 0, x, 0, scratch);
        if (logRatio === null) continue;
        state.model[r] = bestRow;
        state.settings[r]![f] = bestLevel;
        state.updates++;
        // Exact values after every accepted move: the trace and G from the new inverse (p³, cheap at this size).
        state.refresh();
        changed = true;
      }
    }
    if (!changed) return;
  }
}

/** One seeded start: a random nonsingular grid design, passes under `first`, then (if given) under `then`. */
function runStart(
  s: Setup,
  seed: number,
  start: number,
  first: Float64Array | null,
  then: Float64Array | null,
  signal?: AbortSignalLike,
): CoordinateState {
  const rng: Rng = createRng(deriveSeed(seed, start));
  for (let attempt = 0; attempt < 100; attempt++) {
    const settings = Array.from({ length: s.nRuns }, () => {
      const x = new Float64Array(s.k);
      for (let f = 0; f < s.k; f++) x[f] = s.levels[f]![rng.int(s.levels[f]!.length)]!;
      return x;
    });
    const state = new CoordinateState(s, settings);
    state.weight = first;
    if (!state.refresh()) continue;
    passes(s, state, signal);
    if (then !== null) {
      state.weight = then;
      state.refresh();
      passes(s, state, signal);
    }
    return state;
  }
  throw new DesignError(
    `no nonsingular random start in 100 attempts: ${s.nRuns} new run(s) on a ${s.levels.map((l) => l.length).join('×')} ` +
      `grid cannot estimate the ${s.p} model terms (too few runs, or a factor with too few levels)`,
    'rank_deficient',
  );
}

/**
 * A coordinate-exchange design for `nRuns` new runs (plus the fixed runs), best of `nStarts` seeded starts (ties to
 * the lower start). Deterministic for a seed. Throws DesignError when no nonsingular design is found. Mutates
 * nothing it is given.
 */
export function coordinateExchange(problem: CoordinateExchangeProblem): CoordinateDesign {
  const { nFactors: k, nRuns, criterion, nStarts, seed, modelRow } = problem;
  if (!Number.isInteger(k) || k < 1) throw new RangeError('coordinateExchange: nFactors must be ≥ 1');
  if (!Number.isInteger(nRuns) || nRuns < 0) throw new RangeError('coordinateExchange: nRuns must be ≥ 0');
  if (!Number.isInteger(nStarts) || nStarts < 1)
    throw new RangeError('coordinateExchange: nStarts must be ≥ 1');
  const bounds = problem.bounds ?? Float64Array.from({ length: 2 * k }, (_, i) => (i % 2 === 0 ? -1 : 1));
  const nLevels = problem.levelsPerCoordinate ?? 21;
  if (!Number.isInteger(nLevels) || nLevels < 2)
    throw new RangeError('coordinateExchange: levelsPerCoordinate ≥ 2');
  const levels = Array.from({ length: k }, (_, f) => {
    const lo = bounds[2 * f]!;
    const hi = bounds[2 * f + 1]!;
    if (!(hi >= lo)) throw new RangeError(`coordinateExchange: bounds of factor ${f} are not ordered`);
    return Float64Array.from({ length: nLevels }, (_, l) =>
      l === nLevels - 1 ? hi : lo + ((hi - lo) * l) / (nLevels - 1),
    );
  });
  const p = modelRow(new Float64Array(levels.map((l) => l[0]!))).length;
  const nFixed = problem.nFixed ?? 0;
  const fixed = problem.fixedRows ?? new Float64Array(0);
  if (fixed.length !== nFixed * k)
    throw new RangeError(`coordinateExchange: expected ${nFixed}×${k} fixed values`);
  const fixedModel = Array.from({ length: nFixed }, (_, i) =>
    modelRow(Float64Array.from({ length: k }, (_, f) => fixed[f * nFixed + i]!)).slice(),
  );
  if (nFixed + nRuns < p)
    throw new DesignError(
      `too few runs: ${nFixed} existing + ${nRuns} new runs cannot estimate ${p} model terms`,
      'too_few_runs',
    );
  const traced = criterion === 'I' || criterion === 'D_then_I';
  const identity = new Float64Array(p * p);
  for (let q = 0; q < p; q++) identity[q * p + q] = 1;
  const moments = traced
    ? (problem.moments ?? regionMoments(k, bounds, p, modelRow, deriveSeed(seed, -1)))
    : null;
  const setup: Setup = { k, p, levels, fixedModel, modelRow, nRuns };
  const first = criterion === 'A' ? identity : criterion === 'I' ? moments : null;
  const then = criterion === 'D_then_I' ? moments : null;
  let best: { state: CoordinateState; value: number; start: number } | null = null;
  for (let s = 0; s < nStarts; s++) {
    problem.signal?.throwIfAborted();
    const state = runStart(setup, seed, s, first, then, problem.signal);
    const value = state.weight === null ? state.logDet : state.trace;
    const wins =
      best === null ||
      (state.weight === null
        ? value > best.value + 1e-12 * Math.max(1, Math.abs(best.value))
        : value < best.value - 1e-12 * Math.max(1, Math.abs(best.value)));
    if (wins) best = { state, value, start: s };
    problem.onProgress?.((s + 1) / nStarts, 'coordinate-exchange');
  }
  const factors = new Float64Array(nRuns * k);
  best!.state.settings.forEach((x, r) => {
    for (let f = 0; f < k; f++) factors[f * nRuns + r] = x[f]!;
  });
  return { factors, logDet: best!.state.logDet, value: best!.value, bestStart: best!.start, starts: nStarts };
}
