/** One interactive Plotly chart with its caption and PNG/SVG export; Plotly itself is loaded on first use. */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/useT.js';
import { safeFileName } from '../../shared/save-file.js';
import { useTheme } from '../settings/useTheme.js';
import { pointCount } from './figure.js';
import type { Figure } from './figure.js';
import { loadPlotly } from './load-plotly.js';
import type { PlotlyApi } from './load-plotly.js';

interface Props {
  /** Stable name for tests and file names: `parity`, `residuals`, ... */
  plotId: string;
  title: string;
  figure: Figure;
  fileName: string;
}

const EXPORT_SIZE = { width: 1000, height: 700 };
/** Readable on light and dark backgrounds alike. */
const GRID = 'rgba(128, 128, 128, 0.25)';

export function PlotFigure({ plotId, title, figure, fileName }: Props) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const [plotly, setPlotly] = useState<PlotlyApi | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // Re-drawn on a theme change: Plotly takes colours as values, not CSS variables.
  const { theme } = useTheme();

  useEffect(() => {
    let live = true;
    loadPlotly().then(
      (api) => live && setPlotly(api),
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const el = host.current;
    if (!plotly || !el) return;
    const color = getComputedStyle(el).color || '#222';
    const layout = {
      ...figure.layout,
      xaxis: {
        ...figure.layout.xaxis,
        title: { text: figure.layout.xaxis.title },
        automargin: true,
        gridcolor: GRID,
      },
      yaxis: {
        ...figure.layout.yaxis,
        title: { text: figure.layout.yaxis.title },
        automargin: true,
        gridcolor: GRID,
      },
      margin: { l: 60, r: 20, t: 20, b: 50 },
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      font: { color, family: 'system-ui, "Noto Sans CJK JP", "Noto Sans JP", sans-serif' },
      legend: { orientation: 'h', y: -0.2 },
      height: 360,
    };
    void plotly.react(el, figure.data, layout, {
      responsive: true,
      displaylogo: false,
      displayModeBar: false,
    });
  }, [plotly, figure, theme]);

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
    <figure className="plot" data-plot={plotId} data-points={first ? pointCount(first) : 0}>
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
