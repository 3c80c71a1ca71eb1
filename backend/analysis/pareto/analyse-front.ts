/**
 * Everything the Pareto job reports, computed from the objective columns in one pure call, so the job task only
 * reads the table and writes files, and tests and benches run the same code.
 *
 * Glossary:
 * - minimised space: maximised objectives are negated internally; every number this returns is back in the
 *   columns' own units and directions (ideal = best value on the front, nadir = worst);
 * - default reference point: the nadir moved 10 % of the front's range in the worse direction (10 % of |nadir|,
 *   or 1, when the front has no spread in that objective);
 * - excluded row: a row with a missing or non-finite objective value; it gets no rank.
 */
import type { AbortSignalLike } from '../linear/ols.js';
import { crowdingDistance } from './crowding-distance.js';
import { thinFront } from './epsilon-thinning.js';
import { hypervolume, type Hypervolume } from './hypervolume.js';
import { kneePoint, normaliseFront, type Knee } from './knee-point.js';
import { lexicographicChoice, type LexicographicStep } from './lexicographic.js';
import { frontMembers, nonDominatedSort } from './non-dominated-sort.js';

export interface ParetoInput {
  /** One per objective (2 to 6), original units, all the same length n; NaN = missing. */
  columns: readonly Float64Array[];
  maximise: readonly boolean[];
  /** Hypervolume reference point in the columns' units; default as in the module glossary. */
  reference?: readonly number[];
  lexicographic?: readonly { objective: number; tolerance: number }[];
  maxPlotPoints: number;
  hypervolumeSamples: number;
  seed: number;
  signal?: AbortSignalLike;
  onProgress?: (fraction: number, stage: string) => void;
}

export interface ExcludedRow {
  /** Row index (0-based) in the columns. */
  index: number;
  objective: number;
  reason: 'missing' | 'not_finite';
}

export interface ParetoAnalysis {
  n: number;
  /** Rows that were ranked. */
  nEvaluated: number;
  nExcluded: number;
  /** The first 100 excluded rows. */
  excluded: ExcludedRow[];
  /** Per row: 1-based rank, 0 for an excluded row. */
  rank: Int32Array;
  /** Per row: crowding distance within its front (+∞ at a front's ends), NaN for an excluded row. */
  crowding: Float64Array;
  frontSizes: number[];
  /** Row indices of the Pareto front (rank 1), ascending. */
  front: Int32Array;
  ideal: number[];
  nadir: number[];
  hypervolume: Hypervolume & { reference: number[]; source: 'default' | 'user' };
  knee: (Omit<Knee, 'index'> & { row: number }) | null;
  lexicographic: { row: number; steps: LexicographicStep[] } | null;
  /** Row indices to plot (ascending) and the thinning ε (null when every front row is plotted). */
  plot: { rows: Int32Array; epsilon: number | null };
}

const MAX_LISTED_EXCLUDED = 100;

export class ParetoInputError extends Error {
  override name = 'ParetoInputError';
}

