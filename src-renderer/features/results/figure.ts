/** The small slice of Plotly's figure format the views build (kept here so no view depends on Plotly's types). */
export interface Trace {
  type: 'scatter' | 'scattergl' | 'bar';
  x: (number | string)[];
  y: number[];
  name?: string;
  mode?: 'markers' | 'lines' | 'lines+markers';
  text?: string[];
  hovertemplate?: string;
  marker?: Record<string, unknown>;
  line?: Record<string, unknown>;
  error_y?: Record<string, unknown>;
  showlegend?: boolean;
}

/** A matrix drawn as coloured cells (term correlations); `z[row][column]`, null drawn as a gap. */
export interface HeatmapTrace {
  type: 'heatmap';
  x: string[];
  y: string[];
  z: (number | null)[][];
  zmin?: number;
  zmax?: number;
  colorscale?: string;
  hovertemplate?: string;
  name?: string;
}

/** One polyline per row across one vertical axis per dimension. */
export interface ParcoordsTrace {
  type: 'parcoords';
  dimensions: { label: string; values: number[]; range?: [number, number] }[];
  line?: Record<string, unknown>;
  name?: string;
}

export type AnyTrace = Trace | HeatmapTrace | ParcoordsTrace;

export interface Axis {
  title: string;
  autorange?: boolean | 'reversed';
  type?: 'linear' | 'log' | 'category';
  /** Labels at given positions (a beeswarm's feature rows on a numeric axis). */
  tickvals?: number[];
  ticktext?: string[];
}

export interface Figure<T extends AnyTrace = Trace> {
  data: T[];
  /** Parallel coordinates have no x/y axes. */
  layout: { xaxis?: Axis; yaxis?: Axis; showlegend?: boolean };
}

/** Trace types the basic Plotly bundle draws; anything else needs the strict (CSP-safe, full) bundle. */
const BASIC_TYPES: ReadonlySet<string> = new Set(['scatter', 'bar']);

export function needsFullPlotly(figure: Figure<AnyTrace>): boolean {
  return figure.data.some((t) => !BASIC_TYPES.has(t.type));
}

/** Points in a trace as the plot's `data-points` attribute reports them: markers, cells or polylines. */
export function pointCount(trace: AnyTrace): number {
  if (trace.type === 'heatmap') return trace.z.reduce((n, row) => n + row.length, 0);
  if (trace.type === 'parcoords') return trace.dimensions[0]?.values.length ?? 0;
  return trace.x.length;
}
