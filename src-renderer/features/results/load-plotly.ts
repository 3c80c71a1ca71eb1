/**
 * Loads Plotly only when the first chart is shown, so the first render of the app stays fast. The basic bundle
 * (scatter, bar, pie; 1.2 MB instead of 4.6 MB for the full one) is all the linear view draws. Figures with other
 * traces (WebGL `scattergl`, `parcoords`, `heatmap`) load `plotly.js-strict-dist-min` on first use: Plotly builds it
 * for pages whose CSP forbids eval, as ours does (the WebGL traces of the other bundles compile with `new Function`).
 */
export interface PlotlyApi {
  react(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown>;
  purge(el: HTMLElement): void;
  downloadImage(
    el: HTMLElement,
    options: { format: 'png' | 'svg'; filename: string; width?: number; height?: number },
  ): Promise<string>;
}

export type PlotlyBundle = 'basic' | 'strict';

const loading: Partial<Record<PlotlyBundle, Promise<PlotlyApi>>> = {};

export function loadPlotly(bundle: PlotlyBundle = 'basic'): Promise<PlotlyApi> {
  const promise =
    loading[bundle] ??
    (bundle === 'strict' ? import('plotly.js-strict-dist-min') : import('plotly.js-basic-dist-min')).then(
      (m) => (m.default ?? m) as unknown as PlotlyApi,
    );
  loading[bundle] = promise;
  return promise;
}
