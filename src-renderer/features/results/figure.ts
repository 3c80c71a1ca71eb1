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

export interface Figure {
  data: Trace[];
  layout: { xaxis: { title: string }; yaxis: { title: string }; showlegend?: boolean };
}

/** Point counts of the data traces (reference lines excluded), as the plot's `data-points` attribute reports them. */
export function pointCount(trace: Trace): number {
  return trace.x.length;
}
