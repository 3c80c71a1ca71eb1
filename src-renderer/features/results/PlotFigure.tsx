/** One interactive Plotly chart with its caption and PNG/SVG export; Plotly itself is loaded on first use. */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/useT.js';
import { safeFileName } from '../../shared/save-file.js';
import { useTheme } from '../settings/useTheme.js';
import { needsFullPlotly, pointCount } from './figure.js';
import type { AnyTrace, Axis, Figure } from './figure.js';
import { loadPlotly } from './load-plotly.js';
import type { PlotlyApi, PlotlyBundle } from './load-plotly.js';

interface Props {
  /** Stable name for tests and file names: `parity`, `residuals`, ... */
  plotId: string;
  title: string;
  figure: Figure<AnyTrace>;
  fileName: string;
  height?: number;
  /** Force a bundle (a view that needs the strict one anyway should not fetch both); default: what the traces need. */
  bundle?: PlotlyBundle;
}

const EXPORT_SIZE = { width: 1000, height: 700 };
/** Readable on light and dark backgrounds alike. */
const GRID = 'rgba(128, 128, 128, 0.25)';

function axisLayout(axis: Axis | undefined) {
  if (!axis) return undefined;
  return { ...axis, title: { text: axis.title }, automargin: true, gridcolor: GRID };
}

export function PlotFigure({ plotId, title, figure, fileName, height = 360, bundle: forced }: Props) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const [plotly, setPlotly] = useState<PlotlyApi | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // Re-drawn on a theme change: Plotly takes colours as values, not CSS variables.
  const { theme } = useTheme();
  const bundle = forced ?? (needsFullPlotly(figure) ? 'strict' : 'basic');

  useEffect(() => {
    let live = true;
    loadPlotly(bundle).then(
      (api) => live && setPlotly(api),
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [bundle]);

  useEffect(() => {
    const el = host.current;
    if (!plotly || !el) return;
    const color = getComputedStyle(el).color || '#222';
    const parcoords = figure.data.some((trace) => trace.type === 'parcoords');
    const layout = {
      ...figure.layout,
      // Only the axes a figure has: Plotly fails on an `xaxis: undefined` key.
      ...(figure.layout.xaxis ? { xaxis: axisLayout(figure.layout.xaxis) } : {}),
      ...(figure.layout.yaxis ? { yaxis: axisLayout(figure.layout.yaxis) } : {}),
      // Parallel coordinates put their axis labels above the plot.
      margin: parcoords ? { l: 60, r: 60, t: 60, b: 30 } : { l: 60, r: 20, t: 20, b: 50 },
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      font: { color, family: 'system-ui, "Noto Sans CJK JP", "Noto Sans JP", sans-serif' },
      legend: { orientation: 'h', y: -0.2 },
      height,
    };
    void plotly.react(el, figure.data, layout, {
      responsive: true,
      displaylogo: false,
      displayModeBar: false,
    });
  }, [plotly, figure, theme, height]);

  useEffect(() => {
    const el = host.current;
    return () => {
      if (plotly && el) plotly.purge(el);
    };
  }, [plotly]);

  const exportAs = (format: 'png' | 'svg') => {
    if (plotly && host.current) {
      void plotly.downloadImage(host.current, { format, filename: safeFileName(fileName), ...EXPORT_SIZE });
    }
  };

  const first = figure.data[0];
  return (
    <figure
      className="plot"
      data-plot={plotId}
      data-points={first ? pointCount(first) : 0}
      data-trace-points={figure.data.map(pointCount).join(',')}
    >
      <figcaption>
        <span>{title}</span>
        <span className="button-row">
          <button
            type="button"
            className="secondary"
            disabled={!plotly}
            aria-label={t('export.pngOf', { name: title })}
            onClick={() => exportAs('png')}
          >
            PNG
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!plotly}
            aria-label={t('export.svgOf', { name: title })}
            onClick={() => exportAs('svg')}
          >
            SVG
          </button>
        </span>
      </figcaption>
      {!plotly && !failed && <p role="status">{t('plot.loading')}</p>}
      {failed && (
        <p className="inline-error" role="alert">
          {t('plot.failed', { message: failed })}
        </p>
      )}
      <div ref={host} className="plot-host" data-testid={`plot-${plotId}`} />
    </figure>
  );
}
