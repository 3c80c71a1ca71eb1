/**
 * The plots of a design of experiments as plain figure data (pure, so tests count points without a browser): the
 * PCA projection of candidates, existing and new runs, the fraction-of-design-space curve and the term correlations.
 */
import type { OptimizationBody } from '../../../src-shared/api/optimization-result.js';
import type { Figure, HeatmapTrace, Trace } from './figure.js';

const pct = (v: number | undefined) => (v === undefined ? '' : ` (${(100 * v).toFixed(1)}%)`);

export interface ProjectionLabels {
  pc: string;
  candidates: string;
  existing: string;
  selected: string;
}

/** Three traces, in this order: candidates (faint), existing runs, the runs chosen now. */
export function projectionFigure(body: OptimizationBody, labels: ProjectionLabels): Figure {
  const { projection } = body;
  const trace = (points: [number, number][], name: string, marker: Record<string, unknown>): Trace => ({
    type: points.length > 5000 ? 'scattergl' : 'scatter',
    mode: 'markers',
    name,
    x: points.map((p) => p[0]),
    y: points.map((p) => p[1]),
    marker,
    hovertemplate: `${name}<br>%{x:.3f}, %{y:.3f}<extra></extra>`,
  });
  return {
    data: [
      trace(projection.candidates, labels.candidates, { size: 5, opacity: 0.35, color: '#8a94a6' }),
      trace(projection.existing, labels.existing, { size: 10, symbol: 'square', color: '#e08a00' }),
      trace(projection.selected, labels.selected, { size: 10, symbol: 'diamond', color: '#1f5fbf' }),
    ],
    layout: {
      xaxis: { title: `${labels.pc}1${pct(projection.explained[0])}` },
      yaxis: { title: `${labels.pc}2${pct(projection.explained[1])}` },
    },
  };
}

/** Prediction variance against the fraction of the design space at or below it (lower and flatter is better). */
export function fdsFigure(body: OptimizationBody, labels: { x: string; y: string; series: string }): Figure {
  const points = body.fds.fraction.flatMap((f, i) => {
    const v = body.fds.variance[i];
    return typeof v === 'number' && Number.isFinite(v) ? [{ f, v }] : [];
  });
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines',
        name: labels.series,
        x: points.map((p) => p.f),
        y: points.map((p) => p.v),
        hovertemplate: '%{x:.2f}: %{y:.4g}<extra></extra>',
      },
    ],
    layout: { xaxis: { title: labels.x }, yaxis: { title: labels.y }, showlegend: false },
  };
}

/** Correlations between the model's terms over the design, −1 … 1, the first term at the top. */
export function correlationFigure(body: OptimizationBody, labels: { name: string }): Figure<HeatmapTrace> {
  const { terms, matrix } = body.correlation;
  return {
    data: [
      {
        type: 'heatmap',
        name: labels.name,
        x: terms,
        y: terms,
        z: matrix,
        zmin: -1,
        zmax: 1,
        colorscale: 'RdBu',
        hovertemplate: '%{y} × %{x}: %{z:.3f}<extra></extra>',
      },
    ],
    layout: {
      xaxis: { title: '', type: 'category' },
      yaxis: { title: '', type: 'category', autorange: 'reversed' },
    },
  };
}