export function analyseFront(input: ParetoInput): ParetoAnalysis {
  const m = input.columns.length;
  if (m < 2 || m > 6) throw new ParetoInputError(`2 to 6 objectives are needed, got ${m}`);
  const n = input.columns[0]!.length;
  const progress = (f: number, stage: string) => input.onProgress?.(f, stage);

  // Rows with every objective finite, in minimised space (column-major).
  const excluded: ExcludedRow[] = [];
  let nExcluded = 0;
  const validRows: number[] = [];
  for (let i = 0; i < n; i++) {
    let bad = -1;
    for (let j = 0; j < m && bad < 0; j++) if (!Number.isFinite(input.columns[j]![i]!)) bad = j;
    if (bad < 0) {
      validRows.push(i);
      continue;
    }
    nExcluded++;
    if (excluded.length < MAX_LISTED_EXCLUDED) {
      const v = input.columns[bad]![i]!;
      excluded.push({ index: i, objective: bad, reason: Number.isNaN(v) ? 'missing' : 'not_finite' });
    }
  }
  const nv = validRows.length;
  if (nv === 0) throw new ParetoInputError('every row has a missing or non-finite objective value');
  const sign = input.maximise.map((mx) => (mx ? -1 : 1));
  const pts = new Float64Array(nv * m);
  for (let j = 0; j < m; j++) {
    const col = input.columns[j]!;
    for (let k = 0; k < nv; k++) pts[j * nv + k] = sign[j]! * col[validRows[k]!]!;
  }

  const fronts = nonDominatedSort(pts, nv, m, {
    signal: input.signal,
    onProgress: (f, stage) => progress(0.6 * f, stage),
  });
  const { start, members } = frontMembers(fronts);
  const rank = new Int32Array(n);
  const crowding = new Float64Array(n).fill(Number.NaN);
  const frontSizes: number[] = [];
  for (let f = 0; f < fronts.count; f++) {
    if ((f & 63) === 0) {
      input.signal?.throwIfAborted();
      progress(0.6 + (0.2 * f) / fronts.count, 'crowding_distance');
    }
    const group = members.subarray(start[f]!, start[f + 1]!);
    frontSizes.push(group.length);
    const d = crowdingDistance(pts, nv, m, group);
    for (let k = 0; k < group.length; k++) {
      const row = validRows[group[k]!]!;
      rank[row] = f + 1;
      crowding[row] = d[k]!;
    }
  }
  const first = members.subarray(start[0]!, start[1]!);
  const front = Int32Array.from(first, (k) => validRows[k]!);

  // Ideal and nadir over the front (minimised space), and the reference point.
  const lo = new Array<number>(m).fill(Infinity);
  const hi = new Array<number>(m).fill(-Infinity);
  for (const k of first) {
    for (let j = 0; j < m; j++) {
      const v = pts[j * nv + k]!;
      lo[j] = Math.min(lo[j]!, v);
      hi[j] = Math.max(hi[j]!, v);
    }
  }
  let reference: number[];
  let source: 'default' | 'user';
  if (input.reference) {
    if (input.reference.length !== m) {
      throw new ParetoInputError(
        `the reference point has ${input.reference.length} values for ${m} objectives`,
      );
    }
    reference = input.reference.map((r, j) => sign[j]! * r);
    source = 'user';
  } else {
    reference = hi.map((h, j) => {
      const range = h - lo[j]!;
      return h + (range > 0 ? 0.1 * range : Math.abs(h) > 0 ? 0.1 * Math.abs(h) : 1);
    });
    source = 'default';
  }
  progress(0.82, 'hypervolume');
  const hv = hypervolume(pts, nv, m, first, reference, {
    samples: input.hypervolumeSamples,
    seed: input.seed,
  });

  progress(0.9, 'knee_point');
  const knee = kneePoint(pts, nv, m, first);
  const lex = input.lexicographic?.length
    ? lexicographicChoice(pts, nv, m, first, input.lexicographic)
    : null;

  progress(0.93, 'plot_thinning');
  const normalised = normaliseFront(pts, nv, m, first);
  const mustKeep = new Set<number>();
  for (let j = 0; j < m; j++) {
    let best = 0;
    for (let k = 1; k < first.length; k++) if (normalised[k * m + j]! < normalised[best * m + j]!) best = k;
    mustKeep.add(best);
  }
  if (knee) mustKeep.add(knee.index);
  if (lex) mustKeep.add(lex.index);
  const thin = thinFront(normalised, first.length, m, input.maxPlotPoints, [...mustKeep]);
  progress(1, 'plot_thinning');

  const back = (j: number, v: number) => sign[j]! * v + 0;
  return {
    n,
    nEvaluated: nv,
    nExcluded,
    excluded,
    rank,
    crowding,
    frontSizes,
    front,
    ideal: lo.map((v, j) => back(j, v)),
    nadir: hi.map((v, j) => back(j, v)),
    hypervolume: { ...hv, reference: reference.map((v, j) => back(j, v)), source },
    knee: knee && {
      row: validRows[first[knee.index]!]!,
      method: knee.method,
      distance: knee.distance,
    },
    lexicographic: lex && {
      row: validRows[first[lex.index]!]!,
      steps: lex.steps.map((s) => ({ ...s, best: back(s.objective, s.best) })),
    },
    plot: { rows: Int32Array.from(thin.kept, (k) => validRows[first[k]!]!), epsilon: thin.epsilon },
  };
}
