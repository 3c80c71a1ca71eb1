/**
 * The figures of one nonlinear target as plain figure data (pure, so tests count points without a browser): the
 * parity plot of out-of-fold predictions coloured by outer fold, and the SHAP importance bars, beeswarm and
 * dependence plot. The first trace of each figure is the data; later traces are guides. SVG `scatter`: the SHAP
 * sample is at most a few thousand points.
 */
import type { NonlinearTarget } from '../../../src-shared/api/nonlinear-result.js';
import type { Figure, Trace } from './figure.js';

/** Plotly's default qualitative colours (D3 category10), one per outer fold. */
export const FOLD_COLOURS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];
/** Low feature values blue, high red, as SHAP's own plots draw them. */
const VALUE_SCALE = [
  [0, '#1f77b4'],
  [0.5, '#b39ddb'],
  [1, '#d62728'],
];

type Shap = NonNullable<NonlinearTarget['shap']>;
const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** Each value scaled to [0, 1] within its own range; a missing value sits in the middle. */
function normalised(values: readonly (number | null)[]): number[] {
  const [lo, hi] = extent(values.filter(isNum));
  const span = hi - lo;
  return values.map((v) => (isNum(v) ? (span > 0 ? (v - lo) / span : 0.5) : 0.5));
}

function valueMarker(colour: number[], scaleTitle: string): Record<string, unknown> {
  return {
    color: colour,
    colorscale: VALUE_SCALE,
    cmin: 0,
    cmax: 1,
    size: 6,
    opacity: 0.8,
    showscale: true,
    colorbar: { title: { text: scaleTitle }, showticklabels: false, len: 0.6 },
  };
}

export interface ParityLabels {
  x: string;
  y: string;
  series: string;
  fold(fold: number): string;
}

/** Actual against out-of-fold predicted, one marker per row with an OOF value, coloured by its outer fold; y = x. */
export function nonlinearParityFigure(target: NonlinearTarget, labels: ParityLabels): Figure {
  const { oof } = target;
  const idx = oof.row.flatMap((_, i) => (isNum(oof.predicted[i]) ? [i] : []));
  const [lo, hi] = extent(idx.flatMap((i) => [oof.actual[i]!, oof.predicted[i]!]));
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        name: labels.series,
        x: idx.map((i) => oof.actual[i]!),
        y: idx.map((i) => oof.predicted[i]!),
        text: idx.map((i) => `row ${oof.row[i]} · ${labels.fold(oof.fold[i]!)}`),
        hovertemplate: '%{text}<br>%{x} → %{y}<extra></extra>',
        marker: { color: idx.map((i) => FOLD_COLOURS[(oof.fold[i]! - 1) % FOLD_COLOURS.length]), size: 7 },
      },
      {
        type: 'scatter',
        mode: 'lines',
        x: [lo, hi],
        y: [lo, hi],
        name: 'y = x',
        line: { dash: 'dash', width: 1 },
        hovertemplate: '',
      },
    ],
    layout: { xaxis: { title: labels.x }, yaxis: { title: labels.y }, showlegend: false },
  };
}

/** Feature indices by mean |SHAP|, largest first. */
export function importanceOrder(shap: Shap): number[] {
  return shap.mean_abs.map((_, j) => j).sort((a, b) => shap.mean_abs[b]! - shap.mean_abs[a]!);
}

/** One bar per feature: its mean |SHAP|, largest first. */
export function importanceFigure(
  shap: Shap,
  features: readonly string[],
  labels: { x: string; y: string },
): Figure {
  const order = importanceOrder(shap);
  return {
    data: [
      {
        type: 'bar',
        name: labels.y,
        x: order.map((j) => features[j] ?? `#${j + 1}`),
        y: order.map((j) => shap.mean_abs[j]!),
        hovertemplate: '%{x}: %{y:.4g}<extra></extra>',
      },
    ],
    layout: { xaxis: { title: labels.x }, yaxis: { title: labels.y }, showlegend: false },
  };
}

/** A fixed spread in (−0.3, 0.3) so points of one feature row do not hide one another (golden-ratio sequence). */
const jitter = (i: number) => (((i * 0.618033988749895) % 1) - 0.5) * 0.6;

/**
 * Every SHAP value of the sample: x = SHAP value, one row per feature (most important at the top), colour = the
 * feature's value in that row scaled within the feature (blue low, red high).
 */
export function beeswarmFigure(
  shap: Shap,
  features: readonly string[],
  labels: { x: string; scale: string },
): Figure {
  const order = importanceOrder(shap);
  const x: number[] = [];
  const y: number[] = [];
  const colour: number[] = [];
  const text: string[] = [];
  order.forEach((j, rank) => {
    const position = order.length - 1 - rank;
    const scaled = normalised(shap.feature_values.map((row) => row[j] ?? null));
    shap.values.forEach((row, r) => {
      x.push(row[j]!);
      y.push(position + jitter(r));
      colour.push(scaled[r]!);
      const value = shap.feature_values[r]?.[j];
      text.push(`row ${shap.rows[r]} · ${features[j]} = ${isNum(value) ? value : '—'}`);
    });
  });
  const trace: Trace = {
    type: 'scatter',
    mode: 'markers',
    name: labels.x,
    x,
    y,
    text,
    hovertemplate: '%{text}<br>SHAP %{x:.4g}<extra></extra>',
    marker: valueMarker(colour, labels.scale),
  };
  return {
    data: [trace],
    layout: {
      xaxis: { title: labels.x },
      yaxis: {
        title: '',
        tickvals: order.map((_, rank) => order.length - 1 - rank),
        ticktext: order.map((j) => features[j] ?? `#${j + 1}`),
      },
      showlegend: false,
    },
  };
}

/** The feature (other than `feature`) with the largest mean |SHAP|, whose value colours the dependence plot. */
export function colourFeature(shap: Shap, feature: number): number | null {
  return importanceOrder(shap).find((j) => j !== feature) ?? null;
}

/** One feature's value against its SHAP value (rows where the value is known), coloured by the strongest other one. */
export function dependenceFigure(
  shap: Shap,
  features: readonly string[],
  feature: number,
  labels: { y: string; scale(name: string): string },
): Figure {
  const rows = shap.values.flatMap((_, r) => (isNum(shap.feature_values[r]?.[feature]) ? [r] : []));
  const other = colourFeature(shap, feature);
  const marker =
    other === null
      ? { size: 6, opacity: 0.8 }
      : valueMarker(
          normalised(rows.map((r) => shap.feature_values[r]?.[other] ?? null)),
          labels.scale(features[other] ?? ''),
        );
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        name: features[feature] ?? '',
        x: rows.map((r) => shap.feature_values[r]![feature]!),
        y: rows.map((r) => shap.values[r]![feature]!),
        text: rows.map((r) => `row ${shap.rows[r]}`),
        hovertemplate: '%{text}<br>%{x} → SHAP %{y:.4g}<extra></extra>',
        marker,
      },
    ],
    layout: { xaxis: { title: features[feature] ?? '' }, yaxis: { title: labels.y }, showlegend: false },
  };
}
