/**
 * A Pareto front's plots as plain figure data (pure, so tests and the bench count points without a browser): one 2-D
 * view per pair of objectives with that pair's own non-dominated staircase (minimise/maximise respected), and the
 * parallel coordinates of the whole front. Beyond GL_THRESHOLD points the scatter uses WebGL (`scattergl`, from the
 * CSP-safe strict bundle), which keeps 100,000 points interactive where SVG would stall.
 */
import type { ResultBodies } from '../../../src-shared/api/results.js';
import { formatNumber } from '../../shared/format.js';
import type { Figure, ParcoordsTrace, Trace } from './figure.js';

export const GL_THRESHOLD = 2000;
/** Parallel coordinates stay readable up to about this many axes. */
export const MAX_PARCOORDS_AXES = 12;
/**
 * Lines drawn in parallel coordinates at most: beyond a few thousand the plot is a solid band, and Plotly draws
 * parcoords in WebGL batches that keep a software-rendered page busy (and hover slow) for seconds per 10,000 lines.
 * Larger fronts are drawn as an even sample (every k-th row); the caption says so.
 */
export const MAX_PARCOORDS_LINES = 5000;

/** Every k-th row index so that at most `max` remain (all rows when there are fewer). */
export function evenSample(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = n / max;
  return Array.from({ length: max }, (_, i) => Math.floor(i * step));
}

type ParetoBody = ResultBodies['pareto'];
type Row = ParetoBody['front'][number];
type Objective = ParetoBody['objectives'][number];

/** Every column of the front, objectives first, in the order they first appear. */
export function frontColumns(body: ParetoBody): string[] {
  const seen = new Set(body.objectives.map((o) => o.column));
  const columns = [...seen];
  for (const row of body.front.slice(0, 1000)) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return columns;
}

/** The whole row as hover text: the condition as well as the objectives. */
export function rowText(row: Row, columns: readonly string[]): string {
  return columns
    .map((c) => {
      const v = row[c];
      return `${c}: ${typeof v === 'number' ? formatNumber(v, 6) : (v ?? '—')}`;
    })
    .join('<br>');
}

const numeric = (v: Row[string] | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Indices of the points of (a, b) not dominated within that pair, sorted along a: the 2-D front's staircase. */
export function pairFront(rows: readonly Row[], a: Objective, b: Objective): number[] {
  const sa = a.direction === 'min' ? 1 : -1;
  const sb = b.direction === 'min' ? 1 : -1;
  const idx: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (numeric(rows[i]![a.column]) && numeric(rows[i]![b.column])) idx.push(i);
  }
  const ka = (i: number) => sa * (rows[i]![a.column] as number);
  const kb = (i: number) => sb * (rows[i]![b.column] as number);
  idx.sort((i, j) => ka(i) - ka(j) || kb(i) - kb(j));
  const out: number[] = [];
  let best = Infinity;
  for (const i of idx) {
    if (kb(i) < best) {
      best = kb(i);
      out.push(i);
    }
  }
  return out;
}

export interface PairLabels {
  direction: Record<'min' | 'max', string>;
  front: string;
  pairFront: string;
}

export interface PairFigure {
  key: string;
  a: Objective;
  b: Objective;
  figure: Figure;
}

/** One figure per pair of objectives; `hover` is the per-row text (computed once for all pairs). */
export function pairwiseFigures(body: ParetoBody, labels: PairLabels, hover?: string[]): PairFigure[] {
  const rows = body.front;
  const type = rows.length > GL_THRESHOLD ? 'scattergl' : 'scatter';
  const out: PairFigure[] = [];
  const objectives = body.objectives;
  for (let i = 0; i < objectives.length; i++) {
    for (let j = i + 1; j < objectives.length; j++) {
      const a = objectives[i]!;
      const b = objectives[j]!;
      const usable: number[] = [];
      for (let k = 0; k < rows.length; k++) {
        if (numeric(rows[k]![a.column]) && numeric(rows[k]![b.column])) usable.push(k);
      }
      const stair = pairFront(rows, a, b);
      const points: Trace = {
        type,
        mode: 'markers',
        name: labels.front,
        x: usable.map((k) => rows[k]![a.column] as number),
        y: usable.map((k) => rows[k]![b.column] as number),
        marker: { size: rows.length > GL_THRESHOLD ? 3 : 6, opacity: 0.7 },
        ...(hover ? { text: usable.map((k) => hover[k]!), hovertemplate: '%{text}<extra></extra>' } : {}),
      };
      const staircase: Trace = {
        type,
        mode: 'lines+markers',
        name: labels.pairFront,
        x: stair.map((k) => rows[k]![a.column] as number),
        y: stair.map((k) => rows[k]![b.column] as number),
        line: { shape: 'hv', width: 2 },
        marker: { size: 7 },
        hovertemplate: '%{x:.4g}, %{y:.4g}<extra></extra>',
      };
      out.push({
        key: `${i}-${j}`,
        a,
        b,
        figure: {
          data: [points, staircase],
          layout: {
            xaxis: { title: `${a.column} (${labels.direction[a.direction]})` },
            yaxis: { title: `${b.column} (${labels.direction[b.direction]})` },
          },
        },
      });
    }
  }
  return out;
}

/**
 * One axis per objective (then per numeric condition, up to MAX_PARCOORDS_AXES), coloured by the first objective.
 * Maximised objectives are drawn upside down, so on every objective axis "better" is at the bottom.
 */
export function parcoordsFigure(
  body: ParetoBody,
  labels: { direction: Record<'min' | 'max', string> },
): Figure<ParcoordsTrace> {
  const rows = evenSample(body.front.length, MAX_PARCOORDS_LINES).map((i) => body.front[i]!);
  const objectiveSet = new Set(body.objectives.map((o) => o.column));
  const conditions = frontColumns(body).filter(
    (c) => !objectiveSet.has(c) && rows.every((r) => r[c] === null || numeric(r[c])),
  );
  const valuesOf = (column: string) => rows.map((r) => (numeric(r[column]) ? r[column] : Number.NaN));
  const extent = (values: number[]): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return lo <= hi ? [lo, hi] : [0, 1];
  };
  const dimensions: ParcoordsTrace['dimensions'] = body.objectives.map((o) => {
    const values = valuesOf(o.column);
    const [lo, hi] = extent(values);
    return {
      label: `${o.column} (${labels.direction[o.direction]})`,
      values,
      range: o.direction === 'max' ? [hi, lo] : [lo, hi],
    };
  });
  for (const c of conditions.slice(0, Math.max(0, MAX_PARCOORDS_AXES - dimensions.length))) {
    dimensions.push({ label: c, values: valuesOf(c) });
  }
  const first = body.objectives[0]!;
  return {
    data: [
      {
        type: 'parcoords',
        dimensions,
        line: { color: valuesOf(first.column), colorscale: 'Viridis', showscale: true },
      },
    ],
    layout: {},
  };
}
